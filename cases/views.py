"""Admin screens of case work: the referrals inbox and a referral's page, the case list and
the case page (everything about one case on one screen, with the state-change buttons the
user may press) and the audit log. The admin-home panels live in ``cases.panels``.

Every screen reads through ``cases.selectors`` (district scoping, confidential entries,
refusals logged) and writes through ``cases.services``; a refused change comes back as a
``CaseError`` and is shown as an admin error message, with nothing changed.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.forms import Media
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases import forms as case_forms
from cases import report_forms, reports, selectors, services
from cases.documents import timeline_document_add
from cases.models import AuditEntry, Case, CaseTeamMember, IndividualProject, Person, PlanItem, Referral
from cases.services import Prerequisite
from network.models import District

PAGE_SIZE = 50


def _districts_of(user):
    ids = selectors.user_district_ids(user)
    return District.objects.all() if ids is None else District.objects.filter(pk__in=ids)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class CasesView(WagtailAdminTemplateMixin, TemplateView):
    """Base of the case-work screens: only staff with case access may open them (object checks follow)."""

    header_icon = "folder-open-inverse"
    #: The list this screen belongs to, as (URL name, label), between "Home" and the screen's title.
    breadcrumb_parent: tuple[str, str] | None = ("cases_list", gettext_lazy("Cases"))

    def get_breadcrumbs_items(self):
        """Home > the screen's list > (for a screen about one case, the case) > the screen.

        Labels are list names, case references and screen titles: never a person's name, which
        the header would show to anyone glancing at the screen.
        """
        items = list(super().get_breadcrumbs_items())
        if self.breadcrumb_parent:
            url_name, label = self.breadcrumb_parent
            items.append({"url": reverse(url_name), "label": label})
        case = getattr(self, "case", None)
        if isinstance(case, Case) and not isinstance(self, CaseDetailView):
            items.append({"url": reverse("cases_case", args=[case.pk]), "label": case.reference})
        items.append({"url": None, "label": self.get_page_title()})
        return items

    def dispatch(self, request, *args, **kwargs):
        if not selectors.can_use_cases(request.user):
            services.audit_record(
                user=request.user,
                action=AuditEntry.Action.DENIED,
                object_type="screen",
                object_id=None,
                detail=request.resolver_match.url_name or "",
            )
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def audit_view(self, obj, object_type: str) -> None:
        services.audit_record(
            user=self.request.user,
            action=AuditEntry.Action.VIEW,
            object_type=object_type,
            object_id=obj.pk,
            object_reference=str(obj),
            district_id=obj.district_id,
            detail=f"{object_type}.view",
        )


# --- referrals -----------------------------------------------------------------------------


class ReferralInboxView(CasesView):
    """New, overdue and possibly duplicated referrals, newest first."""

    breadcrumb_parent = None
    template_name = "cases/referral_inbox.html"
    page_title = gettext_lazy("Referrals")
    TABS = {
        "new": gettext_lazy("New"),
        "overdue": gettext_lazy("Overdue"),
        "duplicates": gettext_lazy("Possible duplicates"),
        "open": gettext_lazy("Open"),
        "all": gettext_lazy("All"),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tab = self.request.GET.get("show", "new")
        tab = tab if tab in self.TABS else "new"
        referrals = selectors.referrals_for_user(self.request.user)
        if tab == "new":
            referrals = referrals.filter(status=Referral.Status.RECEIVED)
        elif tab == "overdue":
            referrals = referrals.filter(is_overdue=True)
        elif tab == "duplicates":
            referrals = referrals.filter(possible_duplicate=True)
        elif tab == "open":
            referrals = referrals.filter(
                status__in=[Referral.Status.RECEIVED, Referral.Status.ACKNOWLEDGED, Referral.Status.IN_EVALUATION]
            )
        page = Paginator(referrals, PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update({"tab": tab, "tabs": self.TABS.items(), "page_obj": page, "referrals": page.object_list})
        return context


class ReferralCreateView(CasesView):
    """A referral typed in by staff (phone call, letter): the same record as one from the form."""

    breadcrumb_parent = ("cases_referrals", gettext_lazy("Referrals"))
    template_name = "cases/referral_create.html"
    page_title = gettext_lazy("New referral")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", case_forms.ReferralCreateForm(districts=_districts_of(self.request.user)))
        return context

    def post(self, request):
        form = case_forms.ReferralCreateForm(request.POST, districts=_districts_of(request.user))
        if form.is_valid():
            try:
                referral = services.referral_create(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, _("Referral %(reference)s recorded.") % {"reference": referral.reference})
                return redirect("cases_referral", pk=referral.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ReferralDetailView(CasesView):
    """One referral with its possible duplicates and the buttons of its next steps."""

    breadcrumb_parent = ("cases_referrals", gettext_lazy("Referrals"))
    template_name = "cases/referral_detail.html"

    def get_referral(self) -> Referral:
        return selectors.referral_for_user(self.request.user, pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Referral %(reference)s") % {"reference": self.referral.reference}

    def acknowledge_form(self, data=None):
        return case_forms.AcknowledgeForm(
            data,
            districts=_districts_of(self.request.user),
            candidates=selectors.person_candidates(referral=self.referral).filter(
                district__in=_districts_of(self.request.user)
            ),
        )

    def get(self, request, *args, **kwargs):
        self.referral = self.get_referral()
        self.audit_view(self.referral, "referral")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referral = self.referral
        context.update(
            {
                "referral": referral,
                "duplicates": selectors.referral_duplicates(referral=referral).filter(
                    pk__in=selectors.referrals_for_user(self.request.user).values("pk")
                ),
                "case": Case.objects.filter(referral=referral).first(),
                "events": referral.events.all(),
                "acknowledge_form": kwargs.get("acknowledge_form") or self.acknowledge_form(),
                "reason_form": case_forms.ReasonForm(),
                "can_decide": referral.status
                in (Referral.Status.RECEIVED, Referral.Status.ACKNOWLEDGED, Referral.Status.IN_EVALUATION),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        self.referral = self.get_referral()
        action = request.POST.get("action")
        try:
            if action == "acknowledge":
                form = self.acknowledge_form(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(acknowledge_form=form))
                services.referral_acknowledge(
                    referral=self.referral,
                    by=request.user,
                    district=form.cleaned_data["district"],
                    person=form.cleaned_data["person"],
                )
            elif action == "start_evaluation":
                case = services.referral_start_evaluation(referral=self.referral, by=request.user)
                messages.success(request, _("Case %(reference)s opened.") % {"reference": case.reference})
                return redirect("cases_case", pk=case.pk)
            elif action in ("decline", "withdraw"):
                reason = request.POST.get("reason", "")
                service = services.referral_decline if action == "decline" else services.referral_withdraw
                service(referral=self.referral, by=request.user, reason=reason)
            else:
                raise PermissionDenied
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Referral %(reference)s updated.") % {"reference": self.referral.reference})
        return redirect("cases_referral", pk=self.referral.pk)


# --- cases -------------------------------------------------------------------------------


class CaseListView(CasesView):
    """The cases the user may see, filtered by district, stage, team member and category."""

    breadcrumb_parent = None
    template_name = "cases/case_list.html"
    page_title = gettext_lazy("Cases")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        districts = _districts_of(user)
        members = case_forms.staff_of(None).none()

        members = (
            get_user_model().objects.filter(cases_profile__districts__in=districts).distinct().order_by("username")
        )
        form = case_forms.CaseFilterForm(self.request.GET or None, districts=districts, members=members)
        cases = selectors.cases_for_user(user).prefetch_related(
            Prefetch("members", queryset=CaseTeamMember.objects.select_related("user"))
        )
        if form.is_valid():
            data = form.cleaned_data
            if data["district"]:
                cases = cases.filter(district=data["district"])
            if data["stage"]:
                cases = cases.filter(stage=data["stage"])
            if data["member"]:
                cases = cases.filter(members__user=data["member"])
            if data["category"]:
                cases = cases.filter(person__category=data["category"])
            if data["follow_up"] == "review_overdue":
                cases = cases.filter(pk__in=selectors.reviews_overdue(user).values("pk"))
            elif data["follow_up"] == "review_due":
                cases = cases.filter(pk__in=selectors.reviews_due(user).values("pk"))
            elif data["follow_up"] == "internship_ending":
                cases = cases.filter(pk__in=selectors.cases_with_internship_ending(user).values("pk"))
        page = Paginator(cases.order_by("-updated_at", "-pk"), PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update({"filter_form": form, "page_obj": page, "cases": page.object_list})
        return context


CASE_ACTIONS = {
    # action: (form class or None, stages it is offered in)
    "person": (case_forms.PersonForm, None),
    "add_member": (case_forms.TeamMemberForm, None),
    "evaluation": (case_forms.EvaluationForm, {Case.Stage.EVALUATION}),
    "accept": (None, {Case.Stage.EVALUATION}),
    "decline": (case_forms.ReasonForm, {Case.Stage.EVALUATION}),
    "project": (case_forms.ProjectForm, {Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING}),
    "approve": (None, {Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING}),
    "plan_item": (case_forms.PlanItemForm, {Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING}),
    "plan_status": (
        case_forms.PlanItemStatusForm,
        {Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING},
    ),
    "review": (
        case_forms.ReviewForm,
        {Case.Stage.EVALUATION, Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING},
    ),
    "start_interventions": (None, {Case.Stage.PROJECT}),
    "internship": (case_forms.InternshipForm, {Case.Stage.INTERVENTIONS}),
    "internship_check": (case_forms.InternshipCheckForm, {Case.Stage.INTERVENTIONS, Case.Stage.MONITORING}),
    "employment": (case_forms.EmploymentForm, {Case.Stage.INTERVENTIONS, Case.Stage.MONITORING}),
    # Also once closed: a job often ends after the monitoring, and retention is measured on it.
    "employment_end": (
        case_forms.EmploymentEndForm,
        {Case.Stage.INTERVENTIONS, Case.Stage.MONITORING, Case.Stage.CLOSED},
    ),
    "start_monitoring": (None, {Case.Stage.INTERVENTIONS}),
    "progress_report": (report_forms.ProgressReportForm, reports.STAGES_WITH_PROGRESS),
    "final_report": (report_forms.FinalReportForm, reports.STAGES_WITH_FINAL),
    "close": (case_forms.CloseForm, {Case.Stage.PROJECT, Case.Stage.INTERVENTIONS, Case.Stage.MONITORING}),
    "reopen": (None, {Case.Stage.CLOSED}),
    "timeline": (case_forms.TimelineForm, None),
    "document": (report_forms.DocumentForm, None),
    "deliver_report": (report_forms.DeliverReportForm, None),
}
FORMS_WITH_CASE = {
    report_forms.DeliverReportForm,
    case_forms.TeamMemberForm,
    case_forms.EvaluationForm,
    case_forms.PlanItemForm,
    case_forms.InternshipForm,
    case_forms.PlanItemStatusForm,
    case_forms.InternshipCheckForm,
    case_forms.EmploymentEndForm,
}


class CaseDetailView(CasesView):
    """Person, stage, plan, timeline and next actions of one case on one screen."""

    template_name = "cases/case_detail.html"

    def get_case(self) -> Case:
        return selectors.case_for_user(self.request.user, pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Case %(reference)s") % {"reference": self.case.reference}

    def allowed_actions(self) -> list[str]:
        case, user = self.case, self.request.user
        allowed = []
        for name, (_form, stages) in CASE_ACTIONS.items():
            if stages is not None and case.stage not in stages:
                continue
            if name == "deliver_report" and not case.reports.exists():
                continue
            if name == "approve" and not selectors.is_coordinator(user, district_id=case.district_id):
                continue
            # No form without anything to choose from: offered only once there is an item or internship.
            if name == "plan_status" and not PlanItem.objects.filter(project__case=case).exists():
                continue
            if name == "internship_check" and not case.internships.exists():
                continue
            if name == "employment_end" and not case.employments.exists():
                continue
            allowed.append(name)
        return allowed

    def make_form(self, name: str, data=None):
        form_class = CASE_ACTIONS[name][0]
        if form_class is None:
            return None
        prefix = name
        if form_class is case_forms.PersonForm:
            return form_class(data, instance=Person.objects.get(pk=self.case.person_id), prefix=prefix)
        if form_class is report_forms.FinalReportForm:
            final = self.case.reports.filter(kind="final").first()
            initial = {name: getattr(final, name) for name in reports.SECTIONS} if final else None
            return form_class(data, initial=initial, prefix=prefix)
        if form_class is report_forms.DocumentForm:
            return form_class(data, self.request.FILES if data is not None else None, prefix=prefix)
        if form_class is case_forms.ProjectForm:
            project = IndividualProject.objects.filter(case=self.case).first()
            initial = {name: getattr(project, name) for name in form_class.base_fields} if project else None
            return form_class(data, initial=initial, prefix=prefix)
        if form_class in FORMS_WITH_CASE:
            return form_class(data, case=self.case, prefix=prefix)
        return form_class(data, prefix=prefix)

    def get(self, request, *args, **kwargs):
        self.case = self.get_case()
        self.audit_view(self.case, "case")
        self.audit_view(self.case.person, "person")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case, user = self.case, self.request.user
        bound = kwargs.get("bound_forms", {})
        actions = self.allowed_actions()
        project = (
            IndividualProject.objects.filter(case=case)
            .prefetch_related(
                Prefetch("items", queryset=PlanItem.objects.select_related("intervention_type", "responsible"))
            )
            .first()
        )
        action_forms = [(name, bound.get(name) or self.make_form(name)) for name in actions]
        context.update(
            {
                "case": case,
                "person": case.person,
                "referral": case.referral,
                "team": case.members.select_related("user"),
                "evaluations": case.evaluations.prefetch_related("panel"),
                "project": project,
                "internships": case.internships.select_related("host", "sil_tutor"),
                "employments": case.employments.select_related("employer"),
                "timeline": selectors.timeline_for_user(user, case=case)[:PAGE_SIZE],
                "reports": case.reports.select_related("author", "delivered_to_person_by", "delivered_to_referrer_by"),
                "on_team": selectors.is_on_team(user, case=case),
                "actions": action_forms,
                # The forms' scripts and styles (the organisation chooser's modal), for the admin base.
                "media": sum((form.media for _name, form in action_forms if form is not None), Media()),
                "stages": Case.Stage.choices,
                "today": timezone.localdate(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        self.case = self.get_case()
        action = request.POST.get("action", "")
        if action not in self.allowed_actions():
            services.audit_record(
                user=request.user,
                action=AuditEntry.Action.DENIED,
                object_type="case",
                object_id=self.case.pk,
                district_id=self.case.district_id,
                # Only a known-shaped action name goes to the log: the field is free text in a forged POST.
                detail=f"case.{action}" if re.fullmatch(r"[a-z_.]{1,40}", action) else "case.unknown",
            )
            messages.error(request, _("This action is not possible on this case now."))
            return redirect("cases_case", pk=self.case.pk)
        try:
            expected_version = int(request.POST.get("version", ""))
        except ValueError:
            raise PermissionDenied from None
        form = self.make_form(action, request.POST)
        if form is not None and not form.is_valid():
            messages.error(request, _("Please correct the errors in the form."))
            return self.render_to_response(self.get_context_data(bound_forms={action: form}), status=400)
        data = form.cleaned_data if form is not None else {}
        try:
            warnings = self.run(action, data, expected_version) or []
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Case %(reference)s updated.") % {"reference": self.case.reference})
            for warning in warnings:
                messages.warning(request, warning)
        return redirect("cases_case", pk=self.case.pk)

    def run(self, action: str, data: dict, expected_version: int) -> list[str] | None:
        case, user = self.case, self.request.user
        common = {"case": case, "by": user, "expected_version": expected_version}
        if action == "person":
            services.person_update(
                person=case.person,
                by=user,
                expected_version=data["version"],
                **{name: data[name] for name in services.PERSON_FIELDS},
            )
        elif action == "add_member":
            services.case_add_member(**common, user=data["user"], role=data["role"])
        elif action == "evaluation":
            services.evaluation_record(
                **common,
                held_on=data["held_on"],
                motivation=Prerequisite(data["motivation"], data["motivation_notes"]),
                autonomy=Prerequisite(data["autonomy"], data["autonomy_notes"]),
                flexibility=Prerequisite(data["flexibility"], data["flexibility_notes"]),
                stability=Prerequisite(data["stability"], data["stability_notes"]),
                panel=list(data["panel"]),
                decision=data["decision"],
                reasons=data["reasons"],
            )
        elif action == "accept":
            services.referral_accept(referral=case.referral, by=user, expected_version=expected_version)
        elif action == "decline":
            services.referral_decline(referral=case.referral, by=user, reason=data["reason"])
        elif action == "project":
            services.project_save(**common, **data)
        elif action == "approve":
            services.project_approve(**common)
        elif action == "plan_item":
            services.plan_item_add(**common, **data)
        elif action == "plan_status":
            services.plan_item_set_status(**common, item=data["item"], status=data["status"])
        elif action == "review":
            services.case_set_next_review(**common, next_review_on=data["next_review_on"])
        elif action == "internship_check":
            services.internship_record_check(**common, **data)
        elif action == "start_interventions":
            services.case_start_interventions(**common)
        elif action == "internship":
            return services.internship_create(**common, **data)[1]
        elif action == "employment":
            services.employment_create(**common, **data)
        elif action == "employment_end":
            services.employment_record_end(**common, **data)
        elif action == "start_monitoring":
            services.case_start_monitoring(**common)
        elif action == "close":
            services.case_close(**common, outcome=data["outcome"], reason=data["reason"])
        elif action == "reopen":
            services.case_reopen(**common)
        elif action == "timeline":
            services.timeline_add(case=case, by=user, **data)
        elif action == "progress_report":
            reports.report_progress_add(**common, **data)
        elif action == "final_report":
            reports.report_final_save(**common, **data)
        elif action == "deliver_report":
            reports.report_mark_delivered(by=user, **data)
        elif action == "document":
            timeline_document_add(case=case, by=user, upload=data.pop("file"), **data)
        return None


class AuditLogView(CasesView):
    """The audit log of the coordinator's districts: who viewed or changed what, and refusals."""

    breadcrumb_parent = None
    template_name = "cases/audit_log.html"
    page_title = gettext_lazy("Audit log")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = selectors.audit_for_user(self.request.user)
        page = Paginator(entries, 100).get_page(self.request.GET.get("p"))
        context.update({"page_obj": page, "entries": page.object_list})
        return context

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_superuser or request.user.has_perm("cases.view_auditentry")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
