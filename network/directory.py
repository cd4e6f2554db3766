"""Reads for the public directory page: facets, a page of results, one organisation, its JSON-LD.

The search itself is ``network.selectors.public_organisations``, shared with the HSDS
API. What is here only serves the HTML directory (``network.models.DirectoryPage``):

- the facet options (kinds, sectors, districts, municipalities, roles) with counts. A
  count is what the visitor would get by choosing that option with the other filters
  kept. Counts are given only where they are cheap: for kinds, sectors, districts and
  roles (one GROUP BY query each), not for municipalities, and not during a text
  search; they are cached until an organisation changes;
- a page of results with its relations prefetched for that page only;
- one public organisation with what it agreed to publish, and its schema.org JSON-LD.

Every function applies the publication rules: only organisations marked public, only the
fields they agreed to publish (``publish_*``), never contact persons.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Prefetch, prefetch_related_objects
from django.utils.safestring import SafeString, mark_safe

from network.models import (
    ROLES_TAXONOMY,
    SECTORS_TAXONOMY,
    District,
    Location,
    Organisation,
    OrganisationKind,
    Service,
    ServiceStatus,
    TaxonomyTerm,
)
from network.selectors import DirectoryFilters, public_organisations

FACETS_CACHE_SECONDS = 600

# What a result of the list shows; nothing else is read from the database.
LIST_FIELDS = ("id", "name", "alternate_name", "slug", "kind", "description", "sector_id", "publish_address")
LOCATION_FIELDS = (
    "id",
    "organisation_id",
    "sort_order",
    "name",
    "address",
    "municipality",
    "province",
    "postcode",
    "latitude",
    "longitude",
)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int | None  # None: not counted (during a text search)


@dataclass(frozen=True)
class DirectoryFacets:
    kind: list[FacetOption]
    sector: list[FacetOption]
    district: list[FacetOption]
    municipality: list[FacetOption]
    role: list[FacetOption]
    version: str = ""  # of the data the options were read from (see ``_facets_version``)


FACET_NAMES = ("kind", "sector", "district", "municipality", "role")
COUNTED_FACETS = ("kind", "sector", "district", "role")


def directory_filters(
    *, search: str = "", kind: str = "", sector: str = "", district: str = "", municipality: str = "", role: str = ""
) -> DirectoryFilters:
    """The shared selector's filters from the directory form's single-choice fields."""
    return DirectoryFilters(
        search=search,
        kinds=(kind,) if kind else (),
        sectors=(sector,) if sector else (),
        districts=(district,) if district else (),
        municipality=municipality,
        roles=(role,) if role else (),
    )


def _without(filters: DirectoryFilters, facet: str) -> DirectoryFilters:
    """The filters with one facet's own choice removed (to count that facet's alternatives)."""
    return replace(
        filters,
        search="",
        **{
            "kind": {"kinds": ()},
            "sector": {"sectors": ()},
            "district": {"districts": ()},
            "municipality": {"municipality": ""},
            "role": {"roles": ()},
        }[facet],
    )


def _facet_counts(filters: DirectoryFilters) -> dict[str, dict[str, int]]:
    """Per facet, the number of public organisations for each value, under the other filters."""

    def ids(facet: str):
        return public_organisations(_without(filters, facet)).order_by().values("pk")

    kinds = public_organisations(_without(filters, "kind")).order_by().values_list("kind").annotate(n=Count("pk"))
    sectors = (
        public_organisations(_without(filters, "sector"))
        .filter(sector__isnull=False)
        .order_by()
        .values_list("sector__uuid")
        .annotate(n=Count("pk"))
    )
    roles = (
        Organisation.roles.through.objects.filter(organisation_id__in=ids("role"))
        .order_by()
        .values_list("taxonomyterm__uuid")
        .annotate(n=Count("organisation_id"))
    )
    districts = (
        Organisation.districts.through.objects.filter(organisation_id__in=ids("district"))
        .order_by()
        .values_list("district__slug")
        .annotate(n=Count("organisation_id"))
    )
    return {
        "kind": dict(kinds),
        "sector": {str(value): n for value, n in sectors},
        "role": {str(value): n for value, n in roles},
        "district": dict(districts),
    }


def _municipality_options() -> list[tuple[str, str, str]]:
    """(ISTAT code, name, province) of the municipalities where public organisations publish an address.

    Not counted: with hundreds of municipalities and organisations in several places, a
    count per municipality is the one facet count that is not cheap.
    """
    return list(
        Location.objects.filter(organisation__is_public=True, organisation__publish_address=True)
        .exclude(municipality_code="")
        .order_by()
        .values_list("municipality_code", "municipality", "province")
        .distinct()
    )


def _facets_version() -> str:
    """Changes whenever an organisation is saved (its locations and relations are saved with it)."""
    return str(Organisation.objects.aggregate(latest=Max("updated_at"))["latest"])


def _cached(what: str, version: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, cached until an organisation changes (or ten minutes pass, for deletions)."""
    cache_key = "network:directory:" + hashlib.sha256(repr((what, version)).encode()).hexdigest()
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, FACETS_CACHE_SECONDS)
    return value


def _cached_facet_counts(filters: DirectoryFilters, version: str) -> dict[str, dict[str, int]]:
    chosen = (filters.kinds, filters.sectors, filters.districts, filters.municipality, filters.roles)
    return _cached(f"counts {chosen!r}", version, lambda: _facet_counts(filters))


def directory_facet_options() -> DirectoryFacets:
    """The options of every facet, in the visitor's language, without counts.

    The options are the values public organisations use, so that no single choice leads
    to an empty list; they are also the only values the filter form accepts.
    """
    version = _facets_version()
    every = _cached_facet_counts(DirectoryFilters(), version)
    terms = TaxonomyTerm.objects.filter(taxonomy__key__in=(ROLES_TAXONOMY, SECTORS_TAXONOMY)).select_related("taxonomy")
    sectors, roles = [], []
    for term in terms.order_by("taxonomy_id", "sort_order", "code", "name"):
        value = str(term.uuid)
        if term.taxonomy.key == SECTORS_TAXONOMY and value in every["sector"]:
            sectors.append(FacetOption(value, f"{term.code} - {term.label}" if term.code else term.label, None))
        elif term.taxonomy.key == ROLES_TAXONOMY and value in every["role"]:
            roles.append(FacetOption(value, term.label, None))
    districts = [
        FacetOption(district.slug, district.label, None)
        for district in District.objects.only("slug", "name", "name_en").order_by("name")
        if district.slug in every["district"]
    ]
    kinds = [
        FacetOption(value, str(label), None) for value, label in OrganisationKind.choices if value in every["kind"]
    ]
    municipalities = sorted(
        (
            FacetOption(code, f"{name} ({province})", None)
            for code, name, province in _cached("municipalities", version, _municipality_options)
        ),
        key=lambda option: option.label,
    )
    return DirectoryFacets(
        kind=kinds, sector=sectors, district=districts, municipality=municipalities, role=roles, version=version
    )


def directory_facets_counted(facets: DirectoryFacets, filters: DirectoryFilters) -> DirectoryFacets:
    """``facets`` with, on each option, how many results choosing it would give (the other filters kept).

    Not during a text search: the counts would need the search for every facet, which is
    not cheap, so the options then come without counts.
    """
    if filters.search.strip():
        return facets
    counts = _cached_facet_counts(filters, facets.version)
    counted = {
        name: [replace(option, count=counts[name].get(option.value, 0)) for option in getattr(facets, name)]
        for name in COUNTED_FACETS
    }
    return replace(facets, **counted)


def directory_results(filters: DirectoryFilters, *, page_number: Any, per_page: int) -> Page:
    """One page of the public organisations matching ``filters``, with what the list shows prefetched.

    Relations are loaded for the organisations of this page only, in one query each, so
    the number of queries does not grow with the directory.
    """
    results = public_organisations(filters)
    if not filters.search.strip():
        results = results.only(*LIST_FIELDS)
    page = Paginator(results, per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    prefetch_related_objects(
        page.object_list,
        Prefetch("sector", queryset=TaxonomyTerm.objects.only("id", "code", "name", "name_en")),
        Prefetch("locations", queryset=Location.objects.only(*LOCATION_FIELDS).order_by("sort_order", "pk")),
        Prefetch("roles", queryset=TaxonomyTerm.objects.only("id", "name", "name_en").order_by("sort_order", "name")),
        Prefetch("districts", queryset=District.objects.only("id", "slug", "name", "name_en")),
    )
    for organisation in page.object_list:
        # What the list and the map may show of its places: nothing unless it publishes its address.
        locations = list(organisation.locations.all()) if organisation.publish_address else []
        organisation.listed_location = locations[0] if locations else None
        organisation.map_location = next((loc for loc in locations if loc.latitude is not None), None)
    return page


def public_organisation(*, slug: str) -> Organisation | None:
    """The public organisation with this slug, with its active services and published relations; or None."""
    return (
        Organisation.objects.published()
        .filter(slug=slug)
        .select_related("sector", "logo")
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.order_by("sort_order", "pk")),
            Prefetch(
                "services",
                queryset=Service.objects.filter(status=ServiceStatus.ACTIVE).order_by("sort_order", "pk"),
                to_attr="active_services",
            ),
            Prefetch("roles", queryset=TaxonomyTerm.objects.order_by("sort_order", "name")),
            "districts",
        )
        .first()
    )


def published_tax_code(organisation: Organisation) -> str:
    """The tax code to show, if any: a 16-character one belongs to a person (a sole trader) and is never shown."""
    code = organisation.tax_code
    if not organisation.publish_identifiers or not code or len(code) == 16 or code == organisation.vat_number:
        return ""
    return code


def organisation_json_ld(organisation: Organisation, *, url: str, logo_url: str = "") -> dict[str, Any]:
    """The schema.org ``Organization`` of a public organisation, with only the fields it agreed to publish."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": url,
        "url": url,
        "name": organisation.name,
    }
    if organisation.alternate_name:
        data["alternateName"] = organisation.alternate_name
    if organisation.description:
        data["description"] = organisation.description
    if logo_url:
        data["logo"] = logo_url
    if organisation.publish_website and organisation.website:
        data["sameAs"] = [organisation.website]
    if organisation.publish_email and organisation.email:
        data["email"] = organisation.email
    if organisation.publish_phone and organisation.phone:
        data["telephone"] = organisation.phone
    if organisation.publish_address:
        addresses = [
            {
                "@type": "PostalAddress",
                "streetAddress": location.address,
                "postalCode": location.postcode,
                "addressLocality": location.municipality,
                "addressRegion": location.province,
                "addressCountry": "IT",
            }
            for location in organisation.locations.all()
        ]
        if addresses:
            data["address"] = addresses[0] if len(addresses) == 1 else addresses
    if organisation.publish_identifiers:
        if organisation.vat_number:
            data["vatID"] = f"IT{organisation.vat_number}"
        if tax_code := published_tax_code(organisation):
            data["taxID"] = tax_code
    districts = [district.label for district in organisation.districts.all()]
    if districts:
        data["areaServed"] = [{"@type": "AdministrativeArea", "name": name} for name in districts]
    services = getattr(organisation, "active_services", [])
    if services:
        data["makesOffer"] = [
            {"@type": "Offer", "itemOffered": {"@type": "Service", "name": service.name}} for service in services
        ]
    return data


# A JSON document inside <script> must not close the element or open a comment: escape
# the characters that could, as JSON allows (\u003C is still "<" to a JSON parser).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """``data`` as a ``<script type="application/ld+json">`` element, safe to put in a page."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


__all__ = [
    "FACET_NAMES",
    "DirectoryFacets",
    "FacetOption",
    "directory_facet_options",
    "directory_facets_counted",
    "directory_filters",
    "directory_results",
    "json_ld_script",
    "organisation_json_ld",
    "public_organisation",
    "published_tax_code",
]
