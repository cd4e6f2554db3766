"""Factories of the cases app: staff of a district with a role, people, referrals, cases."""

from datetime import date

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from cases import models
from cases.selectors import COORDINATORS_GROUP, ROLE_GROUPS
from tests.factories.network import DistrictFactory


def staff_user(username: str, *districts, role: str = models.Role.CASE_MANAGER, coordinator: bool = False):
    """An active staff user in the role's group, working in ``districts``."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=username, password="pw-test-2026", is_staff=True)
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    if coordinator:
        user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    profile = models.StaffProfile.objects.create(user=user)
    profile.districts.set(districts)
    return user


def english_admin(user):
    """Switch the user's admin to English, so that a page can be checked against the msgids."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


class PersonFactory(factory.django.DjangoModelFactory):
    first_name = "Mario"
    last_name = factory.Sequence(lambda n: f"Rossi{n}")
    tax_code = "RSSMRA85T10A562S"
    date_of_birth = date(1985, 12, 10)
    municipality = "Dalmine (BG)"
    district = factory.SubFactory(DistrictFactory)
    category = models.Category.GENERIC

    class Meta:
        model = models.Person


class ReferralFactory(factory.django.DjangoModelFactory):
    reference = factory.Sequence(lambda n: f"SIL-T{n:07d}")
    first_name = "Mario"
    last_name = factory.Sequence(lambda n: f"Rossi{n}")
    date_of_birth = date(1985, 12, 10)
    tax_code = factory.Sequence(lambda n: f"RSSMRA85T10A{n:03d}S")
    municipality = "Dalmine (BG)"
    category = models.Category.GENERIC
    referring_service = "CPS di Bergamo"
    referrer_name = "Giulia Bianchi"
    referrer_email = "referrer@example.org"
    reason = "Motivo della segnalazione."
    received_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = models.Referral


class CaseFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    district = factory.SelfAttribute("person.district")
    stage = models.Case.Stage.EVALUATION

    class Meta:
        model = models.Case
