"""Background jobs shared by every app."""

from celery import shared_task
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text e-mail outside the request, retrying while the mail server is down.

    Callers must not put personal data of the people we serve in ``subject`` or ``body``:
    e-mails say that something happened and link to the admin, where access is checked.
    """
    return send_mail(subject, body, None, to)
