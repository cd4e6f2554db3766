"""Factories of the jobs app: offers (any state) and employer contacts.

Shared with the matching and dashboard suites; keep them small. Offers default to an
open job offer of a fresh organisation; pass ``district`` to scope them.
"""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from jobs import models
from tests.factories.network import OrganisationFactory


class JobOfferFactory(factory.django.DjangoModelFactory):
    reference = factory.Sequence(lambda n: f"OFF-T{n:06d}")
    organisation = factory.SubFactory(OrganisationFactory)
    kind = models.JobOffer.Kind.JOB
    status = models.JobOffer.Status.OPEN
    company_name = factory.LazyAttribute(lambda o: o.organisation.name if o.organisation else "Ditta Esempio srl")
    vat_number = factory.LazyAttribute(lambda o: o.organisation.vat_number if o.organisation else "00743110157")
    contact_name = "Anna Verdi"
    contact_email = "anna.verdi@example.org"
    role = factory.Sequence(lambda n: f"Ruolo di prova {n}")
    place_of_work = "Dalmine (BG)"
    place_of_work_code = "016091"
    weekly_hours = 30
    contract_type = "fixed_term"
    received_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Meta:
        model = models.JobOffer


class PromoterUserFactory(factory.django.DjangoModelFactory):
    """A bare staff user to sign contacts; use ``staff_user`` when districts and groups matter."""

    username = factory.Sequence(lambda n: f"promotore-prova-{n}")
    is_staff = True

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)


class EmployerContactFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    promoter = factory.SubFactory(PromoterUserFactory)
    kind = models.EmployerContact.Kind.CALL
    outcome = models.EmployerContact.Outcome.INTERESTED
    occurred_on = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = models.EmployerContact
