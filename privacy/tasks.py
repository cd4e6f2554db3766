"""Background jobs of data protection: the nightly retention run (``CELERY_BEAT_SCHEDULE``)."""

from __future__ import annotations

from celery import shared_task


@shared_task
def apply_retention(dry_run: bool = False) -> dict[str, int]:
    """Delete or anonymise what is past its retention period; the counts per kind (no values).

    Scheduled every night at ``RETENTION_HOUR``; safe to run twice (each kind is idempotent).
    """
    from privacy.retention import retention_apply

    return retention_apply(dry_run=dry_run)
