"""Queue an e-mail with the transaction that causes it; send each queued e-mail once.

``email_queue`` stores an ``OutboxEmail`` in the caller's transaction and enqueues its
sending after the commit; ``email_send`` (the task ``core.tasks.send_outbox_email``) sends
it under a row lock and marks it sent in the same transaction, so a task delivered twice
sends once; ``emails_pending`` lists what a lost task left unsent, for the periodic sweep
(``core.tasks.send_pending_emails``).

The one case left is a worker killed between the mail server accepting the message and
the commit of ``sent_at`` (a few milliseconds): that message goes out twice. Sending
at most once would lose it instead, which is worse for an acknowledgement.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from core.models import OutboxEmail

logger = logging.getLogger(__name__)


def email_queue(*, key: str, subject: str, body: str, to: list[str]) -> OutboxEmail:
    """Store the e-mail ``key`` (once: the same key again returns the stored one) and send it after the commit."""
    email, created = OutboxEmail.objects.get_or_create(key=key, defaults={"subject": subject, "body": body, "to": to})
    if created:
        transaction.on_commit(partial(_enqueue, email.pk))
    return email


def _enqueue(email_id: int) -> None:
    from core.tasks import send_outbox_email

    try:
        send_outbox_email.delay(email_id)
    except Exception:
        # The broker is down: the periodic sweep (core.tasks.send_pending_emails) sends it later.
        logger.exception("Could not enqueue outgoing e-mail %s", email_id)


def email_send(*, email_id: int) -> bool:
    """Send the stored e-mail unless it was sent already; True if it was sent now."""
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return False
        send_mail(email.subject, email.body, None, email.to)
        email.sent_at = timezone.now()
        # Once sent, the body (status links, references) is no longer kept; the key says what went out.
        email.body = ""
        email.save(update_fields=["sent_at", "body"])
    logger.info("Outgoing e-mail %s sent", email.key)
    return True


def emails_pending(*, older_than_seconds: int):
    """Stored e-mails not sent after ``older_than_seconds`` (their task was lost, or is failing)."""
    limit = timezone.now() - timedelta(seconds=older_than_seconds)
    return OutboxEmail.objects.filter(sent_at__isnull=True, created_at__lte=limit).order_by("pk")
