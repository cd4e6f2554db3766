"""The forms' only door into the network app: identifiers and municipalities.

The network app owns the validators of Italian identifiers, the offline ISTAT list
of municipalities and the districts. Everything the forms need from it goes through these
small functions, imported lazily, so the forms keep working while the network app evolves.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MunicipalityRef:
    code: str
    name: str
    province: str


def clean_tax_code(value: str) -> str:
    """The compact tax code, or ValidationError with a message for the user."""
    from network.validators import clean_tax_code as network_clean_tax_code

    return network_clean_tax_code(value)


def clean_vat_number(value: str) -> str:
    """The eleven digits of a VAT number, or ValidationError with a message for the user."""
    from network.validators import clean_vat_number as network_clean_vat_number

    return network_clean_vat_number(value)


def municipality_lookup(name: str, province: str = "") -> MunicipalityRef | None:
    """The ISTAT municipality with this name (and province, when given), or None."""
    from network.municipalities import find_municipality

    found = find_municipality(name, province)
    if found is None:
        return None
    return MunicipalityRef(code=found.code, name=found.name, province=found.province)


def district_for_municipality(code: str):
    """The ``network.District`` that includes the municipality with this ISTAT code, or None."""
    from network.selectors import district_for_municipality as network_district_for_municipality

    return network_district_for_municipality(municipality_code=code)
