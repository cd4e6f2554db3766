"""The dashboard's filter form (GET): a year and a quarter, or two dates; a district; a category.

Quarters are one click because IPS-style programmes and the districts' planning offices
report quarterly; two dates cover any other span. The form only turns input into a
period; ``outcomes.selectors`` checks what the user may see.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Category

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIRST_YEAR = 2015
QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
MONTH_ENDS = {3: 31, 6: 30, 9: 30, 12: 31}


def quarter_bounds(year: int, quarter: int | None) -> tuple[date, date]:
    """First and last day of a quarter, or of the whole year when ``quarter`` is None."""
    if not quarter:
        return date(year, 1, 1), date(year, 12, 31)
    first, last = QUARTERS[quarter]
    return date(year, first, 1), date(year, last, MONTH_ENDS[last])


class OutcomeFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[
            ("", _("Whole year")),
            (1, _("1st quarter (January to March)")),
            (2, _("2nd quarter (April to June)")),
            (3, _("3rd quarter (July to September)")),
            (4, _("4th quarter (October to December)")),
        ],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=DATE, help_text=_("Or give two dates instead of year and quarter.")
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)
    district = forms.TypedChoiceField(label=_("District"), coerce=int, required=False, empty_value=None)
    category = forms.ChoiceField(
        label=_("Legal category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )

    def __init__(self, *args, districts, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        years = range(self.today.year, FIRST_YEAR - 1, -1)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["district"].choices = [("", _("All my districts")), *((d.pk, d.label) for d in districts)]

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if self.errors:
            return cleaned
        if date_from or date_to:
            if not (date_from and date_to):
                raise forms.ValidationError(
                    _(
                        "The period is incomplete: give both the start and the end date, or leave both empty "
                        "and choose a year and a quarter."
                    ),
                    code="incomplete",
                )
            if date_from > date_to:
                raise forms.ValidationError(
                    _("The period is reversed: the start date (%(start)s) comes after the end date (%(end)s)."),
                    code="reversed",
                    params={"start": date_from.strftime("%d/%m/%Y"), "end": date_to.strftime("%d/%m/%Y")},
                )
        else:
            cleaned["date_from"], cleaned["date_to"] = quarter_bounds(
                cleaned.get("year") or self.today.year, cleaned.get("quarter")
            )
        return cleaned

    @property
    def period_in_future(self) -> bool:
        return self.is_valid() and self.cleaned_data["date_from"] > self.today
