"""Admin forms of the jobs app: an offer typed in or corrected by staff, the reason for a
state change, and one contact with an employer."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from forms.core_fields import CONTRACT_CHOICES
from jobs.models import EmployerContact, JobOffer, Schedule
from network.models import District


def districts_for(user):
    from cases.selectors import user_district_ids

    ids = user_district_ids(user) if user is not None else set()
    return District.objects.all() if ids is None else District.objects.filter(pk__in=ids)


class JobOfferForm(WagtailAdminModelForm):
    """The offer as staff type it in (phone calls, e-mails, visits) or correct it.

    Either an organisation of the network or the company's name and VAT number are needed;
    the district can only be one of the user's districts (left empty, it follows from the
    place of work or the organisation).
    """

    schedule = forms.MultipleChoiceField(
        label=_("Schedule"),
        choices=Schedule.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The parts of the week the job needs."),
    )
    contract_type = forms.ChoiceField(label=_("Type of contract"), choices=CONTRACT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("company_name", "vat_number"):
            if name in self.fields:
                self.fields[name].required = False
        if "district" in self.fields:
            self.fields["district"].queryset = districts_for(self.for_user)
        if "place_of_work" in self.fields:
            self.fields["place_of_work"].help_text = _("The municipality, e.g. “Dalmine” or “Dalmine (BG)”.")
        if "district" in self.fields:
            self.fields["district"].help_text = _(
                "Leave it empty to take the district of the place of work, or else of the organisation."
            )
        if "received_at" in self.fields:
            self.fields["received_at"].help_text = _("When the company made the offer.")

    def clean_vat_number(self) -> str:
        from network.validators import clean_vat_number

        value = (self.cleaned_data.get("vat_number") or "").strip()
        return clean_vat_number(value) if value else ""

    def clean_place_of_work(self) -> str:
        from jobs.services import place_of_work_code

        value = (self.cleaned_data.get("place_of_work") or "").strip()
        if value and not place_of_work_code(value):
            raise ValidationError(
                _("“%(value)s” is not an Italian municipality. Write its name, e.g. “Dalmine” or “Dalmine (BG)”."),
                params={"value": value},
            )
        return value

    def clean_weekly_hours(self):
        hours = self.cleaned_data.get("weekly_hours")
        if hours is not None and not 1 <= hours <= 48:
            raise ValidationError(_("Hours per week must be between 1 and 48."))
        return hours

    def clean_positions(self):
        positions = self.cleaned_data.get("positions")
        if positions is not None and positions < 1:
            raise ValidationError(_("An offer is for one position or more."))
        return positions

    def clean_received_at(self):
        received_at = self.cleaned_data.get("received_at")
        if received_at and received_at > timezone.now():
            raise ValidationError(_("The offer cannot have been received in the future."))
        return received_at

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if organisation is None:
            missing = {}
            if not cleaned.get("company_name"):
                missing["company_name"] = _("Choose the organisation, or write the company's name.")
            if not cleaned.get("vat_number") and "vat_number" not in self.errors:
                missing["vat_number"] = _("Choose the organisation, or write the company's VAT number.")
            for field, message in missing.items():
                self.add_error(field, message)
        else:
            cleaned["company_name"] = cleaned.get("company_name") or organisation.name
            cleaned["vat_number"] = cleaned.get("vat_number") or organisation.vat_number
            self.instance.company_name = cleaned["company_name"]
            self.instance.vat_number = cleaned["vat_number"]
        return cleaned


class TransitionForm(forms.Form):
    """The reason, asked for when an offer is closed."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("E.g. the company withdrew the offer, or nobody suitable was found. No personal data."),
    )

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class EmployerContactForm(forms.ModelForm):
    """One contact with an employer. Notes are about the company: never about the people we serve."""

    class Meta:
        model = EmployerContact
        fields = ["occurred_on", "kind", "outcome", "notes", "next_step", "next_step_on", "offer"]
        widgets = {
            "occurred_on": AdminDateInput(),
            "next_step_on": AdminDateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = JobOffer.objects.filter(organisation=organisation).order_by("-received_at")
        self.fields["offer"].help_text = _("The offer this contact led to or is about, if any.")
        self.fields["offer"].required = False
        self.fields["next_step"].help_text = _("E.g. “Send two profiles”, “Visit the warehouse”.")
