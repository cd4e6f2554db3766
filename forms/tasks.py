"""Background side effects of a submission, run after it is committed."""

from celery import shared_task
from django.conf import settings
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


@shared_task(ignore_result=True)
def enqueue_pending_submissions() -> int:
    """Periodic (``CELERY_BEAT_SCHEDULE``): enqueue the submissions whose processing task was lost.

    A task is lost when the broker was down as the submission was stored, or restarted
    without its queue, or when a worker was killed holding it (Redis hands it out again
    only after its visibility timeout, an hour). Returns how many were enqueued.
    """
    from forms.services import submissions_pending

    pending = list(submissions_pending(older_than_seconds=settings.SIL_SWEEP_SECONDS).values_list("pk", flat=True))
    for submission_id in pending:
        process_submission.delay(submission_id)
    return len(pending)
