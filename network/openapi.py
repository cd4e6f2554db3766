"""The OpenAPI 3.1 description of our HSDS API, served at ``/api/hsds/openapi.json``.

Written for our endpoints and parameters (not HSDS's generic openapi.json): it lists
exactly what ``network.api`` accepts and answers, including the profile's additions
(``proximity_radius``, the error body, the attributes of the Italian profile), so that
clients and the schemathesis fuzzer can rely on it. The response schemas describe the
subset of the HSDS 3.0 objects we fill; every object stays valid against HSDS's own
schemas (the tests check that), and each schema links to its HSDS counterpart.
"""

from __future__ import annotations

from typing import Any

from network import api
from network.hsds import HSDS_VERSION

HSDS_SCHEMA = "https://github.com/openreferral/specification/blob/3.0/schema/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _param(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/parameters/{name}"}


def _array(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


STRING = {"type": "string"}
UUID = {"type": "string", "format": "uuid"}
URI = {"type": "string", "format": "uri"}
EMAIL = {"type": "string", "format": "email"}
EMPTY_ARRAY = {"type": "array", "maxItems": 0, "description": "Always empty: contact persons are never published."}


def _object(required: list[str], properties: dict[str, Any], description: str, hsds: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": f"{description} A subset of HSDS 3.0 `{hsds}` ({HSDS_SCHEMA}{hsds}).",
        "required": required,
        "properties": properties,
    }


def _schemas() -> dict[str, Any]:
    term = _object(
        ["id", "name", "description", "taxonomy_id"],
        {
            "id": UUID,
            "code": STRING,
            "name": STRING,
            "description": STRING,
            "parent_id": UUID,
            "taxonomy": {**STRING, "description": "The name of the taxonomy."},
            "taxonomy_id": UUID,
            "language": {"type": "string", "enum": ["it"]},
            "term_uri": URI,
        },
        "A taxonomy term: staff-edited (roles, ATECO sections) or defined by the profile (kinds, districts, facts).",
        "taxonomy_term.json",
    )
    taxonomy = _object(
        ["id", "name", "description"],
        {"id": UUID, "name": STRING, "description": STRING, "uri": URI, "version": STRING},
        "A taxonomy.",
        "taxonomy.json",
    )
    attribute = _object(
        ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "taxonomy_term"],
        {
            "id": UUID,
            "link_id": UUID,
            "link_type": {
                "type": "string",
                "enum": ["network_role", "ateco_section", "organisation_kind", "district", "sil_fact"],
            },
            "link_entity": {"type": "string", "enum": ["organization"]},
            "taxonomy_term_id": UUID,
            "taxonomy_term": _ref("TaxonomyTerm"),
            "value": {**STRING, "description": "Only on sil_fact attributes: the fact (see the profile)."},
        },
        "A link from an organisation to a taxonomy term; the Italian facts carry a value.",
        "attribute.json",
    )
    phone = _object(
        ["id", "number"],
        {"id": UUID, "organization_id": UUID, "service_id": UUID, "number": STRING},
        "A published phone number.",
        "phone.json",
    )
    identifier = _object(
        ["id", "organization_id", "identifier_type", "identifier"],
        {
            "id": UUID,
            "organization_id": UUID,
            "identifier_type": {"type": "string", "enum": ["Partita IVA", "Codice fiscale", "REA"]},
            "identifier": STRING,
        },
        "An Italian identifier, published only with the organisation's agreement.",
        "organization_identifier.json",
    )
    address = _object(
        ["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
        {
            "id": UUID,
            "location_id": UUID,
            "address_1": STRING,
            "city": {**STRING, "description": "The ISTAT name of the municipality."},
            "region": STRING,
            "state_province": {**STRING, "description": "The two-letter province, e.g. BG."},
            "postal_code": STRING,
            "country": {"type": "string", "enum": ["IT"]},
            "address_type": {"type": "string", "enum": ["physical", "postal"]},
        },
        "The address of a location.",
        "address.json",
    )
    location = _object(
        ["id", "location_type", "addresses", "contacts"],
        {
            "id": UUID,
            "location_type": {"type": "string", "enum": ["physical", "postal"]},
            "organization_id": UUID,
            "name": STRING,
            "latitude": {"type": "number", "minimum": -90, "maximum": 90},
            "longitude": {"type": "number", "minimum": -180, "maximum": 180},
            "external_identifier": {**STRING, "description": "The six-digit ISTAT code of the municipality."},
            "external_identifier_type": {"type": "string", "enum": ["ISTAT municipality code"]},
            "addresses": {**_array("Address"), "minItems": 1, "maxItems": 1},
            "contacts": EMPTY_ARRAY,
        },
        "A published location (only of organisations that publish their addresses).",
        "location.json",
    )
    organization_basic_properties = {
        "id": UUID,
        "name": STRING,
        "alternate_name": STRING,
        "description": STRING,
        "email": EMAIL,
        "website": URI,
        "legal_status": {**STRING, "description": "The Italian label of the organisation kind."},
        "logo": URI,
    }
    organization = _object(
        ["id", "name", "description"],
        organization_basic_properties,
        "The one-to-one fields of an organisation (list pages).",
        "organization.json",
    )
    service_properties = {
        "id": UUID,
        "organization_id": UUID,
        "name": STRING,
        "description": STRING,
        "url": URI,
        "email": EMAIL,
        "status": {"type": "string", "enum": ["active", "inactive", "defunct", "temporarily closed"]},
        "eligibility_description": STRING,
        "assured_date": {"type": "string", "format": "date"},
        "last_modified": {"type": "string", "format": "date-time"},
    }
    service = _object(
        ["id", "organization_id", "name", "status"],
        service_properties,
        "The one-to-one fields of a service.",
        "service.json",
    )
    service_list_item = _object(
        ["id", "organization_id", "name", "status", "organization"],
        {**service_properties, "organization": _ref("Organization")},
        "A service in a list page, with its organisation's one-to-one fields.",
        "compiled/service_list.json",
    )
    service_at_location = _object(
        ["id", "service_id", "location_id", "contacts", "location"],
        {
            "id": {**UUID, "description": "uuid5 of the service and location ids: stable."},
            "service_id": UUID,
            "location_id": UUID,
            "contacts": EMPTY_ARRAY,
            "location": _ref("Location"),
            "service": {"anyOf": [_ref("Service"), _ref("ServiceListItem")]},
        },
        "A service at one published location of its organisation.",
        "service_at_location.json",
    )
    service_full = _object(
        ["id", "organization_id", "name", "status", "contacts", "phones", "service_at_locations"],
        {
            **service_properties,
            "contacts": EMPTY_ARRAY,
            "phones": _array("Phone"),
            "service_at_locations": _array("ServiceAtLocation"),
            "organization": _ref("Organization"),
        },
        "A fully nested service.",
        "compiled/service.json",
    )
    organization_full = _object(
        ["id", "name", "description", "contacts", "phones", "locations", "organization_identifiers", "attributes"],
        {
            **organization_basic_properties,
            "contacts": EMPTY_ARRAY,
            "phones": _array("Phone"),
            "locations": _array("Location"),
            "organization_identifiers": _array("OrganizationIdentifier"),
            "attributes": _array("Attribute"),
            "services": {
                "type": "array",
                "items": {"anyOf": [_ref("Service"), _ref("ServiceFull")]},
                "description": "One-to-one fields, or fully nested with full_service=true.",
            },
        },
        "A fully nested organisation.",
        "compiled/organization.json",
    )
    page = {
        "type": "object",
        "description": "HSDS pagination (HSDS openapi.json, components/schemas/Page).",
        "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"],
        "properties": {
            "total_items": {"type": "integer", "minimum": 0},
            "total_pages": {"type": "integer", "minimum": 0},
            "page_number": {"type": "integer", "minimum": 1},
            "size": {"type": "integer", "minimum": 0, "description": "How many items this page holds."},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean", "description": "true when this page holds no item."},
        },
    }
    error = {
        "type": "object",
        "description": "Every error of this API (400, 404, 405). HSDS 3.0 does not define an error body; this one "
        "follows RFC 9457's field names.",
        "required": ["status", "title", "detail", "errors"],
        "properties": {
            "status": {"type": "integer"},
            "title": STRING,
            "detail": STRING,
            "errors": {
                "type": "array",
                "description": "One entry per bad parameter (empty for 404 and 405).",
                "items": {
                    "type": "object",
                    "required": ["parameter", "message"],
                    "properties": {"parameter": STRING, "message": STRING},
                },
            },
        },
    }
    root = {
        "type": "object",
        "required": ["version", "profile", "openapi_url"],
        "properties": {
            "version": {"type": "string", "enum": [HSDS_VERSION]},
            "profile": {**URI, "description": "The profile document of the Italian additions."},
            "openapi_url": URI,
        },
    }
    profile = {
        "type": "object",
        "description": "The SIL Italia profile of HSDS 3.0: how the Italian facts are carried.",
        "required": ["name", "version", "hsds_version", "profile_taxonomies", "fact_terms"],
        "properties": {"name": STRING, "version": STRING, "hsds_version": STRING},
    }
    return {
        "Root": root,
        "Profile": profile,
        "Page": page,
        "Error": error,
        "Organization": organization,
        "OrganizationFull": organization_full,
        "OrganizationIdentifier": identifier,
        "Service": service,
        "ServiceListItem": service_list_item,
        "ServiceFull": service_full,
        "ServiceAtLocation": service_at_location,
        "Location": location,
        "Address": address,
        "Phone": phone,
        "Attribute": attribute,
        "Taxonomy": taxonomy,
        "TaxonomyTerm": term,
    }


def _parameters() -> dict[str, Any]:
    def query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
        # allowEmptyValue: an empty value (``?page=``) means the parameter is not given, as the API reads it.
        return {
            "name": name,
            "in": "query",
            "required": False,
            "allowEmptyValue": True,
            "schema": schema,
            "description": description,
        }

    boolean = {"type": "boolean"}
    return {
        "search": query(
            "search",
            {"type": "string", "maxLength": api.SEARCH_MAX_LENGTH},
            "Full-text search: every word must match (organisations: name, alternate name, description; services: "
            "their name and description or their organisation's name). Control characters are refused.",
        ),
        "page": query("page", {"type": "integer", "minimum": 1, "maximum": api.MAX_PAGE}, "Page number, from 1."),
        "per_page": query(
            "per_page",
            {"type": "integer", "minimum": 1, "maximum": api.MAX_PER_PAGE, "default": api.DEFAULT_PER_PAGE},
            "Items per page.",
        ),
        "format": query("format", {"type": "string", "enum": ["json"]}, "Only json is available."),
        "full": query("full", boolean, "true: fully nested items instead of their one-to-one fields."),
        "full_service": query("full_service", boolean, "true: services nested in full inside organisations."),
        "taxonomy_term_id": query(
            "taxonomy_term_id",
            UUID,
            "Only items of organisations linked to this term: a role, an ATECO section, a kind or a district "
            "(sil-facts terms cannot filter). Services and their locations follow their organisation. An unknown id "
            "is a 400.",
        ),
        "taxonomy_id": query(
            "taxonomy_id",
            UUID,
            "Only items of organisations linked to any term of this taxonomy. With taxonomy_term_id, the term must "
            "belong to it. An unknown id is a 400.",
        ),
        "organization_id": query(
            "organization_id", UUID, "Only the services of this published organisation (otherwise a 400)."
        ),
        "modified_after": query(
            "modified_after",
            {"type": "string", "format": "date-time"},
            "Only items modified on or after this ISO 8601 date-time; a date (YYYY-MM-DD) means its midnight and a "
            "time without offset is Italian time.",
        ),
        "postcode": query(
            "postcode",
            {"type": "string", "pattern": "^[0-9]{5}$"},
            "Only items with a published location in this Italian postcode.",
        ),
        "proximity": query(
            "proximity",
            {"type": "string", "pattern": "^[+-]?[0-9]{1,3}(\\.[0-9]{1,12})?,[+-]?[0-9]{1,3}(\\.[0-9]{1,12})?$"},
            "LATITUDE,LONGITUDE (WGS84 decimal degrees, latitude -90..90, longitude -180..180): only items with a "
            "published location within proximity_radius of the point. Unlike HSDS's suggestion (metres from a "
            "postcode's centroid), the point is given explicitly.",
        ),
        "proximity_radius": query(
            "proximity_radius",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": api.MAX_RADIUS_METRES,
                "default": api.DEFAULT_RADIUS_METRES,
            },
            "Radius of proximity in metres (profile addition). Only together with proximity.",
        ),
        "parent_id": query("parent_id", UUID, "Only the terms whose parent is this term."),
        "top_only": query("top_only", boolean, "true: only the terms without a parent."),
        "id": {"name": "id", "in": "path", "required": True, "schema": UUID, "description": "The object's UUID."},
    }


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _page_of(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "allOf": [
            _ref("Page"),
            {"type": "object", "required": ["contents"], "properties": {"contents": {"type": "array", "items": item}}},
        ]
    }


def _list(summary: str, parameters: list[str], item: dict[str, Any], operation_id: str) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "parameters": [_param(name) for name in parameters],
            "responses": {
                "200": _json(_page_of(item), "A page of results."),
                "400": _json(_ref("Error"), "A malformed or unknown parameter value."),
            },
        }
    }


def _detail(summary: str, parameters: list[str], schema: dict[str, Any], operation_id: str) -> dict[str, Any]:
    return {
        "parameters": [_param("id")],
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "parameters": [_param(name) for name in parameters],
            "responses": {
                "200": _json(schema, "The object."),
                "400": _json(_ref("Error"), "The id is not a UUID, or a parameter is malformed."),
                "404": _json(_ref("Error"), "No published object has this id."),
            },
        },
    }


def openapi_document(*, server_url: str) -> dict[str, Any]:
    """The document, with ``server_url`` (this server's ``/api/hsds``) as its only server."""
    pages = ["page", "per_page", "format"]
    places = ["postcode", "proximity", "proximity_radius"]
    classified = ["taxonomy_term_id", "taxonomy_id", "modified_after"]
    service_filters = ["search", "full", "organization_id", *classified]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "SIL network directory: HSDS 3.0 API",
            "version": "1.0",
            "summary": "The public directory of a work-inclusion service's network, as Open Referral HSDS 3.0.",
            "description": (
                "Read-only and public: only organisations that agreed to be listed, only the fields they agreed to "
                "publish, never contact persons. Italian facts (ATECO, VAT number, L. 68/99, art. 11 agreements, "
                "kinds, districts, roles) follow the SIL Italia profile served at /profile/. Unknown parameters, "
                "malformed values and unknown filter ids are answered with 400 and the Error body."
            ),
            "license": {"name": "CC BY-SA 4.0 (HSDS schemas, © Open Referral)", "identifier": "CC-BY-SA-4.0"},
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [{"url": server_url}],
        "paths": {
            "/": {
                "get": {
                    "summary": "The HSDS version, the profile and this document.",
                    "operationId": "getApiMeta",
                    "responses": {"200": _json(_ref("Root"), "About this API.")},
                }
            },
            "/profile/": {
                "get": {
                    "summary": "The SIL Italia profile: the Italian additions and how they are carried.",
                    "operationId": "getProfile",
                    "responses": {"200": _json(_ref("Profile"), "The profile document.")},
                }
            },
            "/organizations": _list(
                "Published organisations, by name or by relevance when searching.",
                [
                    "search",
                    "full",
                    "full_service",
                    "taxonomy_term_id",
                    "taxonomy_id",
                    "modified_after",
                    *places,
                    *pages,
                ],
                {"anyOf": [_ref("Organization"), _ref("OrganizationFull")]},
                "listOrganizations",
            ),
            "/organizations/{id}": _detail(
                "One published organisation, fully nested.",
                ["full_service"],
                _ref("OrganizationFull"),
                "getOrganization",
            ),
            "/services": _list(
                "Services of the published organisations.",
                [*service_filters, *places, *pages],
                {"anyOf": [_ref("ServiceListItem"), _ref("ServiceFull")]},
                "listServices",
            ),
            "/services/{id}": _detail("One service, fully nested.", [], _ref("ServiceFull"), "getService"),
            "/service_at_locations": _list(
                "Every service at every published location of its organisation; place filters apply to the location.",
                [*service_filters, *places, *pages],
                _ref("ServiceAtLocation"),
                "listServiceAtLocations",
            ),
            "/taxonomies": _list(
                "Staff-edited taxonomies and the profile's own.", ["search", *pages], _ref("Taxonomy"), "listTaxonomies"
            ),
            "/taxonomies/{id}": _detail("One taxonomy.", [], _ref("Taxonomy"), "getTaxonomy"),
            "/taxonomy_terms": _list(
                "Terms of every taxonomy.",
                ["search", "taxonomy_id", "parent_id", "top_only", *pages],
                _ref("TaxonomyTerm"),
                "listTaxonomyTerms",
            ),
            "/taxonomy_terms/{id}": _detail("One taxonomy term.", [], _ref("TaxonomyTerm"), "getTaxonomyTerm"),
        },
        "components": {"schemas": _schemas(), "parameters": _parameters()},
    }
