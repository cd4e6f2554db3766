"""Imports on a real Celery worker (Redis) and PostgreSQL: progress while the data stay
invisible, and two overlapping imports at once."""

import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection

from config.celery_app import app as celery_app
from imports import apply, services
from imports.models import ImportJob, ImportStatus
from network.models import Organisation
from tests.imports import files

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _wait_for(job: ImportJob, *statuses: str, timeout: float = 60) -> ImportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job stayed {job.status}: {job.error_reason}")


@pytest.fixture
def celery_worker_thread():
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker


@pytest.mark.redis
def test_preview_and_import_run_on_the_worker(celery_worker_thread, editor):
    job = services.job_create(
        data=files.csv_bytes([files.partner(n) for n in range(1, 301)]),
        file_name="aziende.csv",
        resource="organisations",
        user=editor,
    )
    services.job_request_preview(job=job)  # queued on commit: autocommit here, so at once
    job = _wait_for(job, ImportStatus.PREVIEWED, ImportStatus.FAILED)
    assert job.status == ImportStatus.PREVIEWED, job.error_reason
    assert job.count_new == 300
    assert Organisation.objects.count() == 0
    services.job_confirm(job=job)
    job = _wait_for(job, ImportStatus.IMPORTED, ImportStatus.FAILED)
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    assert (job.rows_done, job.total_rows) == (300, 300)
    assert Organisation.objects.count() == 300
    assert job.duration is not None


def test_progress_is_visible_while_the_data_are_not(monkeypatch):
    job = services.job_create(
        data=files.csv_bytes([files.partner(n) for n in range(1, 51)]), file_name="a.csv", resource="organisations"
    )
    services.job_request_preview(job=job, inline=True)
    reached, release = threading.Event(), threading.Event()
    original = apply._apply_organisations_pg

    def slow_apply(job, new, updates, progress):
        result = original(job, new, updates, progress)
        progress(1.0, force=True)  # inside the open transaction
        reached.set()
        release.wait(30)
        return result

    monkeypatch.setattr(apply, "_apply_organisations_pg", slow_apply)
    services._move(job, ImportStatus.CONFIRMED)  # confirmed, as the confirm screen does, without queueing

    def worker():
        try:
            services.run_import(job.pk, inline=True)
        finally:
            connection.close()

    thread = threading.Thread(target=worker)
    thread.start()
    assert reached.wait(30)
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTING
    assert job.rows_done == job.total_rows == 50  # written through the second connection
    assert Organisation.objects.count() == 0  # the import's rows are not committed yet
    release.set()
    thread.join(30)
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    assert Organisation.objects.count() == 50


def test_two_overlapping_imports_at_once_do_not_corrupt_each_other():
    first = services.job_create(
        data=files.csv_bytes([files.partner(n) for n in range(1, 201)]), file_name="a.csv", resource="organisations"
    )
    second = services.job_create(
        data=files.csv_bytes([files.partner(n, Telefono="035 999999") for n in range(101, 301)]),
        file_name="b.csv",
        resource="organisations",
    )
    for job in (first, second):
        services.job_request_preview(job=job, inline=True)
        assert job.count_new == 200  # each preview alone sees only new rows
        services._move(job, ImportStatus.CONFIRMED)

    def run(job_id):
        try:
            services.run_import(job_id, inline=True)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job.pk,)) for job in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ImportStatus.IMPORTED, ImportStatus.IMPORTED)
    assert Organisation.objects.count() == 300
    assert Organisation.objects.values("vat_number").distinct().count() == 300
    # Whichever ran second found the 100 shared rows already there and updated them.
    assert sorted([first.count_new, second.count_new]) == [100, 200]
    assert first.count_updated + second.count_updated == 100
