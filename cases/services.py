"""Writes of the cases app: every state change of a referral or case is a function here.

Each function checks that the change is legal and raises ``CaseError`` (a
``ValidationError``, shown by the views as an admin error message) *before* changing
anything, inside one transaction, so a refused change leaves the database as it was.
Case changes take the ``expected_version`` the user saw (optimistic locking): if someone
else changed the case meanwhile the change is refused rather than silently overwriting.
Every change is written to the audit log; the referring worker gets an e-mail at each step
with the reference and the private status link only.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import (
    AuditEntry,
    Case,
    CaseTeamMember,
    Category,
    Employment,
    Evaluation,
    IndividualProject,
    Internship,
    InterventionType,
    Person,
    PlanItem,
    Referral,
    ReferralEvent,
    Role,
    TimelineEntry,
)
from core.outbox import email_queue
from network.validators import clean_tax_code

logger = logging.getLogger(__name__)


class CaseError(ValidationError):
    """An illegal change of a referral or case, with a message for the user."""


class StaleCaseError(CaseError):
    """The case changed since the user loaded it."""


# What the referring worker reads, per step (status page and e-mails).
STEP_LABELS = {
    "received": gettext_lazy("Referral received"),
    "acknowledged": gettext_lazy("Referral acknowledged by the service"),
    "in_evaluation": gettext_lazy("Evaluation in progress"),
    "accepted": gettext_lazy("Referral accepted"),
    "not_eligible": gettext_lazy("Referral not eligible"),
    "withdrawn": gettext_lazy("Referral withdrawn"),
    "project_started": gettext_lazy("Individual project started"),
    "internship_started": gettext_lazy("Internship started"),
    "hired": gettext_lazy("Person hired"),
    "closed": gettext_lazy("Path closed"),
    "reopened": gettext_lazy("Path reopened"),
    "closed_with_final_report": gettext_lazy("Path closed with the final report"),
    "progress_report_delivered": gettext_lazy("Progress report delivered to the referring service"),
    "final_report_delivered": gettext_lazy("Final report delivered to the referring service"),
}


# --- audit and notifications ------------------------------------------------------------


def audit_record(
    *,
    user,
    action: str,
    object_type: str,
    object_id: int | None,
    detail: str = "",
    district_id: int | None = None,
    object_reference: str = "",
) -> AuditEntry:
    """One line of the audit log: references and operation names only, never data values."""
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_reference=object_reference,
        district_id=district_id,
        detail=detail[:100],
    )


def _audit_change(user, obj: Case | Referral | Person, detail: str) -> None:
    object_type = {Case: "case", Referral: "referral", Person: "person"}[type(obj)]
    audit_record(
        user=user,
        action=AuditEntry.Action.CHANGE,
        object_type=object_type,
        object_id=obj.pk,
        object_reference=str(obj),
        district_id=obj.district_id,
        detail=detail,
    )


def _notify_referrer(referral: Referral | None, step: str, *, reason: str = "") -> None:
    """Record the step for the status page and e-mail the referring worker after commit.

    The e-mail carries the reference code, the step, the status link and, for a refusal,
    the reason typed by staff (the form tells them to leave health details out).
    """
    if referral is None:
        return
    event = ReferralEvent.objects.create(referral=referral, step=step)
    submission = referral.submission
    language = getattr(submission, "language", None) or "it"
    link = ""
    if submission is not None and submission.status_key:
        from forms.services import status_url

        link = status_url(submission)
    with translation.override(language):
        subject = _("Referral %(reference)s: %(step)s") % {"reference": referral.reference, "step": STEP_LABELS[step]}
        lines = [
            _("Reference code: %(reference)s") % {"reference": referral.reference},
            _("New step: %(step)s") % {"step": STEP_LABELS[step]},
        ]
        if reason:
            lines.append(_("Reason: %(reason)s") % {"reason": reason})
        if link:
            lines.append(_("Follow the referral on its private status page: %(link)s") % {"link": link})
        body = "\n\n".join(lines) + "\n"
    if not referral.referrer_email:
        return  # e.g. the demo data: the step is on the status page, no one to e-mail
    # Through the outbox: stored with the step, sent once even if its task runs twice.
    email_queue(key=f"cases.referral_event:{event.pk}", subject=subject, body=body, to=[referral.referrer_email])


# --- optimistic locking ------------------------------------------------------------------


def _lock(case: Case, expected_version: int) -> None:
    """Bump the case's version if it is still the one the user saw; refuse otherwise."""
    updated = Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise StaleCaseError(
            _("Someone else changed this case while you were editing it. Reload the page and try again."),
            code="stale",
        )
    case.version = expected_version + 1


def _schedule_review(case: Case) -> None:
    """Set the next review after the interval staff chose in the case settings (project approved,
    monitoring started): a path without a review date would never show up as due."""
    from cases.models import CasesSettings

    case.next_review_on = timezone.localdate() + timedelta(days=CasesSettings.load().review_every_days)
    case.save(update_fields=["next_review_on"])


def _require_stage(case: Case, *stages: str, action: str) -> None:
    if case.stage not in stages:
        raise CaseError(
            _("%(action)s is not possible while the case is in the stage “%(stage)s”.")
            % {"action": action, "stage": case.get_stage_display()},
            code="stage",
        )


# --- referrals ---------------------------------------------------------------------------


def referral_create_from_submission(*, submission) -> Referral:
    """The referral of this submission, created with status "received" the first time only."""
    from forms.core_fields import MUNICIPALITY_WITH_PROVINCE
    from forms.network_link import municipality_lookup

    data = submission.form_data
    municipality = data["person_municipality"]
    match = MUNICIPALITY_WITH_PROVINCE.match(municipality)
    found = municipality_lookup(match["name"], match["province"]) if match else municipality_lookup(municipality)
    referral, created = Referral.objects.get_or_create(
        submission=submission,
        defaults={
            "reference": submission.reference,
            "first_name": data["person_first_name"],
            "last_name": data["person_last_name"],
            "date_of_birth": date.fromisoformat(data["person_date_of_birth"]),
            "tax_code": data["person_tax_code"],
            "municipality": municipality,
            "municipality_code": found.code if found else "",
            "category": data["category"],
            "referring_service": data["referring_service"],
            "referrer_name": data["referrer_name"],
            "referrer_email": data["referrer_email"],
            "referrer_phone": data.get("referrer_phone", ""),
            "reason": data["reason"],
            "received_at": submission.submit_time,
        },
    )
    if created:
        # The form server already sends the receipt: only record the step for the status page.
        ReferralEvent.objects.create(referral=referral, step="received")
    return referral


@transaction.atomic
def referral_create(
    *,
    by,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    tax_code: str,
    municipality: str,
    category: str,
    referring_service: str,
    referrer_name: str,
    referrer_email: str,
    reason: str,
    referrer_phone: str = "",
    district=None,
) -> Referral:
    """A referral typed in by staff (phone, letter): the same record as one from the form."""
    from forms.services import new_reference

    tax_code = clean_tax_code(tax_code.strip().upper())
    reference = new_reference()
    while Referral.objects.filter(reference=reference).exists():
        reference = new_reference()
    referral = Referral.objects.create(
        reference=reference,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        tax_code=tax_code,
        municipality=municipality,
        category=category,
        referring_service=referring_service,
        referrer_name=referrer_name,
        referrer_email=referrer_email,
        referrer_phone=referrer_phone,
        reason=reason,
        received_at=timezone.now(),
        district=district,
    )
    _audit_change(by, referral, "referral.create")
    _notify_referrer(referral, "received")
    return referral


def _locked_referral(referral: Referral, *allowed: str, action: str) -> Referral:
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if current.status not in allowed:
        raise CaseError(
            _("%(action)s is not possible: the referral is “%(status)s”.")
            % {"action": action, "status": current.get_status_display()},
            code="status",
        )
    return current


@transaction.atomic
def referral_acknowledge(*, referral: Referral, by, district, person: Person | None = None) -> Referral:
    """Take a received referral in: assign its district and link it to a person record.

    ``person`` is an existing record staff chose among the possible matches; without it a
    new person is created from the referral's data. Records are never merged automatically.
    """
    current = _locked_referral(referral, Referral.Status.RECEIVED, action=_("Acknowledging"))
    if district is None:
        raise CaseError(_("Choose the district that will handle the referral."), code="district")
    if person is None:
        person = Person.objects.create(
            first_name=current.first_name,
            last_name=current.last_name,
            date_of_birth=current.date_of_birth,
            tax_code=current.tax_code.upper(),
            municipality=current.municipality,
            category=current.category,
            district=district,
        )
    current.person = person
    current.district = district
    current.status = Referral.Status.ACKNOWLEDGED
    current.acknowledged_at = timezone.now()
    current.save(update_fields=["person", "district", "status", "acknowledged_at"])
    _audit_change(by, current, "referral.acknowledge")
    _notify_referrer(current, "acknowledged")
    return current


@transaction.atomic
def referral_start_evaluation(*, referral: Referral, by) -> Case:
    """Open the case of an acknowledged referral, in the evaluation stage, with ``by`` as case manager."""
    current = _locked_referral(referral, Referral.Status.ACKNOWLEDGED, action=_("Starting the evaluation"))
    case = Case.objects.create(person=current.person, referral=current, district=current.district)
    CaseTeamMember.objects.create(case=case, user=by, role=Role.CASE_MANAGER)
    current.status = Referral.Status.IN_EVALUATION
    current.save(update_fields=["status"])
    _audit_change(by, current, "referral.start_evaluation")
    _audit_change(by, case, "case.open")
    _notify_referrer(current, "in_evaluation")
    return case


@transaction.atomic
def referral_accept(*, referral: Referral, by, expected_version: int) -> Case:
    """Accept the referral after a positive evaluation: the case moves on to the project."""
    current = _locked_referral(referral, Referral.Status.IN_EVALUATION, action=_("Accepting"))
    case = Case.objects.get(referral=current)
    evaluation = case.evaluations.first()
    if evaluation is None or evaluation.decision != Evaluation.Decision.ELIGIBLE:
        raise CaseError(
            _("A referral can be accepted only after an evaluation that found the person eligible."),
            code="evaluation",
        )
    _lock(case, expected_version)
    current.status = Referral.Status.ACCEPTED
    current.decided_at = timezone.now()
    current.save(update_fields=["status", "decided_at"])
    case.stage = Case.Stage.PROJECT
    case.save(update_fields=["stage"])
    _audit_change(by, current, "referral.accept")
    _audit_change(by, case, "case.stage.project")
    _notify_referrer(current, "accepted")
    return case


@transaction.atomic
def referral_decline(*, referral: Referral, by, reason: str) -> Referral:
    """The referral is not eligible; the reason is required and sent to the referring worker."""
    reason = reason.strip()
    if not reason:
        raise CaseError(_("Say why the referral is not eligible: the referring service is told."), code="reason")
    current = _locked_referral(
        referral,
        Referral.Status.RECEIVED,
        Referral.Status.ACKNOWLEDGED,
        Referral.Status.IN_EVALUATION,
        action=_("Declaring not eligible"),
    )
    _finish_referral(current, by=by, status=Referral.Status.NOT_ELIGIBLE, reason=reason)
    _notify_referrer(current, "not_eligible", reason=reason)
    return current


@transaction.atomic
def referral_withdraw(*, referral: Referral, by, reason: str = "") -> Referral:
    """The referring service or the person withdrew the referral before a decision."""
    current = _locked_referral(
        referral,
        Referral.Status.RECEIVED,
        Referral.Status.ACKNOWLEDGED,
        Referral.Status.IN_EVALUATION,
        action=_("Withdrawing"),
    )
    _finish_referral(current, by=by, status=Referral.Status.WITHDRAWN, reason=reason.strip())
    _notify_referrer(current, "withdrawn")
    return current


def _finish_referral(referral: Referral, *, by, status: str, reason: str) -> None:
    referral.status = status
    referral.decided_at = timezone.now()
    referral.decision_reason = reason
    referral.save(update_fields=["status", "decided_at", "decision_reason"])
    _audit_change(by, referral, f"referral.{status}")
    case = Case.objects.filter(referral=referral).first()
    if case is not None and case.stage != Case.Stage.CLOSED:
        outcome = Case.Outcome.NOT_ELIGIBLE if status == Referral.Status.NOT_ELIGIBLE else Case.Outcome.WITHDRAWN
        Case.objects.filter(pk=case.pk).update(version=F("version") + 1)
        case.stage_before_closing = case.stage
        case.stage = Case.Stage.CLOSED
        case.outcome = outcome
        case.outcome_reason = reason
        case.closed_at = timezone.now()
        case.save(update_fields=["stage", "stage_before_closing", "outcome", "outcome_reason", "closed_at"])
        _audit_change(by, case, "case.close")


# --- case team and evaluation ------------------------------------------------------------


@transaction.atomic
def case_add_member(*, case: Case, by, user, role: str, expected_version: int) -> CaseTeamMember:
    """Put a staff member of the case's district on the team with a role."""
    from cases.selectors import user_district_ids

    districts = user_district_ids(user)
    if districts is not None and case.district_id not in districts:
        raise CaseError(_("This staff member does not work in the case's district."), code="district")
    if CaseTeamMember.objects.filter(case=case, user=user).exists():
        raise CaseError(_("This staff member is already on the team."), code="duplicate")
    _lock(case, expected_version)
    member = CaseTeamMember.objects.create(case=case, user=user, role=role)
    _audit_change(by, case, "case.team.add")
    return member


@dataclass(frozen=True)
class Prerequisite:
    rating: int
    notes: str = ""


@transaction.atomic
def evaluation_record(
    *,
    case: Case,
    by,
    expected_version: int,
    held_on: date,
    motivation: Prerequisite,
    autonomy: Prerequisite,
    flexibility: Prerequisite,
    stability: Prerequisite,
    panel: list,
    decision: str,
    reasons: str,
) -> Evaluation:
    """Record the multi-professional evaluation of a case in the evaluation stage."""
    _require_stage(case, Case.Stage.EVALUATION, action=_("Recording an evaluation"))
    if not reasons.strip():
        raise CaseError(_("Give the reasons of the decision."), code="reasons")
    if not panel:
        raise CaseError(_("Say who sat on the evaluation panel."), code="panel")
    if decision not in Evaluation.Decision.values:
        raise CaseError(_("Choose the decision."), code="decision")
    _lock(case, expected_version)
    evaluation = Evaluation.objects.create(
        case=case,
        held_on=held_on,
        motivation=motivation.rating,
        motivation_notes=motivation.notes,
        autonomy=autonomy.rating,
        autonomy_notes=autonomy.notes,
        flexibility=flexibility.rating,
        flexibility_notes=flexibility.notes,
        stability=stability.rating,
        stability_notes=stability.notes,
        decision=decision,
        reasons=reasons.strip(),
        recorded_by=by,
    )
    evaluation.panel.set(panel)
    _audit_change(by, case, "case.evaluation")
    return evaluation


# --- individual project and plan ---------------------------------------------------------


@transaction.atomic
def project_save(
    *,
    case: Case,
    by,
    expected_version: int,
    objectives: str,
    expected_results: str,
    commitments: str = "",
    other_supports: str = "",
) -> IndividualProject:
    """Write or change the individual project; a change after approval needs approval again."""
    _require_stage(
        case, Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING, action=_("Editing the project")
    )
    if not objectives.strip() or not expected_results.strip():
        raise CaseError(_("A project needs its objectives and expected results."), code="required")
    _lock(case, expected_version)
    project, _created = IndividualProject.objects.update_or_create(
        case=case,
        defaults={
            "objectives": objectives,
            "expected_results": expected_results,
            "commitments": commitments,
            "other_supports": other_supports,
            "approved_by": None,
            "approved_at": None,
        },
    )
    _audit_change(by, case, "case.project.save")
    return project


@transaction.atomic
def project_approve(*, case: Case, by, expected_version: int) -> IndividualProject:
    """The district coordinator approves the project; only then can interventions start."""
    from cases.selectors import is_coordinator

    project = IndividualProject.objects.filter(case=case).first()
    if project is None:
        raise CaseError(_("Write the individual project before approving it."), code="project")
    if not is_coordinator(by, district_id=case.district_id):
        raise CaseError(_("Only the coordinator of the case's district can approve the project."), code="coordinator")
    if project.approved_at is not None:
        raise CaseError(_("The project is already approved."), code="approved")
    _lock(case, expected_version)
    project.approved_by = by
    project.approved_at = timezone.now()
    project.save(update_fields=["approved_by", "approved_at"])
    _schedule_review(case)
    _audit_change(by, case, "case.project.approve")
    return project


@transaction.atomic
def plan_item_add(
    *,
    case: Case,
    by,
    expected_version: int,
    intervention_type: InterventionType,
    starts_on: date,
    responsible,
    ends_on: date | None = None,
    status: str = PlanItem.Status.PLANNED,
) -> PlanItem:
    """Add an intervention to the plan of the case's project."""
    project = IndividualProject.objects.filter(case=case).first()
    if project is None:
        raise CaseError(_("Write the individual project before planning interventions."), code="project")
    _require_stage(case, Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING, action=_("Planning"))
    if ends_on is not None and ends_on < starts_on:
        raise CaseError(_("An intervention cannot end before it starts."), code="dates")
    _lock(case, expected_version)
    item = PlanItem.objects.create(
        project=project,
        intervention_type=intervention_type,
        starts_on=starts_on,
        ends_on=ends_on,
        responsible=responsible,
        status=status,
    )
    _audit_change(by, case, "case.plan.add")
    return item


@transaction.atomic
def case_start_interventions(*, case: Case, by, expected_version: int) -> Case:
    """Project → interventions, once the coordinator approved the project."""
    _require_stage(case, Case.Stage.PROJECT, action=_("Starting the interventions"))
    project = IndividualProject.objects.filter(case=case).first()
    if project is None or project.approved_at is None:
        raise CaseError(_("The interventions start after the coordinator approved the project."), code="approval")
    _lock(case, expected_version)
    case.stage = Case.Stage.INTERVENTIONS
    case.save(update_fields=["stage"])
    _audit_change(by, case, "case.stage.interventions")
    _notify_referrer(case.referral, "project_started")
    return case


# --- reviews and plan-item status ----------------------------------------------------------

OPEN_STAGES = (Case.Stage.EVALUATION, Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING)


@transaction.atomic
def case_set_next_review(*, case: Case, by, expected_version: int, next_review_on: date | None) -> Case:
    """Set when the team next reviews the case (after a review, or to move it)."""
    _require_stage(case, *OPEN_STAGES, action=_("Scheduling a review"))
    if next_review_on is None:
        raise CaseError(_("Choose the date of the next review."), code="review")
    if next_review_on < timezone.localdate():
        raise CaseError(_("The next review cannot be in the past: choose today or a later date."), code="review")
    _lock(case, expected_version)
    case.next_review_on = next_review_on
    case.save(update_fields=["next_review_on"])
    _audit_change(by, case, "case.review.schedule")
    return case


# Where a plan item may go from each status: it must start before it is done, and a finished
# or cancelled item stays as it is (plan a new one instead), so the plan tells what happened.
PLAN_ITEM_MOVES = {
    PlanItem.Status.PLANNED: (PlanItem.Status.IN_PROGRESS, PlanItem.Status.CANCELLED),
    PlanItem.Status.IN_PROGRESS: (PlanItem.Status.DONE, PlanItem.Status.CANCELLED),
    PlanItem.Status.DONE: (),
    PlanItem.Status.CANCELLED: (),
}


@transaction.atomic
def plan_item_set_status(*, case: Case, by, expected_version: int, item: PlanItem, status: str) -> PlanItem:
    """Move an intervention of the plan on: planned → in progress → done, or cancelled.

    A finished intervention without an end date, or planned to end later, gets today as its end.
    """
    _require_stage(
        case, Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING, action=_("Updating the plan")
    )
    current = PlanItem.objects.select_for_update().filter(pk=item.pk, project__case=case).first()
    if current is None:
        raise CaseError(_("This intervention is not in the plan of this case."), code="item")
    if status not in PlanItem.Status.values:
        raise CaseError(_("Choose the new status of the intervention."), code="status")
    today = timezone.localdate()
    if status == current.status:
        raise CaseError(
            _("The intervention is already “%(status)s”.") % {"status": current.get_status_display()}, code="status"
        )
    if status not in PLAN_ITEM_MOVES[current.status]:
        if status == PlanItem.Status.DONE and current.status == PlanItem.Status.PLANNED:
            message = _("An intervention that has not started cannot be done: mark it in progress first.")
        else:
            message = _("An intervention that is “%(status)s” cannot change any more: plan a new one instead.") % {
                "status": current.get_status_display()
            }
        raise CaseError(message, code="status")
    if status != PlanItem.Status.CANCELLED and case.stage == Case.Stage.PROJECT:
        raise CaseError(
            _("Interventions start once the coordinator approved the project and the interventions started."),
            code="stage",
        )
    if status == PlanItem.Status.DONE and current.starts_on > today:
        raise CaseError(
            _("An intervention cannot be done before its start date (%(date)s).")
            % {"date": formats.date_format(current.starts_on, "SHORT_DATE_FORMAT")},
            code="dates",
        )
    _lock(case, expected_version)
    current.status = status
    fields = ["status"]
    if status == PlanItem.Status.DONE and (current.ends_on is None or current.ends_on > today):
        current.ends_on = today
        fields.append("ends_on")
    current.save(update_fields=fields)
    _audit_change(by, case, f"case.plan.{status}")
    return current


# --- internship and employment -----------------------------------------------------------


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def internship_warnings(*, person: Person, starts_on: date, ends_on: date) -> list[str]:
    """Non-blocking warnings: regional rules cap internships at 12 months (24 for disabled trainees)."""
    limit = 24 if person.is_disabled else 12
    if ends_on > _add_months(starts_on, limit):
        message = _("The internship lasts more than %(months)d months, the usual limit for this trainee.")
        return [message % {"months": limit}]
    return []


@transaction.atomic
def internship_create(
    *,
    case: Case,
    by,
    expected_version: int,
    host,
    company_tutor: str,
    sil_tutor,
    starts_on: date,
    ends_on: date,
    weekly_hours: int,
    monthly_allowance: Decimal,
    insurance: str,
    agreement_reference: str = "",
    midterm_check_on: date | None = None,
    final_check_on: date | None = None,
) -> tuple[Internship, list[str]]:
    """Start an internship in the interventions stage. Returns it with any duration warnings."""
    _require_stage(case, Case.Stage.INTERVENTIONS, action=_("Starting an internship"))
    if ends_on <= starts_on:
        raise CaseError(_("An internship cannot end before it starts."), code="dates")
    if not 1 <= weekly_hours <= 40:
        raise CaseError(_("Weekly hours must be between 1 and 40."), code="hours")
    if monthly_allowance < 0:
        raise CaseError(_("The allowance cannot be negative."), code="allowance")
    for check in (midterm_check_on, final_check_on):
        if check is not None and not starts_on <= check <= ends_on:
            raise CaseError(_("The checks must fall within the internship."), code="checks")
    _lock(case, expected_version)
    internship = Internship.objects.create(
        case=case,
        host=host,
        agreement_reference=agreement_reference,
        company_tutor=company_tutor,
        sil_tutor=sil_tutor,
        starts_on=starts_on,
        ends_on=ends_on,
        weekly_hours=weekly_hours,
        monthly_allowance=monthly_allowance,
        insurance=insurance,
        midterm_check_on=midterm_check_on,
        final_check_on=final_check_on,
    )
    _audit_change(by, case, "case.internship.start")
    _notify_referrer(case.referral, "internship_started")
    return internship, internship_warnings(person=case.person, starts_on=starts_on, ends_on=ends_on)


INTERNSHIP_CHECKS = ("midterm", "final")


@transaction.atomic
def internship_record_check(
    *, case: Case, by, expected_version: int, internship: Internship, check: str, held_on: date, notes: str
) -> Internship:
    """Record the mid-term or final check of an internship as held: its date and outcome.

    The planned dates stay as they were; a check already recorded may be corrected (audited).
    """
    _require_stage(case, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING, action=_("Recording an internship check"))
    current = Internship.objects.select_for_update().filter(pk=internship.pk, case=case).first()
    if current is None:
        raise CaseError(_("This internship is not part of this case."), code="internship")
    if check not in INTERNSHIP_CHECKS:
        raise CaseError(_("Choose which check was held: mid-term or final."), code="check")
    if held_on is None:
        raise CaseError(_("Give the date the check was held."), code="dates")
    if not notes.strip():
        raise CaseError(_("Write the outcome of the check."), code="notes")
    if held_on < current.starts_on:
        raise CaseError(
            _("A check cannot be held before the internship starts (%(date)s).")
            % {"date": formats.date_format(current.starts_on, "SHORT_DATE_FORMAT")},
            code="dates",
        )
    if held_on > timezone.localdate():
        raise CaseError(_("A check is recorded once held: its date cannot be in the future."), code="dates")
    if check == "midterm":
        if held_on > current.ends_on:
            raise CaseError(_("The mid-term check must fall within the internship."), code="dates")
        if current.final_check_held_on and held_on > current.final_check_held_on:
            raise CaseError(_("The mid-term check cannot come after the final check."), code="dates")
    elif current.midterm_check_held_on and held_on < current.midterm_check_held_on:
        raise CaseError(_("The final check cannot come before the mid-term check."), code="dates")
    _lock(case, expected_version)
    setattr(current, f"{check}_check_held_on", held_on)
    setattr(current, f"{check}_check_notes", notes.strip())
    current.save(update_fields=[f"{check}_check_held_on", f"{check}_check_notes"])
    _audit_change(by, case, f"case.internship.check.{check}")
    return current


@transaction.atomic
def employment_create(
    *,
    case: Case,
    by,
    expected_version: int,
    employer,
    contract_type: str,
    starts_on: date,
    weekly_hours: int,
    counts_towards_quota: bool = False,
    monitoring_every_weeks: int = 4,
    monitoring_until: date | None = None,
) -> Employment:
    """Record a hiring: the case moves to post-hire monitoring."""
    _require_stage(case, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING, action=_("Recording a hiring"))
    if counts_towards_quota and not case.person.is_disabled:
        raise CaseError(_("Only a person under L. 68/99 counts towards the quota."), code="quota")
    if monitoring_until is not None and monitoring_until < starts_on:
        raise CaseError(_("Monitoring cannot end before the job starts."), code="dates")
    _lock(case, expected_version)
    employment = Employment.objects.create(
        case=case,
        employer=employer,
        contract_type=contract_type,
        starts_on=starts_on,
        weekly_hours=weekly_hours,
        counts_towards_quota=counts_towards_quota,
        monitoring_every_weeks=monitoring_every_weeks,
        monitoring_until=monitoring_until,
    )
    if case.stage != Case.Stage.MONITORING:
        case.stage = Case.Stage.MONITORING
        case.save(update_fields=["stage"])
        _schedule_review(case)
    _audit_change(by, case, "case.employment")
    _notify_referrer(case.referral, "hired")
    return employment


@transaction.atomic
def employment_record_end(
    *, case: Case, by, expected_version: int, employment: Employment, ends_on: date, reason: str
) -> Employment:
    """Record that a job ended: the day and why.

    Retention at 3, 6 and 12 months is measured on this date, so it is allowed after the case is
    closed too (a job often ends after the monitoring did). A date already recorded may be
    corrected; every change is audited.
    """
    current = Employment.objects.select_for_update().filter(pk=employment.pk, case=case).first()
    if current is None:
        raise CaseError(_("This job is not part of this case."), code="employment")
    if ends_on is None:
        raise CaseError(_("Give the date the job ended."), code="dates")
    if ends_on < current.starts_on:
        raise CaseError(
            _("A job cannot end before it started (%(date)s).")
            % {"date": formats.date_format(current.starts_on, "SHORT_DATE_FORMAT")},
            code="dates",
        )
    if ends_on > timezone.localdate():
        raise CaseError(
            _("Record the end of a job once it has happened: the date cannot be in the future."), code="dates"
        )
    if reason not in Employment.EndReason.values:
        raise CaseError(_("Choose why the job ended."), code="reason")
    _lock(case, expected_version)
    current.ends_on = ends_on
    current.end_reason = reason
    current.save(update_fields=["ends_on", "end_reason"])
    _audit_change(by, case, "case.employment.end")
    return current


@transaction.atomic
def case_start_monitoring(*, case: Case, by, expected_version: int) -> Case:
    """Interventions → monitoring without a hiring (e.g. a protected placement ended)."""
    _require_stage(case, Case.Stage.INTERVENTIONS, action=_("Starting the monitoring"))
    _lock(case, expected_version)
    case.stage = Case.Stage.MONITORING
    case.save(update_fields=["stage"])
    _schedule_review(case)
    _audit_change(by, case, "case.stage.monitoring")
    return case


# --- closing and reopening ---------------------------------------------------------------


@transaction.atomic
def case_close(*, case: Case, by, expected_version: int, outcome: str, reason: str) -> Case:
    """Close the case with an outcome and its reason (both required).

    A path that was carried out closes with its final report, complete (``cases.reports``):
    the referring service is told the path closed "with the final report".
    """
    from cases.reports import final_report_check

    if case.stage == Case.Stage.CLOSED:
        raise CaseError(_("The case is already closed."), code="closed")
    if outcome not in Case.Outcome.values or not reason.strip():
        raise CaseError(_("A case is closed with an outcome and the reason for it."), code="outcome")
    if case.stage == Case.Stage.EVALUATION and case.referral_id:
        raise CaseError(
            _("A case in evaluation is closed by declaring its referral not eligible or withdrawn."), code="stage"
        )
    final_report = final_report_check(case=case, outcome=outcome)
    _lock(case, expected_version)
    case.stage_before_closing = case.stage
    case.stage = Case.Stage.CLOSED
    case.outcome = outcome
    case.outcome_reason = reason.strip()
    case.closed_at = timezone.now()
    case.save(update_fields=["stage", "stage_before_closing", "outcome", "outcome_reason", "closed_at"])
    _audit_change(by, case, "case.close")
    _notify_referrer(case.referral, "closed_with_final_report" if final_report is not None else "closed")
    return case


@transaction.atomic
def case_reopen(*, case: Case, by, expected_version: int) -> Case:
    """Reopen a closed case in the stage it was closed from (a refused referral stays refused)."""
    _require_stage(case, Case.Stage.CLOSED, action=_("Reopening"))
    if case.outcome in (Case.Outcome.NOT_ELIGIBLE, Case.Outcome.WITHDRAWN) and case.referral_id:
        raise CaseError(_("A case closed by its referral's decision cannot be reopened: record a new referral."))
    _lock(case, expected_version)
    case.stage = case.stage_before_closing or Case.Stage.MONITORING
    case.stage_before_closing = ""
    case.outcome = ""
    case.outcome_reason = ""
    case.closed_at = None
    case.save(update_fields=["stage", "stage_before_closing", "outcome", "outcome_reason", "closed_at"])
    _audit_change(by, case, "case.reopen")
    _notify_referrer(case.referral, "reopened")
    return case


# --- timeline and person -----------------------------------------------------------------


@transaction.atomic
def timeline_add(
    *, case: Case, by, kind: str, occurred_at: datetime, text: str, confidential: bool = False
) -> TimelineEntry:
    """Add a visit, call, meeting, coordination table, family contact or note (append-only)."""
    if kind not in TimelineEntry.Kind.values:
        raise CaseError(_("Choose what kind of entry this is."), code="kind")
    if not text.strip():
        raise CaseError(_("Write what happened."), code="text")
    if occurred_at > timezone.now() + timedelta(days=1):
        raise CaseError(_("A timeline entry cannot be in the future."), code="future")
    entry = TimelineEntry.objects.create(
        case=case, kind=kind, occurred_at=occurred_at, text=text.strip(), confidential=confidential, author=by
    )
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    _audit_change(by, case, "case.timeline.add")
    return entry


PERSON_FIELDS = (
    "first_name",
    "last_name",
    "tax_code",
    "date_of_birth",
    "municipality",
    "address",
    "phone",
    "email",
    "category",
    "invalidity_percentage",
    "l381_detail",
    "health_notes",
    "family_contact_name",
    "family_contact_relation",
    "family_contact_phone",
)


@transaction.atomic
def person_update(*, person: Person, by, expected_version: int, **changes) -> Person:
    """Change a person's record; the tax code is validated and L. 68/99 needs a percentage.

    ``expected_version`` is the version of the record the user saw: a change made on a stale
    form is refused, as for cases, instead of overwriting someone else's edit.
    """
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_update got unknown fields: {sorted(unknown)}")
    if "tax_code" in changes:
        changes["tax_code"] = clean_tax_code(changes["tax_code"].strip().upper())
    category = changes.get("category", person.category)
    percentage = changes.get("invalidity_percentage", person.invalidity_percentage)
    if category == Category.DISABILITY_68_99 and percentage is None:
        raise CaseError(_("A person under L. 68/99 needs the invalidity percentage."), code="percentage")
    if percentage is not None and not 0 <= int(percentage) <= 100:
        raise CaseError(_("The invalidity percentage is between 0 and 100."), code="percentage")
    updated = Person.objects.filter(pk=person.pk, version=expected_version).update(version=F("version") + 1)
    if not updated:
        raise StaleCaseError(
            _("Someone else changed this person's record while you were editing it. Reload the page and try again."),
            code="stale",
        )
    person.version = expected_version + 1
    for name, value in changes.items():
        setattr(person, name, value)
    person.save()
    _audit_change(by, person, "person.update")
    return person
