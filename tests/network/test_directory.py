"""The public directory: page rules, search and facets, publication rules, the report form, query counts."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from content.models import HomePage, SectionIndexPage
from network.models import DirectoryPage, OrganisationKind, OutdatedReport, ServiceStatus
from tests.factories.auth import StaffClient
from tests.factories.content import HomePageFactory, SectionIndexPageFactory
from tests.factories.network import (
    ContactFactory,
    DirectoryPageFactory,
    DistrictFactory,
    LocationFactory,
    OrganisationFactory,
    ServiceFactory,
    role_term,
    sector_term,
)

DIRECTORY_URL = "/rete/"


class DirectoryPageRulesTests(WagtailPageTestCase):
    client_class = StaffClient  # the admin requires the second factor

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node(), slug="casa")
        site = Site.objects.get(is_default_site=True)
        site.root_page = cls.home
        site.save()
        cls.section = SectionIndexPageFactory(parent=cls.home, slug="per-le-aziende")
        cls.directory = DirectoryPageFactory(parent=cls.home)

    def test_it_sits_under_the_home_page_or_a_section_and_has_no_children(self):
        self.assertAllowedParentPageTypes(DirectoryPage, {HomePage, SectionIndexPage})
        self.assertAllowedSubpageTypes(DirectoryPage, set())
        self.assertCanCreateAt(SectionIndexPage, DirectoryPage)

    def test_it_renders_and_is_editable_and_previewable(self):
        self.assertPageIsRenderable(self.directory)
        data = nested_form_data(
            {
                "title": "La rete",
                "slug": "rete",
                "introduction": "Le aziende della rete.",
                "results_per_page": 10,
                "show_map": "on",
            }
        )
        self.assertPageIsEditable(self.directory, post_data=data)
        self.assertPageIsPreviewable(self.directory, post_data=data)

    def test_the_organisation_route_is_reachable(self):
        organisation = OrganisationFactory()
        self.assertPageIsRoutable(self.directory, f"{organisation.slug}/")
        self.assertPageIsRenderable(self.directory, f"{organisation.slug}/")


# ---------------------------------------------------------------- fixtures for the pytest tests


@pytest.fixture
def directory(db):
    cache.clear()  # facet counts are cached between requests
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="casa")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return DirectoryPageFactory(parent=home, results_per_page=5)


@pytest.fixture
def dalmine(db):
    return DistrictFactory(name="Ambito di Dalmine", name_en="Dalmine district", slug="dalmine")


@pytest.fixture
def bergamo(db):
    return DistrictFactory(name="Ambito di Bergamo", name_en="Bergamo district", slug="bergamo")


@pytest.fixture
def network(db, dalmine, bergamo):
    """Four public organisations that differ in one facet each, and a non-public one."""
    foundry = OrganisationFactory(
        name="Fonderia Brembo Esempio", slug="fonderia", kind=OrganisationKind.COMPANY, sector=sector_term("C")
    )
    foundry.districts.add(dalmine)
    foundry.roles.add(role_term("tirocini"))
    LocationFactory(organisation=foundry)

    cooperative = OrganisationFactory(
        name="Cooperativa Il Germoglio", slug="germoglio", kind=OrganisationKind.COOPERATIVE_B, sector=sector_term("N")
    )
    cooperative.districts.add(bergamo)
    cooperative.roles.add(role_term("assunzioni"))
    LocationFactory(
        organisation=cooperative,
        municipality="Bergamo",
        municipality_code="016024",
        postcode="24121",
        latitude=45.698,
        longitude=9.677,
    )

    shop = OrganisationFactory(
        name="Ferramenta Rossi", slug="ferramenta", kind=OrganisationKind.COMPANY, sector=sector_term("G")
    )
    shop.districts.add(dalmine)
    shop.roles.add(role_term("assunzioni"))
    LocationFactory(organisation=shop, municipality="Osio Sotto", municipality_code="016154", postcode="24046")

    council = OrganisationFactory(name="Comune di Esempio", slug="comune", kind=OrganisationKind.PUBLIC_BODY)
    council.districts.add(bergamo)

    hidden = OrganisationFactory(
        name="Azienda Riservata Nascosta", slug="riservata", is_public=False, sector=sector_term("C")
    )
    hidden.districts.add(dalmine)
    LocationFactory(organisation=hidden)
    return {"foundry": foundry, "cooperative": cooperative, "shop": shop, "council": council, "hidden": hidden}


def names_listed(response) -> set[str]:
    return set(re.findall(r'<h3 class="card-title h5 mb-1"><a href="[^"]+">([^<]+)</a>', response.content.decode()))


# ---------------------------------------------------------------- the list


def test_the_list_shows_public_organisations_only(client, directory, network):
    response = client.get(DIRECTORY_URL)
    assert response.status_code == 200
    assert names_listed(response) == {
        "Fonderia Brembo Esempio",
        "Cooperativa Il Germoglio",
        "Ferramenta Rossi",
        "Comune di Esempio",
    }
    assert "Riservata" not in response.content.decode()


def test_searching_for_a_non_public_organisation_finds_nothing(client, directory, network):
    html = client.get(DIRECTORY_URL, {"q": "Riservata Nascosta"}).content.decode()
    assert names_listed_html(html) == set()
    assert "0 organizzazioni trovate." in html
    assert "/rete/riservata/" not in html


def test_full_text_search_narrows_the_list(client, directory, network):
    response = client.get(DIRECTORY_URL, {"q": "fonderia"})
    assert names_listed(response) == {"Fonderia Brembo Esempio"}


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("kind", lambda n: OrganisationKind.COOPERATIVE_B, {"Cooperativa Il Germoglio"}),
        ("sector", lambda n: str(sector_term("G").uuid), {"Ferramenta Rossi"}),
        ("district", lambda n: "bergamo", {"Cooperativa Il Germoglio", "Comune di Esempio"}),
        ("municipality", lambda n: "016154", {"Ferramenta Rossi"}),
        ("role", lambda n: str(role_term("tirocini").uuid), {"Fonderia Brembo Esempio"}),
    ],
)
def test_each_facet_narrows_the_list(client, directory, network, facet, value, expected):
    response = client.get(DIRECTORY_URL, {facet: value(network)})
    assert names_listed(response) == expected


def test_facets_combine_and_show_counts_of_what_each_choice_would_give(client, directory, network):
    response = client.get(DIRECTORY_URL, {"district": "dalmine", "kind": OrganisationKind.COMPANY})
    assert names_listed(response) == {"Fonderia Brembo Esempio", "Ferramenta Rossi"}
    html = response.content.decode()
    # Kinds counted within the Dalmine district (the non-public company is not counted).
    assert re.search(r'<option value="company" selected>Azienda \(2\)</option>', html)
    assert re.search(r'<option value="coop_b">Cooperativa sociale di tipo B \(0\)</option>', html)
    # Districts counted among companies.
    assert re.search(r'<option value="bergamo">Ambito di Bergamo \(0\)</option>', html)
    assert re.search(r'<option value="dalmine" selected>Ambito di Dalmine \(2\)</option>', html)


def test_municipalities_of_unpublished_addresses_are_not_offered_nor_matched(client, directory, network):
    network["shop"].publish_address = False
    network["shop"].save()
    response = client.get(DIRECTORY_URL)
    assert "Osio Sotto" not in response.content.decode()
    response = client.get(DIRECTORY_URL, {"municipality": "016154"})
    assert "Ferramenta Rossi" in names_listed(response)  # unknown choice: the filter is not applied
    assert len(names_listed(response)) == 4


def test_unknown_filter_values_are_ignored_not_an_error(client, directory, network):
    response = client.get(DIRECTORY_URL, {"kind": "spaceship", "sector": "nope", "page": "lots", "district": "<b>"})
    assert response.status_code == 200
    assert len(names_listed(response)) == 4


def test_empty_results_suggest_removing_filters(client, directory, network):
    response = client.get(DIRECTORY_URL, {"q": "fonderia", "district": "bergamo"})
    html = response.content.decode()
    assert names_listed(response) == set()
    assert "Nessuna organizzazione della rete corrisponde alla ricerca." in html
    assert "Prova a togliere qualche filtro" in html
    # One link per applied filter, each keeping the other one.
    assert 'href="/rete/?district=bergamo"' in html
    assert 'href="/rete/?q=fonderia"' in html


def test_pagination_keeps_the_filters(client, directory, dalmine):
    for number in range(7):
        OrganisationFactory(name=f"Cooperativa {number:02d}", kind=OrganisationKind.COOPERATIVE_B).districts.add(
            dalmine
        )
    for number in range(4):
        OrganisationFactory(name=f"Azienda {number:02d}").districts.add(dalmine)
    response = client.get(DIRECTORY_URL, {"kind": "coop_b", "district": "dalmine"})
    html = response.content.decode()
    assert len(names_listed(response)) == 5
    next_link = re.search(r'<a class="page-link" href="([^"]+)">Successiva</a>', html).group(1)
    next_link = next_link.replace("&amp;", "&")
    assert "kind=coop_b" in next_link
    assert "district=dalmine" in next_link
    assert "page=2" in next_link
    second = client.get(DIRECTORY_URL + next_link)
    assert names_listed(second) == {"Cooperativa 05", "Cooperativa 06"}


def test_a_text_search_lists_options_without_counts(client, directory, network):
    html = client.get(DIRECTORY_URL, {"q": "cooperativa"}).content.decode()
    assert '<option value="coop_b">Cooperativa sociale di tipo B</option>' in html


def test_the_list_carries_the_map_data_only_for_published_addresses(client, directory, network):
    network["foundry"].publish_address = False
    network["foundry"].save()
    html = client.get(DIRECTORY_URL).content.decode()
    assert "leaflet/leaflet.js" in html
    assert "network/directory-map.js" in html
    assert 'data-tile-url=""' in html  # test settings: no tile server
    assert 'data-map-lat="45.698" data-map-lng="9.677" data-map-name="Cooperativa Il Germoglio"' in html
    assert 'data-map-url="/rete/germoglio/"' in html
    assert 'data-map-name="Fonderia Brembo Esempio"' not in html
    assert "<script>" not in html.split("<main", 1)[1]  # no inline script in the page


def test_no_map_without_located_results(client, directory, network):
    html = client.get(DIRECTORY_URL, {"kind": "public_body"}).content.decode()
    assert names_listed_html(html) == {"Comune di Esempio"}
    assert "leaflet.js" not in html
    assert "directory-map-section" not in html


def names_listed_html(html: str) -> set[str]:
    return set(re.findall(r'<h3 class="card-title h5 mb-1"><a href="[^"]+">([^<]+)</a>', html))


def test_contact_persons_never_appear(client, directory, network):
    ContactFactory(organisation=network["foundry"], name="Gianna Riservatissima", email="gianna@fonderia.example")
    for url in (DIRECTORY_URL, DIRECTORY_URL + "?q=Riservatissima", DIRECTORY_URL + "fonderia/"):
        html = client.get(url).content.decode()
        assert "Gianna" not in html.replace("q=Riservatissima", "")
        assert "gianna@fonderia.example" not in html


def test_html_in_descriptions_is_escaped(client, directory, network):
    organisation = network["foundry"]
    organisation.description = '<script>alert("x")</script><b>Forte</b>'
    organisation.save()
    for url in (DIRECTORY_URL, DIRECTORY_URL + "fonderia/"):
        html = client.get(url).content.decode()
        assert '<script>alert("x")</script>' not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Forte&lt;/b&gt;" in html
    data = json_ld(client.get(DIRECTORY_URL + "fonderia/"))
    assert data["description"] == '<script>alert("x")</script><b>Forte</b>'  # the same text, safely inside


def test_the_directory_works_in_english(client, directory, network):
    english = Locale.objects.create(language_code="en")
    home_en = directory.get_parent().copy_for_translation(english)
    home_en.save_revision().publish()
    directory_en = directory.copy_for_translation(english)
    directory_en.slug = "network"
    directory_en.title = "The network"
    directory_en.save_revision().publish()
    response = client.get("/en/network/", {"district": "dalmine"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Any kind" in html
    assert "Dalmine district" in html  # the district's English name
    assert "Hosts internships" in html  # the role's English name
    assert names_listed(response) == {"Fonderia Brembo Esempio", "Ferramenta Rossi"}
    detail = client.get("/en/network/fonderia/")
    assert detail.status_code == 200
    assert "Is something out of date?" in detail.content.decode()
    # The language switcher keeps the organisation, on both sides.
    assert 'href="/rete/fonderia/" hreflang="it"' in detail.content.decode()
    assert 'href="/en/network/fonderia/" hreflang="en"' in client.get("/rete/fonderia/").content.decode()
    assert 'href="/rete/" hreflang="it"' in html


# ---------------------------------------------------------------- the organisation page


def json_ld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(match.group(1))


def test_non_public_and_unknown_organisations_are_404(client, directory, network):
    assert client.get(DIRECTORY_URL + "riservata/").status_code == 404
    assert client.get(DIRECTORY_URL + "non-esiste/").status_code == 404
    assert client.post(DIRECTORY_URL + "riservata/", {"message": "x"}).status_code == 404
    assert not OutdatedReport.objects.exists()


def test_the_page_shows_what_the_organisation_agreed_to_publish(client, directory, network):
    organisation = network["foundry"]
    organisation.phone = "035 123 4567"
    organisation.email = "info@fonderia.example"
    organisation.website = "https://fonderia.example/"
    organisation.tax_code = "RSSMRA80A01A794X"  # a person's: never shown
    organisation.publish_identifiers = True
    organisation.save()
    ServiceFactory(organisation=organisation, name="Tirocini in fonderia")
    ServiceFactory(organisation=organisation, name="Corso chiuso", status=ServiceStatus.DEFUNCT)
    response = client.get(DIRECTORY_URL + "fonderia/")
    html = response.content.decode()
    assert "<h1>Fonderia Brembo Esempio</h1>" in html
    for shown in ("035 123 4567", "info@fonderia.example", "https://fonderia.example/", "Via Roma 1", "24044"):
        assert shown in html
    assert organisation.vat_number in html
    assert "RSSMRA80A01A794X" not in html
    assert "Tirocini in fonderia" in html
    assert "Corso chiuso" not in html
    data = json_ld(response)
    assert data["@type"] == "Organization"
    assert data["name"] == "Fonderia Brembo Esempio"
    assert data["telephone"] == "035 123 4567"
    assert data["email"] == "info@fonderia.example"
    assert data["sameAs"] == ["https://fonderia.example/"]
    assert data["address"]["addressLocality"] == "Dalmine"
    assert data["vatID"] == f"IT{organisation.vat_number}"
    assert "taxID" not in data
    assert data["url"] == "http://testserver/rete/fonderia/"
    assert [offer["itemOffered"]["name"] for offer in data["makesOffer"]] == ["Tirocini in fonderia"]


def test_fields_not_agreed_are_never_shown(client, directory, network):
    organisation = network["foundry"]
    organisation.phone = "035 123 4567"
    organisation.email = "info@fonderia.example"
    organisation.pec = "fonderia@pec.example"
    organisation.website = "https://fonderia.example/"
    organisation.ateco_code = "24.51"
    organisation.publish_address = False
    organisation.publish_phone = False
    organisation.publish_email = False
    organisation.publish_website = False
    organisation.publish_identifiers = False
    organisation.save()
    ServiceFactory(organisation=organisation, email="servizio@fonderia.example", url="https://fonderia.example/s")
    response = client.get(DIRECTORY_URL + "fonderia/")
    html = response.content.decode()
    hidden = (
        "035 123 4567",
        "info@fonderia.example",
        "fonderia@pec.example",
        "fonderia.example/",
        "servizio@fonderia.example",
        "Via Roma",
        "24044",
        organisation.vat_number,
        "24.51",
    )
    for value in hidden:
        assert value not in html, value
    data = json_ld(response)
    assert set(data) <= {"@context", "@type", "@id", "url", "name", "description", "areaServed", "makesOffer"}
    listing = client.get(DIRECTORY_URL).content.decode()
    assert "Via Roma" not in listing.split("Fonderia Brembo Esempio", 1)[1].split("</article>", 1)[0]


def test_json_ld_cannot_be_broken_out_of(client, directory, network):
    organisation = network["foundry"]
    organisation.name = "Fonderia </script><script>alert(1)</script> & figli"
    organisation.save()
    response = client.get(DIRECTORY_URL + "fonderia/")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S).group(1)
    assert "<" not in script
    assert ">" not in script
    assert json.loads(script)["name"] == "Fonderia </script><script>alert(1)</script> & figli"


# ---------------------------------------------------------------- the report form


def test_a_valid_report_is_saved_and_thanked_after_a_redirect(client, directory, network):
    response = client.post(
        DIRECTORY_URL + "fonderia/",
        {"message": "Hanno cambiato sede.", "reporter_email": "lettore@example.org", "website": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == "/rete/fonderia/?report=sent#report"
    report = OutdatedReport.objects.get()
    assert report.organisation == network["foundry"]
    assert report.message == "Hanno cambiato sede."
    assert report.reporter_email == "lettore@example.org"
    thanks = client.get(response["Location"]).content.decode()
    assert "Grazie: abbiamo ricevuto la segnalazione" in thanks


def test_an_invalid_report_shows_errors_in_italian_and_saves_nothing(client, directory, network):
    response = client.post(DIRECTORY_URL + "fonderia/", {"message": "  ", "reporter_email": "non-una-email"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Questo campo è obbligatorio." in html
    assert "Inserisci un indirizzo email valido." in html
    assert 'aria-invalid="true"' in html
    assert 'value="non-una-email"' in html  # what the visitor typed is kept
    assert not OutdatedReport.objects.exists()


def test_a_filled_honeypot_saves_nothing_but_looks_like_success(client, directory, network):
    response = client.post(
        DIRECTORY_URL + "fonderia/", {"message": "Compra ora!", "reporter_email": "", "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert not OutdatedReport.objects.exists()


def test_reports_are_rate_limited_per_address(client, directory, network, settings):
    settings.SIL_FORMS_RATE_LIMIT = 2
    report = {"message": "Hanno cambiato sede.", "reporter_email": "", "website": ""}
    codes = [client.post(DIRECTORY_URL + "fonderia/", report).status_code for _attempt in range(3)]
    assert codes == [302, 302, 429]
    assert OutdatedReport.objects.count() == 2
    refused = client.post(DIRECTORY_URL + "fonderia/", report)
    html = refused.content.decode()
    assert "Troppi invii dalla tua connessione" in html  # says why, in Italian, with the form kept
    assert "Hanno cambiato sede." in html
    other_address = client.post(DIRECTORY_URL + "fonderia/", report, REMOTE_ADDR="192.0.2.7")
    assert other_address.status_code == 302


# ---------------------------------------------------------------- queries


def _queries_for(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _grow_network(count: int, districts) -> None:
    kinds = list(OrganisationKind.values)
    for number in range(count):
        organisation = OrganisationFactory(kind=kinds[number % len(kinds)], sector=sector_term("C"))
        organisation.districts.add(*districts)
        organisation.roles.add(role_term("assunzioni"), role_term("tirocini"))
        LocationFactory(organisation=organisation)
        LocationFactory(organisation=organisation, name="Magazzino")
        ContactFactory(organisation=organisation)
        ServiceFactory(organisation=organisation)


@pytest.mark.parametrize("query", ["", "?district=dalmine&kind=company", "?q=officine", "?role=x&page=2"])
def test_the_directory_query_count_does_not_grow_with_the_network(
    client, directory, dalmine, bergamo, django_assert_max_num_queries, query
):
    directory.results_per_page = 50
    directory.save_revision().publish()
    _grow_network(5, [dalmine, bergamo])
    client.get(DIRECTORY_URL + query)  # warm up what Wagtail caches per process
    with_five = _queries_for(client, DIRECTORY_URL + query)
    _grow_network(45, [dalmine, bergamo])
    cache.clear()
    with django_assert_max_num_queries(with_five):
        response = client.get(DIRECTORY_URL + query)
    if query in ("", "?q=officine"):
        assert len(names_listed(response)) == 50


def test_the_organisation_page_query_count_does_not_grow_with_its_relations(
    client, directory, dalmine, bergamo, django_assert_max_num_queries
):
    organisation = OrganisationFactory(slug="grande")
    LocationFactory(organisation=organisation)
    ServiceFactory(organisation=organisation)
    organisation.districts.add(dalmine)
    client.get(DIRECTORY_URL + "grande/")
    with CaptureQueriesContext(connection) as captured:
        client.get(DIRECTORY_URL + "grande/")
    for _ in range(10):
        LocationFactory(organisation=organisation)
        ServiceFactory(organisation=organisation)
    organisation.districts.add(bergamo)
    organisation.roles.add(role_term("assunzioni"), role_term("tirocini"))
    with django_assert_max_num_queries(len(captured.captured_queries)):
        client.get(DIRECTORY_URL + "grande/")


# ---------------------------------------------------------------- the demo site


def test_the_demo_site_has_the_directory_in_both_languages_once(seeded_site, client):
    from content.models import Menu
    from network.demo_directory import seed_directory_page

    italian = DirectoryPage.objects.get(locale__language_code="it")
    english = DirectoryPage.objects.get(locale__language_code="en")
    assert (italian.slug, italian.title, italian.live) == ("rete", "La rete", True)
    assert (english.slug, english.title, english.live) == ("network", "The network", True)
    assert english.translation_key == italian.translation_key
    assert italian.get_parent().specific_class is HomePage
    for page, language in ((italian, "it"), (english, "en")):
        menu = Menu.objects.get(slot="main", locale__language_code=language)
        linked = [block.value["page"].pk for block in menu.items]
        assert linked.count(page.pk) == 1
    assert client.get("/rete/").status_code == 200
    assert client.get("/en/network/").status_code == 200

    assert seed_directory_page().created == []  # idempotent
    assert DirectoryPage.objects.count() == 2
    menu = Menu.objects.get(slot="main", locale__language_code="it")
    assert [block.value["page"].pk for block in menu.items].count(italian.pk) == 1


def test_the_sitemap_lists_public_organisation_pages_only(client, directory, network):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/rete/</loc>" in xml
    assert "<loc>http://localhost/rete/fonderia/</loc>" in xml
    assert "riservata" not in xml


def test_the_logo_is_shown_with_its_alternative_text_and_in_the_json_ld(client, directory, network):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    logo = Image.objects.create(title="Logo", file=get_test_image_file())
    organisation = network["foundry"]
    organisation.logo = logo
    organisation.save()
    response = client.get(DIRECTORY_URL + "fonderia/")
    assert 'alt="Logo di Fonderia Brembo Esempio"' in response.content.decode()
    assert json_ld(response)["logo"].startswith("http://testserver/media/images/")
