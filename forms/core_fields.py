"""The fixed core of each kind of form: the typed fields the domain needs.

Editors cannot remove these fields; they can relabel them and add help text (see
``CoreFieldText`` in ``models.py``). Each core field knows how to build its Django form
field, its JSON Schema and its UI hints, so the HTML form and the API agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from forms import network_link

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
PHONE_PATTERN = r"^\+?[0-9][0-9 ./-]{5,19}$"
MUNICIPALITY_WITH_PROVINCE = re.compile(r"^(?P<name>.+?)\s*\((?P<province>[A-Za-z]{2})\)$")


class TaxCodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=20, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return network_link.clean_tax_code(value) if value else value


class VatNumberField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=20, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return network_link.clean_vat_number(value) if value else value


class MunicipalityField(forms.CharField):
    """An Italian municipality by name, optionally followed by its province: "Dalmine (BG)"."""

    def __init__(self, **kwargs):
        super().__init__(max_length=100, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        match = MUNICIPALITY_WITH_PROVINCE.match(value)
        name, province = (match["name"], match["province"]) if match else (value, "")
        found = network_link.municipality_lookup(name, province)
        if found is None:
            raise ValidationError(
                _("“%(value)s” is not an Italian municipality. Write its name, e.g. “Dalmine”."),
                code="unknown_municipality",
                params={"value": value},
            )
        return f"{found.name} ({found.province})"


class BirthDateField(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(input_formats=DATE_INPUT_FORMATS, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and not (date(1900, 1, 1) <= value <= date.today()):
            raise ValidationError(_("Enter a date of birth in the past."), code="date_out_of_range")
        return value


@dataclass(frozen=True)
class CoreField:
    """One field every form of a kind has. ``kind`` picks the form field, schema and widget."""

    name: str
    label: Promise
    kind: str
    group: str
    required: bool = True
    help_text: Promise | str = ""
    autocomplete: str = "off"
    max_length: int = 200
    choices: tuple[tuple[str, Promise], ...] = field(default_factory=tuple)

    def form_field(self, *, label: str, help_text: str) -> forms.Field:
        options = {"label": label, "help_text": help_text, "required": self.required}
        attrs = {"autocomplete": self.autocomplete}
        match self.kind:
            case "text":
                return forms.CharField(max_length=self.max_length, widget=forms.TextInput(attrs), **options)
            case "textarea":
                return forms.CharField(
                    max_length=self.max_length, widget=forms.Textarea({**attrs, "rows": 5}), **options
                )
            case "email":
                return forms.EmailField(max_length=254, widget=forms.EmailInput(attrs), **options)
            case "tel":
                return forms.CharField(
                    max_length=40,
                    validators=[RegexValidator(PHONE_PATTERN, _("Enter a phone number, e.g. 035 123456."))],
                    widget=forms.TextInput({**attrs, "type": "tel"}),
                    **options,
                )
            case "birth_date":
                return BirthDateField(widget=forms.TextInput({**attrs, "inputmode": "numeric"}), **options)
            case "tax_code":
                return TaxCodeField(widget=forms.TextInput({**attrs, "spellcheck": "false"}), **options)
            case "vat_number":
                return VatNumberField(widget=forms.TextInput({**attrs, "inputmode": "numeric"}), **options)
            case "municipality":
                return MunicipalityField(widget=forms.TextInput(attrs), **options)
            case "hours":
                return forms.IntegerField(
                    min_value=1, max_value=48, widget=forms.NumberInput({**attrs, "inputmode": "numeric"}), **options
                )
            case "radio":
                return forms.ChoiceField(choices=self.choices, widget=forms.RadioSelect, **options)
            case "select":
                return forms.ChoiceField(choices=[("", "—"), *self.choices], widget=forms.Select(attrs), **options)
            case "boolean":
                return forms.BooleanField(**options)
        raise ValueError(f"Unknown core field kind {self.kind!r}")

    def json_schema(self) -> dict:
        """The JSON Schema of the value the API accepts for this field."""
        match self.kind:
            case "text" | "textarea" | "municipality":
                return {"type": "string", "maxLength": self.max_length if self.kind != "municipality" else 100}
            case "email":
                return {"type": "string", "format": "email", "maxLength": 254}
            case "tel":
                # An optional phone may be left empty, as the HTML form allows.
                pattern = PHONE_PATTERN if self.required else f"^$|{PHONE_PATTERN}"
                return {"type": "string", "pattern": pattern, "maxLength": 40}
            case "birth_date":
                return {"type": "string", "format": "date"}
            case "tax_code":
                return {"type": "string", "minLength": 11, "maxLength": 20}
            case "vat_number":
                return {"type": "string", "minLength": 11, "maxLength": 20}
            case "hours":
                return {"type": "integer", "minimum": 1, "maximum": 48}
            case "radio" | "select":
                return {"type": "string", "enum": [value for value, _label in self.choices]}
            case "boolean":
                return {"type": "boolean", **({"const": True} if self.required else {})}
        raise ValueError(f"Unknown core field kind {self.kind!r}")

    @property
    def widget(self) -> str:
        return {"birth_date": "date", "hours": "number", "boolean": "checkbox"}.get(self.kind, self.kind)


GROUPS: dict[str, Promise] = {
    "person": _("The person referred"),
    "referral": _("Why you are referring them"),
    "referrer": _("Who is referring"),
    "company": _("The company"),
    "offer": _("The offer"),
    "contact": _("Your message"),
    "consent": _("Privacy"),
}

CATEGORY_CHOICES = (
    ("l68_99", _("Disabled under Law 68/1999")),
    ("l381_91", _("Disadvantaged under Law 381/1991, art. 4")),
    ("generic", _("Generic disadvantage")),
)
OFFER_KIND_CHOICES = (("job", _("Job offer")), ("internship", _("Internship place")))
CONTRACT_CHOICES = (
    ("permanent", _("Permanent contract")),
    ("fixed_term", _("Fixed-term contract")),
    ("apprenticeship", _("Apprenticeship")),
    ("internship", _("Internship (no employment contract)")),
    ("other", _("Other")),
)

CONSENT = CoreField(
    "consent",
    _("I have read the privacy notice and I consent to the processing of these data"),
    "boolean",
    "consent",
)

CORE_FIELDS: dict[str, tuple[CoreField, ...]] = {
    "referral": (
        CoreField("person_first_name", _("First name"), "text", "person", max_length=100),
        CoreField("person_last_name", _("Last name"), "text", "person", max_length=100),
        CoreField(
            "person_date_of_birth",
            _("Date of birth"),
            "birth_date",
            "person",
            help_text=_("Format dd/mm/yyyy, e.g. 25/04/1990."),
        ),
        CoreField("person_tax_code", _("Tax code"), "tax_code", "person"),
        CoreField(
            "person_municipality",
            _("Municipality of residence"),
            "municipality",
            "person",
            help_text=_("The name of the municipality, e.g. Dalmine."),
        ),
        CoreField("category", _("Legal category"), "radio", "referral", choices=CATEGORY_CHOICES),
        CoreField("reason", _("Reason for referral"), "textarea", "referral", max_length=4000),
        CoreField("referring_service", _("Referring service"), "text", "referrer", autocomplete="organization"),
        CoreField("referrer_name", _("Your name"), "text", "referrer", autocomplete="name", max_length=200),
        CoreField("referrer_email", _("Your e-mail"), "email", "referrer", autocomplete="email"),
        CoreField("referrer_phone", _("Your phone"), "tel", "referrer", required=False, autocomplete="tel"),
        CONSENT,
    ),
    "offer": (
        CoreField("company_name", _("Company name"), "text", "company", autocomplete="organization"),
        CoreField(
            "vat_number",
            _("VAT number"),
            "vat_number",
            "company",
            help_text=_("11 digits, e.g. 01234567897."),
        ),
        CoreField("contact_name", _("Contact person"), "text", "company", autocomplete="name"),
        CoreField("contact_email", _("Contact e-mail"), "email", "company", autocomplete="email"),
        CoreField("contact_phone", _("Contact phone"), "tel", "company", required=False, autocomplete="tel"),
        CoreField("offer_kind", _("What you offer"), "radio", "offer", choices=OFFER_KIND_CHOICES),
        CoreField("role", _("Role"), "text", "offer"),
        CoreField("place_of_work", _("Place of work"), "municipality", "offer"),
        CoreField("weekly_hours", _("Hours per week"), "hours", "offer"),
        CoreField("contract_type", _("Type of contract"), "select", "offer", choices=CONTRACT_CHOICES),
        CoreField("requirements", _("Requirements"), "textarea", "offer", required=False, max_length=4000),
        CoreField(
            "counts_towards_quota",
            _("This hire counts towards our Law 68/1999 quota"),
            "boolean",
            "offer",
            required=False,
        ),
        CONSENT,
    ),
    "contact": (
        CoreField("name", _("Your name"), "text", "contact", autocomplete="name"),
        CoreField("email", _("Your e-mail"), "email", "contact", autocomplete="email"),
        CoreField("message", _("Message"), "textarea", "contact", max_length=4000),
        CONSENT,
    ),
}

# Where the submitter's e-mail is, for the receipt.
SUBMITTER_EMAIL_FIELD = {"referral": "referrer_email", "offer": "contact_email", "contact": "email"}


def core_field_names() -> set[str]:
    return {core.name for fields in CORE_FIELDS.values() for core in fields}
