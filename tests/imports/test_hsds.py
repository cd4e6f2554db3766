"""The HSDS tabular package that network's export writes can be imported back."""

import pytest

from imports.models import ImportStatus
from network.export import export_directory
from network.models import Location, Organisation
from tests.imports import files
from tests.imports.helpers import confirm_and_import, preview, upload

pytestmark = pytest.mark.django_db


def test_an_hsds_package_from_another_district_is_imported(tmp_path, django_capture_on_commit_callbacks):
    for serial in (1, 2):
        organisation = Organisation.objects.create(
            name=f"Cooperativa {serial}",
            kind="coop_b",
            vat_number=files.vat(serial),
            slug=f"coop-{serial}",
            email=f"info{serial}@coop.example.it",
            is_public=True,
            publish_identifiers=True,
        )
        Location.objects.create(
            organisation=organisation,
            address=f"Via Roma {serial}",
            municipality="Sant'Omobono Terme",
            municipality_code="016252",
            province="BG",
            postcode="24038",
        )
    export_directory(tmp_path)
    package = (tmp_path / "hsds_tabular.zip").read_bytes()
    Organisation.objects.all().delete()

    job = upload(package, name="hsds_tabular.zip")
    assert job.status == ImportStatus.PARSED, job.error_reason
    assert job.file_format == "hsds"
    job = preview(job, django_capture_on_commit_callbacks)
    assert (job.count_new, job.count_invalid) == (2, 0), job.report["errors"]
    job = confirm_and_import(job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    imported = Organisation.objects.get(vat_number=files.vat(2))
    assert (imported.name, imported.kind, imported.email) == ("Cooperativa 2", "coop_b", "info2@coop.example.it")
    assert imported.locations.get().municipality == "Sant'Omobono Terme"


def test_a_csv_named_zip_is_refused():
    job = upload(files.csv_bytes([files.partner(1)]), name="elenco.zip")
    assert job.status == ImportStatus.FAILED
    assert ".zip" in job.error_reason
