"""Background jobs of case work, run by the Celery worker (the reminders by beat, daily)."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.utils import timezone


@shared_task
def send_due_reminders(today: str | None = None) -> int:
    """E-mail the staff the reminders due today (overdue referrals, reviews, internships ending,
    post-hire check-ins); scheduled in ``CELERY_BEAT_SCHEDULE``. Safe to run more than once a day:
    each reminder is recorded and sent once. ``today`` (ISO date) is for running it by hand."""
    from cases.reminders import reminders_send

    return reminders_send(today=date.fromisoformat(today) if today else timezone.localdate())
