"""A district coordinator opens the outcome dashboard in a real browser: charts render, axe finds nothing serious."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import admin_sign_in
from tests.outcomes.history import build_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _serious_violations(page) -> list[str]:
    results = Axe().run(
        page, context={"include": [["#main"]]}, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    )
    assert results.response["passes"]  # axe really ran its rules
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_dashboard_renders_with_charts_and_no_serious_accessibility_violations(page, live_server, django_user_model):
    history = build_history(django_user_model)
    admin_sign_in(page, live_server.url, history.coordinator.username, "pw-test-2026")

    page.locator("a[href='/admin/outcomes/']").first.click()
    page.wait_for_url("**/admin/outcomes/")
    page.select_option("select[name=year]", "2025")
    page.select_option("select[name=quarter]", "")
    page.locator("#main form button[type=submit]").click()
    page.wait_for_url("**/admin/outcomes/?*year=2025*")

    charts = page.locator("figure img")
    assert charts.count() == 6
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.evaluate("image => image.complete && image.naturalWidth > 0"), index
        assert chart.get_attribute("alt")
    assert "Ambito di Dalmine:" in page.locator("figure figcaption").first.inner_text()
    assert page.locator("#outcomes-by-district tbody tr th").all_inner_texts() == ["Ambito di Dalmine"]
    assert _serious_violations(page) == []

    # A reversed period is explained in the page, not a crash.
    page.fill("input[name=date_from]", "2025-12-31")
    page.fill("input[name=date_to]", "2025-01-01")
    page.locator("#main form button[type=submit]").click()
    page.wait_for_selector("#outcomes-form-errors")
    assert page.locator("figure img").count() == 0
    assert _serious_violations(page) == []
