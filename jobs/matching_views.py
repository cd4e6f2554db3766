"""Admin screens of the matching: suggestions for a case, suggestions for an offer, the
confirmation of a match (which asks the terms of the internship or hiring) and the person's
work profile.

They read through ``cases.selectors`` (the case must be of the user's districts, refusals
logged) and ``jobs.matching``, and write through ``jobs.matching``; a refused confirmation
comes back as a ``ValidationError`` shown as an admin error message, with nothing changed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from cases import selectors
from cases.models import Employment
from cases.views import CasesView
from jobs import matching
from jobs.matching_forms import MatchEmploymentForm, MatchInternshipForm, WorkProfileForm
from jobs.models import JobOffer, WorkProfile
from network.choosers import choosable_organisations


def _offer_for_user(user, pk) -> JobOffer:
    """The offer if the user may see it (its district, see ``jobs.selectors``); a 404 otherwise."""
    from jobs.selectors import offer_for_user

    return offer_for_user(user, pk=pk)


class CaseSuggestionsView(CasesView):
    """Open offers and internship hosts for the person of one case, with the reasons of each score."""

    template_name = "jobs/matching_case.html"

    def get_page_title(self):
        return _("Job and internship proposals")

    def get_page_subtitle(self):
        return str(self.case)

    def get(self, request, *args, **kwargs):
        self.case = selectors.case_for_user(request.user, pk=kwargs["pk"])
        self.audit_view(self.case, "case")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = matching.suggestions_for_case(self.request.user, case=self.case)
        context.update(
            case=self.case,
            person=self.case.person,
            result=result,
            profile=WorkProfile.objects.filter(person=self.case.person).prefetch_related("preferred_sectors").first(),
            matches=self.case.matches.select_related("offer", "host", "confirmed_by"),
        )
        return context


class OfferSuggestionsView(CasesView):
    """The people of the offer's district whose profile suits it, best first, with reasons."""

    breadcrumb_parent = ("job_offers:index", gettext_lazy("Job offers"))
    template_name = "jobs/matching_offer.html"

    def get_page_title(self):
        return _("People to propose")

    def get_page_subtitle(self):
        return str(self.offer)

    def get(self, request, *args, **kwargs):
        self.offer = _offer_for_user(request.user, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        suggestions, refused = matching.suggestions_for_offer(self.request.user, offer=self.offer)
        context.update(offer=self.offer, suggestions=suggestions, refused=refused)
        return context


class MatchConfirmView(CasesView):
    """Confirm a suggestion for a case: the terms of the internship or hiring, then the records."""

    template_name = "jobs/matching_confirm.html"
    page_title = gettext_lazy("Confirm the match")

    def get_page_subtitle(self):
        return str(self.case)

    def setup_target(self, request, pk):
        self.case = selectors.case_for_user(request.user, pk=pk)
        params = request.POST if request.method == "POST" else request.GET
        self.offer = self.host = None
        try:
            if params.get("offer"):
                self.offer = _offer_for_user(request.user, int(params["offer"]))
            elif params.get("host"):
                # Only organisations a case worker may pick: not ended or suspended partnerships.
                self.host = choosable_organisations().filter(pk=int(params["host"])).first()
        except ValueError as error:
            raise Http404 from error
        if self.offer is None and self.host is None:
            raise Http404  # no target, or an organisation that does not exist
        self.kind = self.offer.kind if self.offer else JobOffer.Kind.INTERNSHIP

    def make_form(self, data=None):
        if self.kind == JobOffer.Kind.INTERNSHIP:
            initial = {"sil_tutor": self.request.user.pk}
            if self.offer:
                initial["weekly_hours"] = self.offer.weekly_hours
            return MatchInternshipForm(data, case=self.case, initial=initial)
        initial = {
            "weekly_hours": self.offer.weekly_hours,
            "counts_towards_quota": self.offer.counts_towards_quota and self.case.person.is_disabled,
        }
        if self.offer.contract_type in Employment.Contract.values:
            initial["contract_type"] = self.offer.contract_type
        return MatchEmploymentForm(data, initial=initial)

    def get(self, request, *args, **kwargs):
        self.setup_target(request, kwargs["pk"])
        self.audit_view(self.case, "case")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        points, reasons = matching.score_pair(
            self.case, offer=self.offer, host=self.offer.organisation if self.offer else self.host
        )
        context.update(
            case=self.case,
            offer=self.offer,
            host=self.host or (self.offer.organisation if self.offer else None),
            kind=self.kind,
            score=points,
            reasons=reasons,
            form=kwargs.get("form") or self.make_form(),
            blocked=self.blocked(),
        )
        return context

    def blocked(self) -> str:
        """Why the match cannot be confirmed now (shown before the user fills the form), or ""."""
        if self.case.stage != self.case.Stage.INTERVENTIONS:
            return _("A match can be confirmed only in the interventions stage; this case is in “%(stage)s”.") % {
                "stage": self.case.get_stage_display()
            }
        if self.offer is not None and self.offer.organisation_id is None:
            return _("Link the offer to its organisation of the network first.")
        if self.offer is not None and self.offer.status != JobOffer.Status.OPEN:
            return _("This offer is “%(status)s”: only an open offer takes people.") % {
                "status": self.offer.get_status_display()
            }
        return ""

    def post(self, request, *args, **kwargs):
        self.setup_target(request, kwargs["pk"])
        form = self.make_form(request.POST)
        try:
            expected_version = int(request.POST.get("version", ""))
        except ValueError:
            expected_version = -1
        if form.is_valid():
            data = form.cleaned_data
            if isinstance(form, MatchInternshipForm):
                terms = matching.InternshipTerms(**data)
            else:
                terms = matching.EmploymentTerms(**data)
            try:
                matching.match_confirm(
                    case=self.case,
                    by=request.user,
                    expected_version=expected_version,
                    terms=terms,
                    offer=self.offer,
                    host=self.host,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                self.case.refresh_from_db()
            else:
                if self.kind == JobOffer.Kind.INTERNSHIP:
                    messages.success(request, _("Match confirmed: the internship is on the case."))
                else:
                    messages.success(request, _("Match confirmed: the hiring is on the case."))
                return redirect("cases_case", self.case.pk)
        return self.render_to_response(self.get_context_data(form=form))


class WorkProfileView(CasesView):
    """The work profile of the case's person: what the matching compares offers with."""

    template_name = "jobs/work_profile.html"
    page_title = gettext_lazy("Work profile")

    def get_page_subtitle(self):
        return str(self.case.person)

    def load(self, request, pk):
        self.case = selectors.case_for_user(request.user, pk=pk)
        self.profile = WorkProfile.objects.filter(person=self.case.person).first()

    def initial(self) -> dict:
        """The saved profile, or the model's defaults for a person who has none yet."""
        names = [name for name in WorkProfileForm.base_fields if name != "preferred_sectors"]
        if self.profile is None:
            return {name: WorkProfile._meta.get_field(name).get_default() for name in names}
        data = {name: getattr(self.profile, name) for name in names}
        data["preferred_sectors"] = list(self.profile.preferred_sectors.values_list("pk", flat=True))
        return data

    def get(self, request, *args, **kwargs):
        self.load(request, kwargs["pk"])
        self.audit_view(self.case.person, "person")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, form=kwargs.get("form") or WorkProfileForm(initial=self.initial()))
        return context

    def post(self, request, *args, **kwargs):
        self.load(request, kwargs["pk"])
        form = WorkProfileForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            sectors = data.pop("preferred_sectors")
            try:
                matching.work_profile_save(person=self.case.person, by=request.user, sectors=sectors, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Work profile saved."))
                return redirect(reverse("jobs_matching_case", args=[self.case.pk]))
        return self.render_to_response(self.get_context_data(form=form))
