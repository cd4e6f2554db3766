"""Attachment fields: django-form-builder's typed file fields, plus content sniffing.

django-form-builder checks the type the browser *declares*, the size and the name
length, and (for signed files) the digital signature. A declared type is easy to fake,
so each field also looks at the first bytes of the file and refuses anything that is
not what it claims to be, and anything that looks like a program.
"""

from __future__ import annotations

import base64
import hashlib
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django_form_builder import dynamic_fields
from django_form_builder.settings import ATTACH_NAME_MAX_LEN

# Magic numbers of what we accept, and of what must never be stored.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    # A P7M is DER-encoded CMS (a SEQUENCE: 0x30 then a length byte) or the same in base64 ("MII…").
    "p7m": (b"\x30\x80", b"\x30\x81", b"\x30\x82", b"\x30\x83", b"MII"),
}
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"PK\x03\x04")
CONTENT_TYPES = {
    "pdf": ("application/pdf",),
    "png": ("image/png",),
    "jpeg": ("image/jpeg", "image/pjpeg"),
    "p7m": ("application/pkcs7-mime", "application/x-pkcs7-mime", "application/octet-stream"),
}
EXTENSIONS = {"pdf": (".pdf",), "png": (".png",), "jpeg": (".jpg", ".jpeg"), "p7m": (".p7m",)}


def sniff(head: bytes) -> str | None:
    """The kind of file these first bytes start, among those we accept, or None."""
    for kind, prefixes in SIGNATURES.items():
        if head.startswith(prefixes):
            return kind
    return None


def file_sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


class SniffedFileMixin:
    """Shared checks of every attachment field; ``accepted`` lists the kinds the field takes."""

    accepted: tuple[str, ...] = ()
    description = ""

    def validate_upload(self, upload) -> None:
        max_size = settings.SIL_FORMS_MAX_UPLOAD_BYTES
        if upload.size > max_size:
            raise ValidationError(
                _("The file is too large (%(size)s): the limit is %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_size)},
            )
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        name = (upload.name or "").lower()
        if head.startswith(EXECUTABLE_SIGNATURES) or name.endswith((".exe", ".bat", ".cmd", ".sh", ".js", ".msi")):
            raise ValidationError(_("Programs and archives cannot be attached."), code="executable_file")
        kind = sniff(head)
        if kind not in self.accepted:
            raise ValidationError(
                _("This file is not a valid %(types)s: attach a %(types)s file."),
                code="wrong_file_type",
                params={"types": self.description},
            )
        if not name.endswith(EXTENSIONS[kind]):
            raise ValidationError(
                _("The file name does not match its content: a %(types)s file must end in %(extensions)s."),
                code="wrong_file_extension",
                params={"types": self.description, "extensions": ", ".join(EXTENSIONS[kind])},
            )
        # The declared type comes from the client: set it from what we saw, for django-form-builder's check.
        upload.content_type = CONTENT_TYPES[kind][0]

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            self.validate_upload(upload)
            errors = self.raise_error(self.label, upload)
            if errors:
                raise ValidationError(
                    [error if isinstance(error, ValidationError) else ValidationError(str(error)) for error in errors]
                )
        return upload


class PdfAttachmentField(SniffedFileMixin, dynamic_fields.CustomPDFField):
    accepted = ("pdf",)
    accept = ".pdf,application/pdf"
    description = "PDF"


class ImageAttachmentField(SniffedFileMixin, dynamic_fields.CustomImageField):
    accepted = ("png", "jpeg")
    description = "JPEG/PNG"
    accept = ".jpg,.jpeg,.png,image/jpeg,image/png"


class DocumentAttachmentField(SniffedFileMixin, dynamic_fields.CustomFileField):
    accepted = ("pdf", "png", "jpeg")
    description = "PDF/JPEG/PNG"
    accept = ".pdf,.jpg,.jpeg,.png"


class SignedAttachmentField(SniffedFileMixin, dynamic_fields.CustomSignedFileField):
    """A digitally signed PDF (PAdES) or P7M (CAdES); the signature is checked by django-form-builder.

    django-form-builder (through ``filesig``) runs ``pdfsig`` (Debian's poppler-utils) for a
    PDF and ``openssl`` for a P7M. Without them every file looks unsigned, so a system check
    (``forms.checks``) warns when either is missing. The check proves that the file was not
    changed since it was signed; it does not judge the signer's certificate (staff do).
    """

    accepted = ("pdf", "p7m")
    description = "PDF/P7M"
    accept = ".pdf,.p7m"
    valid_extensions = ("application/pdf", "application/pkcs7-mime")
    validation_error = _("The digital signature of this file is missing or not valid.")
    unsigned_error = _(
        "This file has no valid digital signature: attach the file as your signing software saved it "
        "(a signed PDF or a .p7m file), not a copy or a scan."
    )
    tampered_error = _(
        "The digital signature of this file does not match its content: the file was changed after it was "
        "signed. Attach the original signed file."
    )

    def get_signature_params(self, data):
        self.fileformat = "p7m" if (data.name or "").lower().endswith(".p7m") else "pdf"
        try:
            source = data
            if self.fileformat == "p7m" and data.read(3) == b"MII":
                # Some signing software saves the P7M in base64; filesig's openssl call reads DER only.
                data.seek(0)
                source = io.BytesIO(base64.b64decode(data.read()))
            data.seek(0)
            return super().get_signature_params(source)
        except Exception:  # noqa: BLE001 - a malformed file (bad base64, filesig errors) means "not signed"
            return None
        finally:
            data.seek(0)

    def raise_error(self, name, cleaned_data, **kwargs):
        if not cleaned_data:
            return []
        # django-form-builder's own checks of type, size and name length come first (type and
        # size were already checked by ``validate_upload``); its messages list MIME types.
        if len(cleaned_data.name or "") > ATTACH_NAME_MAX_LEN:
            return [
                ValidationError(
                    _(
                        "The file name is too long: rename the file to at most %(limit)s characters "
                        "and attach it again."
                    ),
                    code="file_name_too_long",
                    params={"limit": ATTACH_NAME_MAX_LEN},
                )
            ]
        if dynamic_fields.CustomFileField.raise_error(self, name, cleaned_data, **kwargs):
            return [ValidationError(self.validation_error, code="invalid_signed_file")]
        signatures = self.get_signature_params(cleaned_data) or []
        results = [str(signature.get("Signature Validation", "")).lower() for signature in signatures]
        if results and all("is valid" in result for result in results):
            return []
        if any(results):  # filesig lists a PDF's failing signatures; a failing P7M gives nothing
            return [ValidationError(self.tampered_error, code="signature_mismatch")]
        return [ValidationError(self.unsigned_error, code="unsigned_file")]


ATTACHMENT_FIELDS = {
    "attachment_pdf": PdfAttachmentField,
    "attachment_image": ImageAttachmentField,
    "attachment_document": DocumentAttachmentField,
    "attachment_signed": SignedAttachmentField,
}
