"""Tasks go through a real broker to a real Celery worker."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail

from config.celery_app import app as celery_app
from core.tasks import send_email


@pytest.fixture(scope="module")
def celery_worker_thread():
    """A worker consuming the configured broker (Redis in CI, the filesystem queue elsewhere)."""
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker


def test_a_task_runs_on_a_worker_through_the_broker(celery_worker_thread):
    result = send_email.delay(subject="Prova", body="Messaggio di prova.", to=["servizio@example.org"])
    assert result.get(timeout=30) == 1
    assert [message.subject for message in mail.outbox] == ["Prova"]
    assert mail.outbox[0].to == ["servizio@example.org"]


@pytest.mark.redis
def test_the_broker_is_redis_when_configured(celery_worker_thread):
    assert celery_app.conf.broker_url == settings.CELERY_BROKER_URL
    with celery_app.connection_for_write() as connection:
        assert connection.transport.driver_type == "redis"
    result = send_email.delay(subject="Redis", body="Via Redis.", to=["servizio@example.org"])
    assert result.get(timeout=30) == 1
