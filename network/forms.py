"""Forms of the public directory: the search-and-filter form (GET) and the outdated-information report."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from network.directory import DirectoryFacets, FacetOption
from network.models import OutdatedReport
from network.selectors import SEARCH_MAX_LENGTH

FACET_LABELS = {
    "kind": _("Kind of organisation"),
    "sector": _("Economic sector"),
    "district": _("District"),
    "municipality": _("Municipality"),
    "role": _("Role in the network"),
}
FACET_EMPTY_CHOICES = {
    "kind": _("Any kind"),
    "sector": _("Any sector"),
    "district": _("Any district"),
    "municipality": _("Any municipality"),
    "role": _("Any role"),
}


def _option_label(option: FacetOption) -> str:
    return option.label if option.count is None else f"{option.label} ({option.count})"


class FacetSelect(forms.Select):
    """A ``<select>`` rendered in Python rather than one template per option.

    The municipality facet alone has hundreds of options; Django's template-based
    widget rendering made them the slowest part of the directory page.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = "" if value is None else str(value[0] if isinstance(value, (list, tuple)) and value else value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((key, " selected" if str(key) == chosen else "", label) for key, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class DirectoryFilterForm(forms.Form):
    """The directory's search box and facet filters, sent with GET so they work without JavaScript.

    The choices come from ``DirectoryFacets``; a value that is not among them (an old
    link, a typo in the address) is an invalid field and is simply not applied.
    """

    q = forms.CharField(
        label=_("Name or words to look for"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
    )
    kind = forms.ChoiceField(required=False, widget=FacetSelect)
    sector = forms.ChoiceField(required=False, widget=FacetSelect)
    district = forms.ChoiceField(required=False, widget=FacetSelect)
    municipality = forms.ChoiceField(required=False, widget=FacetSelect)
    role = forms.ChoiceField(required=False, widget=FacetSelect)

    def __init__(self, data, *, facets: DirectoryFacets):
        super().__init__(data)
        for name, label in FACET_LABELS.items():
            self.fields[name].label = label
            self.fields[name].choices = self._choices(facets, name)

    @staticmethod
    def _choices(facets: DirectoryFacets, name: str) -> list[tuple[str, str]]:
        return [("", FACET_EMPTY_CHOICES[name])] + [
            (option.value, _option_label(option)) for option in getattr(facets, name)
        ]

    def show_options(self, facets: DirectoryFacets) -> None:
        """Show ``facets``' options (the same values, now with their counts) once the form is validated.

        Only the widgets change: the fields' choices, which validation uses, stay as they
        were (and setting them again would normalise hundreds of choices for nothing).
        """
        for name in FACET_LABELS:
            self.fields[name].widget.choices = self._choices(facets, name)

    def applied(self) -> dict[str, str]:
        """The valid values the visitor chose, field by field (invalid ones are left out)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name].strip() for name in self.fields if cleaned.get(name, "").strip()}


class OutdatedReportForm(forms.ModelForm):
    """A visitor tells the team that something on an organisation's page is wrong.

    ``website`` is a honeypot: hidden from people (and from screen readers), filled in
    by bots that complete every field. A filled honeypot is accepted silently and saved
    nowhere, so the bot learns nothing.
    """

    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = OutdatedReport
        fields = ["message", "reporter_email"]
        labels = {
            "message": _("What is wrong or out of date?"),
            "reporter_email": _("Your e-mail (optional)"),
        }
        help_texts = {
            "message": _("E.g. a new address, a closed office, a service no longer offered."),
            "reporter_email": _("Only if you want an answer. We use it for nothing else."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
