"""VAT numbers written with "IT" and spaces, as on an invoice, are imported as the 11 digits."""

import pytest

from imports.models import ImportStatus
from network.models import Organisation
from tests.imports import files
from tests.imports.helpers import confirm_and_import, preview, upload

pytestmark = pytest.mark.django_db


def test_a_vat_number_with_the_it_prefix_is_stored_as_eleven_digits(editor, django_capture_on_commit_callbacks):
    rows = [files.partner(1, **{"P.IVA": f"IT {files.vat(1)}"}), files.partner(2, **{"P.IVA": f"IT{files.vat(2)}"})]
    job = upload(files.csv_bytes(rows), user=editor)
    job = preview(job, django_capture_on_commit_callbacks)
    assert (job.count_new, job.count_invalid) == (2, 0)
    job = confirm_and_import(job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    assert set(Organisation.objects.values_list("vat_number", flat=True)) == {files.vat(1), files.vat(2)}


def test_a_prefixed_vat_number_matches_the_existing_organisation(editor, django_capture_on_commit_callbacks):
    first = confirm_and_import(
        preview(upload(files.csv_bytes([files.partner(3)]), user=editor), django_capture_on_commit_callbacks),
        django_capture_on_commit_callbacks,
    )
    assert first.status == ImportStatus.IMPORTED
    again = upload(files.csv_bytes([files.partner(3, **{"P.IVA": f"IT {files.vat(3)}"})]), user=editor)
    again = preview(again, django_capture_on_commit_callbacks)
    assert (again.count_new, again.count_invalid) == (0, 0)  # matched by its VAT number, not new
    assert Organisation.objects.count() == 1
