"""The admin screens, through Django's test client: the whole flow and who may use it."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports import services
from imports.models import ImportJob, ImportStatus, MappingPreset
from network.models import Organisation
from tests.factories.auth import login_staff
from tests.imports import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_editor(client, editor):
    login_staff(client, editor)
    return client


def _upload(client, data: bytes, name: str = "aziende.csv", **extra):
    return client.post(
        reverse("imports:upload"),
        {"resource": "organisations", "file": SimpleUploadedFile(name, data), "preset": ""},
        **extra,
    )


def test_network_editor_goes_from_upload_to_undo(client_editor, editor, django_capture_on_commit_callbacks):
    header = [*files.HEADER[:-1], "Addetti totali"]  # a header nobody suggests: mapped by hand below
    rows = [files.partner(n, **{"Addetti totali": "12"}) for n in range(1, 4)]
    rows.append(files.partner(9, **{"P.IVA": files.bad_vat(9), "Ragione sociale": "=1+1"}))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(client_editor, files.csv_bytes(rows, header=header))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:job", args=[job.pk])
    assert job.status == ImportStatus.UPLOADED
    assert len(callbacks) == 1  # reading the rows is queued for the worker
    assert client_editor.get(reverse("imports:status", args=[job.pk])).json()["running"] is True
    services.run_parse(job.pk)
    response = client_editor.get(reverse("imports:job", args=[job.pk]))
    assert response["Location"] == reverse("imports:mapping", args=[job.pk])
    job.refresh_from_db()

    page = client_editor.get(reverse("imports:mapping", args=[job.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Addetti totali" in content
    assert "Officina Meccanica 1 S.r.l." in content  # sample values

    form = {f"column_{index}": name for index, name in job.mapping.items()}
    form["column_10"] = "employees"
    form["preset_name"] = "Camera di commercio"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_editor.post(reverse("imports:mapping", args=[job.pk]), form)
    assert response.status_code == 302
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWING
    assert job.mapping["10"] == "employees"
    assert MappingPreset.objects.get().mapping["addettitotali"] == "employees"

    status = client_editor.get(reverse("imports:status", args=[job.pk])).json()
    assert status["running"] is True
    assert status["status"] == "previewing"
    page = client_editor.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page  # without JavaScript the page refreshes itself
    assert "progress.js" in page

    services.run_preview(job.pk)
    page = client_editor.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Confirm and import" in page or "Conferma e importa" in page
    assert "check digit" in page or "cifra di controllo" in page

    download = client_editor.get(reverse("imports:rejected", args=[job.pk, "xlsx"]))
    assert download.status_code == 200
    assert "rejected-rows.xlsx" in download["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    assert sheet.cell(row=2, column=2).value == "'=1+1"

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_editor.post(reverse("imports:job", args=[job.pk]), {"policy": "skip_invalid"})
    assert len(callbacks) == 1
    services.run_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    assert Organisation.objects.get(vat_number=files.vat(2)).employees == 12
    assert client_editor.get(reverse("imports:status", args=[job.pk])).json()["percent"] == 100

    assert client_editor.get(reverse("imports:undo", args=[job.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_editor.post(reverse("imports:undo", args=[job.pk]))
    assert len(callbacks) == 1  # the undo runs on the worker
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDOING
    assert client_editor.get(reverse("imports:status", args=[job.pk])).json()["running"] is True
    services.run_undo(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDONE
    assert Organisation.objects.count() == 0
    history = client_editor.get(reverse("imports:index")).content.decode()
    assert "aziende.csv" in history


def test_staff_without_the_permission_cannot_import(client, django_user_model):
    user = django_user_model.objects.create_user(username="altro", password="x" * 14)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_staff(client, user)
    home = reverse("wagtailadmin_home")
    # Wagtail turns a PermissionDenied in the admin into a redirect home with a message.
    for response in (
        client.get(reverse("imports:index")),
        client.get(reverse("imports:upload")),
        _upload(client, files.csv_bytes([files.partner(1)])),
    ):
        assert (response.status_code, response["Location"]) == (302, home)
    assert ImportJob.objects.count() == 0
    assert reverse("imports:index") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_permission_comes_with_the_network_editors_group():
    group = Group.objects.get(name="Network editors")
    assert group.permissions.filter(codename="can_import", content_type__app_label="imports").exists()


def test_the_menu_shows_imports_to_editors(client_editor):
    assert reverse("imports:index") in client_editor.get(reverse("wagtailadmin_home")).content.decode()


def test_an_upload_over_the_limit_is_refused_while_it_is_read(client_editor, settings):
    """The same path a 2-GB upload takes, scaled down: the body stops being read at the limit."""
    settings.SIL_IMPORTS_MAX_UPLOAD_BYTES = 100 * 1024
    big = files.csv_bytes([files.partner(n) for n in range(1, 3000)])
    assert len(big) > 200 * 1024
    response = _upload(client_editor, big)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportStatus.FAILED
    assert "0 MB" in job.error_reason
    assert not job.file


def test_a_declared_2gb_body_is_not_read():
    from django.core.files.uploadhandler import StopUpload

    from imports.views import LimitedUploadHandler

    handler = LimitedUploadHandler(None, 20 * 1024 * 1024)
    handler.handle_raw_input(None, {}, 2 * 1024**3, b"boundary")
    with pytest.raises(StopUpload):
        handler.new_file("file", "huge.csv", "text/csv", 2 * 1024**3)
    assert handler.too_large


def test_a_refused_file_shows_its_reason(client_editor):
    response = _upload(client_editor, b"", name="vuoto.csv")
    job = ImportJob.objects.get()
    page = client_editor.get(response["Location"]).content.decode()
    assert job.status == ImportStatus.FAILED
    assert job.error_reason in page


def test_the_uploaded_file_is_private(client_editor, settings):
    _upload(client_editor, files.csv_bytes([files.partner(1)]))
    job = ImportJob.objects.get()
    assert job.file.storage.base_url is None or not str(job.file.storage.location).startswith(str(settings.MEDIA_ROOT))
    assert not str(job.file.storage.location).startswith(str(settings.MEDIA_ROOT))


def test_retention_deletes_old_files(client_editor, settings):
    from django.utils import timezone

    _upload(client_editor, files.csv_bytes([files.partner(1)]))
    job = ImportJob.objects.get()
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    assert services.purge_expired_files() == 0
    later = timezone.now() + timezone.timedelta(days=settings.SIL_IMPORTS_RETENTION_DAYS + 1)
    assert services.purge_expired_files(now=later) == 1
    job.refresh_from_db()
    assert not storage.exists(name)
    assert job.file_deleted_at is not None
    assert "samples" not in job.source_details
