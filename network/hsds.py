"""The public network as Open Referral HSDS 3.0 objects: one place for the API and the export.

Every function here turns models into plain dicts shaped after the HSDS 3.0 schemas and
applies the publication rules once, so that the API (``network.api``) and the export
(``export_hsds``) cannot drift apart:

- only organisations marked public are ever passed in (callers use the selectors), and
  each shows only what it agreed to publish (the ``publish_*`` flags);
- contact persons are never serialised: every ``contacts`` array is empty;
- a 16-character tax code belongs to a natural person (a sole trader) and is never
  published, even when the organisation publishes its identifiers.

The Italian facts HSDS has no field for (ATECO, size, L. 68/99, art. 11 agreements, kinds,
districts, roles) travel as ``attributes`` that point at taxonomy terms: the ones staff
edit in the admin (roles, ATECO sections) and a few fixed ones this profile defines, with
ids derived by ``uuid5`` so they never change between servers. ``PROFILE`` documents it.

Serialisers expect the relations to be prefetched (see ``ORGANISATION_PREFETCH``); they
never query the database themselves, which keeps the API's query count per page constant.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation

from network import municipalities
from network.models import (
    ROLES_TAXONOMY,
    SECTORS_TAXONOMY,
    District,
    Location,
    Organisation,
    OrganisationKind,
    Service,
    SizeBand,
    Taxonomy,
    TaxonomyTerm,
)

HSDS_VERSION = "3.0"

# A fixed namespace for every id this module derives (profile taxonomies, addresses,
# phones, identifiers, attributes, service-at-location links). Never change it: the
# ids clients stored would all change with it.
NAMESPACE = uuid.UUID("6f1c3f0e-2b1d-4f7a-9a53-5e0c1d7b9a21")

PROFILE_PATH = "/api/hsds/profile/"
OPENAPI_PATH = "/api/hsds/openapi.json"

# identifier_type values of ``organization_identifiers``
IDENTIFIER_VAT = "Partita IVA"
IDENTIFIER_TAX_CODE = "Codice fiscale"
IDENTIFIER_REA = "REA"

# link_type values of ``attributes``
LINK_ROLE = "network_role"
LINK_SECTOR = "ateco_section"
LINK_KIND = "organisation_kind"
LINK_DISTRICT = "district"
LINK_FACT = "sil_fact"


def derived_id(*parts: object) -> str:
    """A stable UUID for something that has no row of its own (an address, a phone, a link)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def service_at_location_id(service_uuid: uuid.UUID | str, location_uuid: uuid.UUID | str) -> str:
    """The id of "this service at this location": every service is offered at every location."""
    return derived_id("service_at_location", service_uuid, location_uuid)


# --- The profile's own taxonomies ------------------------------------------------------


@dataclass(frozen=True)
class ProfileTerm:
    code: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class ProfileTaxonomy:
    """A taxonomy defined by this profile rather than edited by staff (ids derived from ``key``)."""

    key: str
    name: str
    description: str

    @property
    def id(self) -> str:
        return derived_id("taxonomy", self.key)

    def term_id(self, code: str) -> str:
        return derived_id("taxonomy_term", self.key, code)


KINDS = ProfileTaxonomy(
    "sil-organisation-kinds",
    "Tipi di organizzazione",
    "The kind of each organisation of the network; cooperative types are kinds (coop_a, coop_b).",
)
DISTRICTS = ProfileTaxonomy(
    "sil-districts",
    "Ambiti territoriali",
    "The districts (ambiti territoriali) an organisation works in; term codes are the district slugs.",
)
FACTS = ProfileTaxonomy(
    "sil-facts",
    "Dati italiani del profilo SIL",
    "Italian facts about an organisation; the attribute's value carries the fact.",
)

FACT_TERMS = [
    ProfileTerm("ateco-code", "Codice ATECO", "The ATECO 2007 code of the main activity, e.g. 25.62.00."),
    ProfileTerm("size-band", "Classe dimensionale", f"One of: {', '.join(SizeBand.values)}."),
    ProfileTerm("l68-bound", "Soggetta all'obbligo L. 68/99", "true when the employer has 15 employees or more."),
    ProfileTerm("l68-quota", "Quota L. 68/99", "How many disabled workers the employer must hire (whole number)."),
    ProfileTerm("art11-agreement", "Convenzione art. 11 L. 68/99", "true, or the date (YYYY-MM-DD) it was signed."),
]

PROFILE_TAXONOMIES = (KINDS, DISTRICTS, FACTS)


def _kind_term(kind: str) -> ProfileTerm:
    return next(term for term in _kind_terms() if term.code == kind)


@lru_cache(maxsize=1)
def _kind_terms() -> tuple[ProfileTerm, ...]:
    """The kinds with their labels in the site's main language (Italian), whatever the request's."""
    with translation.override(settings.LANGUAGE_CODE):
        return tuple(ProfileTerm(str(value), str(label)) for value, label in OrganisationKind.choices)


def profile_term_dicts(districts: Iterable[District]) -> list[dict[str, Any]]:
    """Every term of the profile's taxonomies (kinds, districts, facts), in a fixed order."""
    terms = []
    for term in _kind_terms():
        terms.append(_profile_term(KINDS, term))
    for district in districts:
        terms.append(_profile_term(DISTRICTS, ProfileTerm(district.slug, district.name)))
    for term in FACT_TERMS:
        terms.append(_profile_term(FACTS, term))
    return terms


def _profile_term(taxonomy: ProfileTaxonomy, term: ProfileTerm) -> dict[str, Any]:
    return {
        "id": taxonomy.term_id(term.code),
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "taxonomy": taxonomy.name,
        "taxonomy_id": taxonomy.id,
        "language": "it",
    }


def profile_taxonomy_dict(taxonomy: ProfileTaxonomy) -> dict[str, Any]:
    return {
        "id": taxonomy.id,
        "name": taxonomy.name,
        "description": taxonomy.description,
        "uri": _absolute(PROFILE_PATH),
    }


# --- Staff-edited taxonomies -----------------------------------------------------------


def taxonomy_dict(taxonomy: Taxonomy) -> dict[str, Any]:
    return _clean(
        {
            "id": str(taxonomy.uuid),
            "name": taxonomy.name,
            "description": taxonomy.description,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        },
        keep=("description",),
    )


def taxonomy_term_dict(term: TaxonomyTerm) -> dict[str, Any]:
    """A staff-edited term; needs ``taxonomy`` and ``parent`` selected."""
    return _clean(
        {
            "id": str(term.uuid),
            "code": term.code,
            "name": term.name,
            "description": term.description,
            "parent_id": str(term.parent.uuid) if term.parent_id and term.parent else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy.uuid),
            "language": "it",
            "term_uri": term.term_uri,
        },
        keep=("description",),
    )


# --- Organisations ----------------------------------------------------------------------

TERM_QUERYSET = TaxonomyTerm.objects.select_related("taxonomy", "parent")


def organisation_prefetch() -> list:
    """What ``organization_dict`` and friends read, fetched in one query per relation."""
    return [
        Prefetch("locations", queryset=Location.objects.order_by("sort_order", "pk")),
        Prefetch("services", queryset=Service.objects.order_by("sort_order", "pk")),
        Prefetch("roles", queryset=TERM_QUERYSET.order_by("sort_order", "pk")),
        Prefetch("districts", queryset=District.objects.order_by("name")),
    ]


def organisations_for_serialising(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return queryset.select_related("sector__taxonomy", "sector__parent", "logo").prefetch_related(
        *organisation_prefetch()
    )


def organization_basic(org: Organisation) -> dict[str, Any]:
    """The one-to-one fields (the shape of HSDS ``organization_list``)."""
    return _clean(
        {
            "id": str(org.uuid),
            "name": org.name,
            "alternate_name": org.alternate_name,
            "description": org.description,
            "email": org.email if org.publish_email else "",
            "website": org.website if org.publish_website else "",
            "legal_status": _kind_term(org.kind).name if org.kind in OrganisationKind.values else "",
            "logo": _absolute(org.logo.file.url) if org.logo_id and org.logo else "",
        },
        keep=("description",),
    )


def organization_dict(org: Organisation, *, services: str = "basic") -> dict[str, Any]:
    """The fully nested organisation. ``services``: "basic" (one-to-one fields), "full" or "none"."""
    data = organization_basic(org)
    data["contacts"] = []  # contact persons are never published
    data["phones"] = _org_phones(org)
    data["locations"] = [location_dict(location, org=org) for location in public_locations(org)]
    data["organization_identifiers"] = _identifiers(org)
    data["attributes"] = organisation_attributes(org)
    if services == "full":
        data["services"] = [service_dict(service, org=org, nested_organisation=False) for service in _services(org)]
    elif services == "basic":
        data["services"] = [service_basic(service, org=org) for service in _services(org)]
    return data


def public_locations(org: Organisation) -> list[Location]:
    """The locations the organisation lets us publish: all of them, or none."""
    return list(org.locations.all()) if org.publish_address else []


def _services(org: Organisation) -> list[Service]:
    return list(org.services.all())


def _org_phones(org: Organisation) -> list[dict[str, Any]]:
    if not (org.publish_phone and org.phone):
        return []
    return [{"id": derived_id("phone", org.uuid), "organization_id": str(org.uuid), "number": org.phone}]


def _service_phones(service: Service, org: Organisation) -> list[dict[str, Any]]:
    """A service is reached on its organisation's number; the entry has its own id for the tabular export."""
    if not (org.publish_phone and org.phone):
        return []
    return [{"id": derived_id("phone", service.uuid), "service_id": str(service.uuid), "number": org.phone}]


def _identifiers(org: Organisation) -> list[dict[str, Any]]:
    if not org.publish_identifiers:
        return []
    found = []
    if org.vat_number:
        found.append((IDENTIFIER_VAT, org.vat_number))
    # 16 characters: a person's tax code (a sole trader). Personal data, never published.
    if org.tax_code and len(org.tax_code) == 11 and org.tax_code != org.vat_number:
        found.append((IDENTIFIER_TAX_CODE, org.tax_code))
    if org.rea_number:
        found.append((IDENTIFIER_REA, org.rea_number))
    return [
        {
            "id": derived_id("organization_identifier", org.uuid, kind),
            "organization_id": str(org.uuid),
            "identifier_type": kind,
            "identifier": value,
        }
        for kind, value in found
    ]


def organisation_attributes(org: Organisation) -> list[dict[str, Any]]:
    """Roles, sector, kind, districts and (when published) the Italian facts, as HSDS attributes."""
    link = str(org.uuid)
    attributes = []
    for term in org.roles.all():
        attributes.append(_attribute(link, LINK_ROLE, taxonomy_term_dict(term)))
    if org.sector_id and org.sector:
        attributes.append(_attribute(link, LINK_SECTOR, taxonomy_term_dict(org.sector)))
    if org.kind in OrganisationKind.values:
        attributes.append(_attribute(link, LINK_KIND, _profile_term(KINDS, _kind_term(org.kind))))
    for district in org.districts.all():
        attributes.append(
            _attribute(link, LINK_DISTRICT, _profile_term(DISTRICTS, ProfileTerm(district.slug, district.name)))
        )
    for code, value in _facts(org):
        term = next(term for term in FACT_TERMS if term.code == code)
        attributes.append(_attribute(link, LINK_FACT, _profile_term(FACTS, term), value=value))
    return attributes


def _facts(org: Organisation) -> list[tuple[str, str]]:
    """The Italian facts an organisation publishes only together with its identifiers."""
    if not org.publish_identifiers:
        return []
    facts = []
    if org.ateco_code:
        facts.append(("ateco-code", org.ateco_code))
    if org.size_band:
        facts.append(("size-band", org.size_band))
    if org.employees is not None:
        facts.append(("l68-bound", "true" if org.l68_bound else "false"))
        facts.append(("l68-quota", str(org.l68_quota)))
    if org.has_art11_agreement:
        signed = org.art11_agreement_date
        facts.append(("art11-agreement", signed.isoformat() if signed else "true"))
    return facts


def _attribute(link_id: str, link_type: str, term: dict[str, Any], *, value: str = "") -> dict[str, Any]:
    data = {
        "id": derived_id("attribute", link_id, term["id"]),
        "link_id": link_id,
        "link_type": link_type,
        "link_entity": "organization",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }
    if value:
        data["value"] = value
    return data


# --- Locations ----------------------------------------------------------------------------


def location_dict(location: Location, *, org: Organisation) -> dict[str, Any]:
    """A published location with its one Italian address (callers check ``publish_address``)."""
    found = municipalities.municipality_by_code(location.municipality_code) if location.municipality_code else None
    address = _clean(
        {
            "id": derived_id("address", location.uuid),
            "location_id": str(location.uuid),
            "address_1": location.address,
            "city": location.municipality,
            "region": found.region if found else "",
            "state_province": location.province,
            "postal_code": location.postcode,
            "country": "IT",
            "address_type": location.location_type,
        },
        keep=("address_1", "city", "state_province", "postal_code"),
    )
    data = _clean(
        {
            "id": str(location.uuid),
            "location_type": location.location_type,
            "organization_id": str(org.uuid),
            "name": location.name,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "external_identifier": location.municipality_code,
            "external_identifier_type": "ISTAT municipality code" if location.municipality_code else "",
        }
    )
    data["addresses"] = [address]
    data["contacts"] = []
    return data


# --- Services -----------------------------------------------------------------------------


def service_basic(service: Service, *, org: Organisation) -> dict[str, Any]:
    """The one-to-one fields of a service (the shape of HSDS ``service_list`` without objects)."""
    return _clean(
        {
            "id": str(service.uuid),
            "organization_id": str(org.uuid),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email if org.publish_email else "",
            "status": service.status,
            "eligibility_description": service.eligibility_description,
            "assured_date": org.verified_at.isoformat() if org.verified_at else "",
            "last_modified": _iso(max(service.updated_at, org.updated_at)),
        },
        keep=("description",),
    )


def service_list_item(service: Service) -> dict[str, Any]:
    """A service in a list page: one-to-one fields plus its organisation's (needs ``organisation`` selected)."""
    data = service_basic(service, org=service.organisation)
    data["organization"] = organization_basic(service.organisation)
    return data


def service_dict(service: Service, *, org: Organisation, nested_organisation: bool = True) -> dict[str, Any]:
    """The fully nested service: its locations, the organisation's classification, no contacts."""
    data = service_basic(service, org=org)
    data["contacts"] = []
    data["phones"] = _service_phones(service, org)
    data["service_at_locations"] = [
        service_at_location_dict(service, location, org=org, nested_service=False) for location in public_locations(org)
    ]
    if nested_organisation:
        data["organization"] = organization_basic(org)
    return data


def service_at_location_dict(
    service: Service, location: Location, *, org: Organisation, nested_service: bool = True
) -> dict[str, Any]:
    data = {
        "id": service_at_location_id(service.uuid, location.uuid),
        "service_id": str(service.uuid),
        "location_id": str(location.uuid),
        "contacts": [],
        "location": location_dict(location, org=org),
    }
    if nested_service:
        data["service"] = service_basic(service, org=org)
    return data


# --- The profile --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _static_profile() -> dict[str, Any]:
    return {
        "name": "SIL Italia",
        "version": "1.0",
        "hsds_version": HSDS_VERSION,
        "description": (
            "The HSDS 3.0 profile of an Italian work-inclusion service (SIL): the directory of its network of "
            "companies, social cooperatives, institutions and services. Every object is a plain HSDS 3.0 object; "
            "the Italian facts HSDS has no field for travel as organization_identifiers and as attributes "
            "pointing at the taxonomy terms listed here."
        ),
        "publication_rules": [
            "Only organisations that agreed to be listed are published; everything else is absent (404).",
            "Contact persons are never published: every contacts array is empty.",
            "Addresses, phone, e-mail and website are published only when the organisation agreed to each.",
            "Identifiers and the facts of sil-facts are published only when the organisation agreed to it.",
            "A 16-character codice fiscale identifies a person and is never published.",
        ],
        "organization_identifiers": {
            IDENTIFIER_VAT: "Partita IVA: 11 digits with a valid check digit.",
            IDENTIFIER_TAX_CODE: "Codice fiscale of a legal person (11 digits), when it differs from the VAT number.",
            IDENTIFIER_REA: "Chamber of commerce registration: province and number, e.g. BG-123456.",
        },
        "organization_fields": {
            "legal_status": "The Italian label of the organisation kind (see the sil-organisation-kinds taxonomy).",
        },
        "locations": {
            "addresses": "Exactly one per location; country IT, state_province the two-letter province, "
            "region the Italian region.",
            "external_identifier": "The six-digit ISTAT code of the municipality "
            "(external_identifier_type 'ISTAT municipality code').",
        },
        "services": {
            "service_at_locations": "A service is offered at every published location of its organisation; "
            "the link's id is uuid5 of the service and location ids, stable over time.",
            "assured_date": "When the service's staff last confirmed the organisation's data.",
            "classification": "Services carry no attributes of their own: filters by taxonomy term apply "
            "the organisation's terms.",
        },
        "attribute_link_types": {
            LINK_ROLE: f"A role in the network (staff-edited taxonomy with key '{ROLES_TAXONOMY}').",
            LINK_SECTOR: f"The ATECO section (staff-edited taxonomy with key '{SECTORS_TAXONOMY}').",
            LINK_KIND: f"The organisation kind (profile taxonomy '{KINDS.key}').",
            LINK_DISTRICT: f"A district the organisation works in (profile taxonomy '{DISTRICTS.key}').",
            LINK_FACT: f"An Italian fact, in value (profile taxonomy '{FACTS.key}').",
        },
        "profile_taxonomies": [
            {"id": taxonomy.id, "key": taxonomy.key, "name": taxonomy.name, "description": taxonomy.description}
            for taxonomy in PROFILE_TAXONOMIES
        ],
        "fact_terms": [
            {"id": FACTS.term_id(term.code), "code": term.code, "name": term.name, "value": term.description}
            for term in FACT_TERMS
        ],
        "kind_terms": [
            {"id": KINDS.term_id(term.code), "code": term.code, "name": term.name} for term in _kind_terms()
        ],
    }


def profile_document() -> dict[str, Any]:
    """The profile as served at ``PROFILE_PATH``: what a client needs to read our Italian additions."""
    return {**_static_profile(), "openapi_url": _absolute(OPENAPI_PATH), "uri": _absolute(PROFILE_PATH)}


# --- Helpers ------------------------------------------------------------------------------


def _clean(data: dict[str, Any], keep: Iterable[str] = ()) -> dict[str, Any]:
    """Drop empty optional fields (HSDS omits them); keep the required ones even when empty."""
    kept = set(keep) | {"id"}
    return {key: value for key, value in data.items() if key in kept or value not in (None, "")}


def _iso(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="milliseconds")
    return value.isoformat()


def _absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


__all__ = [
    "DISTRICTS",
    "FACTS",
    "HSDS_VERSION",
    "KINDS",
    "PROFILE_TAXONOMIES",
    "derived_id",
    "organisations_for_serialising",
    "organization_basic",
    "organization_dict",
    "profile_document",
    "profile_taxonomy_dict",
    "profile_term_dicts",
    "public_locations",
    "service_at_location_dict",
    "service_at_location_id",
    "service_dict",
    "service_list_item",
    "taxonomy_dict",
    "taxonomy_term_dict",
]
