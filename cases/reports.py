"""Progress and final reports of a case: writing them, marking them delivered, the PDF.

These are service functions like those of ``cases.services`` (kept in their own module so
that one stays readable): each checks that the change is legal and raises ``CaseError``
before changing anything, inside one transaction, and writes the audit log. The referring
worker is told (status page and e-mail, no content of the report) when a report reaches
their service; the report itself travels by the service's usual channels.

The PDF is rendered on demand from the current record with WeasyPrint and never stored:
there is no copy on disk to protect or to keep in sync with the record.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.models import Case, CaseReport
from cases.services import CaseError, _audit_change, _lock, _notify_referrer

SECTIONS = ("summary", "interventions", "outcomes", "recommendations")
# The report of a case still in evaluation would have nothing to say: the referral's
# decision is the answer the referrer gets then.
STAGES_WITH_PROGRESS = {Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING}
STAGES_WITH_FINAL = STAGES_WITH_PROGRESS | {Case.Stage.CLOSED}
RECIPIENTS = ("person", "referrer")


def _clean_sections(sections: dict[str, str]) -> dict[str, str]:
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise TypeError(f"unknown report sections: {sorted(unknown)}")
    return {name: (sections.get(name) or "").strip() for name in SECTIONS}


@transaction.atomic
def report_progress_add(
    *,
    case: Case,
    by,
    expected_version: int,
    period_start: date,
    period_end: date,
    **sections: str,
) -> CaseReport:
    """A progress report on a period of the path, complete when written (it is sent as it is)."""
    if case.stage not in STAGES_WITH_PROGRESS:
        raise CaseError(
            _("A progress report is written while the path is under way, not in the stage “%(stage)s”.")
            % {"stage": case.get_stage_display()},
            code="stage",
        )
    if period_start is None or period_end is None:
        raise CaseError(_("Give the period the progress report covers."), code="period")
    if period_end < period_start:
        raise CaseError(_("The period of the report cannot end before it starts."), code="period")
    if period_end > timezone.localdate():
        raise CaseError(_("The period of the report cannot end in the future."), code="period")
    values = _clean_sections(sections)
    report = CaseReport(case=case, kind=CaseReport.Kind.PROGRESS, period_start=period_start, period_end=period_end)
    for name, value in values.items():
        setattr(report, name, value)
    if report.missing_sections:
        raise CaseError(
            _("Fill in these sections of the report: %(sections)s.") % {"sections": ", ".join(report.missing_sections)},
            code="sections",
        )
    _lock(case, expected_version)
    report.author = by
    report.written_on = timezone.localdate()
    report.save()
    _audit_change(by, case, "case.report.progress")
    return report


@transaction.atomic
def report_final_save(*, case: Case, by, expected_version: int, **sections: str) -> CaseReport:
    """Write or change the final report (one per case). A draft may leave sections empty.

    It is refused once delivered: what the person and the referrer received must stay
    what the record says.
    """
    if case.stage not in STAGES_WITH_FINAL:
        raise CaseError(
            _("The final report is written once the path has started, not in the stage “%(stage)s”.")
            % {"stage": case.get_stage_display()},
            code="stage",
        )
    values = _clean_sections(sections)
    if not any(values.values()):
        raise CaseError(_("Write at least one section of the final report."), code="empty")
    report = CaseReport.objects.select_for_update().filter(case=case, kind=CaseReport.Kind.FINAL).first()
    if report is not None and report.is_delivered:
        raise CaseError(
            _("The final report has already been delivered and cannot be changed."),
            code="delivered",
        )
    _lock(case, expected_version)
    if report is None:
        report = CaseReport(case=case, kind=CaseReport.Kind.FINAL)
    for name, value in values.items():
        setattr(report, name, value)
    report.author = by
    report.written_on = timezone.localdate()
    report.save()
    _audit_change(by, case, "case.report.final")
    return report


@transaction.atomic
def report_mark_delivered(*, report: CaseReport, by, recipient: str, delivered_on: date | None = None) -> CaseReport:
    """Record that the report was handed to the person or sent to the referring service.

    Only a complete report can be delivered, once per recipient, not before it was written
    nor in the future. Delivery to the referring service is a step of their status page.
    """
    if recipient not in RECIPIENTS:
        raise CaseError(_("Say who received the report."), code="recipient")
    current = CaseReport.objects.select_for_update().select_related("case").get(pk=report.pk)
    delivered_on = delivered_on or timezone.localdate()
    if current.missing_sections:
        raise CaseError(
            _("The report cannot be delivered before these sections are filled in: %(sections)s.")
            % {"sections": ", ".join(current.missing_sections)},
            code="incomplete",
        )
    if delivered_on > timezone.localdate():
        raise CaseError(_("The delivery date cannot be in the future."), code="date")
    if delivered_on < current.written_on:
        raise CaseError(_("The report cannot be delivered before it was written."), code="date")
    field = "delivered_to_person" if recipient == "person" else "delivered_to_referrer"
    if getattr(current, f"{field}_on") is not None:
        message = (
            _("The report has already been marked as delivered to the person.")
            if recipient == "person"
            else _("The report has already been marked as delivered to the referring service.")
        )
        raise CaseError(message, code="already")
    case = current.case
    if recipient == "referrer" and case.referral_id is None:
        raise CaseError(_("This case has no referring service to deliver the report to."), code="referrer")
    setattr(current, f"{field}_on", delivered_on)
    setattr(current, f"{field}_by", by)
    current.save(update_fields=[f"{field}_on", f"{field}_by", "updated_at"])
    _audit_change(by, case, f"case.report.{current.kind}.delivered.{recipient}")
    if recipient == "referrer":
        step = "final_report_delivered" if current.kind == CaseReport.Kind.FINAL else "progress_report_delivered"
        _notify_referrer(case.referral, step)
    return current


def report_pdf_language(language: str | None) -> str:
    """The PDF is Italian unless the admin works in English."""
    return "en" if (language or "").startswith("en") else "it"


def report_html(*, report: CaseReport, language: str = "it") -> str:
    """The report as the HTML the PDF is made from (Italian layout, or English)."""
    case = report.case
    language = report_pdf_language(language)
    with translation.override(language):
        return render_to_string(
            "cases/report_pdf.html",
            {
                "report": report,
                "case": case,
                "person": case.person,
                "referral": case.referral,
                "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "SIL"),
                "sections": [
                    (CaseReport._meta.get_field(name).verbose_name, getattr(report, name)) for name in SECTIONS
                ],
                "language": language,
            },
        )


def report_render_pdf(*, report: CaseReport, language: str = "it") -> bytes:
    """The report as an A4 PDF, rendered now by WeasyPrint from ``report_html``."""
    from weasyprint import HTML

    return HTML(string=report_html(report=report, language=language)).write_pdf()


def report_filename(report: CaseReport, language: str = "it") -> str:
    """A file name with the references only, never the person's name."""
    if report_pdf_language(language) == "en":
        stem = "final-report" if report.kind == CaseReport.Kind.FINAL else "progress-report"
    else:
        stem = "relazione-finale" if report.kind == CaseReport.Kind.FINAL else "relazione-periodica"
    return f"{stem}-{report.case.reference}-{report.pk}.pdf"


def final_report_required(outcome: str) -> bool:
    """Whether closing with this outcome needs the final report.

    A path that was carried out (hired, transferred, dropped out, other) ends with the final
    report for the person and the referring service; a person who withdrew or turned out not
    eligible gets the reason instead, which the referrer already receives.
    """
    return outcome not in (Case.Outcome.WITHDRAWN, Case.Outcome.NOT_ELIGIBLE)


def final_report_check(*, case: Case, outcome: str) -> CaseReport | None:
    """The complete final report closing needs for this outcome, or a ``CaseError`` saying why not."""
    report = CaseReport.objects.filter(case=case, kind=CaseReport.Kind.FINAL).first()
    if not final_report_required(outcome):
        return report if report is not None and report.is_complete else None
    if report is None:
        raise CaseError(
            _("Write the final report before closing the case with the outcome “%(outcome)s”.")
            % {"outcome": Case.Outcome(outcome).label},
            code="final_report",
        )
    if report.missing_sections:
        raise CaseError(
            _("Complete the final report before closing the case: fill in %(sections)s.")
            % {"sections": ", ".join(report.missing_sections)},
            code="final_report",
        )
    return report
