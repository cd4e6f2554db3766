"""Background steps of an import. Each takes the job id and does nothing when the job
is no longer in the state the step expects, so a task delivered twice is harmless."""

from celery import shared_task


@shared_task
def parse_upload(job_id: int) -> str:
    """Read an uploaded file: header row, columns, suggested mapping."""
    from imports.services import run_parse

    return run_parse(job_id).status


@shared_task
def preview_import(job_id: int) -> str:
    """The dry run: counts, invalid rows with reasons, changes old → new."""
    from imports.services import run_preview

    return run_preview(job_id).status


@shared_task(acks_late=True)
def run_import_task(job_id: int) -> str:
    """The import itself, in one transaction."""
    from imports.services import run_import

    return run_import(job_id).status


@shared_task(acks_late=True)
def undo_import(job_id: int) -> str:
    """Take an import back, in one transaction."""
    from imports.services import run_undo

    return run_undo(job_id).status


@shared_task
def reindex_import(job_id: int) -> int:
    """Put imported organisations in the search index (bulk writes bypass Wagtail's signals)."""
    from imports.services import reindex

    return reindex(job_id)


@shared_task
def purge_import_files() -> int:
    """Delete uploaded files past the retention period (run daily, e.g. from celery beat or cron)."""
    from imports.services import purge_expired_files

    return purge_expired_files()
