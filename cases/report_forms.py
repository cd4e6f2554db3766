"""Case-page forms of reports and documents. They only collect input: the rules live in
``cases.reports`` and ``cases.documents``, which the case page calls with the cleaned data."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.documents import ACCEPT_ATTRIBUTE
from cases.forms import DATE, DATETIME, MEDIUM
from cases.models import Case, CaseReport, TimelineEntry

SECTION_HELP = {
    "summary": _("How the path went, from the referral to today."),
    "interventions": _("Orientation, training, internship, placement… with their dates."),
    "outcomes": _("What the person achieved: skills, work, autonomy."),
    "recommendations": _("What the SIL suggests to the person and the referring service."),
}


def _section(name: str, required: bool) -> forms.CharField:
    return forms.CharField(
        label=CaseReport._meta.get_field(name).verbose_name,
        help_text=SECTION_HELP[name],
        required=required,
        widget=MEDIUM,
    )


class ProgressReportForm(forms.Form):
    period_start = forms.DateField(label=_("period from"), widget=DATE)
    period_end = forms.DateField(label=_("period to"), widget=DATE)
    summary = _section("summary", True)
    interventions = _section("interventions", True)
    outcomes = _section("outcomes", True)
    recommendations = _section("recommendations", False)


class FinalReportForm(forms.Form):
    """The final report; a draft may leave sections empty, delivery and closing need them all."""

    summary = _section("summary", False)
    interventions = _section("interventions", False)
    outcomes = _section("outcomes", False)
    recommendations = _section("recommendations", False)


class DeliverReportForm(forms.Form):
    report = forms.ModelChoiceField(CaseReport.objects.none(), label=_("report"))
    recipient = forms.ChoiceField(
        label=_("delivered to"),
        choices=[("person", _("the person")), ("referrer", _("the referring service"))],
        widget=forms.RadioSelect,
    )
    delivered_on = forms.DateField(label=_("delivered on"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = CaseReport.objects.filter(case=case)
        self.fields["report"].label_from_instance = report_label


def report_label(report: CaseReport) -> str:
    if report.kind == CaseReport.Kind.FINAL:
        return str(_("Final report"))
    return _("Progress report %(start)s to %(end)s") % {
        "start": report.period_start.strftime("%d/%m/%Y"),
        "end": report.period_end.strftime("%d/%m/%Y"),
    }


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("file"),
        help_text=_("PDF, images (JPEG, PNG) or office documents (DOCX, XLSX, ODT, ODS); no macros."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    kind = forms.ChoiceField(label=_("kind"), choices=TimelineEntry.Kind.choices, initial=TimelineEntry.Kind.DOCUMENT)
    occurred_at = forms.DateTimeField(label=_("when"), widget=DATETIME)
    text = forms.CharField(label=_("description"), widget=MEDIUM)
    confidential = forms.BooleanField(label=_("confidential"), required=False)
