"""The e-mail outbox: a stored e-mail goes out once however often its task runs, and a lost task is swept up."""

from unittest import mock

import pytest
from django.core import mail
from kombu.exceptions import OperationalError

from core.models import OutboxEmail
from core.outbox import email_queue
from core.tasks import send_outbox_email, send_pending_emails

pytestmark = pytest.mark.django_db

MESSAGE = {"subject": "Ricevuta SIL-TEST0001", "body": "Codice: SIL-TEST0001\n", "to": ["referente@example.org"]}


def test_a_task_run_twice_sends_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        email = email_queue(key="test:1:receipt", **MESSAGE)
    assert len(callbacks) == 1  # its sending is enqueued after the commit
    assert send_outbox_email.apply(args=[email.pk]).get() is True
    assert send_outbox_email.apply(args=[email.pk]).get() is False  # redelivered after a worker crash
    assert [message.subject for message in mail.outbox] == ["Ricevuta SIL-TEST0001"]
    assert mail.outbox[0].to == ["referente@example.org"]
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.body == ""  # status links and references are not kept once the message went out


def test_the_same_key_is_queued_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = email_queue(key="test:2:receipt", **MESSAGE)
        second = email_queue(key="test:2:receipt", **{**MESSAGE, "subject": "Altro"})
    assert first.pk == second.pk
    assert OutboxEmail.objects.get().subject == MESSAGE["subject"]
    assert len(callbacks) == 1


def test_an_email_whose_task_was_lost_is_sent_by_the_sweep(settings, django_capture_on_commit_callbacks):
    settings.SIL_SWEEP_SECONDS = 0
    with (
        mock.patch.object(send_outbox_email, "delay", side_effect=OperationalError("broker down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        email = email_queue(key="test:3:staff", **MESSAGE)  # the enqueue fails: logged, not raised
    assert mail.outbox == []
    with mock.patch.object(send_outbox_email, "delay", side_effect=lambda pk: send_outbox_email.apply(args=[pk])):
        assert send_pending_emails.apply().get() == 1
        assert send_pending_emails.apply().get() == 0  # nothing left: the second sweep sends nothing
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at is not None


def test_the_sweep_leaves_young_emails_to_their_own_task(settings):
    settings.SIL_SWEEP_SECONDS = 300
    OutboxEmail.objects.create(key="test:4:receipt", **MESSAGE)
    with mock.patch.object(send_outbox_email, "delay") as delay:
        assert send_pending_emails.apply().get() == 0
    delay.assert_not_called()


def test_a_failed_send_is_not_marked_sent():
    email = OutboxEmail.objects.create(key="test:5:receipt", **MESSAGE)
    with mock.patch("core.outbox.send_mail", side_effect=ConnectionRefusedError("mail server down")):
        result = send_outbox_email.apply(args=[email.pk])
    assert result.failed()  # retried by Celery (autoretry_for OSError); here, with no broker, it fails
    email.refresh_from_db()
    assert email.sent_at is None
