"""The steps of an import, shared by the admin screens, the Celery tasks and the command.

upload → (parse) → mapping → preview (dry run) → confirm → import → (undo)

Each step checks the job's state and moves it with ``_move``, a conditional UPDATE, so
two clicks, a page reload or a task delivered twice cannot run a step twice. The
import itself writes every row in one transaction: the long part (reading and
checking the file) happens before it, with progress committed as it goes; the short
set-based write happens inside it, under a lock that serialises imports.
"""

import hashlib
import json
import logging
import tempfile
import time
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imports import readers
from imports.apply import ConcurrentChangeError, apply_contacts, apply_organisations, undo_job
from imports.mapping import header_key, suggest_mapping
from imports.models import (
    ImportJob,
    ImportPolicy,
    ImportStatus,
    InvalidTransitionError,
    MappingPreset,
    import_storage,
)
from imports.resources import INVALID, NEW, RESOURCES, TO_CONFIRM, UNCHANGED, UPDATE, Analysis, RowOutcome

logger = logging.getLogger(__name__)

REPORT_MAX_UPDATES = 500
REPORT_MAX_TO_CONFIRM = 1000
REPORT_MAX_ERRORS = 50_000
STAGE_VERSION = 1  # bump when the cleaning of rows changes, so old staged results are not reused
LOCK_KEY = 73_190_007  # pg_advisory_xact_lock key shared by every import and undo


def _move(job: ImportJob, to: str, *, allowed_from: set[str] | None = None, **fields) -> None:
    """Move ``job`` to ``to`` only if the database still has it in a state that allows it."""
    sources = allowed_from or {state for state, targets in ImportJob.TRANSITIONS.items() if to in targets}
    updated = ImportJob.objects.filter(pk=job.pk, status__in=sources).update(status=to, **fields)
    if not updated:
        job.refresh_from_db()
        raise InvalidTransitionError(f"job {job.pk}: {job.status} → {to}")
    job.status = to
    for name, value in fields.items():
        setattr(job, name, value)


def _fail(job: ImportJob, reason: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED, error_reason=reason, finished_at=timezone.now()
    )
    job.status, job.error_reason = ImportStatus.FAILED, reason


# --- upload and mapping ----------------------------------------------------------------------


def job_create(
    *,
    data: bytes,
    file_name: str,
    resource: str,
    user=None,
    preset: MappingPreset | None = None,
    inline: bool = True,
) -> ImportJob:
    """Record the upload; a refused file gives a failed job with its reason.

    The cheap checks (size, format against extension, zip limits) run at once, so an
    obviously wrong file is refused on the upload screen. Reading the rows can take a
    while for a large spreadsheet: the screens queue it (``inline=False``) and show the
    job reading; the command line and the tests read at once.
    """
    from imports.tasks import parse_upload

    file_name = file_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200] or "file"
    job = ImportJob.objects.create(
        resource=resource,
        created_by=user,
        file_name=file_name,
        file_size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        preset=preset,
        heartbeat_at=timezone.now(),
    )
    try:
        readers.precheck(data, file_name)
    except readers.FileRefusedError as refusal:
        _fail(job, str(refusal))
        return job
    job.file.save(file_name, ContentFile(data), save=False)
    ImportJob.objects.filter(pk=job.pk).update(file=job.file.name)
    if inline:
        return run_parse(job.pk)
    transaction.on_commit(lambda: parse_upload.delay(job.pk))
    return job


def run_parse(job_id: int) -> ImportJob:
    """Read the uploaded file: header row, columns, suggested mapping, a few sample rows."""
    job = ImportJob.objects.select_related("preset").get(pk=job_id)
    if job.status != ImportStatus.UPLOADED:
        return job  # read already: a redelivered task does nothing
    try:
        parsed = _load(job)
    except readers.FileRefusedError as refusal:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")
        _fail(job, str(refusal))
        return job
    mapping = suggest_mapping(job.resource, parsed.headers, job.preset.mapping if job.preset else None)
    data_rows = [row for row in parsed.rows if any(row)]
    _move(
        job,
        ImportStatus.PARSED,
        allowed_from={ImportStatus.UPLOADED},
        file_format=parsed.file_format,
        headers=parsed.headers,
        header_row=parsed.header_row,
        source_details={**parsed.details, "samples": data_rows[:3]},
        total_rows=len(data_rows),
        mapping={str(index): name for index, name in mapping.items()},
    )
    return job


def refuse_oversized(*, file_name: str, size: int, resource: str, user=None) -> ImportJob:
    """Record an upload refused before reading it (too large), so it shows in the history."""
    job = ImportJob.objects.create(
        resource=resource, created_by=user, file_name=file_name[:200], file_size=size, sha256=""
    )
    _fail(
        job,
        _("The file is larger than the limit of %(limit)d MB.")
        % {"limit": settings.SIL_IMPORTS_MAX_UPLOAD_BYTES // 2**20},
    )
    return job


def _recogniser(resource: str) -> Callable[[str], bool]:
    index = RESOURCES[resource].alias_index()
    return lambda text: header_key(text) in index


def job_set_mapping(*, job: ImportJob, mapping: dict[int, str], preset_name: str = "", user=None) -> ImportJob:
    """Save the column mapping (and, if named, a preset for the next file from the same source)."""
    if job.status not in {ImportStatus.PARSED, ImportStatus.PREVIEWED, ImportStatus.FAILED}:
        raise InvalidTransitionError(job.status)
    preset = job.preset
    if preset_name:
        preset, _created = MappingPreset.objects.update_or_create(
            resource=job.resource,
            name=preset_name[:120],
            defaults={
                "mapping": {header_key(job.headers[index]): name for index, name in mapping.items()},
                "created_by": user,
            },
        )
    fields = {"mapping": {str(index): name for index, name in mapping.items()}, "preset": preset}
    if job.status != ImportStatus.PARSED:
        _move(job, ImportStatus.PARSED, **fields, error_reason="")
    else:
        ImportJob.objects.filter(pk=job.pk).update(**fields)
        job.mapping, job.preset = fields["mapping"], preset
    return job


def job_mapping(job: ImportJob) -> dict[int, str]:
    return {int(index): name for index, name in job.mapping.items() if name}


# --- reading and analysing -------------------------------------------------------------------


class Progress:
    """Writes rows done of total to the job about once a second.

    Outside a transaction it is a plain committed UPDATE. Inside the import's
    transaction it goes through a second connection (PostgreSQL), so staff see it move
    while the data stay invisible until the final commit. SQLite allows one writer at
    a time, so there it waits for the commit.
    """

    def __init__(self, job: ImportJob, start: float = 0.0, span: float = 1.0) -> None:
        self.job, self.start, self.span = job, start, span
        self.last = 0.0
        self.side = None

    def __call__(self, fraction: float, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 1.0:
            return
        self.last = now
        done = int(self.job.total_rows * min(1.0, self.start + self.span * fraction))
        self.write(rows_done=done, heartbeat_at=timezone.now())

    def write(self, **fields) -> None:
        if not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job.pk).update(**fields)
            return
        if connection.vendor != "postgresql":
            return
        try:
            if self.side is None:
                self.side = connections.create_connection("default")
                self.side.set_autocommit(True)
                with self.side.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '1s'")
            with self.side.cursor() as cursor:
                cursor.execute(
                    "UPDATE imports_importjob SET rows_done = %s, heartbeat_at = %s WHERE id = %s",
                    [fields["rows_done"], fields["heartbeat_at"], self.job.pk],
                )
        except DatabaseError:
            logger.warning("import %s: progress not written", self.job.pk)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


def _load(job: ImportJob) -> readers.ParsedFile:
    with job.file.open("rb") as handle:
        data = handle.read()
    return readers.parse_file(data, job.file_name, _recogniser(job.resource))


def _data_rows(parsed: readers.ParsedFile) -> list[tuple[int, list[str]]]:
    return [(parsed.row_number(index), row) for index, row in enumerate(parsed.rows) if any(row)]


def cleaned_rows(job: ImportJob, progress: Callable[[float], None] | None = None) -> list[RowOutcome]:
    """Every row of the file, checked (not yet matched against the database).

    The result is kept next to the upload (JSON, private storage), keyed by the file's
    SHA-256 and the mapping: the import reuses the preview's work instead of reading and
    checking 100,000 rows twice. Matching is always redone, under the import's lock.
    """
    mapping = job_mapping(job)
    resource_class = RESOURCES[job.resource]
    missing = [name for name in resource_class.required if name not in mapping.values()]
    if missing:
        raise readers.FileRefusedError(
            _("No column is mapped to: %(fields)s.")
            % {"fields": ", ".join(dict(resource_class.targets())[name] for name in missing)}
        )
    storage, name = import_storage(), _stage_name(job)
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            return [RowOutcome(*item) for item in json.load(handle)]
    parsed = _load(job)
    outcomes = resource_class().clean_rows(_data_rows(parsed), mapping, headers=parsed.headers, progress=progress)
    del parsed
    for row in outcomes:
        if row.action != INVALID:
            # Only rejected rows go back to staff as they were; dropping the others' cells
            # halves the memory of a large file. (A row that matching rejects later is
            # reported with its row number and reason, without its cells.)
            row.raw = []
    with tempfile.TemporaryFile() as handle:
        # json.dumps per slice: the C encoder, without one 50-MB string for a large file.
        handle.write(b"[")
        for start in range(0, len(outcomes), 5000):
            if start:
                handle.write(b",")
            chunk = [
                [row.row_number, row.action, row.values, None, "", {}, row.errors, row.raw]
                for row in outcomes[start : start + 5000]
            ]
            handle.write(json.dumps(chunk, separators=(",", ":"))[1:-1].encode())
        handle.write(b"]")
        handle.seek(0)
        storage.save(name, File(handle))
    return outcomes


def _stage_name(job: ImportJob) -> str:
    key = hashlib.sha256(
        f"{job.sha256}|{json.dumps(job.mapping, sort_keys=True)}|{job.resource}|{STAGE_VERSION}".encode()
    ).hexdigest()[:20]
    return f"imports/staged/job-{job.pk}-{key}.json"


def _drop_stage(job: ImportJob) -> None:
    storage = import_storage()
    try:
        _directories, names = storage.listdir("imports/staged")
    except FileNotFoundError:
        return
    for name in names:
        if name.startswith(f"job-{job.pk}-"):
            storage.delete(f"imports/staged/{name}")


def analyse(job: ImportJob, progress: Callable[[float], None] | None = None) -> Analysis:
    """Read and check the whole file and match it against the database, writing nothing."""
    outcomes = cleaned_rows(job, progress)
    return RESOURCES[job.resource]().match(outcomes, confirmed=job.confirmed_matches)


def _report(analysis: Analysis) -> dict:
    errors, rejected, updates, to_confirm = [], [], [], []
    for row in analysis.rows:
        if row.action == INVALID:
            if len(errors) < REPORT_MAX_ERRORS:
                errors.extend([row.row_number, column, reason] for column, reason in row.errors)
                rejected.append([row.row_number, row.raw])
        elif row.action == UPDATE and len(updates) < REPORT_MAX_UPDATES:
            updates.append(
                {
                    "row": row.row_number,
                    "id": row.target_id,
                    "name": row.values.get("name", ""),
                    "matched_by": row.matched_by,
                    "changes": {k: v for k, v in row.changes.items() if k != "location_id"},
                }
            )
        elif row.action == TO_CONFIRM and len(to_confirm) < REPORT_MAX_TO_CONFIRM:
            to_confirm.append(
                {
                    "row": row.row_number,
                    "name": row.values.get("name", ""),
                    "municipality": row.values.get("municipality", ""),
                    "candidate_id": row.target_id,
                }
            )
    sector_ids = {value for item in updates for value in item["changes"].get("sector", []) if value}
    if sector_ids:
        from network.models import TaxonomyTerm

        terms = {term.pk: str(term) for term in TaxonomyTerm.objects.filter(pk__in=sector_ids)}
        for item in updates:
            if "sector" in item["changes"]:
                item["changes"]["sector"] = [terms.get(value, value or "") for value in item["changes"]["sector"]]
    if to_confirm:
        from network.models import Organisation

        names = dict(
            Organisation.objects.filter(pk__in=[item["candidate_id"] for item in to_confirm]).values_list("pk", "name")
        )
        for item in to_confirm:
            item["candidate_name"] = names.get(item["candidate_id"], "")
    return {"errors": errors, "rejected": rejected, "updates": updates, "to_confirm": to_confirm}


def _counts(analysis: Analysis) -> dict:
    return {
        "count_new": analysis.count(NEW),
        "count_updated": analysis.count(UPDATE),
        "count_unchanged": analysis.count(UNCHANGED),
        "count_invalid": analysis.count(INVALID),
        "count_to_confirm": analysis.count(TO_CONFIRM),
        "total_rows": len(analysis.rows),
    }


# --- preview ---------------------------------------------------------------------------------


def job_request_preview(*, job: ImportJob, inline: bool = False) -> None:
    """Queue the dry run (``inline``: run it now, for the command line)."""
    from imports.tasks import preview_import

    _move(job, ImportStatus.PREVIEWING, rows_done=0, error_reason="", heartbeat_at=timezone.now())
    if inline:
        run_preview(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: preview_import.delay(job.pk))


def run_preview(job_id: int) -> ImportJob:
    """The dry run: counts, errors, changes; nothing is written but the job's report."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportStatus.PREVIEWING:
        return job  # already done, or cancelled: a redelivered task does nothing
    started = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(started_at=started, heartbeat_at=started)
    progress = Progress(job)
    try:
        analysis = analyse(job, progress)
    except readers.FileRefusedError as refusal:
        _move(job, ImportStatus.PARSED, error_reason=str(refusal))
        return job
    except Exception as error:
        logger.exception("import %s: preview failed", job.pk)
        _fail(job, _("The preview stopped with an error (%(error)s).") % {"error": type(error).__name__})
        raise
    finally:
        progress.close()
    try:
        _move(
            job,
            ImportStatus.PREVIEWED,
            allowed_from={ImportStatus.PREVIEWING},
            report=_report(analysis),
            rows_done=len(analysis.rows),
            finished_at=timezone.now(),
            **_counts(analysis),
        )
    except InvalidTransitionError:
        logger.info("import %s: preview finished twice (restarted while queued); the first one counts", job.pk)
    return job


# --- import ----------------------------------------------------------------------------------


def job_confirm(
    *, job: ImportJob, policy: str = ImportPolicy.ALL_OR_NOTHING, confirmed: dict | None = None, inline: bool = False
) -> None:
    """Staff confirmed the preview: queue the import (again, after a failure); ``inline`` runs it now."""
    from imports.tasks import run_import_task

    fields = {"policy": policy, "rows_done": 0, "error_reason": "", "confirmed_at": timezone.now()}
    if confirmed is not None:
        fields["confirmed_matches"] = confirmed
    _move(job, ImportStatus.CONFIRMED, **fields)
    if inline:
        run_import(job.pk, inline=True)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: run_import_task.delay(job.pk))


def run_import(job_id: int, *, inline: bool = False) -> ImportJob:
    """Import the file of a confirmed job: all rows in one transaction, or none."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status == ImportStatus.IMPORTING and not is_stalled(job):
        # Redelivered while another worker is on it (or just died): a dead worker's
        # transaction was rolled back with its connection, so running again is safe
        # once its heartbeat has stopped.
        return job
    if job.status not in {ImportStatus.CONFIRMED, ImportStatus.IMPORTING}:
        return job  # imported, undone or failed already: nothing to do
    started = timezone.now()
    _move(
        job,
        ImportStatus.IMPORTING,
        allowed_from={ImportStatus.CONFIRMED, ImportStatus.IMPORTING},
        started_at=started,
        heartbeat_at=started,
        rows_done=0,
    )
    progress = Progress(job, 0.0, 0.6)
    try:
        resource = RESOURCES[job.resource]()
        outcomes = cleaned_rows(job, progress)
        progress(1.0, force=True)
        with transaction.atomic():
            _lock()
            # Matching happens under the lock, so a concurrent import's rows are seen.
            analysis = resource.match(outcomes, confirmed=job.confirmed_matches)
            invalid = analysis.count(INVALID)
            if invalid and job.policy == ImportPolicy.ALL_OR_NOTHING:
                raise readers.FileRefusedError(
                    _(
                        "%(count)d rows are invalid and the policy is all or nothing: nothing was imported. "
                        "Correct the file, or confirm again choosing to skip invalid rows."
                    )
                    % {"count": invalid}
                )
            apply_progress = Progress(job, 0.6, 0.4)
            apply = apply_organisations if job.resource == "organisations" else apply_contacts
            try:
                apply(job, analysis, apply_progress)
            finally:
                apply_progress.close()
    except (readers.FileRefusedError, ConcurrentChangeError) as refusal:
        _fail(job, str(refusal))
        return job
    except Exception as error:
        logger.exception("import %s failed", job.pk)
        _fail(
            job,
            _("The import stopped with an error (%(error)s): nothing was written. You can run it again.")
            % {"error": type(error).__name__},
        )
        raise
    finally:
        progress.close()
    _drop_stage(job)
    _move(
        job,
        ImportStatus.IMPORTED,
        allowed_from={ImportStatus.IMPORTING},
        report=_report(analysis),
        rows_done=job.total_rows,
        finished_at=timezone.now(),
        **_counts(analysis),
    )
    if job.resource == "organisations":
        from imports.tasks import reindex_import

        if inline:
            reindex(job.pk)
        else:
            transaction.on_commit(lambda: reindex_import.delay(job.pk))
    return job


def _lock() -> None:
    """Serialise imports and undos: one at a time writes to the network."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    else:
        # SQLite: the first write takes the database's single write lock until commit.
        ImportJob.objects.filter(pk=0).update(heartbeat_at=timezone.now())


def is_stalled(job: ImportJob) -> bool:
    """A preview or import whose worker stopped sending progress (an import's transaction is gone with it)."""
    limit = timezone.timedelta(seconds=settings.SIL_IMPORTS_STALLED_AFTER_SECONDS)
    last_sign = job.heartbeat_at or job.confirmed_at or job.started_at
    return job.status in {ImportStatus.UPLOADED, ImportStatus.PREVIEWING, ImportStatus.IMPORTING} and (
        last_sign is None or timezone.now() - last_sign > limit
    )


def job_restart_stalled(*, job: ImportJob) -> None:
    """Run a stalled step again: a preview is simply queued again; an import is marked failed and re-confirmed."""
    if not is_stalled(job):
        raise InvalidTransitionError(job.status)
    if job.status == ImportStatus.UPLOADED:
        from imports.tasks import parse_upload

        ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
        transaction.on_commit(lambda: parse_upload.delay(job.pk))
        return
    if job.status == ImportStatus.PREVIEWING:
        _move(job, ImportStatus.PARSED, allowed_from={ImportStatus.PREVIEWING})
        job_request_preview(job=job)
        return
    _fail(job, _("The worker stopped during the import: nothing was written. You can run it again."))
    job_confirm(job=job, policy=job.policy)


def reindex(job_id: int) -> int:
    """Add created and updated organisations to the search index (bulk writes skip Wagtail's signals)."""
    from wagtail.search.backends import get_search_backend

    from network.models import Organisation

    job = ImportJob.objects.get(pk=job_id)
    ids = list(job.records.filter(model="network.organisation").values_list("object_id", flat=True))
    backend = get_search_backend()
    for start in range(0, len(ids), 1000):
        backend.add_bulk(Organisation, list(Organisation.objects.filter(pk__in=ids[start : start + 1000])))
    return len(ids)


# --- undo and retention ----------------------------------------------------------------------


def job_request_undo(*, job: ImportJob, user=None) -> None:
    """Queue the undo: deleting tens of thousands of organisations outlasts a web request."""
    from imports.tasks import undo_import

    _move(job, ImportStatus.UNDOING, allowed_from={ImportStatus.IMPORTED}, heartbeat_at=timezone.now(), undone_by=user)
    transaction.on_commit(lambda: undo_import.delay(job.pk))


def run_undo(job_id: int) -> ImportJob:
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportStatus.UNDOING:
        return job  # done already: a redelivered task does nothing
    try:
        job_undo(job=job, user=job.undone_by)
    except Exception:
        logger.exception("import %s: undo failed", job.pk)
        ImportJob.objects.filter(pk=job.pk, status=ImportStatus.UNDOING).update(
            status=ImportStatus.IMPORTED,
            error_reason=_("The undo stopped with an error: nothing was changed. You can try again."),
        )
        raise
    return job


def job_undo(*, job: ImportJob, user=None) -> dict:
    """Undo now, in one transaction (the command line, the task behind the screen)."""
    if job.status not in {ImportStatus.IMPORTED, ImportStatus.UNDOING}:
        raise InvalidTransitionError(job.status)
    with transaction.atomic():
        _lock()
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status not in {ImportStatus.IMPORTED, ImportStatus.UNDOING}:
            raise InvalidTransitionError(locked.status)
        report = undo_job(job)
        _move(
            job,
            ImportStatus.UNDONE,
            allowed_from={ImportStatus.IMPORTED, ImportStatus.UNDOING},
            undo_report=report,
            undone_at=timezone.now(),
            undone_by=user,
            error_reason="",
        )
    return report


def purge_expired_files(*, now=None) -> int:
    """Delete uploaded files older than the retention period; the job and its report stay."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=settings.SIL_IMPORTS_RETENTION_DAYS)
    purged = 0
    for job in ImportJob.objects.filter(created_at__lt=cutoff, file_deleted_at__isnull=True).exclude(file=""):
        limit = timezone.timedelta(seconds=settings.SIL_IMPORTS_STALLED_AFTER_SECONDS)
        if job.is_running and job.heartbeat_at and now - job.heartbeat_at < limit:
            continue  # a worker is on it right now
        job.file.delete(save=False)
        _drop_stage(job)
        # The copies of rows kept for the screens go with the file; counts and reasons stay.
        details = {key: value for key, value in job.source_details.items() if key != "samples"}
        report = {**job.report, "rejected": []}
        ImportJob.objects.filter(pk=job.pk).update(file="", file_deleted_at=now, source_details=details, report=report)
        purged += 1
    return purged
