"""``manage.py import_partners``: the same pipeline from the command line, recorded as a job."""

import io

import pytest
from django.core.management import CommandError, call_command

from imports.models import ImportJob, ImportStatus, MappingPreset
from network.models import Organisation
from tests.imports import files

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("import_partners", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_counts_and_rejected_rows_and_writes_nothing(tmp_path):
    path = tmp_path / "aziende.csv"
    path.write_bytes(files.csv_bytes([files.partner(1), files.partner(2, **{"P.IVA": files.bad_vat(2)})]))
    output = _run(str(path), "--dry-run")
    assert "1 new, 0 updated, 0 unchanged, 1 invalid" in output
    assert "row 3, P.IVA:" in output
    assert Organisation.objects.count() == 0
    assert ImportJob.objects.get().status == ImportStatus.PREVIEWED


def test_import_with_skip_invalid_and_a_preset(tmp_path):
    MappingPreset.objects.create(
        name="CCIAA", resource="organisations", mapping={"denom": "name", "piva": "vat_number"}
    )
    header = ["DENOM", "PIVA", "Comune"]
    rows = [{"DENOM": "Alfa Srl", "PIVA": files.vat(1), "Comune": "Bergamo"}, {"DENOM": "Beta", "PIVA": "123"}]
    path = tmp_path / "cciaa.csv"
    path.write_bytes(files.csv_bytes(rows, header=header, separator=","))
    output = _run(str(path), "--skip-invalid", "--preset", "CCIAA")
    assert "imported: 1 new" in output
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.IMPORTED
    assert job.preset.name == "CCIAA"
    assert Organisation.objects.get().name == "Alfa Srl"


def test_all_or_nothing_fails_with_the_reason(tmp_path):
    path = tmp_path / "aziende.csv"
    path.write_bytes(files.csv_bytes([files.partner(1), files.partner(2, **{"P.IVA": files.bad_vat(2)})]))
    with pytest.raises(CommandError, match="all or nothing"):
        _run(str(path))
    assert Organisation.objects.count() == 0
    assert ImportJob.objects.get().status == ImportStatus.FAILED


def test_a_refused_file_is_a_command_error(tmp_path):
    path = tmp_path / "vuoto.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        _run(str(path))
