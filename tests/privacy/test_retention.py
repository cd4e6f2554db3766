"""The nightly retention job with a frozen clock: what is past its period is gone from every table and
folder that held it, nothing younger is touched; batches; the beat schedule; a run on a real worker."""

import io
import os
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page

from cases.models import AuditEntry, Case, Person, Referral, ReferralEvent, ReferrerSignIn, Reminder
from forms.models import FormSubmission, SubmissionAttachment
from imports.models import ImportJob
from privacy import retention
from tests.factories.cases import CaseFactory, PersonFactory, ReferralFactory
from tests.factories.network import DistrictFactory

NOW = datetime(2031, 6, 15, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
PDF = b"%PDF-1.4\n%%EOF\n"


def set_field(obj, **values):
    """Write dates that ``auto_now_add`` would otherwise set to the (frozen) present."""
    type(obj).objects.filter(pk=obj.pk).update(**values)
    obj.refresh_from_db()
    return obj


@pytest.fixture
def private_root(tmp_path, monkeypatch):
    """A private storage of the test's own, for the fields and for the orphan sweep."""
    root = tmp_path / "private"
    storage = FileSystemStorage(location=root, base_url=None)
    from cases.models import TimelineEntry

    for model, name in ((SubmissionAttachment, "file"), (TimelineEntry, "document"), (ImportJob, "file")):
        monkeypatch.setattr(model._meta.get_field(name), "storage", storage)
    storages._storages["private"] = storage  # the handler's cache; restored below
    yield root
    storages._storages.pop("private", None)


@pytest.fixture
def results_folder(tmp_path, settings):
    folder = tmp_path / "results"
    folder.mkdir()
    settings.CELERY_RESULT_BACKEND = f"file://{folder}"
    return folder


def submission(page, n: int, *, at, with_file: bool = True, **data):
    item = FormSubmission.objects.create(
        page=page,
        kind="referral",
        token=f"token-{n}",
        reference=f"SIL-R{n:07d}",
        status_key=f"key-{n}",
        form_data={"person_last_name": f"Cognome{n}", **data},
    )
    set_field(item, submit_time=at)
    if with_file:
        attachment = SubmissionAttachment(
            submission=item, field_name="allegato", original_name="a.pdf", content_type="application/pdf", size=3
        )
        attachment.file.save(f"allegato-{n}.pdf", ContentFile(PDF), save=True)
    return item


def closed_case(district, *, closed_at, name):
    person = PersonFactory(district=district, last_name=name, tax_code="RSSMRA85T10A562S")
    set_field(person, created_at=closed_at - timedelta(days=400))
    case = CaseFactory(person=person, stage=Case.Stage.CLOSED, outcome=Case.Outcome.EMPLOYED)
    set_field(case, closed_at=closed_at)
    return person, case


def old_file(path, *, at):
    os.utime(path, (at.timestamp(), at.timestamp()))


@pytest.fixture
def world(db, private_root, results_folder):
    """Records of every kind, one just past its period and one just within it."""
    district = DistrictFactory()
    page = Page.objects.get(depth=1)
    w = {}
    case_edge = retention._years_before(NOW, settings.RETENTION_CLOSED_CASE_YEARS)
    w["old_person"], w["old_case"] = closed_case(district, closed_at=case_edge - DAY, name="Vecchiotti")
    w["young_person"], w["young_case"] = closed_case(district, closed_at=case_edge + DAY, name="Giovannelli")

    referral_edge = retention._months_before(NOW, settings.RETENTION_REJECTED_REFERRAL_MONTHS)
    for key, decided in (("old_referral", referral_edge - DAY), ("young_referral", referral_edge + DAY)):
        item = ReferralFactory(status=Referral.Status.NOT_ELIGIBLE, last_name=f"Respinto-{key}")
        item.submission = submission(page, 100 + len(w), at=decided - timedelta(days=200))
        item.save()
        ReferralEvent.objects.create(referral=item, step="not_eligible")
        w[key] = set_field(item, decided_at=decided, received_at=decided - timedelta(days=200))

    form_edge = NOW - timedelta(days=settings.RETENTION_FORM_SUBMISSION_DAYS)
    w["old_submission"] = submission(page, 1, at=form_edge - DAY)
    w["young_submission"] = submission(page, 2, at=form_edge + DAY)
    # Linked to a live referral: keeps its reference (status link), loses the copy and the file.
    w["linked_submission"] = submission(page, 3, at=form_edge - DAY)
    w["live_referral"] = ReferralFactory(submission=w["linked_submission"])

    audit_edge = retention._years_before(NOW, settings.RETENTION_AUDIT_YEARS)
    for key, at in (("old_audit", audit_edge - DAY), ("young_audit", audit_edge + DAY)):
        entry = AuditEntry.objects.create(action="view", object_type="case", object_id=1, detail="case.view")
        w[key] = set_field(entry, at=at)

    from cases.referrer_access import KEEP_SIGN_INS_DAYS

    for key, at in (("old_sign_in", NOW - timedelta(days=KEEP_SIGN_INS_DAYS) - DAY), ("young_sign_in", NOW - DAY)):
        sign_in = ReferrerSignIn.objects.create(email=f"{key}@example.org", token_hash=key, expires_at=at)
        w[key] = set_field(sign_in, created_at=at)

    reminder_edge = timezone.localdate(NOW) - timedelta(days=settings.RETENTION_REMINDER_DAYS)
    for key, on in (("old_reminder", reminder_edge - DAY), ("young_reminder", reminder_edge + DAY)):
        w[key] = Reminder.objects.create(kind=Reminder.Kind.INTERNSHIP_ENDING, object_id=7, due_on=on, sent_on=on)

    for key, at in (("old_session", NOW - DAY), ("young_session", NOW + DAY)):
        w[key] = Session.objects.create(session_key=f"{key:0<32}", session_data="x", expire_date=at)

    person_type = ContentType.objects.get_for_model(Person)
    w["gone_log"] = ModelLogEntry.objects.create(
        content_type=person_type, object_id="987654", label="P-987654", action="wagtail.edit", timestamp=NOW - DAY
    )
    w["old_log"] = ModelLogEntry.objects.create(
        content_type=person_type,
        object_id=str(w["young_person"].pk),
        label="P",
        action="wagtail.edit",
        timestamp=audit_edge - DAY,
    )
    w["young_log"] = ModelLogEntry.objects.create(
        content_type=person_type,
        object_id=str(w["young_person"].pk),
        label="P",
        action="wagtail.edit",
        timestamp=audit_edge + DAY,
    )

    import_edge = NOW - timedelta(days=settings.SIL_IMPORTS_RETENTION_DAYS)
    for key, at in (("old_import", import_edge - DAY), ("young_import", import_edge + DAY)):
        job = ImportJob(resource="organisations", file_name="elenco.csv", sha256=key, status="imported")
        job.file.save(f"{key}.csv", ContentFile(b"nome\nDitta\n"), save=True)
        w[key] = set_field(job, created_at=at)

    # Files no row points to: an old orphan goes, one written an hour ago (an upload in flight) stays.
    orphans = private_root / "submissions" / "2031" / "06"
    orphans.mkdir(parents=True)
    for key, at in (
        ("old_orphan", NOW - timedelta(hours=settings.RETENTION_ORPHAN_FILE_HOURS + 1)),
        ("young_orphan", NOW - timedelta(hours=1)),
    ):
        path = orphans / f"{key}.pdf"
        path.write_bytes(PDF)
        old_file(path, at=at)
        w[key] = path
    # A file outside the folders the sweep owns is never touched.
    (private_root / "exports").mkdir()
    w["foreign_file"] = private_root / "exports" / "someone-elses.zip"
    w["foreign_file"].write_bytes(b"zip")
    old_file(w["foreign_file"], at=NOW - timedelta(days=999))

    results_edge = NOW - timedelta(hours=settings.RETENTION_TASK_RESULT_HOURS)
    for key, at in (
        ("old_result", results_edge - timedelta(minutes=5)),
        ("young_result", results_edge + timedelta(minutes=5)),
    ):
        path = results_folder / f"celery-task-meta-{key}"
        path.write_text('{"status": "SUCCESS", "result": 3}')
        old_file(path, at=at)
        w[key] = path

    if "axes" in settings.INSTALLED_APPS:
        from axes.models import AccessAttempt

        login_edge = NOW - timedelta(days=settings.RETENTION_LOGIN_LOG_DAYS)
        for key, at in (("old_attempt", login_edge - DAY), ("young_attempt", login_edge + DAY)):
            attempt = AccessAttempt.objects.create(
                username=key, ip_address="127.0.0.1", user_agent="x", failures_since_start=1
            )
            w[key] = set_field(attempt, attempt_time=at)
    return w


def exists(obj) -> bool:
    return type(obj)._base_manager.filter(pk=obj.pk).exists()


def test_everything_past_its_period_goes_and_nothing_younger_is_touched(
    world, private_root, django_capture_on_commit_callbacks
):
    w = world
    old_person_file = w["old_referral"].submission.attachments.get().file.path
    linked_file = w["linked_submission"].attachments.get().file.path
    kept_files = [w[key].attachments.get().file.path for key in ("young_submission",)]
    kept_files.append(w["young_import"].file.path)
    old_import_file = w["old_import"].file.path
    old_submission_file = w["old_submission"].attachments.get().file.path

    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        counts = retention.retention_apply()

    assert retention.FAILED not in counts.values(), counts
    # People past retention are erased (anonymous shells); the younger one is untouched.
    old_person = Person.objects.get(pk=w["old_person"].pk)
    assert (old_person.first_name, old_person.last_name, old_person.tax_code) == ("", "", "")
    young = Person.objects.get(pk=w["young_person"].pk)
    assert young.last_name == "Giovannelli"
    assert young.tax_code == "RSSMRA85T10A562S"
    assert counts["people"] == 1

    # Referrals not taken in: anonymised, unlinked, their submission and its file gone; the events stay.
    old_referral = Referral.objects.get(pk=w["old_referral"].pk)
    assert (old_referral.last_name, old_referral.tax_code, old_referral.reason) == ("", "", "")
    assert old_referral.submission_id is None
    assert old_referral.person_id is None
    assert not FormSubmission.objects.filter(pk=w["old_referral"].submission_id).exists()
    assert not os.path.exists(old_person_file)
    assert old_referral.events.count() == 1
    young_referral = Referral.objects.get(pk=w["young_referral"].pk)
    assert young_referral.last_name == "Respinto-young_referral"
    # Its submission is older than the form period: kept (the status link) but emptied.
    assert young_referral.submission.form_data == {}
    assert counts["referrals"] == 1

    # Form submissions: the unlinked old one deleted, the linked one emptied, the young one whole.
    assert not exists(w["old_submission"])
    assert not os.path.exists(old_submission_file)
    linked = FormSubmission.objects.get(pk=w["linked_submission"].pk)
    assert linked.form_data == {}
    assert linked.snapshot == {}
    assert linked.reference == "SIL-R0000003"
    assert not linked.attachments.exists()
    assert not os.path.exists(linked_file)
    assert FormSubmission.objects.get(pk=w["young_submission"].pk).form_data["person_last_name"] == "Cognome2"

    # Import files: the old upload deleted from disk, the job's row and counts kept.
    assert not os.path.exists(old_import_file)
    assert ImportJob.objects.get(pk=w["old_import"].pk).file_deleted_at == NOW

    for key in ("old_audit", "old_sign_in", "old_reminder", "old_session", "gone_log", "old_log"):
        assert not exists(w[key]), key
    for key in ("young_audit", "young_sign_in", "young_reminder", "young_session", "young_log"):
        assert exists(w[key]), key
    if "old_attempt" in w:
        assert not exists(w["old_attempt"])
        assert exists(w["young_attempt"])

    # Folders: old orphans and task results gone; young ones, files rows point to and foreign files stay.
    assert not w["old_orphan"].exists()
    assert w["young_orphan"].exists()
    assert w["foreign_file"].exists()
    assert not w["old_result"].exists()
    assert w["young_result"].exists()
    for path in kept_files:
        assert os.path.exists(path), path

    # A second night finds nothing more: every kind is idempotent.
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        again = retention.retention_apply()
    assert set(again.values()) == {0}, again


def test_dry_run_counts_and_changes_nothing(world, capsys):
    with time_machine.travel(NOW, tick=False):
        out = io.StringIO()
        call_command("apply_retention", "--dry-run", stdout=out)
    assert "dry run" in out.getvalue()
    assert "people" in out.getvalue()
    assert exists(world["old_audit"])
    assert world["old_orphan"].exists()
    assert Person.objects.get(pk=world["old_person"].pk).last_name == "Vecchiotti"
    counts = {line.split()[0]: line.split()[1] for line in out.getvalue().splitlines() if len(line.split()) == 2}
    assert counts["audit_entries"] == "1"
    assert counts["people"] == "1"
    assert counts["private_files"] == "1"


def test_batches(db, settings, monkeypatch):
    """Five rows, batches of two: three transactions, every row gone, none left half-done."""
    settings.RETENTION_BATCH_SIZE = 2
    entries = [AuditEntry.objects.create(action="view", object_type="case", object_id=n) for n in range(5)]
    AuditEntry.objects.filter(pk__in=[e.pk for e in entries]).update(at=NOW - timedelta(days=3 * 365))
    young = AuditEntry.objects.create(action="view", object_type="case", object_id=9)
    AuditEntry.objects.filter(pk=young.pk).update(at=NOW - DAY)
    batches = []
    original = retention._delete_rows

    def spy(model, ids):
        batches.append(len(ids))
        return original(model, ids)

    monkeypatch.setattr(retention, "_delete_rows", spy)
    with time_machine.travel(NOW, tick=False):
        assert retention.retain_audit(now=timezone.now()) == 5
    assert batches == [2, 2, 1]
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [young.pk]


def test_a_failing_kind_does_not_stop_the_others(db, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("Rossi Mario RSSMRA85T10A562S")

    monkeypatch.setattr(retention, "KINDS", (("people", broken), ("audit_entries", retention.retain_audit)))
    entry = AuditEntry.objects.create(action="view", object_type="case", object_id=1)
    AuditEntry.objects.filter(pk=entry.pk).update(at=timezone.now() - timedelta(days=3 * 365))
    counts = retention.retention_apply()
    assert counts == {"people": retention.FAILED, "audit_entries": 1}
    assert "RuntimeError" in caplog.text
    assert "RSSMRA85T10A562S" not in caplog.text


def test_the_beat_schedule_runs_the_job_nightly():
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-retention"]
    assert entry["task"] == "privacy.tasks.apply_retention"
    assert entry["schedule"].hour == {settings.RETENTION_HOUR}
    assert entry["schedule"].minute == {0}
    assert settings.CELERY_RESULT_EXPIRES == settings.RETENTION_TASK_RESULT_HOURS * 3600
    from config.celery_app import app

    app.loader.import_default_modules()
    assert "privacy.tasks.apply_retention" in app.tasks


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_job_runs_on_a_real_worker():
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app as celery_app
    from privacy.tasks import apply_retention

    entry = AuditEntry.objects.create(action="view", object_type="case", object_id=1)
    AuditEntry.objects.filter(pk=entry.pk).update(at=timezone.now() - timedelta(days=3 * 365))
    celery_app.conf.task_always_eager = False
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        result = apply_retention.delay()
        counts = result.get(timeout=60)
    assert counts["audit_entries"] == 1
    assert not AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_person_who_cannot_be_erased_does_not_block_the_others(db, monkeypatch):
    from privacy import erasure

    district = DistrictFactory()
    edge = retention._years_before(NOW, settings.RETENTION_CLOSED_CASE_YEARS)
    stuck, _case = closed_case(district, closed_at=edge - DAY, name="Bloccato")
    other, _case = closed_case(district, closed_at=edge - DAY, name="Libero")
    real = erasure.person_erase

    def flaky(*, person, by=None, reason):
        if person.pk == stuck.pk:
            raise ValueError(person.last_name)
        return real(person=person, by=by, reason=reason)

    monkeypatch.setattr(erasure, "person_erase", flaky)
    with time_machine.travel(NOW, tick=False), pytest.raises(retention.RetentionIncompleteError):
        retention.retain_people(now=timezone.now())
    assert Person.objects.get(pk=stuck.pk).last_name == "Bloccato"
    assert Person.objects.get(pk=other.pk).last_name == ""
