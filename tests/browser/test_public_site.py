"""A visitor's walk through the public site in a real browser, with an accessibility check."""

import io
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

# The live server reads the database from another thread, so these tests commit for real;
# pytest-django runs them after the ordinary database tests and empties the tables afterwards.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def site_url(live_server):
    call_command("seed_demo", stdout=io.StringIO())
    return live_server.url


def test_visitor_follows_the_menu_and_switches_language(page, site_url):
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(urlparse(request.url).netloc))

    page.goto(site_url + "/")
    assert page.locator("html").get_attribute("lang") == "it"
    menu = page.get_by_role("navigation", name="Menu principale")
    menu.get_by_role("link", name="A chi si rivolge").click()
    page.wait_for_url("**/a-chi-si-rivolge/")
    assert page.get_by_role("heading", level=1).inner_text() == "A chi si rivolge"

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/who-it-is-for/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Who it is for"
    assert page.get_by_role("navigation", name="Main menu").is_visible()

    page.get_by_role("link", name="Italiano").click()
    page.wait_for_url("**/a-chi-si-rivolge/")
    assert requested_hosts == {urlparse(site_url).netloc}  # no CDN, fonts or trackers from elsewhere


def test_faq_accordion_opens(page, site_url):
    page.goto(site_url + "/a-chi-si-rivolge/")
    first_question = page.locator(".accordion-button").first
    assert first_question.get_attribute("aria-expanded") == "false"
    first_question.click()
    # A function, not an expression: Playwright would eval() an expression, which the CSP forbids.
    page.wait_for_function("() => document.querySelector('.accordion-button').getAttribute('aria-expanded') === 'true'")
    assert page.locator(".accordion-collapse").first.is_visible()


@pytest.mark.parametrize("path", ["/", "/en/", "/a-chi-si-rivolge/", "/cerca/?q=tirocinio"])
def test_pages_have_no_serious_wcag_21_aa_violations(page, site_url, path):
    page.goto(site_url + path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    serious = [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []
    assert results.response["passes"]  # axe really ran its rules on the page
