"""Drive a job through its steps in-process (the Celery tasks call the same services)."""

from imports import services
from imports.models import ImportJob


def upload(data: bytes, name: str = "aziende.csv", user=None, resource: str = "organisations") -> ImportJob:
    return services.job_create(data=data, file_name=name, resource=resource, user=user)


def preview(job: ImportJob, capture) -> ImportJob:
    with capture(execute=False) as callbacks:
        services.job_request_preview(job=job)
    assert len(callbacks) == 1  # the task is queued only after the commit
    services.run_preview(job.pk)
    job.refresh_from_db()
    return job


def confirm_and_import(job: ImportJob, capture, policy: str = "all_or_nothing", confirmed=None) -> ImportJob:
    with capture(execute=False) as callbacks:
        services.job_confirm(job=job, policy=policy, confirmed=confirmed)
    assert len(callbacks) == 1
    with capture(execute=False):
        services.run_import(job.pk)
    job.refresh_from_db()
    return job
