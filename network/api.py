"""The read API of the public directory, compatible with Open Referral HSDS 3.0 (``/api/hsds/``).

Plain Django views returning JSON: the API is read-only, small and shaped by the HSDS
specification rather than by our models, so a serializer framework would add little.
The HSDS objects come from ``network.hsds`` (shared with the ``export_hsds`` command),
the querysets from ``network.selectors``; these views only parse the query string,
paginate and answer.

Every malformed or unknown parameter is a 400 and every unknown id a 404, both with the
same JSON error body (``error_body``), never a 500 and never an HTML page. Each page of
results costs a constant number of queries: the relations are prefetched.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from functools import wraps
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone

from network import hsds
from network.models import District, Location, Organisation, Service, Taxonomy, TaxonomyTerm
from network.selectors import DirectoryFilters, Near, locations_near, public_organisations

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 1_000_000
SEARCH_MAX_LENGTH = 200
DEFAULT_RADIUS_METRES = 10_000
MAX_RADIUS_METRES = 200_000

PAGE_PARAMETERS = ("page", "per_page", "format")
PLACE_PARAMETERS = ("postcode", "proximity", "proximity_radius")

_WHOLE_NUMBER = re.compile(r"^[0-9]{1,10}$")
_DECIMAL = re.compile(r"^[+-]?[0-9]{1,3}(\.[0-9]{1,12})?$")
_POSTCODE = re.compile(r"^[0-9]{5}$")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- Errors ---------------------------------------------------------------------------------


@dataclass
class ApiError(Exception):
    """A request the API refuses: answered with ``status`` and the error body."""

    status: int
    detail: str
    errors: list[dict[str, str]] | None = None


TITLES = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}


def error_body(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The error shape every non-200 answer of this API uses (described in our OpenAPI document)."""
    return {"status": status, "title": TITLES.get(status, "Error"), "detail": detail, "errors": errors or []}


def error_response(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> JsonResponse:
    response = JsonResponse(error_body(status, detail, errors), status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


class QueryParameters:
    """The query string of one request, read parameter by parameter with HSDS's rules.

    Parsing collects every problem, so a client learns all that is wrong in one 400.
    """

    def __init__(self, request: HttpRequest, allowed: Iterable[str]) -> None:
        self.values = {key: request.GET.getlist(key)[-1] for key in request.GET}
        self.errors: list[dict[str, str]] = []
        unknown = sorted(set(self.values) - set(allowed))
        for name in unknown:
            self.fail(name, f"unknown parameter; this endpoint accepts: {', '.join(sorted(allowed)) or 'none'}")

    def fail(self, name: str, message: str) -> None:
        error = {"parameter": name, "message": message}
        if error not in self.errors:
            self.errors.append(error)

    def raw(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def check(self) -> None:
        if self.errors:
            raise ApiError(400, "The query string is not valid: see errors.", self.errors)

    def whole_number(self, name: str, default: int, minimum: int, maximum: int) -> int:
        value = self.raw(name)
        if not value:
            return default
        if not _WHOLE_NUMBER.match(value) or not minimum <= int(value) <= maximum:
            self.fail(name, f"must be a whole number from {minimum} to {maximum}")
            return default
        return int(value)

    def boolean(self, name: str) -> bool:
        value = self.raw(name).lower()
        if value in ("", "false", "0"):
            return False
        if value in ("true", "1"):
            return True
        self.fail(name, "must be true or false")
        return False

    def text(self, name: str) -> str:
        value = self.values.get(name, "")
        if _CONTROL_CHARACTERS.search(value):
            self.fail(name, "must not contain control characters")
            return ""
        if len(value) > SEARCH_MAX_LENGTH:
            self.fail(name, f"must be at most {SEARCH_MAX_LENGTH} characters long")
            return ""
        return value.strip()

    def uuid(self, name: str) -> uuid.UUID | None:
        value = self.raw(name)
        if not value:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            self.fail(name, "must be a UUID, e.g. 3f7b145d-84af-42d7-8fae-eaca714b02b2")
            return None

    def datetime(self, name: str) -> datetime | None:
        """An ISO 8601 date or date-time; a date means its midnight, a naive time is Italian time."""
        value = self.raw(name)
        if not value:
            return None
        try:
            if len(value) == 10:
                parsed = datetime.combine(datetime.strptime(value, "%Y-%m-%d").date(), time.min)
            else:
                parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "+"))
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed)
            # In UTC: out-of-range dates fail here, and PostgreSQL never sees an offset beyond its
            # ±15:59 (Python accepts up to ±23:59, so ``-18:50`` used to be a 500).
            parsed = parsed.astimezone(UTC)
        except (ValueError, OverflowError):
            self.fail(name, "must be an ISO 8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T08:00:00+01:00")
            return None
        return parsed

    def postcode(self) -> str:
        value = self.raw("postcode")
        if value and not _POSTCODE.match(value):
            self.fail("postcode", "must be an Italian postcode: five digits")
            return ""
        return value

    def near(self) -> Near | None:
        """``proximity=LAT,LON`` (WGS84 decimal degrees) with ``proximity_radius`` in metres."""
        value = self.raw("proximity")
        radius = self.whole_number("proximity_radius", DEFAULT_RADIUS_METRES, 1, MAX_RADIUS_METRES)
        if not value:
            if self.raw("proximity_radius"):
                self.fail("proximity_radius", "needs proximity")
            return None
        parts = [part.strip() for part in value.split(",")]
        if len(parts) != 2 or not all(_DECIMAL.match(part) for part in parts):
            self.fail("proximity", "must be LATITUDE,LONGITUDE in decimal degrees, e.g. 45.6983,9.6773")
            return None
        latitude, longitude = float(parts[0]), float(parts[1])
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            self.fail("proximity", "latitude must be within -90..90 and longitude within -180..180")
            return None
        return Near(latitude=latitude, longitude=longitude, radius_km=radius / 1000)

    def format(self) -> None:
        value = self.raw("format")
        if value and value != "json":
            self.fail("format", "only json is available")


def hsds_endpoint(*allowed: str) -> Callable:
    """Wrap a view: GET and HEAD only, known parameters only, errors as the JSON error body."""

    def decorator(view: Callable[..., dict[str, Any]]) -> Callable[..., JsonResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
            if request.method not in ("GET", "HEAD"):
                response = error_response(405, f"{request.method} is not allowed: this API is read-only.")
                response["Allow"] = "GET, HEAD"
                return response
            try:
                params = QueryParameters(request, allowed)
                data = view(request, params, *args, **kwargs)
            except ApiError as error:
                return error_response(error.status, error.detail, error.errors)
            response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
            response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapper

    return decorator


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other address under ``/api/hsds/``: a JSON 404 instead of the site's HTML page."""
    return error_response(404, "There is no such endpoint: see /api/hsds/openapi.json.")


def _path_uuid(value: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ApiError(
            400, f"The {what} id must be a UUID.", [{"parameter": "id", "message": "must be a UUID"}]
        ) from None


# --- Pagination ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageRequest:
    number: int
    size: int


def page_request(params: QueryParameters) -> PageRequest:
    params.format()
    number = params.whole_number("page", 1, 1, MAX_PAGE)
    size = params.whole_number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    return PageRequest(number, size)


def page_body(page: PageRequest, total: int, contents: list[dict[str, Any]]) -> dict[str, Any]:
    """The HSDS page envelope (``total_items`` ... ``contents``)."""
    total_pages = math.ceil(total / page.size) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page.number,
        "size": len(contents),
        "first_page": page.number == 1,
        "last_page": page.number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def page_slice(page: PageRequest, total: int) -> slice | None:
    """The rows of the requested page, or None past the end (never a huge OFFSET)."""
    start = (page.number - 1) * page.size
    return slice(start, start + page.size) if start < total else None


# --- Taxonomy filters ----------------------------------------------------------------------


def classification(params: QueryParameters) -> DirectoryFilters:
    """Turn ``taxonomy_term_id`` and ``taxonomy_id`` into directory filters (400 when unknown)."""
    term_id, taxonomy_id = params.uuid("taxonomy_term_id"), params.uuid("taxonomy_id")
    filters = DirectoryFilters()
    if term_id is not None:
        filters = _term_filters(params, term_id, taxonomy_id)
    elif taxonomy_id is not None:
        filters = _taxonomy_filters(params, taxonomy_id)
    return filters


def _term_filters(params: QueryParameters, term_id: uuid.UUID, taxonomy_id: uuid.UUID | None) -> DirectoryFilters:
    value = str(term_id)
    term = TaxonomyTerm.objects.filter(uuid=term_id).select_related("taxonomy").first()
    if term is not None:
        owner = str(term.taxonomy.uuid)
        filters = DirectoryFilters(taxonomy_terms=(value,))
    else:
        owner, filters = _profile_term_filters(params, value)
        if filters is None:
            return DirectoryFilters()
    if taxonomy_id is not None and str(taxonomy_id) != owner:
        params.fail("taxonomy_id", "the taxonomy_term_id given is not a term of this taxonomy")
    return filters


def _profile_term_filters(params: QueryParameters, value: str) -> tuple[str, DirectoryFilters | None]:
    for term in hsds.profile_term_dicts(District.objects.order_by("name")):
        if term["id"] != value:
            continue
        if term["taxonomy_id"] == hsds.KINDS.id:
            return hsds.KINDS.id, DirectoryFilters(kinds=(term["code"],))
        if term["taxonomy_id"] == hsds.DISTRICTS.id:
            return hsds.DISTRICTS.id, DirectoryFilters(districts=(term["code"],))
        params.fail("taxonomy_term_id", "terms of the sil-facts taxonomy carry values and cannot be used as filters")
        return "", None
    params.fail("taxonomy_term_id", "no taxonomy term has this id")
    return "", None


def _taxonomy_filters(params: QueryParameters, taxonomy_id: uuid.UUID) -> DirectoryFilters:
    value = str(taxonomy_id)
    taxonomy = Taxonomy.objects.filter(uuid=taxonomy_id).first()
    if taxonomy is not None:
        terms = tuple(str(term) for term in taxonomy.terms.values_list("uuid", flat=True))
        # A taxonomy without terms matches nothing: a term id no organisation has.
        return DirectoryFilters(taxonomy_terms=terms or (hsds.derived_id("no-term", value),))
    if value == hsds.KINDS.id:
        return DirectoryFilters()  # every organisation has a kind
    if value == hsds.DISTRICTS.id:
        slugs = tuple(District.objects.values_list("slug", flat=True))
        return DirectoryFilters(districts=slugs or ("-",))
    if value == hsds.FACTS.id:
        params.fail("taxonomy_id", "the sil-facts taxonomy carries values and cannot be used as a filter")
    else:
        params.fail("taxonomy_id", "no taxonomy has this id")
    return DirectoryFilters()


def directory_filters(params: QueryParameters, *, with_search: bool = True) -> DirectoryFilters:
    """Everything an organisation-based endpoint filters by, validated."""
    filters = classification(params)
    return replace(
        filters,
        search=params.text("search") if with_search else "",
        modified_after=params.datetime("modified_after"),
        postcode=params.postcode(),
        near=params.near(),
    )


# --- Root, profile, OpenAPI ----------------------------------------------------------------


@hsds_endpoint()
def api_root(request: HttpRequest, params: QueryParameters) -> dict[str, Any]:
    params.check()
    return {
        "version": hsds.HSDS_VERSION,
        "profile": request.build_absolute_uri(hsds.PROFILE_PATH),
        "openapi_url": request.build_absolute_uri(hsds.OPENAPI_PATH),
    }


@hsds_endpoint()
def profile(request: HttpRequest, params: QueryParameters) -> dict[str, Any]:
    params.check()
    return hsds.profile_document()


@hsds_endpoint()
def openapi(request: HttpRequest, params: QueryParameters) -> dict[str, Any]:
    from network.openapi import openapi_document  # a large literal: built only when asked for

    params.check()
    return openapi_document(server_url=request.build_absolute_uri("/api/hsds"))


# --- Organisations ---------------------------------------------------------------------------

ORGANISATION_LIST_PARAMETERS = (
    "search",
    "full",
    "full_service",
    "taxonomy_term_id",
    "taxonomy_id",
    "modified_after",
    *PLACE_PARAMETERS,
    *PAGE_PARAMETERS,
)


@hsds_endpoint(*ORGANISATION_LIST_PARAMETERS)
def organization_list(request: HttpRequest, params: QueryParameters) -> dict[str, Any]:
    page = page_request(params)
    filters = directory_filters(params)
    full, full_service = params.boolean("full"), params.boolean("full_service")
    params.check()
    results = public_organisations(filters)
    total = results.count()
    rows = page_slice(page, total)
    organisations = list(results[rows]) if rows else []
    if organisations and (full or full_service):
        _prefetch_organisations(organisations)
        services = "full" if full_service else "basic"
        contents = [hsds.organization_dict(org, services=services) for org in organisations]
    else:
        if organisations:
            _select_logos(organisations)
        contents = [hsds.organization_basic(org) for org in organisations]
    return page_body(page, total, contents)


def _prefetch_organisations(organisations: list[Organisation]) -> None:
    """Load a page's relations in one query each (search results cannot be select_related)."""
    by_pk = {
        org.pk: org
        for org in hsds.organisations_for_serialising(Organisation.objects.filter(pk__in=[o.pk for o in organisations]))
    }
    organisations[:] = [by_pk[org.pk] for org in organisations]


def _select_logos(organisations: list[Organisation]) -> None:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects([org for org in organisations if org.logo_id], "logo")


@hsds_endpoint("full_service")
def organization_detail(request: HttpRequest, params: QueryParameters, id: str) -> dict[str, Any]:
    full_service = params.boolean("full_service")
    params.check()
    key = _path_uuid(id, "organization")
    org = hsds.organisations_for_serialising(Organisation.objects.published().filter(uuid=key)).first()
    if org is None:
        raise ApiError(404, "No published organization has this id.")
    return hsds.organization_dict(org, services="full" if full_service else "basic")


# --- Services --------------------------------------------------------------------------------

SERVICE_LIST_PARAMETERS = (
    "search",
    "full",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    *PLACE_PARAMETERS,
    *PAGE_PARAMETERS,
)


def public_services(params: QueryParameters) -> QuerySet[Service]:
    """Services of the public organisations matching the query string's filters."""
    filters = directory_filters(params, with_search=False)
    search = params.text("search")
    organisation_id = params.uuid("organization_id")
    if organisation_id is not None and not Organisation.objects.published().filter(uuid=organisation_id).exists():
        # The same answer for a private organisation as for none: its existence is not public.
        params.fail("organization_id", "no published organization has this id")
    modified_after = filters.modified_after
    organisations = public_organisations(replace(filters, modified_after=None))
    services = Service.objects.filter(organisation__in=organisations.values("pk"))
    if organisation_id is not None:
        services = services.filter(organisation__uuid=organisation_id)
    if modified_after is not None:
        services = services.filter(Q(updated_at__gte=modified_after) | Q(organisation__updated_at__gte=modified_after))
    if search:
        for word in search.split()[:10]:
            # The organisation's name through a subquery, not a join: no join of every service
            # with every organisation before the text filters run.
            named = Organisation.objects.filter(name__icontains=word).values("pk")
            services = services.filter(
                Q(name__icontains=word) | Q(description__icontains=word) | Q(organisation_id__in=named)
            )
    # By organisation id, not name: the foreign-key index serves the order, with no sort of every service.
    return services.order_by("organisation_id", "sort_order", "pk")


@hsds_endpoint(*SERVICE_LIST_PARAMETERS)
def service_list(request: HttpRequest, params: QueryParameters) -> dict[str, Any]:
    page = page_request(params)
    full = params.boolean("full")
    services = public_services(params)
    params.check()
    total = services.count()
    rows = page_slice(page, total)
    if rows is None:
        return page_body(page, total, [])
    if full:
        page_services = list(
            services.select_related("organisation__logo").prefetch_related("organisation__locations")[rows]
        )
        contents = [hsds.service_dict(service, org=service.organisation) for service in page_services]
    else:
        page_services = list(services.select_related("organisation__logo")[rows])
        contents = [hsds.service_list_item(service) for service in page_services]
    return page_body(page, total, contents)


@hsds_endpoint()
def service_detail(request: HttpRequest, params: QueryParameters, id: str) -> dict[str, Any]:
    params.check()
    key = _path_uuid(id, "service")
    service = (
        Service.objects.filter(uuid=key, organisation__is_public=True)
        .select_related("organisation__logo")
        .prefetch_related("organisation__locations")
        .first()
    )
    if service is None:
        raise ApiError(404, "No published service has this id.")
    return hsds.service_dict(service, org=service.organisation)


# --- Services at locations ---------------------------------------------------------------------


@hsds_endpoint(*SERVICE_LIST_PARAMETERS)
def service_at_location_list(request: HttpRequest, params: QueryParameters) -> dict[str, Any]:
    """Every (service, published location of its organisation) pair, filtered.

    Place filters (postcode, proximity) apply to the location of each pair, the others
    to its service; the pairs are paged in SQL, then the page's services and locations
    are loaded in one query each.
    """
    page = page_request(params)
    full = params.boolean("full")
    services = public_services(params)
    postcode, near = params.postcode(), params.near()
    params.check()
    locations = Location.objects.filter(organisation__is_public=True, organisation__publish_address=True)
    if postcode:
        locations = locations.filter(postcode=postcode)
    if near is not None:
        locations = locations.filter(pk__in=locations_near(near).values("pk"))
    pairs = (
        locations.annotate(service_pk=F("organisation__services__pk"))
        .filter(service_pk__in=services.values("pk"))
        .order_by("organisation_id", "service_pk", "sort_order", "pk")
        .values_list("service_pk", "pk")
    )
    total = pairs.count()
    rows = page_slice(page, total)
    if rows is None:
        return page_body(page, total, [])
    page_pairs = list(pairs[rows])
    services_by_pk = Service.objects.select_related("organisation__logo").in_bulk({s for s, _ in page_pairs})
    locations_by_pk = Location.objects.in_bulk({loc for _, loc in page_pairs})
    contents = []
    for service_pk, location_pk in page_pairs:
        service = services_by_pk[service_pk]
        item = hsds.service_at_location_dict(service, locations_by_pk[location_pk], org=service.organisation)
        if full:
            item["service"] = hsds.service_list_item(service)
        contents.append(item)
    return page_body(page, total, contents)


# --- Taxonomies ----------------------------------------------------------------------------------


def _all_taxonomies() -> list[dict[str, Any]]:
    staff = [hsds.taxonomy_dict(taxonomy) for taxonomy in Taxonomy.objects.order_by("name", "pk")]
    return staff + [hsds.profile_taxonomy_dict(taxonomy) for taxonomy in hsds.PROFILE_TAXONOMIES]


def _all_terms() -> list[dict[str, Any]]:
    staff = [
        hsds.taxonomy_term_dict(term)
        for term in hsds.TERM_QUERYSET.order_by("taxonomy__name", "taxonomy_id", "sort_order", "pk")
    ]
    return staff + hsds.profile_term_dicts(District.objects.order_by("name"))


def _matches(item: dict[str, Any], search: str) -> bool:
    text = " ".join(str(item.get(key, "")) for key in ("name", "code", "description")).casefold()
    return all(word in text for word in search.casefold().split())


def _page_of(page: PageRequest, items: list[dict[str, Any]]) -> dict[str, Any]:
    rows = page_slice(page, len(items))
    return page_body(page, len(items), items[rows] if rows else [])


@hsds_endpoint("search", *PAGE_PARAMETERS)
def taxonomy_list(request: HttpRequest, params: QueryParameters) -> dict[str, Any]:
    page = page_request(params)
    search = params.text("search")
    params.check()
    items = [item for item in _all_taxonomies() if not search or _matches(item, search)]
    return _page_of(page, items)


@hsds_endpoint()
def taxonomy_detail(request: HttpRequest, params: QueryParameters, id: str) -> dict[str, Any]:
    params.check()
    key = str(_path_uuid(id, "taxonomy"))
    for item in _all_taxonomies():
        if item["id"] == key:
            return item
    raise ApiError(404, "No taxonomy has this id.")


@hsds_endpoint("search", "taxonomy_id", "parent_id", "top_only", *PAGE_PARAMETERS)
def taxonomy_term_list(request: HttpRequest, params: QueryParameters) -> dict[str, Any]:
    page = page_request(params)
    search = params.text("search")
    taxonomy_id, parent_id = params.uuid("taxonomy_id"), params.uuid("parent_id")
    top_only = params.boolean("top_only")
    params.check()
    items = _all_terms()
    if taxonomy_id is not None:
        items = [item for item in items if item["taxonomy_id"] == str(taxonomy_id)]
    if parent_id is not None:
        items = [item for item in items if item.get("parent_id") == str(parent_id)]
    if top_only:
        items = [item for item in items if not item.get("parent_id")]
    if search:
        items = [item for item in items if _matches(item, search)]
    return _page_of(page, items)


@hsds_endpoint()
def taxonomy_term_detail(request: HttpRequest, params: QueryParameters, id: str) -> dict[str, Any]:
    params.check()
    key = str(_path_uuid(id, "taxonomy term"))
    for item in _all_terms():
        if item["id"] == key:
            return item
    raise ApiError(404, "No taxonomy term has this id.")
