"""Playwright driving Debian's Chromium (Playwright's own browser download does not work here)."""

import os

import pytest

from tests.conftest import CHROMIUM

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM, used by the
    # fixtures of the same tests, would otherwise refuse to run next to it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
    page = context.new_page()
    yield page
    context.close()


def admin_sign_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in to the admin as a person does: password, then the TOTP code of the user's device.

    The device is created (if missing) before the password step, so the admin asks for its
    code rather than for enrolment; a code already used is never typed again (a code works
    once), the helper waits for the next time step instead.
    """
    import time

    from django.contrib.auth import get_user_model
    from django_otp.oath import TOTP

    from tests.factories.auth import totp_device

    device = totp_device(get_user_model().objects.get(username=username))
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/2fa/auth**")
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    while totp.t() <= device.last_t:
        time.sleep(0.5)
    page.fill("input[name=otp_token]", f"{totp.token():0{device.digits}d}")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
