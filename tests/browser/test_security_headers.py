"""The Content-Security-Policy in a real browser: public pages and admin pages run with no violation.

The header tests (tests/core/test_security_headers.py) check what the server sends; this checks
that the pages still work under it: Chromium reports every blocked script, style, image, frame or
connection as a ``securitypolicyviolation`` event (and a console error), which the test collects
on every page it opens and in every frame (Wagtail's preview).
"""

import importlib
import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from tests.browser.conftest import admin_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def site_url(live_server, settings):
    settings.SIL_FORMS_MIN_FILL_SECONDS = 0
    cache.clear()
    # Browser tests flush the tables: make again the rows the data migrations made.
    for app_label, migration in [
        ("cases", "cases.migrations.0003_groups_and_intervention_types"),
        ("network", "network.migrations.0002_network_editors_and_taxonomies"),
    ]:
        config = apps.get_app_config(app_label)
        models_module = config.models_module  # the migration's function sets it on the registry it gets
        try:
            importlib.import_module(migration).forwards(apps, None)
        finally:
            config.models_module = models_module
    call_command("seed_demo", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="it-IT")
    yield context
    context.close()  # even after a failure: no request of this test may reach the next one's database


class Violations:
    """Every CSP violation the browser reports in a context: events in each frame, console errors."""

    def __init__(self, context):
        self.console: list[str] = []
        self.pages = []
        context.add_init_script(COLLECT_VIOLATIONS)
        context.on("page", self._watch)

    def _watch(self, page):
        self.pages.append(page)
        page.on(
            "console",
            lambda message: (
                self.console.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                or "Permissions-Policy" in message.text
                or "Permissions policy" in message.text
                else None
            ),
        )

    def found(self, page) -> list[str]:
        events = []
        for frame in page.frames:
            if frame.is_detached():
                continue
            events += [f"{frame.url}: {text}" for text in frame.evaluate("window.__cspViolations || []")]
        return events + self.console


def open_page(page, violations: Violations, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert violations.found(page) == [], url


def test_public_pages_run_without_csp_violations(context, site_url):
    violations = Violations(context)
    page = context.new_page()

    for path in ["/", "/en/", "/segnalanti/"]:
        open_page(page, violations, site_url + path)
        # Bootstrap Italia's bundle ran (it reads the fonts' path from public-path.js).
        assert page.evaluate("typeof window.bootstrap === 'object' && window.__PUBLIC_PATH__.endsWith('/fonts')")

    # The directory's map: Leaflet and the site's script from static files, markers drawn.
    open_page(page, violations, site_url + "/rete/")
    assert page.locator("#directory-map-section").is_visible()
    assert page.locator("#directory-map .leaflet-marker-icon").count() > 0

    # A form with its offline captcha (data: image and audio); sent empty, the error summary
    # gets the focus from forms/error-summary.js.
    open_page(page, violations, site_url + "/per-i-servizi-invianti/segnalazione/")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert violations.found(page) == []


def test_admin_pages_run_without_csp_violations(context, site_url):
    from wagtail.models import Page

    from cases.models import Case
    from forms.models import FormPage
    from network.models import Organisation

    violations = Violations(context)
    page = context.new_page()
    # Signed in through the forms, password then second factor, under the admin's policy.
    login = settings.DEMO_STAFF_LOGIN
    admin_sign_in(page, site_url, login["username"], login["password"])
    assert violations.found(page) == []

    form_page = FormPage.objects.live().first()
    home = Page.objects.get(depth=2, locale__language_code="it")
    organisation = Organisation.objects.order_by("pk").first()
    case = Case.objects.filter(stage=Case.Stage.INTERVENTIONS).order_by("pk").first()
    assert form_page is not None
    assert organisation is not None
    assert case is not None, "the demo data has a case in the interventions stage"

    open_page(page, violations, site_url + "/admin/")
    open_page(page, violations, site_url + "/admin/images/")
    open_page(page, violations, f"{site_url}/admin/snippets/network/organisation/edit/{organisation.pk}/")

    # A page editor with inline panels (the form's fields) and the preview panel's iframe.
    open_page(page, violations, f"{site_url}/admin/pages/{form_page.pk}/edit/")
    assert page.locator("[data-inline-panel-child]").count() > 0, "the inline panel's script ran"
    open_page(page, violations, f"{site_url}/admin/pages/{home.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    page.frame_locator("#w-preview-iframe").locator("main").wait_for()
    assert violations.found(page) == []

    # The case page, and the organisation chooser of its internship form opened and searched.
    open_page(page, violations, f"{site_url}/admin/cases/{case.pk}/")
    details = page.locator("details.cases-action-panel:has(input[name=action][value=internship])")
    if details.count() and not details.first.evaluate("element => element.open"):
        details.first.locator("summary").click()
    chooser = page.locator("#id_internship-host-chooser")
    chooser.locator(".unchosen button[data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog")
    modal.locator("a[data-chooser-modal-choice]").first.wait_for()
    modal.locator("input[name=q]").fill(organisation.name[:6])
    page.wait_for_load_state("networkidle")
    modal.locator("a[data-chooser-modal-choice]").first.click()
    modal.wait_for(state="hidden")
    assert chooser.locator(".chooser__title").inner_text()
    assert violations.found(page) == []
