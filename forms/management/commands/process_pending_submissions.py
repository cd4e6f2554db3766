"""``manage.py process_pending_submissions``: enqueue submissions whose processing never ran.

A submission is stored before anything else happens; if the broker was down at that
moment, its processing task was not enqueued. Celery beat runs the same sweep every
SWEEP_SECONDS (``forms.tasks.enqueue_pending_submissions``); this command does it by hand,
or from cron where beat does not run, so those submissions still become referrals or
offers and still get their e-mails.
Processing is idempotent, so enqueueing one that is merely slow does no harm.
"""

from django.core.management.base import BaseCommand

from forms.services import submission_process, submissions_pending


class Command(BaseCommand):
    help = "Enqueue (or, with --now, run) the processing of submissions that were stored but not processed."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=300, help="Only submissions older than this (seconds).")
        parser.add_argument("--now", action="store_true", help="Process them here instead of enqueueing them.")

    def handle(self, *args, older_than, now, **options):
        from forms.tasks import process_submission

        pending = list(submissions_pending(older_than_seconds=older_than).values_list("pk", flat=True))
        for submission_id in pending:
            if now:
                submission_process(submission_id=submission_id)
            else:
                process_submission.delay(submission_id)
        self.stdout.write(f"{len(pending)} pending submissions {'processed' if now else 'enqueued'}.")
