"""The demo case work: people at every stage, demo users per role who see them."""

import pytest
from django.urls import reverse

from cases.demo import PER_STAGE
from cases.models import Case, Referral
from tests.factories.auth import login_staff

pytestmark = pytest.mark.django_db


def test_the_demo_has_people_at_every_stage_and_users_who_see_them(seeded_site, client):
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("seed_demo_cases", stdout=io.StringIO())
    call_command("seed_demo_cases", stdout=io.StringIO())  # idempotent

    for stage in Case.Stage.values:
        assert Case.objects.filter(stage=stage).count() == PER_STAGE
    assert Referral.objects.filter(status=Referral.Status.RECEIVED).count() >= PER_STAGE
    login_staff(client, get_user_model().objects.get(username="demo-casemanager"))
    response = client.get(reverse("cases_list"))
    assert response.status_code == 200
    assert len(response.context["cases"]) == 5 * PER_STAGE
    case = Case.objects.filter(stage=Case.Stage.MONITORING).first()
    assert client.get(reverse("cases_case", args=[case.pk])).status_code == 200
