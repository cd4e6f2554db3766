"""Backups: a backup restored into an empty database has the same cases, fields and files."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from cases.demo import seed_cases
from cases.documents import timeline_document_add
from cases.fields import decrypt
from cases.models import Case, Person, Referral, TimelineEntry
from core.backups import (
    DATABASE_FILE,
    MANIFEST_FILE,
    PRIVATE_FILE,
    BackupError,
    Database,
    backup_create,
    backup_restore,
    backup_verify,
    sha256_of,
)
from tests.factories.network import DistrictFactory, OrganisationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n% certificato medico di prova\n"


@pytest.fixture
def eager_tasks():
    from config.celery_app import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def folders(tmp_path, settings, monkeypatch):
    """Private and media files of the test in their own folders, not the developer's."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    # File fields resolved their storage at import: point that object at the test folder too.
    storage = TimelineEntry._meta.get_field("document").storage
    monkeypatch.setattr(storage, "_location", str(tmp_path / "private"))
    for cached in ("base_location", "location"):
        monkeypatch.delitem(storage.__dict__, cached, raising=False)
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "brochure.txt").write_bytes(b"brochure pubblica")
    return tmp_path


@pytest.fixture
def restore_database():
    """An empty database next to the test database, dropped afterwards."""
    source = Database.from_settings(connection.settings_dict)
    target = source.with_name(f"{source.name}_restore")
    with source.connect() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target.name}"')
        admin.execute(f'CREATE DATABASE "{target.name}"')
    yield target
    with source.connect() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target.name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_an_empty_database_has_the_same_cases_and_files(folders, restore_database, eager_tasks):
    DistrictFactory(name="Ambito di Dalmine", slug="dalmine")
    OrganisationFactory()
    seed_cases()
    case = Case.objects.filter(stage=Case.Stage.MONITORING).first()
    person = case.person
    person.health_notes = "Nota sanitaria riservata per il test del ripristino."
    person.save(update_fields=["health_notes"])
    manager = get_user_model().objects.get(username="demo-casemanager")
    entry = timeline_document_add(
        case=case,
        by=manager,
        upload=SimpleUploadedFile("certificato.pdf", PDF, content_type="application/pdf"),
        occurred_at=timezone.now(),
        text="Certificato",
    )
    references = sorted(Referral.objects.values_list("reference", flat=True))
    case_ids = sorted(Case.objects.values_list("pk", flat=True))
    assert len(case_ids) >= 25

    folder = backup_create(backup_dir=folders / "backups")

    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    assert manifest["counts"] == {"cases": len(case_ids), "referrals": len(references)}
    assert manifest["database"]["server_major"] == 15
    assert manifest["files"][DATABASE_FILE]["sha256"] == sha256_of(folder / DATABASE_FILE)
    assert "0001_initial" in manifest["migrations"]["cases"]
    # The backed-up database still has its tables: restoring over it is refused.
    with pytest.raises(BackupError, match="already has"):
        backup_restore(source=folder, private_target=folders / "x", media_target=folders / "y")

    report = backup_restore(
        source=folder,
        database=restore_database,
        private_target=folders / "restored-private",
        media_target=folders / "restored-media",
    )

    assert report.private_files == 1
    assert report.media_files == 1
    with restore_database.connect() as restored:
        assert sorted(row[0] for row in restored.execute("SELECT reference FROM cases_referral")) == references
        assert sorted(row[0] for row in restored.execute("SELECT id FROM cases_case")) == case_ids
        stored = restored.execute("SELECT health_notes FROM cases_person WHERE id = %s", [person.pk]).fetchone()[0]
        document = restored.execute("SELECT document FROM cases_timelineentry WHERE id = %s", [entry.pk]).fetchone()[0]
    assert "Nota sanitaria" not in stored  # encrypted at rest, in the backup too
    assert decrypt(stored) == Person.objects.get(pk=person.pk).health_notes
    assert (folders / "restored-private" / document).read_bytes() == PDF
    assert (folders / "restored-media" / "documents" / "brochure.txt").read_bytes() == b"brochure pubblica"

    # The restored database is no longer empty: a second restore is refused, nothing changes.
    with pytest.raises(BackupError, match="already has"):
        backup_restore(source=folder, database=restore_database, private_target=folders / "z")
    assert not (folders / "z").exists()

    # A damaged file: refused before anything is written, even with --force.
    with (folder / PRIVATE_FILE).open("ab") as archive:
        archive.write(b"x")
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(folder), "--private-root", str(folders / "damaged"), "--force")
    with pytest.raises(BackupError, match="does not match its checksum"):
        backup_restore(source=folder, database=restore_database, private_target=folders / "damaged", force=True)
    assert not (folders / "damaged").exists()
    with restore_database.connect() as restored:
        assert restored.execute("SELECT count(*) FROM cases_case").fetchone()[0] == len(case_ids)


def test_backups_refuse_sqlite_with_a_clear_message():
    with pytest.raises(BackupError, match="Backups need PostgreSQL, but the database is sqlite3"):
        Database.from_settings({"ENGINE": "django.db.backends.sqlite3", "NAME": "var/db.sqlite3"})


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(BackupError, match="not a backup folder"):
        backup_verify(tmp_path)
