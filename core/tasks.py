"""Background jobs shared by every app."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text e-mail outside the request, retrying while the mail server is down.

    Callers must not put personal data of the people we serve in ``subject`` or ``body``:
    e-mails say that something happened and link to the admin, where access is checked.
    A task delivered twice (a worker killed mid-task) sends twice: e-mails that must go out
    exactly once are queued with ``core.outbox.email_queue`` instead.
    """
    return send_mail(subject, body, None, to)


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=10,
    ignore_result=True,
)
def send_outbox_email(email_id: int) -> bool:
    """Send one e-mail stored by ``core.outbox.email_queue``, unless an earlier run sent it."""
    from core.outbox import email_send

    return email_send(email_id=email_id)


@shared_task(ignore_result=True)
def send_pending_emails() -> int:
    """Periodic (``CELERY_BEAT_SCHEDULE``): enqueue stored e-mails whose task was lost; returns how many."""
    from core.outbox import emails_pending

    pending = list(emails_pending(older_than_seconds=settings.SIL_SWEEP_SECONDS).values_list("pk", flat=True))
    for email_id in pending:
        send_outbox_email.delay(email_id)
    return len(pending)
