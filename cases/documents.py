"""Private documents on a case's timeline: the upload checks and the service that stores one.

A document (a medical certificate, a signed internship agreement, a letter) is a timeline
entry carrying a file. Files go to the private storage of the forms app (outside
MEDIA_ROOT, no URL) under a random name, and are served only by the permission-checked
download view of ``cases.document_views``. The type is judged from the file's first bytes
with the forms app's sniffing helpers, not from what the browser declares; office files
are zip packages, so they are recognised by their package layout, and macro-enabled ones
are refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from cases.models import Case, TimelineEntry
from cases.services import CaseError, timeline_add
from forms.uploads import EXECUTABLE_SIGNATURES, file_sha256, sniff


@dataclass(frozen=True)
class DocumentKind:
    content_type: str
    extensions: tuple[str, ...]


KINDS = {
    "pdf": DocumentKind("application/pdf", (".pdf",)),
    "png": DocumentKind("image/png", (".png",)),
    "jpeg": DocumentKind("image/jpeg", (".jpg", ".jpeg")),
    "docx": DocumentKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": DocumentKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "odt": DocumentKind("application/vnd.oasis.opendocument.text", (".odt",)),
    "ods": DocumentKind("application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
}
ACCEPTED_DESCRIPTION = "PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS"
ACCEPT_ATTRIBUTE = ",".join(extension for kind in KINDS.values() for extension in kind.extensions)
ZIP_SIGNATURE = b"PK\x03\x04"
ODF_MIMETYPES = {KINDS["odt"].content_type: "odt", KINDS["ods"].content_type: "ods"}


def max_document_bytes() -> int:
    """The same limit as the attachments of the online forms."""
    return settings.SIL_FORMS_MAX_UPLOAD_BYTES


def _office_kind(upload) -> str | None:
    """The office format of a zip package, or None; macros (VBA projects) are refused outright."""
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise CaseError(_("Documents with macros cannot be attached: save it without macros."), code="macro")
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return "docx"
                if any(name.startswith("xl/") for name in names):
                    return "xlsx"
                return None
            if "mimetype" in names and package.getinfo("mimetype").file_size < 100:
                return ODF_MIMETYPES.get(package.read("mimetype").decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)
    return None


def document_check(upload) -> DocumentKind:
    """What the upload is, or a ``CaseError`` that says what to attach instead. Reads the file only."""
    if upload is None or not getattr(upload, "size", 0):
        raise CaseError(_("Choose the file to attach: it is empty or missing."), code="file_missing")
    limit = max_document_bytes()
    if upload.size > limit:
        raise CaseError(
            _("The file is too large (%(size)s): the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    name = (upload.name or "").lower()
    kind = sniff(head)
    if kind is None and head.startswith(ZIP_SIGNATURE):
        kind = _office_kind(upload)
    elif head.startswith(EXECUTABLE_SIGNATURES):
        kind = None
    if kind not in KINDS or name.endswith((".exe", ".bat", ".cmd", ".sh", ".js", ".msi")):
        raise CaseError(
            _("This file type cannot be attached: attach a %(types)s file.") % {"types": ACCEPTED_DESCRIPTION},
            code="wrong_file_type",
        )
    found = KINDS[kind]
    if not name.endswith(found.extensions):
        raise CaseError(
            _("The file name does not match its content: this file should end in %(extensions)s.")
            % {"extensions": ", ".join(found.extensions)},
            code="wrong_file_extension",
        )
    return found


@transaction.atomic
def timeline_document_add(
    *,
    case: Case,
    by,
    upload,
    occurred_at: datetime,
    text: str,
    kind: str = TimelineEntry.Kind.DOCUMENT,
    confidential: bool = False,
) -> TimelineEntry:
    """A timeline entry carrying a private document. The file is checked before anything is written."""
    found = document_check(upload)
    original_name = (upload.name or "documento").rsplit("/", 1)[-1][-200:]
    digest = file_sha256(upload)
    entry = timeline_add(case=case, by=by, kind=kind, occurred_at=occurred_at, text=text, confidential=confidential)
    try:
        entry.document.save(original_name, upload, save=False)
        entry.document_name = original_name
        entry.document_type = found.content_type
        entry.document_size = upload.size
        entry.document_sha256 = digest
        entry.save(update_fields=["document", "document_name", "document_type", "document_size", "document_sha256"])
    except Exception:
        # The entry is rolled back with the transaction: the file must not stay on disk without it.
        if entry.document:
            entry.document.delete(save=False)
        raise
    return entry
