"""The right of access and to portability (GDPR art. 15 and 20): everything about one person, in one file.

``person_export_data`` gathers every record held about a person (the person, their
referrals with the form as it was sent, cases and everything under them, the work profile,
confirmed matches, and who read or changed their records) as plain JSON-ready data, with
the encrypted fields decrypted. ``person_export_zip`` writes it as a ZIP file:

- ``dati.json``: the records, one key per kind, every field of every row (choices also as
  their label), dates in ISO 8601; files are named by their path inside the ZIP;
- ``file/``: the attachments of the referral form and the documents of the case timeline,
  under their stored name prefixed by the record they belong to (original names are in the
  JSON: they may hold the person's name, and the ZIP's own name must not).

A ZIP rather than JSON plus loose files: one download, one thing to hand over, and the
attachments keep their bytes. The file name holds the person's reference only. The export
is written to a temporary file (documents can be large) and logged in the audit log with
references only.
"""

from __future__ import annotations

import json
import logging
import tempfile
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone

logger = logging.getLogger(__name__)

EXPORT_FORMAT_VERSION = 1
FILES_FOLDER = "file"


def _value(obj: models.Model, field: models.Field) -> Any:
    value = getattr(obj, field.attname)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def record(obj: models.Model, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every concrete field of ``obj`` (foreign keys as ids, choices also as labels)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = _value(obj, field)
        if field.choices and getattr(obj, field.attname) not in (None, ""):
            data[f"{field.name}_label"] = str(getattr(obj, f"get_{field.name}_display")())
    return data


def _user(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def person_export_data(*, person) -> dict[str, Any]:
    """Every record about ``person``, decrypted, as JSON-ready data. Reads only."""
    from cases.models import AuditEntry, Case, IndividualProject
    from forms.models import SubmissionAttachment
    from jobs.models import Match, WorkProfile
    from privacy.erasure import person_referrals

    referrals = list(person_referrals(person).select_related("submission").order_by("received_at"))
    cases = list(
        Case.objects.filter(Q(person=person) | Q(referral__in=referrals))
        .distinct()
        .select_related("referral")
        .prefetch_related("members__user", "evaluations__panel", "internships__host", "employments__employer")
        .order_by("opened_at")
    )
    data: dict[str, Any] = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "person": record(person, exclude=("version",)),
        "referrals": [],
        "cases": [],
        "work_profile": None,
        "access_log": [],
    }
    for referral in referrals:
        item = record(referral)
        item["events"] = [
            {"step": event.step, "at": event.at.isoformat()} for event in referral.events.order_by("at", "pk")
        ]
        submission = referral.submission
        if submission is not None:
            item["form_submission"] = {
                "reference": submission.reference,
                "submitted_at": submission.submit_time.isoformat(),
                "source": submission.source,
                "language": submission.language,
                "form_data": submission.form_data,
                "privacy_notice_version": submission.snapshot.get("privacy_notice_version", ""),
                "privacy_notice": submission.snapshot.get("privacy_notice", ""),
                "attachments": [
                    {
                        "field": attachment.field_name,
                        "original_name": attachment.original_name,
                        "content_type": attachment.content_type,
                        "size": attachment.size,
                        "sha256": attachment.sha256,
                        "file": attachment_path(attachment),
                    }
                    for attachment in SubmissionAttachment.objects.filter(submission=submission).order_by("pk")
                ],
            }
        data["referrals"].append(item)
    for case in cases:
        item = record(case, exclude=("version",))
        item["reference"] = case.reference
        item["team"] = [
            {"name": _user(member.user), "role": member.get_role_display()} for member in case.members.all()
        ]
        item["evaluations"] = [
            {**record(evaluation), "panel": [_user(user) for user in evaluation.panel.all()]}
            for evaluation in case.evaluations.all()
        ]
        project = IndividualProject.objects.filter(case=case).first()
        if project is not None:
            item["individual_project"] = {
                **record(project),
                "plan": [
                    {**record(plan_item), "intervention_type_name": str(plan_item.intervention_type)}
                    for plan_item in project.items.select_related("intervention_type")
                ],
            }
        item["internships"] = [
            {**record(internship), "host_name": internship.host.name} for internship in case.internships.all()
        ]
        item["employments"] = [
            {**record(employment), "employer_name": employment.employer.name} for employment in case.employments.all()
        ]
        item["timeline"] = [
            {**record(entry), "document": document_path(entry) if entry.document else ""}
            for entry in case.timeline.order_by("occurred_at", "pk")
        ]
        item["reports"] = [record(report) for report in case.reports.order_by("written_on", "pk")]
        item["matches"] = [
            {**record(match), "host_name": match.host.name}
            for match in Match.objects.filter(case=case).select_related("host")
        ]
        data["cases"].append(item)
    profile = WorkProfile.objects.filter(person=person).first()
    if profile is not None:
        data["work_profile"] = {
            **record(profile),
            "preferred_sectors": [str(term) for term in profile.preferred_sectors.all()],
        }
    # Who read or changed the records (art. 15: the recipients of the data).
    audit = AuditEntry.objects.filter(
        Q(object_type="person", object_id=person.pk)
        | Q(object_type="referral", object_id__in=[referral.pk for referral in referrals])
        | Q(object_type="case", object_id__in=[case.pk for case in cases])
    ).select_related("user")
    data["access_log"] = [
        {
            "at": entry.at.isoformat(),
            "user": _user(entry.user),
            "action": entry.get_action_display(),
            "object": entry.object_reference,
            "detail": entry.detail,
        }
        for entry in audit.order_by("at", "pk")
    ]
    return data


def attachment_path(attachment) -> str:
    return f"{FILES_FOLDER}/segnalazione-{attachment.submission.reference}/{attachment.file.name.rsplit('/', 1)[-1]}"


def document_path(entry) -> str:
    return f"{FILES_FOLDER}/{entry.case.reference}/{entry.document.name.rsplit('/', 1)[-1]}"


def person_export_filename(person) -> str:
    """The download's name: the person's reference and the day, never a name."""
    return f"dati-{person.reference}-{timezone.localdate():%Y%m%d}.zip"


def person_export_zip(*, person, by=None) -> tuple[str, IO[bytes]]:
    """The ZIP of everything about ``person``: (file name, temporary file positioned at 0).

    Logged in the audit log (references only) and in the application log (counts only).
    The caller closes the file (a ``FileResponse`` does).
    """
    from cases.models import AuditEntry, TimelineEntry
    from cases.services import audit_record
    from forms.models import SubmissionAttachment

    data = person_export_data(person=person)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, who closes it
    files = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dati.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        referral_ids = [referral["id"] for referral in data["referrals"]]
        case_ids = [case["id"] for case in data["cases"]]
        attachments = SubmissionAttachment.objects.filter(submission__referral__in=referral_ids).select_related(
            "submission"
        )
        for attachment in attachments.order_by("pk"):
            files += _add_file(archive, attachment.file, attachment_path(attachment))
        entries = TimelineEntry.objects.filter(case__in=case_ids).exclude(document="").select_related("case")
        for entry in entries.order_by("pk"):
            files += _add_file(archive, entry.document, document_path(entry))
    out.seek(0)
    audit_record(
        user=by,
        action=AuditEntry.Action.VIEW,
        object_type="person",
        object_id=person.pk,
        object_reference=person.reference,
        district_id=person.district_id,
        detail="person.export",
    )
    logger.info(
        "Person %s exported: %d referrals, %d cases, %d files",
        person.reference,
        len(data["referrals"]),
        len(data["cases"]),
        files,
    )
    return person_export_filename(person), out


def _add_file(archive: zipfile.ZipFile, field_file: FieldFile, path: str) -> int:
    try:
        with field_file.storage.open(field_file.name, "rb") as source, archive.open(path, "w") as target:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                target.write(chunk)
    except FileNotFoundError:
        # The row is exported (with its name and checksum); say the file was missing, no value.
        logger.warning("Export: a stored file is missing (%s)", path)
        return 0
    return 1
