"""Durable intake: processing creates the domain records once, retries, and sends e-mails without personal data."""

import json
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError

from cases.models import Referral
from forms.models import FormSubmission
from forms.tasks import process_submission
from forms.views import neutralise_cell
from jobs.models import JobOffer
from tests.factories.auth import login_staff
from tests.forms.conftest import VALID_OFFER, VALID_REFERRAL

pytestmark = pytest.mark.django_db


def post(client, slug, payload, key):
    return client.post(
        f"/api/forms/{slug}/submissions",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_a_referral_submission_creates_one_received_referral_and_two_emails(
    client, referral_page, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "segnalazione", VALID_REFERRAL, "k1")
    assert response.status_code == 201
    referral = Referral.objects.get(submission__isnull=False)  # the demo referrals have no submission
    assert referral.status == Referral.Status.RECEIVED
    assert referral.reference == response.json()["reference"]
    assert referral.municipality_code == "016091"  # Dalmine
    assert referral.category == "l68_99"
    receipt, staff = sorted(mail.outbox, key=lambda message: message.to != ["giulia.bianchi@example.org"])
    assert receipt.to == ["giulia.bianchi@example.org"]
    assert referral.reference in receipt.body
    assert "/moduli/stato/" in receipt.body
    assert staff.to == ["equipe@sil.example.org"]
    assert "/admin/forms/submissions/" in staff.body
    for message in mail.outbox:
        text = message.subject + message.body
        assert "Rossi" not in text
        assert "Mario" not in text
        assert "RSSMRA85T10A562S" not in text


def test_processing_twice_creates_one_referral_and_no_second_emails(
    referral_page, client, eager_tasks, django_capture_on_commit_callbacks
):
    post(client, "segnalazione", VALID_REFERRAL, "k2")
    submission = FormSubmission.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        process_submission.delay(submission.pk)
    with django_capture_on_commit_callbacks(execute=True):
        process_submission.delay(submission.pk)
    assert Referral.objects.filter(submission=submission).count() == 1
    assert Referral.objects.filter(submission__isnull=False).count() == 1
    assert len(mail.outbox) == 2


def test_a_task_that_fails_once_is_retried_and_the_referral_appears_once(referral_page, client, eager_tasks):
    post(client, "segnalazione", VALID_REFERRAL, "k3")
    submission = FormSubmission.objects.get()
    from cases import services

    real = services.referral_create_from_submission
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database went away")
        return real(**kwargs)

    with mock.patch.object(services, "referral_create_from_submission", side_effect=flaky):
        process_submission.delay(submission.pk)
    assert len(calls) == 2
    assert Referral.objects.filter(submission=submission).count() == 1
    submission.refresh_from_db()
    assert submission.processed_at is not None


def test_an_offer_is_flagged_when_no_organisation_has_the_vat_number(client, offer_page, eager_tasks):
    response = post(client, "offri-lavoro-o-tirocinio", VALID_OFFER, "o1")
    assert response.status_code == 201, response.content
    submission = FormSubmission.objects.get()
    process_submission.delay(submission.pk)
    offer = JobOffer.objects.get(submission=submission)  # the demo has offers typed in by staff too
    assert offer.organisation is None
    assert offer.needs_review is True
    assert offer.weekly_hours == 30
    assert offer.counts_towards_quota is True
    assert offer.place_of_work == "Bergamo (BG)"


def test_an_offer_is_linked_to_the_organisation_with_that_vat_number(client, offer_page, eager_tasks):
    from jobs import services

    organisation = mock.Mock(name="organisation")
    with (
        mock.patch.object(services, "_organisation_for_vat", return_value=None) as lookup,
        mock.patch.object(services.JobOffer.objects, "get_or_create", return_value=(mock.Mock(), True)) as create,
    ):
        lookup.return_value = organisation
        post(client, "offri-lavoro-o-tirocinio", VALID_OFFER, "o2")
        process_submission.delay(FormSubmission.objects.get().pk)
    lookup.assert_called_once_with("00743110157")
    defaults = create.call_args.kwargs["defaults"]
    assert defaults["organisation"] is organisation
    assert defaults["needs_review"] is False


def test_bad_vat_number_is_a_field_error(client, offer_page):
    response = post(client, "offri-lavoro-o-tirocinio", {**VALID_OFFER, "vat_number": "12345678901"}, "o3")
    assert response.status_code == 422
    assert "vat_number" in response.json()["errors"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+39 035", "'+39 035"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Dalmine", "Dalmine"),
        (3, 3),
    ],
)
def test_export_cells_are_neutralised(value, expected):
    assert neutralise_cell(value) == expected


def test_csv_export_of_submissions_neutralises_formulas(client, referral_page, django_user_model):
    post(client, "segnalazione", {**VALID_REFERRAL, "reason": "=cmd|' /C calc'!A0"}, "x1")
    login_staff(client, django_user_model.objects.create_superuser("boss", password="x" * 12))
    response = client.get(f"/admin/forms/submissions/{referral_page.pk}/?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert "'=cmd" in content
    assert ",=cmd" not in content


def test_a_broker_outage_does_not_lose_the_submission(
    client, referral_page, eager_tasks, django_capture_on_commit_callbacks
):
    import io

    from django.core.management import call_command

    with (
        mock.patch.object(process_submission, "delay", side_effect=ConnectionError("broker down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post(client, "segnalazione", VALID_REFERRAL, "outage")
    assert response.status_code == 201  # the submitter still gets the reference
    submission = FormSubmission.objects.get()
    assert submission.processed_at is None
    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("process_pending_submissions", "--older-than", "0", "--now", stdout=output)
    assert "1 pending" in output.getvalue()
    assert Referral.objects.filter(submission=submission).count() == 1
    assert len(mail.outbox) == 2
