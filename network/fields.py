"""Model and form fields for Italian identifiers typed by people.

People copy a VAT number as it is printed on an invoice: "IT 0074 3110 157",
"IT00743110157". The column holds the eleven digits; the form field turns what was typed
into them (python-stdnum's ``compact``) before any length check, so the prefix and the
spaces never cause a "too long" error, and then checks the check digit.
"""

from __future__ import annotations

from django import forms
from django.db import models
from stdnum.it import iva
from stdnum.util import clean

from network.validators import clean_vat_number

VAT_INPUT_MAX_LENGTH = 20  # room for "IT", spaces and dots around the 11 digits


def compact_vat_number(value: str) -> str:
    """The VAT number without "IT", spaces, dots or dashes; not validated."""
    return iva.compact(clean(value, " -./")) if value else value


class VatNumberFormField(forms.CharField):
    """A partita IVA as people type it; cleaned to the 11 digits, with a clear error otherwise."""

    def __init__(self, *, max_length=None, **kwargs):
        # The column's length applies to the compact form, which ``clean`` checks in full.
        super().__init__(max_length=VAT_INPUT_MAX_LENGTH, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("spellcheck", "false")

    def to_python(self, value):
        return compact_vat_number(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value not in self.empty_values:
            clean_vat_number(value)


class VatNumberField(models.CharField):
    """The 11 digits of a partita IVA; its form field accepts the "IT" prefix and spaces.

    Only the form field differs from a ``CharField``, so migrations see a ``CharField``
    (``deconstruct``) and the column never changes because of this class.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 11)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": VatNumberFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
