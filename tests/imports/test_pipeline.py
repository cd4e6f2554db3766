"""The pipeline on ugly real-world files: read, map, preview, import, undo."""

import pytest

from imports.models import ImportRecord, ImportStatus
from network.models import Location, Organisation
from tests.imports import files
from tests.imports.helpers import confirm_and_import, preview, upload

pytestmark = pytest.mark.django_db


def test_semicolon_csv_with_bom_is_previewed_then_imported(editor, django_capture_on_commit_callbacks):
    rows = [files.partner(n) for n in range(1, 6)]
    job = upload(files.csv_bytes(rows, separator=";", encoding="utf-8-sig"), user=editor)
    assert job.status == ImportStatus.PARSED
    assert (job.source_details["encoding"], job.source_details["separator"]) == ("utf-8-sig", "semicolon")
    assert job.mapping["0"] == "name"
    assert job.mapping["1"] == "vat_number"
    assert job.mapping["5"] == "province"

    job = preview(job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.PREVIEWED
    assert (job.count_new, job.count_updated, job.count_invalid) == (5, 0, 0)
    assert Organisation.objects.count() == 0  # a preview writes nothing

    job = confirm_and_import(job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    organisation = Organisation.objects.get(vat_number=files.vat(3))
    assert organisation.name == "Officina Meccanica 3 S.r.l."
    assert organisation.phone == "+39035123456"
    assert organisation.sector.code == "C"  # from ATECO 25.62.00
    assert organisation.size_band == "small"
    location = Location.objects.get(organisation=organisation)
    assert (location.municipality, location.municipality_code, location.postcode) == ("Dalmine", "016091", "24044")
    assert ImportRecord.objects.filter(job=job, action="created").count() == 5
    assert job.rows_done == job.total_rows == 5


def test_windows_1252_accents_are_read(editor, django_capture_on_commit_callbacks):
    rows = [
        files.partner(
            1,
            **{
                "Ragione sociale": "Il Sole Società Cooperativa Sociale",
                "Comune": "Sant'Omobono Terme",
                "CAP": "24038",
            },
        ),
    ]
    job = upload(files.csv_bytes(rows, separator=",", encoding="cp1252"))
    assert job.source_details["encoding"] == "windows-1252"
    job = confirm_and_import(preview(job, django_capture_on_commit_callbacks), django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    organisation = Organisation.objects.get()
    assert organisation.name == "Il Sole Società Cooperativa Sociale"
    assert organisation.locations.get().municipality == "Sant'Omobono Terme"


@pytest.mark.parametrize("separator", ["\t", "|", ","])
def test_other_separators_are_detected(separator, db):
    job = upload(files.csv_bytes([files.partner(1), files.partner(2)], separator=separator, encoding="utf-8"))
    assert job.status == ImportStatus.PARSED
    assert job.total_rows == 2
    assert job.mapping["1"] == "vat_number"


def test_excel_with_merged_title_row_and_trailing_empty_rows(db, django_capture_on_commit_callbacks):
    job = upload(files.xlsx_bytes([files.partner(n) for n in range(1, 4)]), name="export.xlsx")
    assert job.status == ImportStatus.PARSED, job.error_reason
    assert job.header_row == 3
    assert job.total_rows == 3  # the empty rows after the data are not rows
    job = preview(job, django_capture_on_commit_callbacks)
    assert (job.count_new, job.count_invalid) == (3, 0), job.report["errors"]


def test_ods_is_read(db, django_capture_on_commit_callbacks):
    job = upload(files.ods_bytes([files.partner(1), files.partner(2)]), name="rete.ods")
    assert job.status == ImportStatus.PARSED, job.error_reason
    job = preview(job, django_capture_on_commit_callbacks)
    assert job.count_new == 2, job.report


def test_invalid_rows_are_reported_with_row_column_and_reason(db, django_capture_on_commit_callbacks):
    rows = [
        files.partner(1),
        files.partner(2, **{"P.IVA": files.bad_vat(2)}),
        files.partner(3, **{"P.IVA": files.vat(1)}),  # the same VAT number as row 2 of the file
        files.partner(4, Comune="Bergamoo"),
        files.partner(5, PEC="non-una-mail"),
        files.partner(6, **{"Ragione sociale": '=HYPERLINK("http://x")'}),
    ]
    job = preview(upload(files.csv_bytes(rows)), django_capture_on_commit_callbacks)
    assert (job.count_new, job.count_invalid) == (2, 4)
    errors = {(row, column): reason for row, column, reason in job.report["errors"]}
    assert "check digit" in errors[(3, "P.IVA")]
    assert "row 2" in errors[(4, "P.IVA")]
    assert "ISTAT" in errors[(5, "Comune")]
    assert (6, "PEC") in errors


def test_all_or_nothing_imports_nothing_when_a_row_is_invalid(db, django_capture_on_commit_callbacks):
    rows = [files.partner(1), files.partner(2, **{"P.IVA": files.bad_vat(2)})]
    job = preview(upload(files.csv_bytes(rows)), django_capture_on_commit_callbacks)
    job = confirm_and_import(job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.FAILED
    assert "1 rows are invalid" in job.error_reason
    assert Organisation.objects.count() == 0


def test_skip_invalid_imports_the_valid_rows(db, django_capture_on_commit_callbacks):
    rows = [files.partner(1), files.partner(2, **{"P.IVA": files.bad_vat(2)})]
    job = preview(upload(files.csv_bytes(rows)), django_capture_on_commit_callbacks)
    job = confirm_and_import(job, django_capture_on_commit_callbacks, policy="skip_invalid")
    assert job.status == ImportStatus.IMPORTED
    assert list(Organisation.objects.values_list("vat_number", flat=True)) == [files.vat(1)]
    assert job.count_invalid == 1


def _existing(serial: int, **fields) -> Organisation:
    values = {
        "name": f"Officina Meccanica {serial} S.r.l.",
        "kind": "company",
        "vat_number": files.vat(serial),
        "slug": f"officina-{serial}",
    } | fields
    organisation = Organisation.objects.create(**values)
    Location.objects.create(
        organisation=organisation,
        address="Via Vecchia 1",
        municipality="Dalmine",
        municipality_code="016091",
        province="BG",
        postcode="24044",
    )
    return organisation


def test_matching_by_vat_then_tax_code_and_name_matches_need_confirmation(db, django_capture_on_commit_callbacks):
    by_vat = _existing(1, phone="+39035999999")
    by_tax = _existing(2, vat_number="", tax_code=files.vat(2), slug="o2")
    by_name = _existing(3, vat_number="", slug="o3", name="Cooperativa Il Ponte")
    rows = [
        files.partner(1),
        files.partner(2),
        files.partner(3, **{"Ragione sociale": "COOPERATIVA  IL PONTE", "P.IVA": ""}),
        files.partner(4),
    ]
    job = preview(upload(files.csv_bytes(rows)), django_capture_on_commit_callbacks)
    assert (job.count_new, job.count_updated, job.count_to_confirm) == (1, 2, 1)
    updates = {item["id"]: item for item in job.report["updates"]}
    assert updates[by_vat.pk]["matched_by"] == "vat_number"
    assert updates[by_vat.pk]["changes"]["phone"] == ["+39035999999", "+39035123456"]
    assert updates[by_vat.pk]["changes"]["address"] == ["Via Vecchia 1", "Via Roma 1"]
    assert updates[by_vat.pk]["changes"]["sector"][1].startswith("C ")  # the term, not its id
    assert updates[by_tax.pk]["matched_by"] == "tax_code"
    assert job.report["to_confirm"][0]["candidate_id"] == by_name.pk

    # Not confirmed: the name-only match is neither merged nor duplicated.
    job = confirm_and_import(job, django_capture_on_commit_callbacks, policy="skip_invalid", confirmed={})
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    assert Organisation.objects.filter(name__icontains="ponte").count() == 1
    by_vat.refresh_from_db()
    assert by_vat.phone == "+39035123456"
    assert by_vat.locations.get().address == "Via Roma 1"


def test_confirmed_name_match_updates_the_organisation(db, django_capture_on_commit_callbacks):
    by_name = _existing(3, vat_number="", slug="o3", name="Cooperativa Il Ponte")
    rows = [files.partner(3, **{"Ragione sociale": "Cooperativa Il Ponte"})]
    job = preview(upload(files.csv_bytes(rows)), django_capture_on_commit_callbacks)
    assert job.count_to_confirm == 1
    job = confirm_and_import(job, django_capture_on_commit_callbacks, confirmed={"2": by_name.pk})
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    by_name.refresh_from_db()
    assert by_name.vat_number == files.vat(3)
    assert Organisation.objects.count() == 1


def test_unchanged_rows_are_counted(db, django_capture_on_commit_callbacks):
    job = confirm_and_import(
        preview(upload(files.csv_bytes([files.partner(1)])), django_capture_on_commit_callbacks),
        django_capture_on_commit_callbacks,
    )
    assert job.status == ImportStatus.IMPORTED
    again = preview(upload(files.csv_bytes([files.partner(1)])), django_capture_on_commit_callbacks)
    assert (again.count_new, again.count_updated, again.count_unchanged) == (0, 0, 1)
