"""The right to erasure (GDPR art. 17): remove or anonymise one person everywhere.

``person_erase`` is the one place that knows every table holding something about a person
served. Staff call it from the admin (``privacy.subject_views``); the nightly retention job
(``privacy.retention``) calls it for people past their retention period. It runs in one
transaction, deletes the files (timeline documents, form attachments) only after the commit,
writes one audit line with references only, logs counts (never values) and returns counts
per kind.

Delete or anonymise, table by table. The outcome dashboard counts referrals, cases, hires
and times (days to first contact, to first employer meeting) per period, district and legal
category; deleting an erased person's rows would change last year's published figures. So
the rows that feed those counts stay as anonymous statistical shells with every personal
field blanked, and everything else goes:

- ``Person``: kept as an empty marker row (names, tax code, contacts, family contact and the
  encrypted health fields blanked, birth date set to ``ERASED_BIRTH_DATE``); only district
  and legal category stay, because the dashboard groups by them and counts distinct people
  hired. ``person_is_erased`` tells such a row. Deleting it would force deleting the cases.
- ``Referral`` (linked to the person, or never linked but with the same tax code): kept with
  status, dates, category, district and referring service; names, birth date, tax code,
  municipality, the referring worker's contacts, the encrypted reason and the decision
  reason blanked. ``ReferralEvent`` (step codes and dates only) kept.
- ``FormSubmission`` of those referrals: deleted, with its ``SubmissionAttachment`` rows and
  files. Intake already blanked the person's answers in it (``privacy.redaction``), but it
  keeps the referrer's answers to the questions editors added, which may name the person.
  The referral keeps its reference code (the referrer's status link stops working).
- ``Case``: kept (stage, outcome, dates); the outcome reason blanked. Team members kept
  (they are staff). ``Evaluation``: ratings and decision kept, every note and the reasons
  blanked. ``IndividualProject``: texts blanked. ``PlanItem``: kept (type, dates, status).
  ``Internship``: host, dates, hours kept; tutor, agreement, insurance and check notes
  blanked. ``Employment``: kept (no free text). ``TimelineEntry``: kind and time kept (the
  dashboard measures the first contact), text blanked, document deleted. ``CaseReport``:
  sections blanked (kept so a closed case still shows it had a final report).
- ``jobs.WorkProfile``: deleted. ``jobs.Match``: score kept, reasons (a snapshot of the
  profile) emptied.
- ``core.OutboxEmail`` rows about the person's submissions and referrals: deleted.
- ``Reminder`` rows about the person's referrals, cases, internships and jobs: deleted.
- ``AuditEntry``: kept (who read and changed what is accountability, and it holds references
  only); any entry whose text still holds one of the person's values is scrubbed. A new
  entry records the erasure with the person's reference and the reason code.
- Wagtail ``ModelLogEntry`` and ``Revision`` rows of any of the records above: deleted (no
  cases model uses them today; this keeps it true if one starts to).
- ``ReferrerSignIn`` rows belong to the referring worker, not to the person, and are not
  tied to a referral: untouched. Celery results hold no arguments (``result_extended`` is
  off) and the tasks take ids: nothing to remove there.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

logger = logging.getLogger(__name__)

ERASED_BIRTH_DATE = date(1900, 1, 1)
SCRUBBED = "[…]"


def person_is_erased(person) -> bool:
    """Whether this person row is the anonymous shell left by ``person_erase``."""
    return not person.tax_code and not person.first_name and not person.last_name


def person_referrals(person):
    """The person's referrals: those linked to them, and those never linked that carry their tax code."""
    from cases.models import Referral

    referral_filter = Q(person=person)
    if person.tax_code:
        referral_filter |= Q(person__isnull=True, tax_code__iexact=person.tax_code)
    return Referral.objects.filter(referral_filter)


def person_erase_preview(*, person) -> dict[str, int]:
    """What ``person_erase`` would remove, per kind, for the confirmation screen. Reads only."""
    from cases.models import Case, TimelineEntry
    from forms.models import SubmissionAttachment

    referral_ids = list(person_referrals(person).values_list("pk", flat=True))
    cases = Case.objects.filter(Q(person=person) | Q(referral__in=referral_ids)).distinct()
    return {
        "referrals": len(referral_ids),
        "cases": cases.count(),
        "documents": TimelineEntry.objects.filter(case__in=cases).exclude(document="").count(),
        "attachments": SubmissionAttachment.objects.filter(submission__referral__in=referral_ids).count(),
    }


def person_personal_values(person, referrals=None) -> list[str]:
    """The values that identify a person, as stored: what must be gone after an erasure.

    Used to scrub free text (audit lines) and by the tests to scan every table.
    """
    values = {person.first_name, person.last_name, person.tax_code, person.email, person.phone}
    values |= {person.address, person.family_contact_name, person.family_contact_phone, person.health_notes or ""}
    for referral in referrals or []:
        values |= {referral.first_name, referral.last_name, referral.tax_code, referral.reason}
    # Short values ("Rossi" is fine, "a" is not) would match unrelated text.
    return sorted(value for value in values if value and len(value.strip()) >= 3)


def _delete_files_after_commit(files: list[tuple]) -> None:
    def delete() -> None:
        removed = 0
        for storage, name in files:
            try:
                storage.delete(name)
                removed += 1
            except OSError:
                logger.exception("Could not delete a file of an erased person")
        logger.info("Erasure: %d files removed from storage", removed)

    if files:
        transaction.on_commit(delete)


def _log_entries_and_revisions(objects_by_model: dict, counts: Counter) -> None:
    from wagtail.models import ModelLogEntry, Revision

    for model, ids in objects_by_model.items():
        if not ids:
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        str_ids = [str(pk) for pk in ids]
        deleted, _detail = ModelLogEntry.objects.filter(content_type=content_type, object_id__in=str_ids).delete()
        counts["log_entries"] += deleted
        deleted, _detail = Revision.objects.filter(
            Q(content_type=content_type) | Q(base_content_type=content_type), object_id__in=str_ids
        ).delete()
        counts["revisions"] += deleted


def _outbox(submission_ids: list[int], references: list[str], counts: Counter) -> None:
    """The e-mails about the person's referrals (references and status links only, but links to
    records that no longer exist): deleted, sent or not."""
    from core.models import OutboxEmail

    matching = Q(pk__in=[])
    for pk in submission_ids:
        matching |= Q(key__startswith=f"forms.submission:{pk}:")
    for reference in references:
        matching |= Q(subject__contains=reference) | Q(body__contains=reference)
    counts["emails"], _detail = OutboxEmail.objects.filter(matching).delete()


def _scrub_audit(values: list[str], counts: Counter) -> None:
    from cases.models import AuditEntry

    if not values:
        return
    matching = Q()
    for value in values:
        matching |= Q(detail__icontains=value) | Q(object_reference__icontains=value)
    for entry in AuditEntry.objects.filter(matching):
        for value in values:
            entry.detail = _replace_casefold(entry.detail, value)
            entry.object_reference = _replace_casefold(entry.object_reference, value)
        entry.save(update_fields=["detail", "object_reference"])
        counts["audit_entries_scrubbed"] += 1


def _replace_casefold(text: str, value: str) -> str:
    lowered, needle = text.lower(), value.lower()
    while needle and needle in lowered:
        start = lowered.index(needle)
        text = text[:start] + SCRUBBED + text[start + len(value) :]
        lowered = text.lower()
    return text


def person_erase(*, person, by=None, reason: str) -> dict[str, int]:
    """Remove or anonymise ``person`` everywhere (see the module docstring); counts per kind.

    ``by`` is the staff user (None for the retention job); ``reason`` a short code, stored in
    the audit line (e.g. ``"request"``, ``"retention"``): never a personal value.
    """
    from cases.models import (
        AuditEntry,
        Case,
        CaseReport,
        Employment,
        Evaluation,
        IndividualProject,
        Internship,
        Person,
        PlanItem,
        Referral,
        Reminder,
        TimelineEntry,
    )
    from cases.services import audit_record
    from forms.models import FormSubmission, SubmissionAttachment
    from jobs.models import Match, WorkProfile

    counts: Counter = Counter()
    files: list[tuple] = []
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        reference = person.reference
        referrals = list(person_referrals(person).select_for_update())
        values = person_personal_values(person, referrals)
        cases = list(Case.objects.filter(Q(person=person) | Q(referral__in=referrals)).distinct())
        case_ids = [case.pk for case in cases]
        referral_ids = [referral.pk for referral in referrals]

        # Files first (collected now, deleted after the commit), then the rows.
        entries = TimelineEntry.objects.filter(case__in=case_ids)
        for entry in entries.exclude(document=""):
            files.append((entry.document.storage, entry.document.name))
            counts["documents"] += 1
        counts["timeline_entries"] = entries.update(
            text="", document="", document_name="", document_type="", document_size=None, document_sha256=""
        )
        submission_ids = [referral.submission_id for referral in referrals if referral.submission_id]
        for attachment in SubmissionAttachment.objects.filter(submission__in=submission_ids):
            files.append((attachment.file.storage, attachment.file.name))
            counts["attachments"] += 1

        counts["evaluations"] = Evaluation.objects.filter(case__in=case_ids).update(
            motivation_notes="",
            autonomy_notes="",
            flexibility_notes="",
            stability_notes="",
            reasons="",
        )
        counts["projects"] = IndividualProject.objects.filter(case__in=case_ids).update(
            objectives="", expected_results="", commitments="", other_supports=""
        )
        counts["plan_items"] = PlanItem.objects.filter(project__case__in=case_ids).count()
        internships = Internship.objects.filter(case__in=case_ids)
        internship_ids = list(internships.values_list("pk", flat=True))
        counts["internships"] = internships.update(
            agreement_reference="", company_tutor="", insurance="", midterm_check_notes="", final_check_notes=""
        )
        employment_ids = list(Employment.objects.filter(case__in=case_ids).values_list("pk", flat=True))
        counts["employments"] = len(employment_ids)
        counts["reports"] = CaseReport.objects.filter(case__in=case_ids).update(
            summary="", interventions="", outcomes="", recommendations=""
        )
        counts["matches"] = Match.objects.filter(case__in=case_ids).update(reasons=[])
        counts["work_profiles"], _detail = WorkProfile.objects.filter(person=person).delete()
        counts["cases"] = Case.objects.filter(pk__in=case_ids).update(outcome_reason="")

        counts["reminders"], _detail = Reminder.objects.filter(
            Q(kind=Reminder.Kind.REFERRAL_OVERDUE, object_id__in=referral_ids)
            | Q(kind=Reminder.Kind.REVIEW_DUE, object_id__in=case_ids)
            | Q(kind=Reminder.Kind.INTERNSHIP_ENDING, object_id__in=internship_ids)
            | Q(kind=Reminder.Kind.POST_HIRE_CHECK, object_id__in=employment_ids)
        ).delete()

        # The referrals lose their submission (deleted below, with its attachments) and every personal field.
        counts["referrals"] = Referral.objects.filter(pk__in=referral_ids).update(
            submission=None,
            first_name="",
            last_name="",
            date_of_birth=ERASED_BIRTH_DATE,
            tax_code="",
            municipality="",
            municipality_code="",
            referrer_name="",
            referrer_email="",
            referrer_phone="",
            reason="",
            decision_reason="",
        )
        submissions = FormSubmission.objects.filter(pk__in=submission_ids)
        counts["form_submissions"] = submissions.count()
        SubmissionAttachment.objects.filter(submission__in=submission_ids).delete()
        submissions.delete()

        Person.objects.filter(pk=person.pk).update(
            first_name="",
            last_name="",
            tax_code="",
            date_of_birth=ERASED_BIRTH_DATE,
            municipality="",
            address="",
            phone="",
            email="",
            invalidity_percentage=None,
            l381_detail="",
            health_notes="",
            family_contact_name="",
            family_contact_relation="",
            family_contact_phone="",
        )
        counts["people"] = 1

        _log_entries_and_revisions(
            {
                Person: [person.pk],
                Referral: referral_ids,
                Case: case_ids,
                Evaluation: list(Evaluation.objects.filter(case__in=case_ids).values_list("pk", flat=True)),
                IndividualProject: list(
                    IndividualProject.objects.filter(case__in=case_ids).values_list("pk", flat=True)
                ),
                Internship: internship_ids,
                Employment: employment_ids,
                TimelineEntry: list(TimelineEntry.objects.filter(case__in=case_ids).values_list("pk", flat=True)),
                CaseReport: list(CaseReport.objects.filter(case__in=case_ids).values_list("pk", flat=True)),
                FormSubmission: submission_ids,
            },
            counts,
        )
        _outbox(submission_ids, [referral.reference for referral in referrals], counts)
        _scrub_audit(values, counts)
        audit_record(
            user=by,
            action=AuditEntry.Action.CHANGE,
            object_type="person",
            object_id=person.pk,
            object_reference=reference,
            district_id=person.district_id,
            detail=f"person.erase:{reason}",
        )
        _delete_files_after_commit(files)
        transaction.on_commit(
            partial(
                logger.info,
                "Person %s erased (%s): %s",
                reference,
                reason[:40],
                ", ".join(f"{kind}={count}" for kind, count in sorted(counts.items())),
            )
        )
    return dict(counts)
