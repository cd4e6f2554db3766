"""Signed attachments: real signed PDFs and P7M files, made at test time, checked with pdfsig and openssl."""

import base64
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from forms.checks import check_signature_programs
from forms.models import FormField, FormSubmission
from forms.uploads import SignedAttachmentField
from tests.forms.conftest import VALID_REFERRAL
from tests.forms.signing import make_signer, signed_p7m, signed_pdf, unsigned_pdf

pytestmark = pytest.mark.signing


@pytest.fixture(scope="module")
def signer(tmp_path_factory):
    return make_signer(tmp_path_factory.mktemp("signer"))


def clean(name: str, content: bytes):
    field = SignedAttachmentField(label="Documento firmato")
    return field.clean(SimpleUploadedFile(name, content, content_type="application/octet-stream"))


def refusal_code(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as raised:
        clean(name, content)
    return raised.value.error_list[0].code


def tamper(data: bytes, old: bytes, new: bytes) -> bytes:
    assert data.count(old) == 1
    return data.replace(old, new)


def test_a_signed_pdf_is_accepted(signer):
    upload = clean("relazione.pdf", signed_pdf(signer))
    assert upload.content_type == "application/pdf"
    assert upload.read(5) == b"%PDF-"  # left readable for storage


def test_a_signed_p7m_is_accepted(signer):
    upload = clean("relazione.pdf.p7m", signed_p7m(signer, unsigned_pdf("Relazione firmata")))
    assert upload.content_type == "application/pkcs7-mime"


def test_a_signed_p7m_in_base64_is_accepted(signer):
    encoded = base64.encodebytes(signed_p7m(signer, unsigned_pdf()))
    assert encoded.startswith(b"MII")
    assert clean("relazione.pdf.p7m", encoded).read() == encoded  # stored as sent


def test_a_too_long_file_name_is_refused_with_its_own_message(signer):
    assert refusal_code("r" * 60 + ".pdf", signed_pdf(signer)) == "file_name_too_long"


def test_an_unsigned_pdf_is_refused_as_unsigned():
    assert refusal_code("relazione.pdf", unsigned_pdf()) == "unsigned_file"


def test_a_pdf_changed_after_signing_is_refused_as_tampered(signer):
    changed = tamper(signed_pdf(signer, "Ore settimanali: venti"), b"venti", b"VENTI")
    assert refusal_code("relazione.pdf", changed) == "signature_mismatch"


def test_a_p7m_changed_after_signing_is_refused(signer):
    changed = tamper(signed_p7m(signer, b"%PDF-1.7 Ore settimanali: venti"), b"venti", b"VENTI")
    assert refusal_code("relazione.pdf.p7m", changed) == "unsigned_file"


def test_a_p7m_without_a_signature_is_refused(signer, tmp_path):
    import subprocess

    source = tmp_path / "relazione.pdf"
    source.write_bytes(unsigned_pdf())
    envelope = subprocess.run(
        ["openssl", "cms", "-data_create", "-binary", "-outform", "DER", "-in", str(source)],
        check=True,
        capture_output=True,
    ).stdout
    assert refusal_code("relazione.pdf.p7m", envelope) == "unsigned_file"


def test_the_messages_say_what_to_do():
    with translation.override("en"):
        assert "attach the file as your signing software saved it" in str(SignedAttachmentField.unsigned_error)
        assert "changed after it was signed" in str(SignedAttachmentField.tampered_error)


def test_the_system_check_warns_when_a_program_is_missing(monkeypatch):
    assert check_signature_programs() == []
    monkeypatch.setattr("forms.checks.shutil.which", lambda program: None if program == "pdfsig" else "/usr/bin/x")
    warnings = check_signature_programs()
    assert [warning.id for warning in warnings] == ["forms.W001"]
    assert "poppler-utils" in warnings[0].hint


@pytest.fixture
def signed_field_page(referral_page):
    FormField.objects.create(
        page=referral_page, sort_order=99, label="Relazione firmata", field_type="attachment_signed", required=True
    )
    referral_page.save_revision().publish()
    return referral_page


def submit(client, payload):
    return client.post("/api/forms/segnalazione/submissions", data=json.dumps(payload), content_type="application/json")


@pytest.mark.django_db
def test_the_api_stores_a_signed_p7m_and_refuses_an_unsigned_pdf(client, signed_field_page, signer):
    unsigned = submit(
        client,
        {
            **VALID_REFERRAL,
            "relazione_firmata": {"filename": "r.pdf", "content_base64": base64.b64encode(unsigned_pdf()).decode()},
        },
    )
    assert unsigned.status_code == 422
    with translation.override("it"):
        assert unsigned.json()["errors"]["relazione_firmata"] == [str(SignedAttachmentField.unsigned_error)]
    assert FormSubmission.objects.count() == 0

    content = signed_p7m(signer, unsigned_pdf())
    accepted = client.post(
        "/api/forms/segnalazione/submissions",
        data={**VALID_REFERRAL, "consent": "on", "relazione_firmata": SimpleUploadedFile("r.pdf.p7m", content)},
    )
    assert accepted.status_code == 201, accepted.content
    attachment = FormSubmission.objects.get().attachments.get(field_name="relazione_firmata")
    assert attachment.file.read() == content
    assert attachment.content_type == "application/pkcs7-mime"
