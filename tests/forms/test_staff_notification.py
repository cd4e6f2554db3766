"""A new referral is notified to the staff of the district of the person's municipality."""

import json

import pytest
from django.core import mail

from cases.models import Referral, Role
from network.models import District
from tests.factories.cases import staff_user
from tests.forms.conftest import VALID_REFERRAL

pytestmark = pytest.mark.django_db


def with_email(user, address: str):
    user.email = address
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def district_staff(referral_page):
    dalmine, seriate = District.objects.get(slug="dalmine"), District.objects.get(slug="seriate")
    return {
        "manager": with_email(staff_user("manager", dalmine), "manager@sil.example.org"),
        "coordinator": with_email(
            staff_user("coordinator", dalmine, role=Role.EDUCATOR, coordinator=True), "coord@sil.example.org"
        ),
        "psychologist": with_email(staff_user("psy", dalmine, role=Role.PSYCHOLOGIST), "psy@sil.example.org"),
        "other_district": with_email(staff_user("seriate", seriate), "seriate@sil.example.org"),
        "inactive": with_email(staff_user("gone", dalmine), "gone@sil.example.org"),
    }


def submit(client, django_capture_on_commit_callbacks, municipality: str):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/forms/segnalazione/submissions",
            data=json.dumps({**VALID_REFERRAL, "person_municipality": municipality}),
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    return Referral.objects.get(reference=response.json()["reference"])


def staff_notices():
    return [message for message in mail.outbox if message.to != [VALID_REFERRAL["referrer_email"]]]


def test_the_demo_districts_list_their_municipalities(referral_page):
    dalmine = District.objects.get(slug="dalmine")
    assert "016091" in dalmine.municipality_codes  # Dalmine
    assert "016024" in District.objects.get(slug="bergamo").municipality_codes  # Bergamo
    every = [code for district in District.objects.all() for code in district.municipality_codes]
    assert len(every) == len(set(every)) == 44  # each municipality in one district only


def test_a_referral_goes_to_the_district_staff_who_take_in_referrals(
    client, referral_page, district_staff, eager_tasks, django_capture_on_commit_callbacks
):
    district_staff["inactive"].is_active = False
    district_staff["inactive"].save()
    referral = submit(client, django_capture_on_commit_callbacks, "Dalmine")
    [notice] = staff_notices()
    assert sorted(notice.to) == ["coord@sil.example.org", "manager@sil.example.org"]
    assert f"http://testserver/admin/cases/referrals/{referral.pk}/" in notice.body
    assert referral.reference in notice.body
    for secret in ("Mario", "Rossi", "RSSMRA85T10A562S", "Dalmine", "Giulia"):
        assert secret not in notice.subject + notice.body


def test_the_district_comes_from_the_municipality_code(
    client, referral_page, district_staff, eager_tasks, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks, "Seriate (BG)")
    [notice] = staff_notices()
    assert notice.to == ["seriate@sil.example.org"]


def test_a_municipality_of_no_district_goes_to_the_page_address(
    client, referral_page, district_staff, eager_tasks, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks, "Treviglio")
    [notice] = staff_notices()
    assert notice.to == ["equipe@sil.example.org"]
    assert "/admin/forms/submissions/" in notice.body


def test_a_district_with_nobody_to_take_it_in_falls_back_to_the_page_address(
    client, referral_page, eager_tasks, django_capture_on_commit_callbacks
):
    with_email(staff_user("psy", District.objects.get(slug="dalmine"), role=Role.PSYCHOLOGIST), "psy@x.org")
    submit(client, django_capture_on_commit_callbacks, "Dalmine")
    [notice] = staff_notices()
    assert notice.to == ["equipe@sil.example.org"]
