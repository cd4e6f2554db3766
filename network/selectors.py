"""Reads of the network: the directory search shared by the public pages and the HSDS API,
and the look-ups other apps (forms, cases, imports) need. Keep them here."""

import math
import uuid
from dataclasses import dataclass, field

from django.db.models import ExpressionWrapper, F, FloatField, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

from network.models import (
    Location,
    NetworkSettings,
    Organisation,
    OrganisationKind,
    OutdatedReport,
    OutdatedReportStatus,
)
from network.municipalities import normalise
from network.validators import clean_vat_number

SEARCH_MAX_LENGTH = 200


def organisation_for_vat(*, vat_number: str) -> Organisation | None:
    """The organisation with this VAT number, or None (also when the number is malformed)."""
    try:
        vat_number = clean_vat_number(vat_number)
    except Exception:  # noqa: BLE001 - a malformed number simply matches nothing
        return None
    return Organisation.objects.filter(vat_number=vat_number).first()


@dataclass(frozen=True)
class Near:
    """A circle on the map: organisations with a published location inside it match."""

    latitude: float
    longitude: float
    radius_km: float


@dataclass(frozen=True)
class DirectoryFilters:
    """What a visitor or an API client can narrow the public directory by.

    Values are the public keys: ``kind`` a ``OrganisationKind`` value, ``sector`` and
    ``role`` taxonomy-term UUIDs (or codes), ``district`` a district slug,
    ``municipality`` a municipality name or ISTAT code, ``postcode`` five digits.
    Callers validate the values first (unknown values are the caller's 400).
    """

    search: str = ""
    kinds: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    municipality: str = ""
    postcode: str = ""
    taxonomy_terms: tuple[str, ...] = field(default=())
    modified_after: object = None  # an aware datetime
    near: Near | None = None  # a circle around a point (the API's proximity)


EARTH_RADIUS_KM = 6371.0088


def locations_near(near: Near) -> QuerySet[Location]:
    """Locations within ``near.radius_km`` of the point (great-circle distance).

    A bounding box on the indexed-friendly plain columns discards most rows first; the
    exact haversine distance, computed in SQL so that counts and pages stay right, keeps
    the ones inside the circle.
    """
    latitude_span = near.radius_km / 111.2
    cos_latitude = math.cos(math.radians(near.latitude))
    longitude_span = 180.0 if cos_latitude < 0.01 else min(180.0, near.radius_km / (111.32 * cos_latitude))
    latitude = Radians(F("latitude"))
    half_chord = Power(Sin((latitude - math.radians(near.latitude)) / 2), 2) + math.cos(
        math.radians(near.latitude)
    ) * Cos(latitude) * Power(Sin((Radians(F("longitude")) - math.radians(near.longitude)) / 2), 2)
    distance = 2 * EARTH_RADIUS_KM * ASin(Sqrt(Least(half_chord, Value(1.0))))
    return (
        Location.objects.filter(
            latitude__range=(near.latitude - latitude_span, near.latitude + latitude_span),
            longitude__range=(near.longitude - longitude_span, near.longitude + longitude_span),
        )
        .annotate(distance_km=ExpressionWrapper(distance, output_field=FloatField()))
        .filter(distance_km__lte=near.radius_km)
    )


def _terms_q(prefix: str, values: tuple[str, ...]) -> Q:
    """Match terms given by UUID or by code (e.g. the ATECO section letter)."""
    uuids = []
    for value in values:
        try:
            uuids.append(uuid.UUID(value))
        except ValueError:
            continue
    return Q(**{f"{prefix}__uuid__in": uuids}) | Q(**{f"{prefix}__code__in": values})


def public_organisations(filters: DirectoryFilters) -> QuerySet[Organisation]:
    """Public organisations matching ``filters``, ranked by relevance when searching, else by name.

    Relations (roles, districts, locations) are filtered through an id subquery, because
    the search backend accepts filters only on the organisation's own indexed fields.
    The result is a plain queryset (or search results) ready for pagination.
    """
    queryset = Organisation.objects.published()
    narrowed = Organisation.objects.published()
    use_subquery = False
    if filters.kinds:
        queryset = queryset.filter(kind__in=[k for k in filters.kinds if k in OrganisationKind.values])
    if filters.sectors:
        narrowed = narrowed.filter(_terms_q("sector", filters.sectors))
        use_subquery = True
    if filters.roles:
        narrowed = narrowed.filter(_terms_q("roles", filters.roles))
        use_subquery = True
    if filters.taxonomy_terms:
        narrowed = narrowed.filter(
            _terms_q("roles", filters.taxonomy_terms) | _terms_q("sector", filters.taxonomy_terms)
        )
        use_subquery = True
    if filters.districts:
        narrowed = narrowed.filter(districts__slug__in=filters.districts)
        use_subquery = True
    # Filters on places only see the organisations that publish their addresses: otherwise
    # a query by postcode or distance would tell where an unpublished address is.
    if filters.municipality:
        value = filters.municipality.strip()
        if value.isdigit():
            narrowed = narrowed.filter(publish_address=True, locations__municipality_code=value)
        else:
            narrowed = narrowed.filter(publish_address=True, locations__municipality__iexact=value)
        use_subquery = True
    if filters.postcode:
        narrowed = narrowed.filter(publish_address=True, locations__postcode=filters.postcode.strip())
        use_subquery = True
    if filters.near is not None:
        narrowed = narrowed.filter(publish_address=True, locations__in=locations_near(filters.near).values("pk"))
        use_subquery = True
    if filters.modified_after is not None:
        queryset = queryset.filter(updated_at__gte=filters.modified_after)
    if use_subquery:
        queryset = queryset.filter(id__in=narrowed.values("pk"))
    query = filters.search.strip()[:SEARCH_MAX_LENGTH]
    if query:
        return queryset.search(query, operator="and")
    return queryset.order_by("name", "pk")


def verification_max_age_days() -> int:
    """How old confirmed data may get before the team must check them again (a setting)."""
    return NetworkSettings.load().verification_max_age_days


def organisations_to_confirm(*, max_age_days: int | None = None) -> QuerySet[Organisation]:
    """Organisations never confirmed or confirmed longer ago than the configured age, oldest first."""
    days = verification_max_age_days() if max_age_days is None else max_age_days
    return Organisation.objects.verification_older_than(days).order_by(
        F("verified_at").asc(nulls_first=True), "name", "pk"
    )


def outdated_reports_new() -> QuerySet[OutdatedReport]:
    """Reports from visitors that nobody has handled yet, newest first."""
    return OutdatedReport.objects.filter(status=OutdatedReportStatus.NEW).order_by("-created_at")


__all__ = [
    "DirectoryFilters",
    "Near",
    "locations_near",
    "normalise",
    "organisation_for_vat",
    "organisations_to_confirm",
    "outdated_reports_new",
    "public_organisations",
    "verification_max_age_days",
]
