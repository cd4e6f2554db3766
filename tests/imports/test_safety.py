"""Bad input is refused with a reason; a failing import leaves nothing; undo takes it back."""

import io
import zipfile

import openpyxl
import pytest

from imports import apply, services
from imports.models import ImportJob, ImportRecord, ImportStatus
from imports.report import neutralise, rejected_rows_file
from network.models import Location, Organisation
from tests.imports import files
from tests.imports.helpers import confirm_and_import, preview, upload

pytestmark = pytest.mark.django_db


def _refused(job: ImportJob, *words: str) -> None:
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    for word in words:
        assert word in job.error_reason
    assert not job.file  # a refused file is not kept
    assert Organisation.objects.count() == 0


def test_csv_named_xlsx_is_refused():
    _refused(upload(files.csv_bytes([files.partner(1)]), name="aziende.xlsx"), ".xlsx", "CSV")


def test_excel_named_csv_is_refused():
    _refused(upload(files.xlsx_bytes([files.partner(1)]), name="aziende.csv"), ".csv", "XLSX")


def test_empty_file_is_refused():
    _refused(upload(b"", name="vuoto.csv"), "empty")


def test_blank_lines_only_is_refused():
    _refused(upload(b"\r\n ;;\r\n", name="vuoto.csv"))


def test_file_without_a_recognisable_header_is_refused():
    data = b"alfa;beta;gamma\n1;2;3\n4;5;6\n"
    _refused(upload(data, name="dati.csv"), "header")


def test_binary_and_old_excel_and_pdf_are_refused():
    _refused(upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, name="vecchio.xls"), ".xls")
    _refused(upload(b"%PDF-1.7\n" + b"\x00\x01" * 100, name="elenco.csv"))
    _refused(upload(bytes(range(256)) * 10, name="elenco.csv"))


def test_zip_bomb_is_refused_before_parsing():
    bomb = files.zip_bomb_xlsx(unpacked_mb=300)
    assert len(bomb) < 2 * 1024 * 1024  # small on disk
    _refused(upload(bomb, name="bomba.xlsx"), "unpacked")


def test_zip_with_too_many_entries_is_refused(settings):
    settings.SIL_IMPORTS_MAX_ZIP_ENTRIES = 10
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for number in range(20):
            archive.writestr(f"xl/extra{number}.xml", "<x/>")
    _refused(upload(buffer.getvalue(), name="tanti.xlsx"), "21 files")


def test_ods_with_xml_entities_is_refused():
    content = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        "<office:document-content>&lol2;</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    _refused(upload(buffer.getvalue(), name="entita.ods"), "XML")


def test_file_over_the_size_limit_is_refused(settings):
    settings.SIL_IMPORTS_MAX_UPLOAD_BYTES = 1024
    data = files.csv_bytes([files.partner(n) for n in range(1, 40)])
    assert len(data) > 1024
    _refused(upload(data), "limit")


def test_a_failure_mid_import_leaves_nothing_half_written(monkeypatch, django_capture_on_commit_callbacks):
    existing = Organisation.objects.create(name="Vecchio Nome", kind="company", vat_number=files.vat(1), slug="v")
    rows = [files.partner(1), *[files.partner(n) for n in range(2, 8)]]
    job = preview(upload(files.csv_bytes(rows)), django_capture_on_commit_callbacks)
    assert (job.count_new, job.count_updated) == (6, 1)

    def die(*args, **kwargs):
        raise RuntimeError("worker killed")

    # The new organisations are already written (inside the transaction) when the update step dies.
    monkeypatch.setattr(apply, "_update_organisations_pg", die)
    monkeypatch.setattr(apply, "_update_organisation_orm", die)
    with pytest.raises(RuntimeError):
        confirm_and_import(job, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "nothing was written" in job.error_reason
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Vecchio Nome"]
    assert Location.objects.count() == 0
    assert ImportRecord.objects.count() == 0

    monkeypatch.undo()
    job = confirm_and_import(job, django_capture_on_commit_callbacks)  # it can be run again
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    assert Organisation.objects.count() == 7
    existing.refresh_from_db()
    assert existing.name == "Officina Meccanica 1 S.r.l."


def test_undo_removes_created_restores_updated_and_reports_edits(django_capture_on_commit_callbacks, editor):
    updated = Organisation.objects.create(
        name="Officina Meccanica 1 S.r.l.", kind="company", vat_number=files.vat(1), slug="o1", phone="+39035000000"
    )
    edited_later = Organisation.objects.create(
        name="Officina Meccanica 2 S.r.l.", kind="company", vat_number=files.vat(2), slug="o2", employees=3
    )
    rows = [files.partner(n) for n in range(1, 6)]
    job = confirm_and_import(
        preview(upload(files.csv_bytes(rows)), django_capture_on_commit_callbacks), django_capture_on_commit_callbacks
    )
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    assert (job.count_new, job.count_updated) == (3, 2)
    created_ids = list(job.records.filter(action="created").values_list("object_id", flat=True))
    # Someone edits an updated organisation and a created one after the import.
    Organisation.objects.filter(pk=edited_later.pk).update(employees=25)
    hand_edited = Organisation.objects.get(vat_number=files.vat(5))
    Organisation.objects.filter(pk=hand_edited.pk).update(pec="nuova@pec.example.it")

    report = services.job_undo(job=job, user=editor)
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDONE
    assert job.undone_by == editor
    assert report["removed"] == 2
    assert set(Organisation.objects.filter(pk__in=created_ids).values_list("pk", flat=True)) == {hand_edited.pk}
    updated.refresh_from_db()
    assert updated.phone == "+39035000000"
    assert not updated.locations.exists()  # the location the import added is gone too
    edited_later.refresh_from_db()
    assert edited_later.employees == 25  # edited since: left alone
    assert edited_later.phone == ""  # the other fields went back
    kept = {item["id"]: item for item in report["kept"]}
    assert kept[edited_later.pk]["fields"] == ["employees"]
    assert kept[hand_edited.pk]["fields"] == ["pec"]
    with pytest.raises(services.InvalidTransitionError):
        services.job_undo(job=job, user=editor)


def test_rejected_rows_spreadsheet_neutralises_formulas(django_capture_on_commit_callbacks):
    rows = [
        files.partner(1, **{"Ragione sociale": '=HYPERLINK("http://evil.example","clic")', "P.IVA": files.bad_vat(1)}),
        files.partner(2, Telefono="+39 abc"),
        files.partner(3),
    ]
    job = preview(upload(files.csv_bytes(rows)), django_capture_on_commit_callbacks)
    assert job.count_invalid == 2
    sheet = openpyxl.load_workbook(io.BytesIO(rejected_rows_file(job, "xlsx"))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Row"
    assert values[1][0] == 2
    assert values[1][1] == '\'=HYPERLINK("http://evil.example","clic")'
    assert "check digit" in values[1][-1]
    assert values[2][0] == 3
    assert all(not str(cell).startswith(("=", "+", "-", "@")) for row in values for cell in row if cell)
    assert neutralise("-1+2") == "'-1+2"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("Via Roma") == "Via Roma"


def test_a_stalled_import_can_be_run_again(django_capture_on_commit_callbacks, settings):
    from django.utils import timezone

    job = preview(upload(files.csv_bytes([files.partner(1)])), django_capture_on_commit_callbacks)
    # A worker took the job and died without a trace: status importing, no heartbeat for long.
    long_ago = timezone.now() - timezone.timedelta(seconds=settings.SIL_IMPORTS_STALLED_AFTER_SECONDS + 5)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING, heartbeat_at=long_ago)
    job.refresh_from_db()
    assert services.is_stalled(job)
    services.run_import(job.pk)  # a redelivered task may take it over: its transaction is gone
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED
    assert Organisation.objects.count() == 1


def test_a_running_import_is_not_taken_over(django_capture_on_commit_callbacks):
    from django.utils import timezone

    job = preview(upload(files.csv_bytes([files.partner(1)])), django_capture_on_commit_callbacks)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING, heartbeat_at=timezone.now())
    services.run_import(job.pk)  # the task delivered twice while the first is alive
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTING
    assert Organisation.objects.count() == 0
    with pytest.raises(services.InvalidTransitionError):
        services.job_restart_stalled(job=job)
