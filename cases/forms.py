"""Admin forms of the case page and the referral inbox. They only collect input: the rules
live in ``cases.services``, which the views call with the cleaned data."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Case,
    Category,
    Employment,
    Evaluation,
    Internship,
    InterventionType,
    PlanItem,
    Rating,
    Role,
    TimelineEntry,
)
from network.choosers import organisation_field
from network.models import District

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"})
SHORT = forms.Textarea(attrs={"rows": 2})
MEDIUM = forms.Textarea(attrs={"rows": 3})


def staff_of(district_id: int):
    """Active users working in the district, for team, panel and tutor choices."""
    return get_user_model().objects.filter(is_active=True, cases_profile__districts=district_id).order_by("username")


class AcknowledgeForm(forms.Form):
    district = forms.ModelChoiceField(District.objects.none(), label=_("District"))
    person = forms.ModelChoiceField(
        None,
        required=False,
        label=_("Existing person"),
        help_text=_("Link to a person already on record, or leave empty to create a new record."),
    )

    def __init__(self, *args, districts, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["person"].queryset = candidates


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the referring worker: write no health details."),
    )


class ReferralCreateForm(forms.Form):
    first_name = forms.CharField(label=_("first name"), max_length=100)
    last_name = forms.CharField(label=_("last name"), max_length=100)
    date_of_birth = forms.DateField(label=_("date of birth"), widget=DATE)
    tax_code = forms.CharField(label=_("tax code"), max_length=16)
    municipality = forms.CharField(label=_("municipality of residence"), max_length=100)
    category = forms.ChoiceField(label=_("legal category"), choices=Category.choices)
    referring_service = forms.CharField(label=_("referring service"), max_length=200)
    referrer_name = forms.CharField(label=_("referring worker"), max_length=200)
    referrer_email = forms.EmailField(label=_("referring worker's e-mail"))
    referrer_phone = forms.CharField(label=_("referring worker's phone"), max_length=40, required=False)
    reason = forms.CharField(label=_("reason for referral"), widget=forms.Textarea(attrs={"rows": 3}))
    district = forms.ModelChoiceField(District.objects.none(), label=_("District"), required=False)

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts


class EvaluationForm(forms.Form):
    held_on = forms.DateField(label=_("held on"), widget=DATE)
    motivation = forms.TypedChoiceField(label=_("motivation"), choices=Rating.choices, coerce=int)
    motivation_notes = forms.CharField(label=_("notes on motivation"), required=False, widget=SHORT)
    autonomy = forms.TypedChoiceField(label=_("autonomy"), choices=Rating.choices, coerce=int)
    autonomy_notes = forms.CharField(label=_("notes on autonomy"), required=False, widget=SHORT)
    flexibility = forms.TypedChoiceField(label=_("flexibility"), choices=Rating.choices, coerce=int)
    flexibility_notes = forms.CharField(label=_("notes on flexibility"), required=False, widget=SHORT)
    stability = forms.TypedChoiceField(
        label=_("stability of psycho-physical conditions"), choices=Rating.choices, coerce=int
    )
    stability_notes = forms.CharField(label=_("notes on stability"), required=False, widget=SHORT)
    panel = forms.ModelMultipleChoiceField(None, label=_("panel"), widget=forms.CheckboxSelectMultiple)
    decision = forms.ChoiceField(label=_("decision"), choices=Evaluation.Decision.choices)
    reasons = forms.CharField(label=_("reasons"), widget=MEDIUM)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = staff_of(case.district_id)


class ProjectForm(forms.Form):
    objectives = forms.CharField(label=_("objectives"), widget=MEDIUM)
    expected_results = forms.CharField(label=_("expected results"), widget=MEDIUM)
    commitments = forms.CharField(label=_("the person's commitments"), required=False, widget=SHORT)
    other_supports = forms.CharField(label=_("supports from other services"), required=False, widget=SHORT)


class PlanItemForm(forms.Form):
    intervention_type = forms.ModelChoiceField(InterventionType.objects.filter(active=True), label=_("type"))
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE, required=False)
    responsible = forms.ModelChoiceField(None, label=_("responsible"))
    status = forms.ChoiceField(label=_("status"), choices=PlanItem.Status.choices)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff_of(case.district_id)


class InternshipForm(forms.Form):
    host = organisation_field(_("host organisation"))
    agreement_reference = forms.CharField(label=_("agreement reference"), required=False, max_length=100)
    company_tutor = forms.CharField(label=_("company tutor"), max_length=200)
    sil_tutor = forms.ModelChoiceField(None, label=_("SIL tutor"))
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE)
    weekly_hours = forms.IntegerField(label=_("weekly hours"), min_value=1, max_value=40)
    monthly_allowance = forms.DecimalField(label=_("monthly allowance (€)"), max_digits=7, decimal_places=2)
    insurance = forms.CharField(label=_("insurance"), max_length=200)
    midterm_check_on = forms.DateField(label=_("mid-term check"), widget=DATE, required=False)
    final_check_on = forms.DateField(label=_("final check"), widget=DATE, required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sil_tutor"].queryset = staff_of(case.district_id)


class EmploymentForm(forms.Form):
    employer = organisation_field(_("employer"))
    contract_type = forms.ChoiceField(label=_("contract type"), choices=Employment.Contract.choices)
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    weekly_hours = forms.IntegerField(label=_("weekly hours"), min_value=1, max_value=48)
    counts_towards_quota = forms.BooleanField(label=_("counts towards the L. 68/99 quota"), required=False)
    monitoring_every_weeks = forms.IntegerField(label=_("post-hire check every (weeks)"), min_value=1, initial=4)
    monitoring_until = forms.DateField(label=_("post-hire monitoring until"), widget=DATE, required=False)


class EmploymentEndForm(forms.Form):
    employment = forms.ModelChoiceField(Employment.objects.none(), label=_("job"))
    ends_on = forms.DateField(label=_("the job ended on"), widget=DATE)
    reason = forms.ChoiceField(label=_("why the job ended"), choices=Employment.EndReason.choices)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employment"].queryset = Employment.objects.filter(case=case).select_related("employer")
        self.fields["employment"].label_from_instance = lambda job: (
            f"{job.employer} — {date_format(job.starts_on, 'SHORT_DATE_FORMAT')}"
        )


class TimelineForm(forms.Form):
    # A "document" entry carries a file: it is added with the document form (cases.report_forms).
    kind = forms.ChoiceField(
        label=_("kind"), choices=[choice for choice in TimelineEntry.Kind.choices if choice[0] != "document"]
    )
    occurred_at = forms.DateTimeField(label=_("when"), widget=DATETIME)
    text = forms.CharField(label=_("text"), widget=MEDIUM)
    confidential = forms.BooleanField(label=_("confidential"), required=False)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=[("", "---"), *Case.Outcome.choices], required=False)
    reason = forms.CharField(label=_("outcome reason"), widget=SHORT, required=False)


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(None, label=_("staff member"))
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_of(case.district_id)


class CaseFilterForm(forms.Form):
    district = forms.ModelChoiceField(District.objects.none(), required=False, label=_("District"))
    stage = forms.ChoiceField(choices=[("", _("All stages")), *Case.Stage.choices], required=False, label=_("stage"))
    member = forms.ModelChoiceField(None, required=False, label=_("Team member"))
    category = forms.ChoiceField(
        choices=[("", _("All categories")), *Category.choices], required=False, label=_("legal category")
    )
    follow_up = forms.ChoiceField(
        choices=[
            ("", _("Any")),
            ("review_overdue", _("Overdue reviews")),
            ("review_due", _("Reviews due")),
            ("internship_ending", _("Internships ending")),
        ],
        required=False,
        label=_("Follow-up"),
    )

    def __init__(self, *args, districts, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["member"].queryset = members


class PersonForm(forms.ModelForm):
    """The person's record; saved through ``services.person_update``, never ``form.save()``."""

    # The record's version when the form was shown: a stale form is refused by the service.
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    class Meta:
        from cases.models import Person

        model = Person
        fields = [
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
        ]
        widgets = {"date_of_birth": DATE, "health_notes": SHORT}


class ReviewForm(forms.Form):
    next_review_on = forms.DateField(label=_("next review"), widget=DATE)


def _plan_item_label(item: PlanItem) -> str:
    starts_on = date_format(item.starts_on, "SHORT_DATE_FORMAT")
    return f"{item.intervention_type} — {starts_on} ({item.get_status_display()})"


class PlanItemStatusForm(forms.Form):
    item = forms.ModelChoiceField(PlanItem.objects.none(), label=_("intervention"))
    status = forms.ChoiceField(
        label=_("new status"),
        choices=[(value, label) for value, label in PlanItem.Status.choices if value != PlanItem.Status.PLANNED],
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = PlanItem.objects.filter(project__case=case).select_related("intervention_type")
        self.fields["item"].label_from_instance = _plan_item_label


class InternshipCheckForm(forms.Form):
    internship = forms.ModelChoiceField(Internship.objects.none(), label=_("internship"))
    check = forms.ChoiceField(label=_("check"), choices=[("midterm", _("Mid-term check")), ("final", _("Final check"))])
    held_on = forms.DateField(label=_("held on"), widget=DATE)
    notes = forms.CharField(label=_("outcome"), widget=MEDIUM)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["internship"].queryset = Internship.objects.filter(case=case).select_related("host")
        self.fields["internship"].label_from_instance = lambda internship: (
            f"{internship.host} — {date_format(internship.starts_on, 'SHORT_DATE_FORMAT')}"
        )
