"""Forms of the matching screens: the person's work profile and the terms of a confirmed match.

They only collect input; the rules live in ``jobs.matching`` (``match_confirm``,
``work_profile_save``) and in the case services it calls.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DATE, staff_of
from cases.models import Case, Employment
from jobs.models import Education, Schedule
from network.models import SECTORS_TAXONOMY, TaxonomyTerm


class WorkProfileForm(forms.Form):
    """What the person looks for and brings: staff fill it in with the person."""

    preferred_sectors = forms.ModelMultipleChoiceField(
        TaxonomyTerm.objects.none(),
        label=_("preferred sectors"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("ATECO sections the person would like to work in."),
    )
    wants_job = forms.BooleanField(label=_("looks for a job"), required=False)
    wants_internship = forms.BooleanField(label=_("open to an internship"), required=False)
    max_distance_km = forms.IntegerField(label=_("maximum distance (km)"), min_value=1, max_value=300)
    min_weekly_hours = forms.IntegerField(label=_("minimum hours per week"), min_value=0, max_value=48)
    max_weekly_hours = forms.IntegerField(label=_("maximum hours per week"), min_value=1, max_value=48)
    schedule = forms.MultipleChoiceField(
        label=_("available"),
        choices=Schedule.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The parts of the week the person can work."),
    )
    has_driving_licence = forms.BooleanField(label=_("has a driving licence"), required=False)
    education = forms.TypedChoiceField(label=_("education"), choices=Education.choices, coerce=int)
    skills = forms.CharField(label=_("skills and experience"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_sectors"].queryset = TaxonomyTerm.objects.filter(
            taxonomy__key=SECTORS_TAXONOMY
        ).order_by("code")

    def clean(self):
        data = super().clean()
        low, high = data.get("min_weekly_hours"), data.get("max_weekly_hours")
        if low is not None and high is not None and low > high:
            self.add_error("max_weekly_hours", _("The maximum hours must be at least the minimum hours."))
        if not data.get("wants_job") and not data.get("wants_internship"):
            self.add_error("wants_job", _("Tick at least one: a job or an internship."))
        return data


class MatchInternshipForm(forms.Form):
    """The terms agreed with the host: they become the internship on the case."""

    agreement_reference = forms.CharField(label=_("agreement reference"), required=False, max_length=100)
    company_tutor = forms.CharField(label=_("company tutor"), max_length=200)
    sil_tutor = forms.ModelChoiceField(None, label=_("SIL tutor"))
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE)
    weekly_hours = forms.IntegerField(label=_("weekly hours"), min_value=1, max_value=40)
    monthly_allowance = forms.DecimalField(
        label=_("monthly allowance (€)"), max_digits=7, decimal_places=2, min_value=0
    )
    insurance = forms.CharField(
        label=_("insurance"), max_length=200, help_text=_("INAIL position and liability policy.")
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sil_tutor"].queryset = staff_of(case.district_id)

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", _("An internship cannot end before it starts."))
        return data


class MatchEmploymentForm(forms.Form):
    """The terms of the hiring: they become the employment on the case."""

    contract_type = forms.ChoiceField(label=_("contract type"), choices=Employment.Contract.choices)
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    weekly_hours = forms.IntegerField(label=_("weekly hours"), min_value=1, max_value=48)
    counts_towards_quota = forms.BooleanField(label=_("counts towards the L. 68/99 quota"), required=False)
