"""Through the real broker and a real worker: a failing task is retried and the referral appears once."""

import json
import time
from unittest import mock

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError

from cases.models import Referral
from config.celery_app import app as celery_app
from forms.models import FormSubmission
from tests.forms.conftest import VALID_REFERRAL

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_submission_survives_a_failing_first_attempt(client, settings):
    import io

    call_command("seed_demo", stdout=io.StringIO())
    cache.clear()
    from cases import services

    real = services.referral_create_from_submission
    attempts = []

    def flaky(**kwargs):
        attempts.append(1)
        if len(attempts) == 1:
            raise OperationalError("the database restarted")
        return real(**kwargs)

    with (
        mock.patch.object(services, "referral_create_from_submission", side_effect=flaky),
        start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30),
    ):
        response = client.post(
            "/api/forms/segnalazione/submissions",
            data=json.dumps(VALID_REFERRAL),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="worker-1",
        )
        assert response.status_code == 201
        deadline = time.monotonic() + 60
        while not Referral.objects.filter(submission__isnull=False).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    assert len(attempts) == 2
    submission = FormSubmission.objects.get()
    assert Referral.objects.filter(submission=submission).count() == 1
    assert Referral.objects.get(submission=submission).status == "received"
