"""Downloads of case work: the PDF of a report and a timeline document.

Both go through the same checks as the case page (``selectors.case_for_user``: district
scope, refusal logged, 404 for a case of another district) and, for a document, the
confidential rule of timeline entries (case team only, refusal logged). Every download is
written to the audit log, and the responses are never cached.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import get_language
from django.views import View

from cases import selectors, services
from cases.models import AuditEntry, CaseReport
from cases.reports import report_filename, report_render_pdf


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class CaseFileView(View):
    """Base of the downloads: only staff with case access, only cases they may see."""

    detail = ""

    def dispatch(self, request, *args, **kwargs):
        if not selectors.can_use_cases(request.user):
            services.audit_record(
                user=request.user,
                action=AuditEntry.Action.DENIED,
                object_type="case",
                object_id=kwargs.get("case_pk"),
                detail=self.detail,
            )
            raise PermissionDenied
        self.case = selectors.case_for_user(request.user, pk=kwargs["case_pk"])
        return super().dispatch(request, *args, **kwargs)

    def audit(self, detail: str) -> None:
        services.audit_record(
            user=self.request.user,
            action=AuditEntry.Action.VIEW,
            object_type="case",
            object_id=self.case.pk,
            object_reference=str(self.case),
            district_id=self.case.district_id,
            detail=detail,
        )


class ReportPdfView(CaseFileView):
    """The PDF of a report, rendered now, in the admin's language (Italian unless English)."""

    detail = "case.report.pdf"

    def get(self, request, case_pk: int, pk: int):
        report = CaseReport.objects.filter(case=self.case, pk=pk).select_related("case__person", "author").first()
        if report is None:
            raise Http404
        language = get_language()
        pdf = report_render_pdf(report=report, language=language)
        self.audit(f"case.report.{report.kind}.pdf")
        # The PDF shows who the person is: their record was read too.
        services.audit_record(
            user=request.user,
            action=AuditEntry.Action.VIEW,
            object_type="person",
            object_id=self.case.person_id,
            object_reference=str(self.case.person),
            district_id=self.case.person.district_id,
            detail="person.report.pdf",
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        disposition = "attachment" if request.GET.get("download") else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{report_filename(report, language)}"'
        return _no_store(response)


class DocumentDownloadView(CaseFileView):
    """A private document of the timeline, always as an attachment (never shown inline)."""

    detail = "case.document.download"

    def get(self, request, case_pk: int, pk: int):
        entry = selectors.timeline_entry_for_user(request.user, case=self.case, pk=pk)
        if not entry.document:
            raise Http404
        self.audit("case.document.download")
        response = FileResponse(
            entry.document.open("rb"),
            as_attachment=True,
            filename=entry.document_name or "documento",
            content_type=entry.document_type or "application/octet-stream",
        )
        return _no_store(response)
