"""Editing the municipalities of a district in the admin.

Staff know municipalities by name, the software by ISTAT code: the field takes either,
one per line, and stores the codes. A municipality belongs to one district at most,
because a new referral is notified to the staff of the district of the person's
municipality (``network.selectors.district_for_municipality``).
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from network.municipalities import find_municipality, is_ambiguous, municipality_by_code

CODE_LENGTH = 6
MUNICIPALITIES_HELP = _(
    "The municipalities of the district, one per line: the ISTAT code or the name "
    "(e.g. “016091” or “Dalmine”). New referrals from these municipalities are notified "
    "to the district's staff."
)


def _code_of(line: str) -> str | None:
    """The ISTAT code a line names: "016091", "016091 Dalmine", "Dalmine" or "Dalmine (BG)"."""
    first = line.partition(" ")[0]
    if first.isdigit():
        code = first.zfill(CODE_LENGTH)
        return code if municipality_by_code(code) else None
    name, _paren, province = line.partition("(")
    found = find_municipality(name.strip(), province.rstrip(")").strip())
    if found is None or (not province and is_ambiguous(name.strip())):
        return None
    return found.code


class MunicipalityListField(forms.CharField):
    """A textarea of municipalities, one per line, cleaned to a list of ISTAT codes."""

    widget = forms.Textarea(attrs={"rows": 8})

    def prepare_value(self, value):
        if isinstance(value, list):
            lines = []
            for code in value:
                municipality = municipality_by_code(code)
                lines.append(f"{code} {municipality.name} ({municipality.province})" if municipality else code)
            return "\n".join(lines)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        lines = [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]
        codes, unknown = [], []
        for line in lines:
            code = _code_of(line)
            if code is None:
                unknown.append(line)
            elif code not in codes:
                codes.append(code)
        if unknown:
            raise ValidationError(
                _(
                    "Not found among the Italian municipalities: %(lines)s. Write the ISTAT code "
                    "(e.g. “016091”) or the exact name; add the province when two municipalities "
                    "share the name, e.g. “Castro (BG)”."
                ),
                code="unknown_municipality",
                params={"lines": "; ".join(unknown)},
            )
        return codes

    def has_changed(self, initial, data):
        try:
            return list(initial or []) != self.to_python(data)
        except ValidationError:
            return True


class DistrictAdminForm(WagtailAdminModelForm):
    """The district form of the admin: municipalities by name or code, each in one district only."""

    municipality_codes = MunicipalityListField(label=_("municipalities"), required=False, help_text=MUNICIPALITIES_HELP)

    def clean_municipality_codes(self):
        codes = self.cleaned_data["municipality_codes"]
        district_model = apps.get_model("network", "District")
        others = district_model.objects.exclude(pk=self.instance.pk).only("name", "municipality_codes")
        clashes = [
            f"{municipality_by_code(code).name} ({other.name})"
            for other in others
            for code in codes
            if code in (other.municipality_codes or [])
        ]
        if clashes:
            raise ValidationError(
                _("A municipality belongs to one district only; already in another district: %(clashes)s."),
                code="municipality_in_other_district",
                params={"clashes": "; ".join(clashes)},
            )
        return codes
