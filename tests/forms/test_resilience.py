"""A submission accepted while the broker is down is processed later, once, with its e-mails sent once."""

import json
from unittest import mock

import pytest
from django.core import mail
from kombu.exceptions import OperationalError

from cases.models import Referral
from core.models import OutboxEmail
from core.tasks import send_outbox_email
from forms.models import FormSubmission
from forms.services import submission_process
from forms.tasks import enqueue_pending_submissions, process_submission
from tests.forms.conftest import VALID_REFERRAL

pytestmark = pytest.mark.django_db


def post(client, key: str):
    return client.post(
        "/api/forms/segnalazione/submissions",
        data=json.dumps(VALID_REFERRAL),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_a_submission_accepted_with_the_broker_down_is_processed_by_the_sweep(
    client, referral_page, eager_tasks, settings, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(process_submission, "delay", side_effect=OperationalError("broker down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post(client, "broker-down-1")
    assert response.status_code == 201  # accepted: it is stored, only its processing waits
    submission = FormSubmission.objects.get()
    assert submission.processed_at is None
    assert not Referral.objects.filter(submission=submission).exists()
    assert mail.outbox == []

    settings.SIL_SWEEP_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_pending_submissions.apply().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_pending_submissions.apply().get() == 0  # nothing left to do
    submission.refresh_from_db()
    assert submission.processed_at is not None
    assert Referral.objects.filter(submission=submission).count() == 1
    receipts = [message for message in mail.outbox if message.to == [VALID_REFERRAL["referrer_email"]]]
    assert len(receipts) == 1
    assert submission.reference in receipts[0].subject


def test_processing_twice_creates_one_referral_and_queues_each_email_once(
    client, referral_page, settings, django_capture_on_commit_callbacks
):
    referral_page.to_address = "accoglienza@sil.example.org"
    referral_page.save_revision().publish()
    with mock.patch.object(process_submission, "delay"):
        assert post(client, "twice-1").status_code == 201
    submission = FormSubmission.objects.get()
    with mock.patch.object(send_outbox_email, "delay") as delay, django_capture_on_commit_callbacks(execute=True):
        submission_process(submission_id=submission.pk)
        submission_process(submission_id=submission.pk)  # the task delivered again after a worker crash
    assert Referral.objects.filter(submission=submission).count() == 1
    keys = set(OutboxEmail.objects.values_list("key", flat=True))
    assert keys == {f"forms.submission:{submission.pk}:receipt", f"forms.submission:{submission.pk}:staff"}
    assert delay.call_count == 2
    for email in OutboxEmail.objects.all():
        send_outbox_email.apply(args=[email.pk])
        send_outbox_email.apply(args=[email.pk])
    assert sorted(message.to[0] for message in mail.outbox) == [
        "accoglienza@sil.example.org",
        VALID_REFERRAL["referrer_email"],
    ]
