"""A visitor searches the network directory in a real browser, with an accessibility check on its pages."""

import importlib
import io
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from django.core.management import call_command

from network.models import OrganisationKind
from tests.factories.network import DistrictFactory, LocationFactory, OrganisationFactory, role_term, sector_term

# The live server reads the database from another thread, so these tests commit for real;
# pytest-django empties the tables after each of them, including the rows the migrations
# made (the roles and ATECO taxonomies), which ``site_url`` puts back.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _restore_migration_data() -> None:
    """Run again the data migration that makes the network's taxonomies and editors' group (idempotent)."""
    migration = importlib.import_module("network.migrations.0002_network_editors_and_taxonomies")
    migration.forwards(django_apps, None)


WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def site_url(live_server):
    _restore_migration_data()
    call_command("seed_demo", stdout=io.StringIO())
    # The demo network (seeded above) has these districts already; the factory reuses them by slug.
    dalmine = DistrictFactory(slug="dalmine", name="Ambito di Dalmine", name_en="Dalmine district")
    bergamo = DistrictFactory(slug="bergamo", name="Ambito di Bergamo", name_en="Bergamo district")
    company = OrganisationFactory(
        name="Meccanica Brembatelli S.p.A.",
        slug="meccanica-brembatelli",
        kind=OrganisationKind.COMPANY,
        sector=sector_term("C"),
        description="Lavorazioni meccaniche di precisione; ospita tirocini in officina.",
        phone="035 111 2222",
    )
    company.districts.add(dalmine)
    company.roles.add(role_term("tirocini"))
    LocationFactory(organisation=company)
    cooperative = OrganisationFactory(
        name="Cooperativa Brembatelli Solidale",
        slug="cooperativa-brembatelli",
        kind=OrganisationKind.COOPERATIVE_B,
        description="Assemblaggio meccanico conto terzi.",
    )
    cooperative.districts.add(dalmine)
    LocationFactory(organisation=cooperative, latitude=45.66, longitude=9.61)
    elsewhere = OrganisationFactory(
        name="Officina Brembatelli Bergamo", slug="officina-brembatelli", description="Meccanica."
    )
    elsewhere.districts.add(bergamo)
    hidden = OrganisationFactory(name="Brembatelli Riservata", slug="brembatelli-riservata", is_public=False)
    hidden.districts.add(dalmine)
    return live_server.url


def _serious_violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.response["passes"]  # axe really ran its rules on the page
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_visitor_searches_filters_and_opens_a_company(page, site_url):
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(urlparse(request.url).netloc))

    page.goto(site_url + "/")
    page.get_by_role("navigation", name="Menu principale").get_by_role("link", name="La rete").click()
    page.wait_for_url("**/rete/")
    assert page.get_by_role("heading", level=1).inner_text() == "La rete"

    search = page.get_by_role("search")
    search.get_by_label("Nome o parole da cercare").fill("brembatelli")
    search.get_by_role("button", name="Cerca").click()
    page.wait_for_url("**/rete/?q=brembatelli*")
    results = page.locator("#directory-results h3")
    assert sorted(results.all_inner_texts()) == [
        "Cooperativa Brembatelli Solidale",
        "Meccanica Brembatelli S.p.A.",
        "Officina Brembatelli Bergamo",
    ]

    search = page.get_by_role("search")
    search.get_by_label("Ambito territoriale").select_option(label="Ambito di Dalmine")
    search.get_by_label("Tipo di organizzazione").select_option(value="company")
    search.get_by_role("button", name="Cerca").click()
    page.wait_for_url("**kind=company*")
    assert page.locator("#directory-results h3").all_inner_texts() == ["Meccanica Brembatelli S.p.A."]
    assert page.get_by_role("status").first.inner_text() == "1 organizzazione trovata."

    # The map is there, built by the static script from the list (no tile server in tests).
    page.wait_for_selector("#directory-map .leaflet-marker-icon")
    assert page.locator("#directory-map-section").is_visible()

    page.get_by_role("link", name="Meccanica Brembatelli S.p.A.").click()
    page.wait_for_url("**/rete/meccanica-brembatelli/")
    assert page.get_by_role("heading", level=1).inner_text() == "Meccanica Brembatelli S.p.A."
    assert page.get_by_text("035 111 2222").is_visible()
    assert requested_hosts == {urlparse(site_url).netloc}  # Leaflet and everything else come from the site


def test_map_markers_link_to_the_organisation_pages(page, site_url):
    page.goto(site_url + "/rete/?q=brembatelli&district=dalmine")
    marker = page.locator("#directory-map .leaflet-marker-icon").first
    marker.wait_for()
    marker.click()
    popup_link = page.locator(".leaflet-popup-content a")
    assert popup_link.get_attribute("href").startswith("/rete/")
    popup_link.click()
    page.wait_for_url("**/rete/*brembatelli/")
    assert page.get_by_role("heading", level=1).is_visible()


def test_the_map_does_not_trap_the_keyboard(page, site_url):
    page.goto(site_url + "/rete/?q=brembatelli&district=dalmine")
    page.locator("#directory-map .leaflet-marker-icon").first.wait_for()
    # Tab from the filter form's last control through the map: focus must reach the list.
    page.get_by_role("search").get_by_role("button", name="Cerca").focus()
    reached_list = False
    for _ in range(40):
        page.keyboard.press("Tab")
        inside_results = page.evaluate(
            "document.activeElement && document.activeElement.closest('#directory-results') !== null"
        )
        if inside_results:
            reached_list = True
            break
    assert reached_list


def test_without_javascript_the_list_and_filters_still_work(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="it-IT")
    page = context.new_page()
    page.goto(site_url + "/rete/?q=brembatelli")
    page.get_by_role("search").get_by_label("Tipo di organizzazione").select_option(value="coop_b")
    page.get_by_role("search").get_by_role("button", name="Cerca").click()
    page.wait_for_url("**kind=coop_b*")
    assert "Cooperativa Brembatelli Solidale" in page.locator("#directory-results").inner_text()
    assert not page.locator("#directory-map-section").is_visible()
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/rete/",
        "/rete/?q=brembatelli&district=dalmine",
        "/rete/?q=nessun-risultato-possibile",
        "/rete/meccanica-brembatelli/",
        "/en/network/",
        "/en/network/meccanica-brembatelli/",
    ],
)
def test_directory_pages_have_no_serious_wcag_21_aa_violations(page, site_url, path):
    page.goto(site_url + path)
    assert _serious_violations(page) == []


def test_the_report_form_has_no_serious_violations_when_it_shows_errors(page, site_url):
    page.goto(site_url + "/rete/meccanica-brembatelli/")
    page.get_by_role("button", name="Invia la segnalazione").click()
    page.wait_for_selector(".invalid-feedback")
    assert _serious_violations(page) == []
    page.get_by_label("Che cosa è sbagliato o non più aggiornato?").fill("Il telefono è cambiato.")
    page.get_by_role("button", name="Invia la segnalazione").click()
    page.wait_for_url("**report=sent*")
    assert page.get_by_text("Grazie: abbiamo ricevuto la segnalazione").is_visible()
