"""Reads of the network: the directory search shared by the public pages and the HSDS API,
and the look-ups other apps (forms, cases, imports) need. Keep them here."""

import math
import uuid
from dataclasses import dataclass, field

from django.db.models import ExpressionWrapper, F, FloatField, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

from network.models import (
    District,
    Location,
    NetworkSettings,
    Organisation,
    OrganisationKind,
    OutdatedReport,
    OutdatedReportStatus,
    TaxonomyTerm,
)
from network.municipalities import normalise
from network.validators import clean_vat_number

SEARCH_MAX_LENGTH = 200


def district_for_municipality(*, municipality_code: str) -> District | None:
    """The district whose municipalities include this ISTAT code, or None.

    Districts are few (a handful per service) and their lists short, so they are read
    whole rather than queried inside JSON, which works the same on every database.
    """
    if not municipality_code:
        return None
    for district in District.objects.only("pk", "name", "name_en", "slug", "municipality_codes"):
        if municipality_code in (district.municipality_codes or []):
            return district
    return None


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
    """Match terms given by UUID or by code (e.g. the ATECO section letter); ``prefix`` "" for terms."""
    uuids = []
    for value in values:
        try:
            uuids.append(uuid.UUID(value))
        except ValueError:
            continue
    path = f"{prefix}__" if prefix else ""
    return Q(**{f"{path}uuid__in": uuids}) | Q(**{f"{path}code__in": values})


def public_organisations(filters: DirectoryFilters) -> QuerySet[Organisation]:
    """Public organisations matching ``filters``, ranked by relevance when searching, else by name.

    Relations (roles, districts, locations) are filtered through id subqueries on the
    link tables, because the search backend accepts filters only on the organisation's
    own indexed fields; the subqueries read the small link tables rather than joining the
    organisation table to itself, which keeps counts cheap on large directories. The
    result is a plain queryset (or search results) ready for pagination.
    """
    queryset = Organisation.objects.published()
    if filters.kinds:
        queryset = queryset.filter(kind__in=[k for k in filters.kinds if k in OrganisationKind.values])
    if filters.sectors:
        queryset = queryset.filter(sector__in=_terms(filters.sectors))
    if filters.roles:
        queryset = queryset.filter(id__in=_with_roles(filters.roles))
    if filters.taxonomy_terms:
        either = Organisation.objects.filter(
            Q(id__in=_with_roles(filters.taxonomy_terms)) | Q(sector__in=_terms(filters.taxonomy_terms))
        )
        queryset = queryset.filter(id__in=either.values("pk"))
    if filters.districts:
        in_districts = Organisation.districts.through.objects.filter(district__slug__in=filters.districts)
        queryset = queryset.filter(id__in=in_districts.values("organisation_id"))
    # Filters on places only see the organisations that publish their addresses: otherwise
    # a query by postcode or distance would tell where an unpublished address is.
    places = None
    if filters.municipality:
        value = filters.municipality.strip()
        places = Location.objects.filter(**{"municipality_code" if value.isdigit() else "municipality__iexact": value})
    if filters.postcode:
        places = (places if places is not None else Location.objects.all()).filter(postcode=filters.postcode.strip())
    if filters.near is not None:
        near = locations_near(filters.near).values("pk")
        places = (places if places is not None else Location.objects.all()).filter(pk__in=near)
    if places is not None:
        published = places.filter(organisation__publish_address=True)
        queryset = queryset.filter(id__in=published.values("organisation_id"))
    if filters.modified_after is not None:
        queryset = queryset.filter(updated_at__gte=filters.modified_after)
    query = filters.search.strip()[:SEARCH_MAX_LENGTH]
    if query:
        return queryset.search(query, operator="and")
    return queryset.order_by("name", "pk")


def _terms(values: tuple[str, ...]) -> QuerySet[TaxonomyTerm]:
    """Terms given by UUID or by code (e.g. the ATECO section letter)."""
    return TaxonomyTerm.objects.filter(_terms_q("", values)).values("pk")


def _with_roles(values: tuple[str, ...]) -> QuerySet:
    """Ids of the organisations holding any of these role terms (UUIDs or codes)."""
    links = Organisation.roles.through.objects.filter(taxonomyterm__in=_terms(values))
    return links.values("organisation_id")


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
