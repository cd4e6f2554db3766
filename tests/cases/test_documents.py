"""Private documents on the timeline: what may be uploaded, where it is stored, who may download it."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from cases.documents import document_check, timeline_document_add
from cases.models import AuditEntry, CaseTeamMember, TimelineEntry
from cases.services import CaseError
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def office_file(kind: str, *, macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        if kind == "docx":
            package.writestr("[Content_Types].xml", "<Types/>")
            package.writestr("word/document.xml", "<document/>")
            if macro:
                package.writestr("word/vbaProject.bin", b"\x00" * 8)
        elif kind == "odt":
            package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            package.writestr("content.xml", "<office/>")
        else:
            package.writestr("anything.txt", "plain zip")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def case(district, manager):
    case = CaseFactory(person=PersonFactory(district=district))
    CaseTeamMember.objects.create(case=case, user=manager, role="case_manager")
    return case


@pytest.fixture
def cleanup():
    """Documents go to the real private storage: remove what a test wrote."""
    yield
    for entry in TimelineEntry.objects.exclude(document=""):
        entry.document.delete(save=False)


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def add(case, by, file, *, confidential=False):
    return timeline_document_add(
        case=case, by=by, upload=file, occurred_at=timezone.now(), text="Certificato.", confidential=confidential
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programma.pdf", b"MZ\x90\x00" + b"\x00" * 40, "cannot be attached"),  # a Windows program renamed
        ("note.txt", b"just some text", "cannot be attached"),
        ("foto.pdf", PNG, "should end in .png"),  # the name lies about the content
        ("lettera.docx", office_file("docx", macro=True), "macros"),
        ("archivio.docx", office_file("zip"), "cannot be attached"),
        ("vuoto.pdf", b"", "empty or missing"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_written(case, manager, name, content, message):
    with pytest.raises(CaseError, match=message):
        add(case, manager, upload(name, content))
    assert not TimelineEntry.objects.filter(case=case).exists()


def test_a_file_over_the_limit_is_refused(case, manager, settings):
    settings.SIL_FORMS_MAX_UPLOAD_BYTES = 100
    with pytest.raises(CaseError, match="too large"):
        add(case, manager, upload("grande.pdf", PDF + b"0" * 200))
    assert not TimelineEntry.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("certificato.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        (
            "lettera.docx",
            office_file("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("lettera.odt", office_file("odt"), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_accepted_types_are_judged_by_content(name, content, content_type):
    # The browser's declared type is ignored: the content decides.
    assert document_check(upload(name, content, "application/octet-stream")).content_type == content_type


def test_a_document_is_stored_privately_and_downloaded_by_the_team(case, manager, client, cleanup):
    entry = add(case, manager, upload("Certificato Rossi.pdf", PDF))
    assert entry.document_name == "Certificato Rossi.pdf"
    assert (entry.document_type, entry.document_size, len(entry.document_sha256)) == ("application/pdf", len(PDF), 64)
    assert "Rossi" not in entry.document.name  # stored under a random name
    assert not entry.document.path.startswith(str(settings.MEDIA_ROOT))
    assert entry.document.path.startswith(str(storages["private"].location))
    login_staff(client, manager)
    assert client.get(settings.MEDIA_URL + entry.document.name).status_code == 404  # nothing public serves it
    response = client.get(reverse("cases_document", args=[case.pk, entry.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.VIEW, user=manager, object_id=case.pk, detail="case.document.download"
    ).exists()


def test_a_confidential_document_is_refused_off_team_and_logged(case, manager, psychologist, client, cleanup):
    entry = add(case, manager, upload("diagnosi.pdf", PDF), confidential=True)
    login_staff(client, psychologist)  # same district, not on the team
    page = client.get(reverse("cases_case", args=[case.pk]))
    assert "diagnosi.pdf" not in page.text
    response = client.get(reverse("cases_document", args=[case.pk, entry.pk]))
    assert response.status_code in (302, 403)  # Wagtail turns PermissionDenied into a redirect to the dashboard
    assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))
    refusal = AuditEntry.objects.get(action=AuditEntry.Action.DENIED, user=psychologist)
    assert (refusal.object_id, refusal.detail) == (case.pk, "timeline.confidential")
    assert not AuditEntry.objects.filter(user=psychologist, detail="case.document.download").exists()


def test_a_document_of_another_district_is_refused_and_logged(case, manager, outsider, client, cleanup):
    entry = add(case, manager, upload("certificato.pdf", PDF))
    login_staff(client, outsider)
    response = client.get(reverse("cases_document", args=[case.pk, entry.pk]))
    assert response.status_code == 404
    refusal = AuditEntry.objects.get(action=AuditEntry.Action.DENIED, user=outsider)
    assert (refusal.object_id, refusal.district_id) == (case.pk, case.district_id)


def test_an_entry_without_a_file_has_no_download(case, manager, client):
    entry = TimelineEntry.objects.create(
        case=case, kind="note", occurred_at=timezone.now(), text="Nota", author=manager
    )
    login_staff(client, manager)
    assert client.get(reverse("cases_document", args=[case.pk, entry.pk])).status_code == 404


def test_upload_through_the_case_page(case, manager, client, cleanup):
    login_staff(client, manager)
    url = reverse("cases_case", args=[case.pk])
    fields = {
        "action": "document",
        "version": case.version,
        "document-kind": "document",
        "document-occurred_at": "2026-01-10T10:00",
        "document-text": "Convenzione di tirocinio firmata.",
    }
    refused = client.post(
        url, {**fields, "document-file": upload("convenzione.pdf", b"MZ" + b"\x00" * 30)}, follow=True
    )
    assert refused.status_code == 200
    assert not TimelineEntry.objects.filter(case=case).exists()
    client.post(url, {**fields, "document-file": upload("convenzione.pdf", PDF)})
    entry = TimelineEntry.objects.get(case=case)
    assert entry.document_name == "convenzione.pdf"
    page = client.get(url)
    assert reverse("cases_document", args=[case.pk, entry.pk]) in page.text
    document_form = page.text.split('name="action" value="document"', 1)[0].rsplit("<form", 1)[1]
    assert 'enctype="multipart/form-data"' in document_form
