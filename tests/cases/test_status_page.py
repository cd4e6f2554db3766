"""The referring worker's private status page shows the referral's current step and history."""

import pytest
from django.urls import reverse

from cases import services
from cases.models import Referral
from forms.models import FormSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(seeded_site):
    from forms.models import ReferralFormPage

    submission = FormSubmission.objects.create(
        page=ReferralFormPage.objects.get(locale__language_code="it"),
        kind="referral",
        token="t-status",
        reference="SIL-STAT0001",
        status_key="private-status-key",
        form_data={
            "person_first_name": "Mario",
            "person_last_name": "Rossi",
            "person_date_of_birth": "1985-12-10",
            "person_tax_code": "RSSMRA85T10A562S",
            "person_municipality": "Dalmine (BG)",
            "category": "generic",
            "reason": "Motivo.",
            "referring_service": "CPS",
            "referrer_name": "Giulia Bianchi",
            "referrer_email": "giulia@example.org",
            "consent": True,
        },
    )
    return services.referral_create_from_submission(submission=submission)


def test_the_status_page_shows_each_step_and_no_personal_data(client, referral, district, manager):
    services.referral_acknowledge(referral=referral, by=manager, district=district)
    services.referral_start_evaluation(referral=referral, by=manager)
    response = client.get(reverse("forms_status", args=["private-status-key"]))
    assert response.status_code == 200
    assert Referral.objects.get(pk=referral.pk).get_status_display() in response.text
    history = response.text.split('id="submission-history"', 1)[1].split("</ol>", 1)[0]
    assert history.count("<li>") == 3  # received, acknowledged, evaluation
    for personal in ("Mario", "Rossi", "RSSMRA85T10A562S", "Motivo."):
        assert personal not in response.text


def test_a_staff_link_from_the_e_mail_carries_the_status_url(
    referral, district, manager, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        services.referral_acknowledge(referral=referral, by=manager, district=district)
    assert "/private-status-key" in mail.outbox[-1].body
    assert "Mario" not in mail.outbox[-1].body
