"""Site-wide behaviour: errors, search, sitemap, robots.txt, language switcher, query budget."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from content import demo_content
from content.models import Menu


def _page(language: str, key: str) -> Page:
    spec = next(p for p in demo_content.PAGES if p["key"] == key)
    return Page.objects.get(locale__language_code=language, slug=spec["slug"][language])


@pytest.mark.django_db
def test_unknown_url_gives_the_styled_404_in_the_visitors_language(seeded_site, client):
    response = client.get("/questa-pagina-non-esiste/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "it-header-wrapper" in body  # the site's own layout, not Django's plain page
    assert "Non riusciamo a trovare questa pagina" in body
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "We cannot find this page" in response.content.decode()
    # no Italian twin of an unknown address: the switcher offers the Italian home page
    assert 'href="/" hreflang="it"' in response.content.decode()


def test_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert "Si è verificato un errore" in html
    assert "bootstrap-italia.min.css" in html


@pytest.mark.django_db
def test_search_finds_pages_in_the_visitors_language(seeded_site, client):
    response = client.get("/cerca/", {"q": "tirocinio"})
    assert response.status_code == 200
    results = [page.locale.language_code for page in response.context["results"]]
    assert results
    assert set(results) == {"it"}
    response = client.get("/en/search/", {"q": "internship"})
    assert {page.locale.language_code for page in response.context["results"]} == {"en"}


@pytest.mark.django_db
def test_search_without_results_says_so(seeded_site, client):
    response = client.get("/cerca/", {"q": "zzzyyyxxx"})
    assert response.status_code == 200
    assert "Nessuna pagina contiene" in response.content.decode()


@pytest.mark.django_db
def test_sitemap_lists_pages_of_both_languages(seeded_site, client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/il-servizio/" in body
    assert "/en/the-service/" in body


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap_and_hides_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


@pytest.mark.django_db
def test_language_switcher_links_to_the_translation_of_the_page(seeded_site, client):
    italian, english = _page("it", "about"), _page("en", "about")
    response = client.get(italian.url)
    assert f'href="{english.url}" hreflang="en"' in response.content.decode()
    response = client.get(english.url)
    assert f'href="{italian.url}" hreflang="it"' in response.content.decode()


@pytest.mark.django_db
def test_menu_marks_the_current_section(seeded_site, client):
    section = _page("it", "service")
    response = client.get(_page("it", "about").url)
    assert f'<a class="nav-link active" href="{section.url}" aria-current="page">' in response.content.decode()


@pytest.mark.django_db
def test_rendering_a_content_page_takes_a_bounded_number_of_queries(seeded_site, client, django_assert_max_num_queries):
    # About 9 queries route the URL to the page (Wagtail), 7 build the header and footer
    # (settings, menus, their pages and translations), the rest are the page's own.
    url = _page("it", "path").url
    client.get(url)  # warm per-process caches (content types, site root paths)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_longer_menus_cost_no_extra_queries(seeded_site, client):
    url = _page("it", "path").url
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    menu = Menu.objects.get(slot="main", locale__language_code="it")
    for page in Page.objects.filter(locale__language_code="it", depth=3)[:5]:
        menu.items.append(("link", {"label": "", "page": page, "external_url": ""}))
    menu.save()
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert response.content.decode().count('class="nav-item"') == len(menu.items)
    assert len(after) == len(before)
