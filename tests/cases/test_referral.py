"""The referral record created from a referral-form submission."""

import pytest

from cases.models import Referral
from cases.services import referral_create_from_submission
from forms.models import FormSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(seeded_site):
    from forms.models import ReferralFormPage

    page = ReferralFormPage.objects.get(locale__language_code="it")
    return FormSubmission.objects.create(
        page=page,
        kind="referral",
        token="t1",
        reference="SIL-CASE0001",
        status_key="status-key",
        form_data={
            "person_first_name": "Mario",
            "person_last_name": "Rossi",
            "person_date_of_birth": "1985-12-10",
            "person_tax_code": "RSSMRA85T10A562S",
            "person_municipality": "Castro (BG)",
            "category": "l381_91",
            "reason": "Motivo.",
            "referring_service": "CPS",
            "referrer_name": "Giulia Bianchi",
            "referrer_email": "giulia@example.org",
            "consent": True,
        },
    )


def test_a_referral_is_created_once_with_status_received(submission):
    first = referral_create_from_submission(submission=submission)
    second = referral_create_from_submission(submission=submission)
    assert first.pk == second.pk
    assert Referral.objects.filter(submission=submission).count() == 1
    assert Referral.objects.filter(submission__isnull=False).count() == 1  # the demo's referrals have none
    assert first.status == Referral.Status.RECEIVED
    assert first.category == Referral.Category.DISADVANTAGED_381_91
    assert first.municipality_code == "016065"  # Castro in the province of Bergamo, not the one in Lecce
    assert first.referrer_phone == ""


def test_a_referral_shows_only_its_reference(submission):
    referral = referral_create_from_submission(submission=submission)
    assert str(referral) == "SIL-CASE0001"
