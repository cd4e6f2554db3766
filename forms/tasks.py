"""Background side effects of a submission, run after it is committed."""

from celery import shared_task
from django.db import DatabaseError


# ``ignore_result``: nobody reads the result, and with the Redis result backend every
# ``delay()`` would otherwise also subscribe the web process to the task's result channel
# (extra round trips on the request path, and subscriptions that pile up in every worker).
@shared_task(
    autoretry_for=(DatabaseError, OSError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=10,
    ignore_result=True,
)
def process_submission(submission_id: int) -> None:
    """Create the referral or job offer and send the e-mails; safe to run more than once."""
    from forms.services import submission_process

    submission_process(submission_id=submission_id)
