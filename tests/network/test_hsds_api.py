"""The HSDS 3.0 API (/api/hsds/): shapes valid against the HSDS schemas, publication rules,
filters, errors and a constant number of queries per page."""

import datetime
import uuid
from functools import cache

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from network import api, hsds
from network.models import Organisation, OrganisationKind, Service, Taxonomy
from tests.factories.network import (
    role_term,
    sector_term,
)
from tests.network.hsds_data import SECRETS, directory_fixture, make_organisations  # noqa: F401 - a fixture
from tests.network.hsds_schemas import assert_valid, assert_valid_page

API = "/api/hsds"


def get(client, path, status=200):
    response = client.get(API + path)
    assert response.status_code == status, (path, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"  # public data: any website may read it
    return response.json()


def names(body):
    return sorted(item["name"] for item in body["contents"])


# --- Shapes ------------------------------------------------------------------------------------


def test_root_gives_the_hsds_version_the_profile_and_the_openapi_document(client, db):
    body = get(client, "/")
    assert body["version"] == "3.0"
    assert body["profile"].endswith("/api/hsds/profile/")
    assert body["openapi_url"].endswith("/api/hsds/openapi.json")
    assert get(client, "/profile/")["hsds_version"] == "3.0"


def test_organization_pages_are_valid_hsds(client, directory):
    body = get(client, "/organizations")
    assert_valid_page("compiled/organization_list.json", body)
    assert body["total_items"] == 4
    assert names(body) == [
        "Cooperativa Sociale Il Ponte",
        "Ditta Individuale Fiorista",
        "Officina Meccanica Brembana S.r.l.",
        "Studio Riservato",
    ]
    for flag in ("full=true", "full_service=true"):
        assert_valid_page("compiled/organization.json", get(client, f"/organizations?{flag}"))


def test_an_organization_is_valid_hsds_with_the_italian_additions(client, directory):
    officina = directory["officina"]
    body = get(client, f"/organizations/{officina.uuid}")
    assert_valid("compiled/organization.json", body)
    assert_valid("compiled/organization.json", get(client, f"/organizations/{officina.uuid}?full_service=true"))
    assert body["contacts"] == []
    with translation.override("it"):
        assert body["legal_status"] == str(OrganisationKind.COMPANY.label)
    identifiers = {item["identifier_type"]: item["identifier"] for item in body["organization_identifiers"]}
    assert identifiers == {"Partita IVA": officina.vat_number, "REA": "BG-123456"}
    facts = {
        item["taxonomy_term"]["code"]: item.get("value")
        for item in body["attributes"]
        if item["link_type"] == hsds.LINK_FACT
    }
    assert facts == {
        "ateco-code": "25.62.00",
        "size-band": "small",
        "l68-bound": "true",
        "l68-quota": "2",
        "art11-agreement": "2025-03-01",
    }
    by_type = {}
    for item in body["attributes"]:
        by_type.setdefault(item["link_type"], set()).add(item["taxonomy_term"]["code"])
    assert by_type[hsds.LINK_ROLE] == {"tirocini", "assunzioni"}
    assert by_type[hsds.LINK_SECTOR] == {"C"}
    assert by_type[hsds.LINK_KIND] == {"company"}
    assert by_type[hsds.LINK_DISTRICT] == {"dalmine"}
    (location,) = body["locations"]
    (address,) = location["addresses"]
    assert address["city"] == "Dalmine"
    assert address["country"] == "IT"
    assert address["region"] == "Lombardia"
    assert [service["name"] for service in body["services"]] == ["Tirocini in officina"]


def test_service_pages_and_services_are_valid_hsds(client, directory):
    body = get(client, "/services")
    assert_valid_page("compiled/service_list.json", body)
    assert names(body) == ["Inserimenti nel verde pubblico", "Sportello orientamento", "Tirocini in officina"]
    assert_valid_page("compiled/service.json", get(client, "/services?full=true"))
    service = Service.objects.get(name="Tirocini in officina")
    detail = get(client, f"/services/{service.uuid}")
    assert_valid("compiled/service.json", detail)
    assert detail["organization"]["name"] == "Officina Meccanica Brembana S.r.l."
    assert detail["assured_date"] == "2026-01-15"
    (link,) = detail["service_at_locations"]
    assert link["id"] == hsds.service_at_location_id(service.uuid, link["location_id"])


def test_services_at_locations_are_valid_hsds(client, directory):
    body = get(client, "/service_at_locations")
    assert_valid_page("compiled/service_at_location_list.json", body)
    # The organisation that does not publish addresses has no service-at-location.
    assert sorted(item["service"]["name"] for item in body["contents"]) == [
        "Inserimenti nel verde pubblico",
        "Tirocini in officina",
    ]
    assert_valid_page("compiled/service_at_location_list.json", get(client, "/service_at_locations?full=true"))


def test_taxonomies_and_terms_are_valid_hsds(client, directory):
    taxonomies = get(client, "/taxonomies?per_page=200")
    assert_valid_page("taxonomy.json", taxonomies)
    ids = {item["id"] for item in taxonomies["contents"]}
    assert {hsds.KINDS.id, hsds.DISTRICTS.id, hsds.FACTS.id} <= ids
    roles = Taxonomy.objects.get(key="network-roles")
    assert str(roles.uuid) in ids
    assert_valid("taxonomy.json", get(client, f"/taxonomies/{roles.uuid}"))
    assert_valid("taxonomy.json", get(client, f"/taxonomies/{hsds.KINDS.id}"))

    terms = get(client, "/taxonomy_terms?per_page=200")
    assert_valid_page("taxonomy_term.json", terms)
    codes = {item["code"] for item in terms["contents"]}
    assert {"tirocini", "C", "coop_b", "dalmine", "l68-quota"} <= codes
    term = role_term("tirocini")
    assert_valid("taxonomy_term.json", get(client, f"/taxonomy_terms/{term.uuid}"))
    of_roles = get(client, f"/taxonomy_terms?taxonomy_id={roles.uuid}")
    assert {item["taxonomy_id"] for item in of_roles["contents"]} == {str(roles.uuid)}
    assert names(get(client, "/taxonomy_terms?search=tirocini")) == ["Ospita tirocini"]


def test_every_attribute_points_at_a_term_the_api_lists(client, directory):
    terms = {item["id"] for item in get(client, "/taxonomy_terms?per_page=200")["contents"]}
    for org in get(client, "/organizations?full=true")["contents"]:
        for attribute in org["attributes"]:
            assert attribute["taxonomy_term_id"] in terms


# --- Publication rules ----------------------------------------------------------------------------


def every_response(client, directory) -> str:
    """The text of every endpoint, list and detail, with and without nesting."""
    paths = [
        "/",
        "/profile/",
        "/openapi.json",
        "/organizations?per_page=200",
        "/organizations?per_page=200&full=true",
        "/organizations?per_page=200&full_service=true",
        "/services?per_page=200",
        "/services?per_page=200&full=true",
        "/service_at_locations?per_page=200",
        "/service_at_locations?per_page=200&full=true",
        "/taxonomies?per_page=200",
        "/taxonomy_terms?per_page=200",
    ]
    for org in Organisation.objects.all():
        paths.append(f"/organizations/{org.uuid}?full_service=true")
    for service in Service.objects.all():
        paths.append(f"/services/{service.uuid}")
    texts = []
    for path in paths:
        response = client.get(API + path)
        assert response.status_code in (200, 404), path
        texts.append(response.content.decode())
    return "\n".join(texts)


def test_private_organisations_contacts_and_unpublished_fields_never_appear(client, directory):
    text = every_response(client, directory)
    for secret in SECRETS:
        assert secret not in text, secret
    # Sanity: what is published is really there, so the check above can fail.
    for published in ("Officina Meccanica Brembana", "info@officina.example.org", "035 555 0101", "Via Roma 1"):
        assert published in text
    assert directory["cooperativa"].vat_number not in text  # publish_identifiers is off by default


def test_a_private_organisation_and_its_services_are_not_found(client, directory):
    segreta = directory["segreta"]
    body = get(client, f"/organizations/{segreta.uuid}", status=404)
    assert body["status"] == 404
    service = segreta.services.get()
    get(client, f"/services/{service.uuid}", status=404)
    get(client, f"/services?organization_id={segreta.uuid}", status=400)


def test_an_organisation_that_hides_its_addresses_is_not_found_by_place(client, directory):
    riservata = directory["riservata"]
    body = get(client, f"/organizations/{riservata.uuid}")
    assert body["locations"] == []
    assert "Studio Riservato" not in names(get(client, "/organizations?postcode=24044"))
    assert "Studio Riservato" not in names(get(client, "/organizations?proximity=45.650,9.605&proximity_radius=2000"))


# --- Filters ---------------------------------------------------------------------------------------


def test_search(client, directory):
    assert names(get(client, "/organizations?search=officina")) == ["Officina Meccanica Brembana S.r.l."]
    assert names(get(client, "/organizations?search=Segretissima")) == []
    assert names(get(client, "/services?search=verde")) == ["Inserimenti nel verde pubblico"]
    assert names(get(client, "/services?search=segreto")) == []
    assert names(get(client, "/taxonomies?search=ateco")) == ["Sezioni ATECO"]


def test_filter_by_taxonomy_term_of_every_kind(client, directory):
    tirocini = role_term("tirocini").uuid
    assert names(get(client, f"/organizations?taxonomy_term_id={tirocini}")) == ["Officina Meccanica Brembana S.r.l."]
    sector = sector_term("N").uuid
    assert names(get(client, f"/organizations?taxonomy_term_id={sector}")) == ["Cooperativa Sociale Il Ponte"]
    coop_b = hsds.KINDS.term_id("coop_b")
    assert names(get(client, f"/organizations?taxonomy_term_id={coop_b}")) == ["Cooperativa Sociale Il Ponte"]
    district = hsds.DISTRICTS.term_id("dalmine")
    assert names(get(client, f"/organizations?taxonomy_term_id={district}")) == ["Officina Meccanica Brembana S.r.l."]
    assert names(get(client, f"/services?taxonomy_term_id={tirocini}")) == ["Tirocini in officina"]
    pairs = get(client, f"/service_at_locations?taxonomy_term_id={coop_b}")
    assert [item["service"]["name"] for item in pairs["contents"]] == ["Inserimenti nel verde pubblico"]


def test_filter_by_taxonomy(client, directory):
    roles = Taxonomy.objects.get(key="network-roles").uuid
    assert names(get(client, f"/organizations?taxonomy_id={roles}")) == [
        "Cooperativa Sociale Il Ponte",
        "Officina Meccanica Brembana S.r.l.",
    ]
    assert names(get(client, f"/organizations?taxonomy_id={hsds.DISTRICTS.id}")) == [
        "Cooperativa Sociale Il Ponte",
        "Officina Meccanica Brembana S.r.l.",
    ]
    assert len(get(client, f"/services?taxonomy_id={roles}")["contents"]) == 2


def test_filter_services_by_organization(client, directory):
    officina = directory["officina"]
    assert names(get(client, f"/services?organization_id={officina.uuid}")) == ["Tirocini in officina"]
    pairs = get(client, f"/service_at_locations?organization_id={officina.uuid}")
    assert [item["service"]["name"] for item in pairs["contents"]] == ["Tirocini in officina"]


def test_filter_by_modification_date(client, directory):
    old = timezone.now() - datetime.timedelta(days=30)
    Organisation.objects.exclude(pk=directory["officina"].pk).update(updated_at=old)
    Service.objects.update(updated_at=old)
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert names(get(client, f"/organizations?modified_after={since}")) == ["Officina Meccanica Brembana S.r.l."]
    assert names(get(client, f"/services?modified_after={since}T00:00:00Z")) == ["Tirocini in officina"]
    assert names(get(client, "/organizations?modified_after=2100-01-01")) == []


def test_filter_by_postcode_and_proximity(client, directory):
    assert names(get(client, "/organizations?postcode=24125")) == ["Cooperativa Sociale Il Ponte"]
    # Bergamo's centre: the cooperative is there, the workshop in Dalmine about 10 km away.
    near = get(client, "/organizations?proximity=45.6983,9.6773&proximity_radius=2000")
    assert names(near) == ["Cooperativa Sociale Il Ponte"]
    wide = get(client, "/organizations?proximity=45.6983,9.6773&proximity_radius=15000")
    assert names(wide) == ["Cooperativa Sociale Il Ponte", "Officina Meccanica Brembana S.r.l."]
    pairs = get(client, "/service_at_locations?proximity=45.650,9.605&proximity_radius=1000")
    assert [item["location"]["addresses"][0]["city"] for item in pairs["contents"]] == ["Dalmine"]
    assert names(get(client, "/services?postcode=24125")) == ["Inserimenti nel verde pubblico"]


def test_full_service_nests_whole_services(client, directory):
    officina = directory["officina"]
    basic = get(client, f"/organizations/{officina.uuid}")
    full = get(client, f"/organizations/{officina.uuid}?full_service=true")
    assert "service_at_locations" not in basic["services"][0]
    assert len(full["services"][0]["service_at_locations"]) == 1


def test_pagination(client, directory):
    first = get(client, "/organizations?per_page=3")
    assert (first["total_items"], first["total_pages"], first["page_number"], first["size"]) == (4, 2, 1, 3)
    assert (first["first_page"], first["last_page"], first["empty"]) == (True, False, False)
    second = get(client, "/organizations?per_page=3&page=2")
    assert (second["size"], second["first_page"], second["last_page"]) == (1, False, True)
    assert {item["id"] for item in first["contents"]}.isdisjoint(item["id"] for item in second["contents"])
    beyond = get(client, "/organizations?per_page=3&page=99")
    assert (beyond["empty"], beyond["contents"], beyond["total_items"]) == (True, [], 4)


# --- Bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/organizations?page=abc", "page"),
        ("/organizations?page=0", "page"),
        ("/organizations?page=-1", "page"),
        ("/organizations?page=99999999999999999999", "page"),
        ("/organizations?per_page=1000", "per_page"),
        ("/organizations?per_page=0", "per_page"),
        ("/organizations?format=xml", "format"),
        ("/organizations?taxonomy_term_id=not-a-uuid", "taxonomy_term_id"),
        (f"/organizations?taxonomy_term_id={uuid.UUID(int=1)}", "taxonomy_term_id"),
        (f"/organizations?taxonomy_id={uuid.UUID(int=2)}", "taxonomy_id"),
        (f"/organizations?taxonomy_term_id={hsds.FACTS.term_id('l68-bound')}", "taxonomy_term_id"),
        (
            f"/organizations?taxonomy_term_id={hsds.KINDS.term_id('company')}&taxonomy_id={hsds.DISTRICTS.id}",
            "taxonomy_id",
        ),
        (f"/organizations?taxonomy_id={hsds.FACTS.id}", "taxonomy_id"),
        ("/organizations?modified_after=yesterday", "modified_after"),
        ("/organizations?modified_after=0001-01-01T00:00:00+01:00", "modified_after"),
        ("/organizations?modified_after=2026-13-40", "modified_after"),
        ("/organizations?postcode=ABCDE", "postcode"),
        ("/organizations?postcode=2404", "postcode"),
        ("/organizations?proximity=45.6", "proximity"),
        ("/organizations?proximity=95,9.6", "proximity"),
        ("/organizations?proximity=nan,inf", "proximity"),
        ("/organizations?proximity=45.6,9.6&proximity_radius=-5", "proximity_radius"),
        ("/organizations?proximity=45.6,9.6&proximity_radius=999999999", "proximity_radius"),
        ("/organizations?proximity_radius=100", "proximity_radius"),
        ("/organizations?full=maybe", "full"),
        ("/organizations?search=%00", "search"),
        ("/organizations?search=" + "a" * 201, "search"),
        ("/organizations?colour=blue", "colour"),
        ("/services?organization_id=123", "organization_id"),
        (f"/services?organization_id={uuid.UUID(int=3)}", "organization_id"),
        ("/service_at_locations?postcode=1", "postcode"),
        ("/taxonomy_terms?parent_id=x", "parent_id"),
        ("/taxonomy_terms?top_only=yes", "top_only"),
        ("/taxonomies?per_page=x", "per_page"),
        ("/organizations/not-a-uuid", "id"),
        ("/services/not-a-uuid", "id"),
        ("/taxonomies/not-a-uuid", "id"),
        ("/taxonomy_terms/not-a-uuid", "id"),
    ],
)
def test_bad_input_is_a_400_with_the_error_body(client, directory, path, parameter):
    body = get(client, path, status=400)
    assert body["status"] == 400
    assert body["title"] == "Bad Request"
    assert body["detail"]
    assert parameter in [error["parameter"] for error in body["errors"]]


@pytest.mark.parametrize(
    "path", ["/organizations/{id}", "/services/{id}", "/taxonomies/{id}", "/taxonomy_terms/{id}", "/nothing-here"]
)
def test_unknown_ids_and_paths_are_a_404_with_the_error_body(client, db, path):
    body = get(client, path.format(id=uuid.uuid4()), status=404)
    assert (body["status"], body["title"]) == (404, "Not Found")
    assert body["errors"] == []


def test_the_api_is_read_only(client, db):
    response = client.post(API + "/organizations", {})
    assert response.status_code == 405
    assert response.json()["status"] == 405


# --- Queries ----------------------------------------------------------------------------------------


QUERY_PATHS = [
    "/organizations?per_page=200",
    "/organizations?per_page=200&full=true",
    "/organizations?per_page=200&full_service=true&search=prova",
    "/services?per_page=200",
    "/services?per_page=200&full=true",
    "/service_at_locations?per_page=200",
    "/service_at_locations?per_page=200&full=true",
    "/taxonomy_terms?per_page=200",
    "/taxonomies",
]


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(API + path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", QUERY_PATHS)
def test_queries_do_not_grow_with_the_data(client, db, path, django_assert_max_num_queries):
    make_organisations(2)
    few = count_queries(client, path)
    make_organisations(10)
    with django_assert_max_num_queries(few):
        client.get(API + path)
    assert few <= 12, few


# --- Our OpenAPI document ----------------------------------------------------------------------------


def openapi_validator(document, path, status):
    """A validator for one response of our OpenAPI document, with its $refs resolved inside it."""
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:sil-openapi", resource)
    pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1") + f"/get/responses/{status}"
    pointer += "/content/application~1json/schema"
    return Draft202012Validator(
        {"$ref": "urn:sil-openapi#" + pointer}, registry=registry, format_checker=FormatChecker()
    )


def test_responses_match_our_openapi_document(client, directory):
    document = get(client, "/openapi.json")
    assert document["openapi"].startswith("3.1")
    assert document["servers"] == [{"url": "http://testserver/api/hsds"}]
    officina = directory["officina"]
    service = Service.objects.get(name="Tirocini in officina")
    cases = [
        ("/", "/", 200),
        ("/profile/", "/profile/", 200),
        ("/organizations", "/organizations", 200),
        ("/organizations", "/organizations?full=true", 200),
        ("/organizations", "/organizations?full_service=true", 200),
        ("/organizations", "/organizations?page=x", 400),
        ("/organizations/{id}", f"/organizations/{officina.uuid}", 200),
        ("/organizations/{id}", f"/organizations/{officina.uuid}?full_service=true", 200),
        ("/organizations/{id}", f"/organizations/{uuid.uuid4()}", 404),
        ("/organizations/{id}", "/organizations/x", 400),
        ("/services", "/services", 200),
        ("/services", "/services?full=true", 200),
        ("/services/{id}", f"/services/{service.uuid}", 200),
        ("/service_at_locations", "/service_at_locations", 200),
        ("/service_at_locations", "/service_at_locations?full=true", 200),
        ("/taxonomies", "/taxonomies", 200),
        ("/taxonomies/{id}", f"/taxonomies/{hsds.KINDS.id}", 200),
        ("/taxonomy_terms", "/taxonomy_terms?per_page=200", 200),
        ("/taxonomy_terms/{id}", f"/taxonomy_terms/{role_term('tirocini').uuid}", 200),
    ]
    for template, path, status in cases:
        body = get(client, path, status=status)
        found = [error.message for error in openapi_validator(document, template, status).iter_errors(body)]
        assert not found, (path, found[:5])
    # Every parameter the views accept is documented for its endpoint, and no other.
    documented = {
        path: {
            (parameter["$ref"].rsplit("/", 1)[-1])
            for parameter in operation["get"].get("parameters", [])
            if "$ref" in parameter
        }
        for path, operation in document["paths"].items()
    }
    assert documented["/organizations"] == set(api.ORGANISATION_LIST_PARAMETERS)
    assert documented["/services"] == set(api.SERVICE_LIST_PARAMETERS)
    assert documented["/service_at_locations"] == set(api.SERVICE_LIST_PARAMETERS)


def test_search_combines_with_every_filter(client, directory):
    """The search backend accepts only indexed fields: the filters must reach it as id subqueries."""
    officina = "Officina Meccanica Brembana S.r.l."
    tirocini, district = role_term("tirocini").uuid, hsds.DISTRICTS.term_id("dalmine")
    for extra in (
        "postcode=24044",
        "proximity=45.650,9.605&proximity_radius=1000",
        f"taxonomy_term_id={tirocini}",
        f"taxonomy_term_id={district}",
        f"taxonomy_term_id={hsds.KINDS.term_id('company')}",
        f"taxonomy_id={Taxonomy.objects.get(key='network-roles').uuid}",
        "modified_after=2000-01-01",
    ):
        assert names(get(client, f"/organizations?search=officina&{extra}")) == [officina], extra
    assert names(get(client, "/organizations?search=officina&postcode=24125")) == []


@pytest.mark.postgres
def test_the_search_indexes_exist_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'network_%%'")
        found = {row[0] for row in cursor.fetchall()}
    assert {"network_search_title_body_gin", "network_org_public_id_text"} <= found


# --- Fuzzing the query string --------------------------------------------------------------------------

LIST_ENDPOINTS = {
    "/organizations": api.ORGANISATION_LIST_PARAMETERS,
    "/services": api.SERVICE_LIST_PARAMETERS,
    "/service_at_locations": api.SERVICE_LIST_PARAMETERS,
    "/taxonomies": ("search", "page", "per_page", "format"),
    "/taxonomy_terms": ("search", "taxonomy_id", "parent_id", "top_only", "page", "per_page", "format"),
}

FUZZ_VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.uuids().map(str),
    st.sampled_from(["", "true", "false", "json", "24044", "45.7,9.6", "2026-01-01", "2026-01-01T10:00:00+25:00"]),
    st.dates().map(lambda value: value.isoformat()),
)


@given(
    endpoint=st.sampled_from(sorted(LIST_ENDPOINTS)),
    data=st.data(),
)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzzed_query_strings_never_fail_and_match_the_openapi_document(client, directory, endpoint, data):
    names_ = st.sampled_from([*LIST_ENDPOINTS[endpoint], "unknown"])
    params = data.draw(st.dictionaries(names_, FUZZ_VALUES, max_size=4))
    response = client.get(API + endpoint, params)
    assert response.status_code in (200, 400), (endpoint, params, response.status_code)
    document = _openapi_document()
    body = response.json()
    found = [error.message for error in openapi_validator(document, endpoint, response.status_code).iter_errors(body)]
    assert not found, (endpoint, params, found[:3])


@cache
def _openapi_document():
    from network.openapi import openapi_document

    return openapi_document(server_url="http://testserver/api/hsds")


@pytest.mark.parametrize(
    "text", ["'", "\\", ":*", "a & b", "!", "|", "(", "a:b", "-", "«dell'Isola»", "中文", "   ", "%", "_", "**"]
)
def test_search_takes_any_printable_text(client, directory, text):
    """Search syntax of the database (tsquery, LIKE) must not leak through: no 500, only results."""
    for endpoint in ("/organizations", "/services", "/service_at_locations", "/taxonomy_terms"):
        response = client.get(API + endpoint, {"search": text})
        assert response.status_code == 200, (endpoint, text, response.content[:200])
