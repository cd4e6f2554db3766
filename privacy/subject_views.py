"""Admin screens of the data subject's rights: export everything about one person, and erase them.

Both are reached from the person's case and referral screens (``privacy_tags``), and only a
coordinator of the person's district (or a superuser) may use them: anyone else with case
access gets a refusal, logged; a person of another district is a 404, logged, as everywhere
in case work. The writes are ``privacy.export.person_export_zip`` and
``privacy.erasure.person_erase``; these views only check, ask and report.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases import selectors
from cases.models import AuditEntry, Person
from cases.services import audit_record
from privacy.erasure import person_erase, person_erase_preview, person_is_erased
from privacy.export import person_export_zip

ERASURE_REASONS = [
    ("request", gettext_lazy("The person asked for erasure (GDPR art. 17)")),
    ("consent_withdrawn", gettext_lazy("The person withdrew their consent")),
    ("unlawful", gettext_lazy("The data were processed unlawfully")),
    ("legal_obligation", gettext_lazy("Erasure required by law or by an authority")),
    ("no_longer_needed", gettext_lazy("The data are no longer needed")),
]


def can_exercise_rights(user, person: Person) -> bool:
    """Coordinators of the person's district and superusers may export and erase."""
    return selectors.can_use_cases(user) and selectors.is_coordinator(user, district_id=person.district_id)


def subject_for_user(user, *, pk: int, operation: str) -> Person:
    """The person, if ``user`` may export or erase them; refusals are logged (references only)."""
    person = selectors.persons_for_user(user).filter(pk=pk).first()
    if person is None or not can_exercise_rights(user, person):
        district_id = Person.objects.filter(pk=pk).values_list("district_id", flat=True).first()
        audit_record(
            user=user,
            action=AuditEntry.Action.DENIED,
            object_type="person",
            object_id=pk,
            object_reference=f"P-{pk:06d}",
            district_id=district_id,
            detail=operation,
        )
        if person is None and selectors.can_use_cases(user):
            raise Http404
        raise PermissionDenied
    return person


class EraseForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Why the data are erased"), choices=ERASURE_REASONS, widget=forms.RadioSelect
    )
    reference = forms.CharField(
        label=gettext_lazy("Type the person's reference to confirm"),
        max_length=20,
        help_text=gettext_lazy("It is shown in the title of this page, e.g. P-000123."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that the personal data are erased for good and cannot be recovered."),
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_reference(self) -> str:
        value = self.cleaned_data["reference"].strip().upper()
        if value != self.person.reference:
            raise forms.ValidationError(_("The reference does not match this person's."), code="reference")
        return value


class PersonExportView(View):
    """The ZIP of everything about one person, decrypted: a download, logged, never cached."""

    def get(self, request, pk: int):
        person = subject_for_user(request.user, pk=pk, operation="person.export")
        if person_is_erased(person):
            messages.error(request, _("The data of this person were erased: there is nothing to export."))
            return redirect("cases_list")
        filename, content = person_export_zip(person=person, by=request.user)
        response = FileResponse(content, as_attachment=True, filename=filename, content_type="application/zip")
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, private"
        return response


class PersonEraseView(WagtailAdminTemplateMixin, TemplateView):
    """Asks for a reason and a confirmation, says what goes, then erases and returns to the case list."""

    template_name = "privacy/subject_erase.html"
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        self.person = subject_for_user(request.user, pk=kwargs["pk"], operation="person.erase")
        if person_is_erased(self.person):
            messages.error(request, _("The data of this person were already erased."))
            return redirect("cases_list")
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        return response

    def get_page_title(self):
        return _("Erase the data of %(reference)s") % {"reference": self.person.reference}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("cases_list"), "label": _("Cases")},
            {"url": None, "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", EraseForm(person=self.person))
        context["person"] = self.person
        context["preview"] = person_erase_preview(person=self.person)
        context["export_url"] = reverse("privacy_person_export", args=[self.person.pk])
        return context

    def post(self, request, *args, **kwargs):
        form = EraseForm(request.POST, person=self.person)
        if not form.is_valid():
            messages.error(request, _("The data were not erased: correct the errors below."))
            return self.render_to_response(self.get_context_data(form=form))
        counts = person_erase(person=self.person, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("The personal data of %(reference)s were erased: %(referrals)d referrals and %(cases)d cases anonymised.")
            % {
                "reference": self.person.reference,
                "referrals": counts.get("referrals", 0),
                "cases": counts.get("cases", 0),
            },
        )
        return redirect("cases_list")
