"""The nightly retention job: delete or anonymise what is past its retention period.

Why: GDPR art. 5(1)(e) (storage limitation). The periods come from settings (``RETENTION_*``,
``SIL_IMPORTS_RETENTION_DAYS``) that the record of processing (``privacy.processing``) shows,
so what coordinators read is what this job does. Each kind of data is a function below;
``retention_apply`` runs them in order, each in batches of ``RETENTION_BATCH_SIZE``, each batch
in its own transaction, so a failure in one kind leaves every other kind whole and the next
night carries on. Every function is idempotent: what it deletes or anonymises no longer
matches its query. Logs carry kinds and counts, never values.

Files are deleted after the transaction that removed their rows; a file left behind (the
deletion failed) has no row pointing at it and is removed by the orphan sweep of a later
night.
"""

from __future__ import annotations

import calendar
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

logger = logging.getLogger(__name__)

#: The failed kinds get this count in the result (the log says which error, never a value).
FAILED = -1

# Prefixes of the private storage this job may sweep for orphans: the folders of form
# attachments, case documents and imports. Anything else there belongs to someone else.
PRIVATE_PREFIXES = ("submissions", "cases/documents", "imports")


@dataclass(frozen=True)
class Batch:
    """What one batch did: rows handled, and the files to delete once the rows are gone."""

    count: int
    files: tuple[tuple[object, str], ...] = ()


def _batch_size() -> int:
    return max(1, settings.RETENTION_BATCH_SIZE)


def _in_batches(queryset: QuerySet, handle: Callable[[list[int]], Batch], *, dry_run: bool) -> int:
    """Run ``handle`` on the ids of ``queryset`` in batches, one transaction per batch.

    Ids go up from one batch to the next, so a row that ``handle`` leaves matching (it should
    not) cannot make the loop spin.
    """
    if dry_run:
        return queryset.count()
    total, last = 0, 0
    size = _batch_size()
    while True:
        files: tuple = ()
        with transaction.atomic():
            ids = list(queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
            if not ids:
                break
            result = handle(ids)
            files = result.files
        total += result.count
        last = ids[-1]
        _delete_files(files)
        if len(ids) < size:
            break
    return total


def _delete_files(files: Iterable[tuple[object, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError as error:  # the orphan sweep retries; the name may carry nothing, but log none
            logger.warning("retention: a file could not be deleted (%s)", type(error).__name__)


# --- people served and their cases --------------------------------------------------------------


def _cutoffs(now: datetime) -> tuple[datetime, datetime]:
    case_cutoff = _years_before(now, settings.RETENTION_CLOSED_CASE_YEARS)
    referral_cutoff = _months_before(now, settings.RETENTION_REJECTED_REFERRAL_MONTHS)
    return case_cutoff, referral_cutoff


def _years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def _months_before(moment: datetime, months: int) -> datetime:
    year, month_index = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month = month_index + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def people_past_retention(*, now: datetime) -> QuerySet:
    """People with nothing live: no case open or closed within the period, no referral pending or
    decided within its period, and not already erased.

    The person is the unit: someone who came back keeps the history of earlier paths until
    the last one closes and its period runs out (it is part of the current assessment).
    """
    from cases.models import Case, Person, Referral

    case_cutoff, referral_cutoff = _cutoffs(now)
    live_cases = Case.objects.filter(person=OuterRef("pk")).filter(
        ~Q(stage=Case.Stage.CLOSED) | Q(closed_at__isnull=True) | Q(closed_at__gte=case_cutoff)
    )
    status = Referral.Status
    live_referrals = (
        Referral.objects.filter(person=OuterRef("pk"))
        .annotate(decided=Coalesce("decided_at", "received_at"))
        .filter(
            Q(status__in=[status.RECEIVED, status.ACKNOWLEDGED, status.IN_EVALUATION])
            | Q(status__in=[status.NOT_ELIGIBLE, status.WITHDRAWN], decided__gte=referral_cutoff)
            | Q(status=status.ACCEPTED, case__isnull=True, received_at__gte=case_cutoff)
        )
    )
    erased = Q(first_name="", last_name="", tax_code="")
    return (
        Person.objects.filter(created_at__lt=referral_cutoff)
        .exclude(erased)
        .exclude(Exists(live_cases))
        .exclude(Exists(live_referrals))
    )


def retain_people(*, now: datetime, dry_run: bool = False) -> int:
    """Erase (``privacy.erasure.person_erase``) the people past retention, with all their records.

    Each person in a savepoint of the batch: one that cannot be erased is rolled back alone and
    skipped (the others go on); the kind then reports a failure so that someone looks.
    """
    from privacy.erasure import person_erase

    failures: list[str] = []

    def handle(ids: list[int]) -> Batch:
        from cases.models import Person

        erased = 0
        for person in Person.objects.filter(pk__in=ids):
            try:
                # Erasure deletes its files after the commit of the outermost transaction (this batch).
                with transaction.atomic():
                    person_erase(person=person, by=None, reason="retention")
            except Exception as error:  # noqa: BLE001 - one person must not block the others
                failures.append(type(error).__name__)
                continue
            erased += 1
        return Batch(erased)

    erased = _in_batches(people_past_retention(now=now), handle, dry_run=dry_run)
    if failures:
        logger.error("retention: %d people could not be erased (%s)", len(failures), ", ".join(sorted(set(failures))))
        raise RetentionIncompleteError(f"people: {erased} erased, {len(failures)} failed")
    return erased


class RetentionIncompleteError(Exception):
    """Some records of a kind could not be handled (counts only in the message)."""


# --- referrals not taken in -----------------------------------------------------------------------

REFERRAL_BLANKS = {
    "first_name": "",
    "last_name": "",
    "tax_code": "",
    "municipality": "",
    "municipality_code": "",
    "referrer_name": "",
    "referrer_email": "",
    "referrer_phone": "",
    "reason": "",
    "decision_reason": "",
}


def referrals_past_retention(*, now: datetime) -> QuerySet:
    """Not-eligible and withdrawn referrals decided before the period, without a case, not yet anonymised."""
    from cases.models import Referral

    _case_cutoff, referral_cutoff = _cutoffs(now)
    return (
        Referral.objects.filter(status__in=[Referral.Status.NOT_ELIGIBLE, Referral.Status.WITHDRAWN])
        .annotate(decided=Coalesce("decided_at", "received_at"))
        .filter(decided__lt=referral_cutoff, case__isnull=True)
        .exclude(first_name="", last_name="", tax_code="")
    )


def retain_referrals(*, now: datetime, dry_run: bool = False) -> int:
    """Anonymise referrals not taken in: the dashboard still counts them, nobody can tell whose they were.

    Status, dates, category, district and referring service stay (and the steps, codes only);
    the person link, every personal field and the form submission with its files go.
    """

    def handle(ids: list[int]) -> Batch:
        from cases.models import Referral
        from privacy.erasure import ERASED_BIRTH_DATE

        submission_ids = list(
            Referral.objects.filter(pk__in=ids, submission__isnull=False).values_list("submission_id", flat=True)
        )
        Referral.objects.filter(pk__in=ids).update(
            person=None, submission=None, date_of_birth=ERASED_BIRTH_DATE, **REFERRAL_BLANKS
        )
        files = _delete_submissions(submission_ids)
        _delete_history("cases.Referral", ids)
        return Batch(len(ids), files)

    return _in_batches(referrals_past_retention(now=now), handle, dry_run=dry_run)


# --- form submissions -------------------------------------------------------------------------------


def _delete_submissions(ids: list[int]) -> tuple:
    """Delete form submissions with their attachments; the files to delete after the commit."""
    from forms.models import FormSubmission, SubmissionAttachment

    attachments = SubmissionAttachment.objects.filter(submission__in=ids)
    files = tuple((attachment.file.storage, attachment.file.name) for attachment in attachments if attachment.file)
    attachments.delete()
    FormSubmission.objects.filter(pk__in=ids).delete()
    _delete_history("forms.FormSubmission", ids)
    return files


def retain_form_submissions(*, now: datetime, dry_run: bool = False) -> int:
    """Form submissions past ``RETENTION_FORM_SUBMISSION_DAYS``.

    A submission is the form as sent: once processed, its data lives in the referral or offer
    made from it. One that no referral or offer points to is deleted with its attachments; one
    they point to keeps only its reference, kind and date (the referrer's status link and the
    referral's origin), its data and attachments go.
    """
    from forms.models import FormSubmission, SubmissionAttachment

    cutoff = now - timedelta(days=settings.RETENTION_FORM_SUBMISSION_DAYS)
    old = FormSubmission.objects.filter(submit_time__lt=cutoff)
    unlinked = old.filter(referral__isnull=True, job_offer__isnull=True)
    has_files = Exists(SubmissionAttachment.objects.filter(submission=OuterRef("pk")))
    linked = (
        old.exclude(pk__in=unlinked.values("pk"))
        .annotate(has_files=has_files)
        .filter(~Q(form_data={}) | Q(has_files=True))
    )

    def delete(ids: list[int]) -> Batch:
        return Batch(len(ids), _delete_submissions(ids))

    def empty(ids: list[int]) -> Batch:
        attachments = SubmissionAttachment.objects.filter(submission__in=ids)
        files = tuple((item.file.storage, item.file.name) for item in attachments if item.file)
        attachments.delete()
        FormSubmission.objects.filter(pk__in=ids).update(form_data={}, snapshot={}, payload_hash="")
        return Batch(len(ids), files)

    total = _in_batches(unlinked, delete, dry_run=dry_run) + _in_batches(linked, empty, dry_run=dry_run)
    # Wagtail's own submission table, should a form page ever use it.
    from wagtail.contrib.forms.models import FormSubmission as WagtailSubmission

    plain = WagtailSubmission.objects.filter(submit_time__lt=cutoff)
    return total + _in_batches(plain, lambda ids: Batch(plain.filter(pk__in=ids).delete()[0]), dry_run=dry_run)


# --- files ------------------------------------------------------------------------------------------------


def retain_import_files(*, now: datetime, dry_run: bool = False) -> int:
    """Uploaded lists past ``SIL_IMPORTS_RETENTION_DAYS``: the imports app's own purge."""
    from imports.models import ImportJob
    from imports.services import purge_expired_files

    if dry_run:
        cutoff = now - timedelta(days=settings.SIL_IMPORTS_RETENTION_DAYS)
        return ImportJob.objects.filter(created_at__lt=cutoff, file_deleted_at__isnull=True).exclude(file="").count()
    return purge_expired_files(now=now)


def _referenced_private_files() -> tuple[set[str], set[int]]:
    from cases.models import TimelineEntry
    from forms.models import SubmissionAttachment
    from imports.models import ImportJob

    names = set(SubmissionAttachment.objects.exclude(file="").values_list("file", flat=True))
    names |= set(TimelineEntry.objects.exclude(document="").values_list("document", flat=True))
    jobs = ImportJob.objects.exclude(file="")
    names |= set(jobs.values_list("file", flat=True))
    return names, set(jobs.values_list("pk", flat=True))


def _walk(storage, prefix: str) -> Iterable[str]:
    try:
        directories, files = storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{prefix}/{name}"
    for directory in directories:
        yield from _walk(storage, f"{prefix}/{directory}")


def _staged_job_id(name: str) -> int | None:
    """The import job a staged file belongs to (``imports/staged/job-<pk>-<key>.json``)."""
    base = name.rsplit("/", 1)[-1]
    if not name.startswith("imports/staged/") or not base.startswith("job-"):
        return None
    number = base[4:].split("-", 1)[0]
    return int(number) if number.isdigit() else None


def orphan_private_files(*, now: datetime) -> list[str]:
    """Files in the private folders no row points to, older than ``RETENTION_ORPHAN_FILE_HOURS``."""
    from django.core.files.storage import storages

    storage = storages["private"]
    referenced, jobs_with_file = _referenced_private_files()
    limit = now - timedelta(hours=settings.RETENTION_ORPHAN_FILE_HOURS)
    orphans = []
    for prefix in PRIVATE_PREFIXES:
        for name in _walk(storage, prefix):
            if name in referenced:
                continue
            job_id = _staged_job_id(name)
            if job_id is not None and job_id in jobs_with_file:
                continue
            try:
                modified = storage.get_modified_time(name)
            except OSError:
                continue
            if modified < limit:
                orphans.append(name)
    return orphans


def retain_private_files(*, now: datetime, dry_run: bool = False) -> int:
    """Private files whose row is gone (deleted, anonymised, or a failed upload): deleted."""
    from django.core.files.storage import storages

    orphans = orphan_private_files(now=now)
    if not dry_run:
        storage = storages["private"]
        _delete_files((storage, name) for name in orphans)
    return len(orphans)


# --- history, logs and technical records ---------------------------------------------------------------


def _delete_history(label: str, ids: list[int]) -> int:
    """Wagtail history lines of these records (their labels and data may hold values)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(apps.get_model(label), for_concrete_model=False)
    deleted, _detail = ModelLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in ids]
    ).delete()
    return deleted


def retain_history(*, now: datetime, dry_run: bool = False) -> int:
    """Wagtail ``ModelLogEntry`` rows about models of the register: older than the audit period, or
    about a record that no longer exists."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from privacy.processing import REGISTER

    cutoff = _years_before(now, settings.RETENTION_AUDIT_YEARS)
    total = 0
    models = {model for entry in REGISTER for model in entry.installed_models}
    for model in sorted(models, key=lambda model: model._meta.label):
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        entries = ModelLogEntry.objects.filter(content_type=content_type)
        gone = Q(timestamp__lt=cutoff)
        object_ids = set(entries.values_list("object_id", flat=True).distinct())
        if object_ids:
            pk_field = model._meta.pk
            valid = [pk_field.to_python(pk) for pk in object_ids if _valid_pk(pk_field, pk)]
            present = {str(pk) for pk in model._default_manager.filter(pk__in=valid).values_list("pk", flat=True)}
            gone |= Q(object_id__in=object_ids - present)
        total += _in_batches(entries.filter(gone), lambda ids: Batch(_delete_rows(ModelLogEntry, ids)), dry_run=dry_run)
    return total


def _valid_pk(pk_field, value: str) -> bool:
    try:
        pk_field.to_python(value)
    except Exception:  # noqa: BLE001 - a malformed id in a log line is simply not a present record
        return False
    return True


def _delete_rows(model, ids: list[int]) -> int:
    deleted, _detail = model.objects.filter(pk__in=ids).delete()
    return deleted


def retain_audit(*, now: datetime, dry_run: bool = False) -> int:
    from cases.models import AuditEntry

    cutoff = _years_before(now, settings.RETENTION_AUDIT_YEARS)
    return _in_batches(
        AuditEntry.objects.filter(at__lt=cutoff), lambda ids: Batch(_delete_rows(AuditEntry, ids)), dry_run=dry_run
    )


def retain_referrer_sign_ins(*, now: datetime, dry_run: bool = False) -> int:
    """Sign-in links older than the referrer-access period and no longer valid."""
    from cases.models import ReferrerSignIn
    from cases.referrer_access import KEEP_SIGN_INS_DAYS

    cutoff = now - timedelta(days=KEEP_SIGN_INS_DAYS)
    old = ReferrerSignIn.objects.filter(created_at__lt=cutoff, expires_at__lt=now)
    return _in_batches(old, lambda ids: Batch(_delete_rows(ReferrerSignIn, ids)), dry_run=dry_run)


def retain_reminders(*, now: datetime, dry_run: bool = False) -> int:
    """Reminders sent before the period, except those that would be sent again if forgotten: a
    referral still waiting to be acknowledged, a case review not yet moved."""
    from cases.models import Case, Referral, Reminder

    cutoff = timezone.localdate(now) - timedelta(days=settings.RETENTION_REMINDER_DAYS)
    still_due = Q(
        kind=Reminder.Kind.REFERRAL_OVERDUE,
        object_id__in=Referral.objects.filter(status=Referral.Status.RECEIVED).values("pk"),
    ) | Q(
        kind=Reminder.Kind.REVIEW_DUE,
        object_id__in=Case.objects.exclude(stage=Case.Stage.CLOSED).values("pk"),
        due_on__in=Case.objects.exclude(stage=Case.Stage.CLOSED).values("next_review_on"),
    )
    old = Reminder.objects.filter(sent_on__lt=cutoff, due_on__lt=cutoff).exclude(still_due)
    return _in_batches(old, lambda ids: Batch(_delete_rows(Reminder, ids)), dry_run=dry_run)


def retain_sent_emails(*, now: datetime, dry_run: bool = False) -> int:
    """Sent e-mails of the outbox (``core.OutboxEmail``), when the outbox is installed."""
    try:
        model = apps.get_model("core", "OutboxEmail")
    except LookupError:
        return 0
    cutoff = now - timedelta(days=settings.RETENTION_SENT_EMAIL_DAYS)
    old = model.objects.filter(sent_at__lt=cutoff)
    return _in_batches(old, lambda ids: Batch(_delete_rows(model, ids)), dry_run=dry_run)


# (model label, field of the time) of django-axes, when installed.
AXES_MODELS = (
    ("axes.AccessAttempt", "attempt_time"),
    ("axes.AccessLog", "attempt_time"),
    ("axes.AccessFailureLog", "attempt_time"),
)


def retain_login_attempts(*, now: datetime, dry_run: bool = False) -> int:
    """django-axes' attempts and logs past ``RETENTION_LOGIN_LOG_DAYS``, when axes is installed."""
    if not apps.is_installed("axes"):
        return 0
    cutoff = now - timedelta(days=settings.RETENTION_LOGIN_LOG_DAYS)
    total = 0
    for label, time_field in AXES_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        old = model.objects.filter(**{f"{time_field}__lt": cutoff})
        total += _in_batches(old, lambda ids, model=model: Batch(_delete_rows(model, ids)), dry_run=dry_run)
    return total


def retain_sessions(*, now: datetime, dry_run: bool = False) -> int:
    """Expired sessions (what ``manage.py clearsessions`` does, counted)."""
    from importlib import import_module

    engine = import_module(settings.SESSION_ENGINE)
    if not settings.SESSION_ENGINE.endswith(("db", "cached_db")):
        if not dry_run:
            engine.SessionStore.clear_expired()  # other backends expire on their own or clear here
        return 0
    from django.contrib.sessions.models import Session

    old = Session.objects.filter(expire_date__lt=now)
    return _in_batches(old, lambda ids: Batch(_delete_rows(Session, ids)), dry_run=dry_run)


def task_results_folder() -> Path | None:
    """The folder of Celery's filesystem result backend, or None with another backend."""
    backend = settings.CELERY_RESULT_BACKEND or ""
    if not backend.startswith("file://"):
        return None
    return Path(backend.removeprefix("file://"))


def retain_task_results(*, now: datetime, dry_run: bool = False) -> int:
    """Celery results past ``RETENTION_TASK_RESULT_HOURS`` in the filesystem backend's folder.

    Redis results expire on their own (``CELERY_RESULT_EXPIRES``); Celery's own cleanup task
    does not cover the filesystem backend, so this does.
    """
    folder = task_results_folder()
    if folder is None or not folder.is_dir():
        return 0
    limit = now.timestamp() - settings.RETENTION_TASK_RESULT_HOURS * 3600
    count = 0
    for path in folder.iterdir():
        try:
            if not path.is_file() or path.stat().st_mtime >= limit:
                continue
            if not dry_run:
                path.unlink()
            count += 1
        except FileNotFoundError:
            continue  # taken by a concurrent run
    return count


#: The kinds, in order: people first (their erasure removes their files and history), then
#: the rest, and the orphan sweep after everything that deletes rows.
KINDS: tuple[tuple[str, Callable[..., int]], ...] = (
    ("people", retain_people),
    ("referrals", retain_referrals),
    ("form_submissions", retain_form_submissions),
    ("import_files", retain_import_files),
    ("history", retain_history),
    ("audit_entries", retain_audit),
    ("referrer_sign_ins", retain_referrer_sign_ins),
    ("reminders", retain_reminders),
    ("sent_emails", retain_sent_emails),
    ("login_attempts", retain_login_attempts),
    ("sessions", retain_sessions),
    ("task_results", retain_task_results),
    ("private_files", retain_private_files),
)


def retention_apply(*, now: datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Apply every retention period; returns the count per kind (``FAILED`` for a kind that failed).

    A failing kind is logged (its error class, never a value) and the others still run.
    """
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for name, function in KINDS:
        started = time.monotonic()
        try:
            counts[name] = function(now=now, dry_run=dry_run)
        except Exception as error:  # noqa: BLE001 - one kind must not stop the others
            counts[name] = FAILED
            # The class only: database errors quote the offending values in their message.
            logger.error("retention: %s failed (%s)", name, type(error).__name__)
            continue
        logger.info(
            "retention: %s %s=%d (%.1fs)",
            "would remove" if dry_run else "removed",
            name,
            counts[name],
            time.monotonic() - started,
        )
    return counts
