"""Validators for Italian identifiers, used by the admin, the forms and the imports.

Each one raises a ``ValidationError`` whose message tells the user what to fix. The
check digits are computed by python-stdnum; ``clean_*`` return the compact form we store.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale, iva

REA_PATTERN = re.compile(r"^[A-Z]{2}-?\d{1,7}$")
ATECO_PATTERN = re.compile(r"^\d{2}(\.\d{1,2}){0,2}$")


def clean_vat_number(value: str) -> str:
    """The eleven digits of a partita IVA (spaces and an "IT" prefix are accepted)."""
    try:
        return iva.validate(value)
    except StdnumError:
        raise ValidationError(
            _("“%(value)s” is not a valid VAT number: it must have 11 digits and a correct check digit."),
            code="invalid_vat_number",
            params={"value": value},
        ) from None


def validate_vat_number(value: str) -> None:
    clean_vat_number(value)


def clean_tax_code(value: str) -> str:
    """A codice fiscale: 16 characters for a person, or 11 digits for a company."""
    try:
        return codicefiscale.validate(value)
    except StdnumError:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid tax code: a person's has 16 letters and digits, "
                "a company's 11 digits, and the last character is a check character."
            ),
            code="invalid_tax_code",
            params={"value": value},
        ) from None


def validate_tax_code(value: str) -> None:
    clean_tax_code(value)


def validate_rea_number(value: str) -> None:
    if not REA_PATTERN.match(value.strip().upper()):
        raise ValidationError(
            _("Write the REA number as the province and the number, e.g. “BG-123456”."), code="invalid_rea_number"
        )


def validate_ateco_code(value: str) -> None:
    if not ATECO_PATTERN.match(value.strip()):
        raise ValidationError(
            _("Write the ATECO code as digits separated by dots, e.g. “25.62” or “25.62.00”."),
            code="invalid_ateco_code",
        )


def validate_municipality_codes(value) -> None:
    """A list of six-digit ISTAT codes of existing municipalities, each once."""
    from network.municipalities import municipality_by_code

    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give the municipalities as a list of ISTAT codes."), code="invalid_municipalities")
    unknown = [code for code in value if municipality_by_code(code) is None]
    if unknown:
        raise ValidationError(
            _("These are not ISTAT codes of Italian municipalities: %(codes)s. Use six digits, e.g. “016091”."),
            code="unknown_municipality",
            params={"codes": ", ".join(unknown)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A municipality is listed twice."), code="duplicate_municipality")
