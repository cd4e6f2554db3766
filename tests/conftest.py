"""Shared fixtures, and the rules for suites that need PostgreSQL, Redis or Chromium.

Tests marked ``postgres``, ``redis`` or ``browser`` are skipped, with the reason, when the
service is not configured or installed; with ``SIL_REQUIRE_ALL_SUITES=1`` (set by
``.ci/run``) a missing service fails the run instead, so CI cannot go green by skipping.
"""

import io
import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"


def _database_vendor() -> str:
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def _broker() -> str:
    return settings.CELERY_BROKER_URL.split("://", 1)[0]


def _missing_service(item) -> str | None:
    if item.get_closest_marker("postgres") and "postgresql" not in _database_vendor():
        return "needs PostgreSQL: set DATABASE_URL=postgres://USER@HOST:5432/NAME"
    if item.get_closest_marker("redis") and not _broker().startswith("redis"):
        return "needs Redis: set CELERY_BROKER_URL=redis://HOST:6379/0"
    if item.get_closest_marker("browser") and shutil.which(CHROMIUM) is None:
        return f"needs Chromium at {CHROMIUM}: apt-get install chromium"
    if item.get_closest_marker("signing") and not (shutil.which("pdfsig") and shutil.which("openssl")):
        return "needs pdfsig and openssl: apt-get install poppler-utils openssl"
    return None


def pytest_report_header(config):
    return [
        f"database: {_database_vendor()} | broker: {_broker()} | chromium: "
        + ("found" if shutil.which(CHROMIUM) else "missing"),
        "suites needing a missing service are "
        + ("FAILED (SIL_REQUIRE_ALL_SUITES=1)" if os.environ.get("SIL_REQUIRE_ALL_SUITES") else "skipped, see below"),
    ]


def pytest_runtest_setup(item):
    reason = _missing_service(item)
    if reason is None:
        return
    if os.environ.get("SIL_REQUIRE_ALL_SUITES"):
        pytest.fail(f"SIL_REQUIRE_ALL_SUITES is set but this suite {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def seeded_site(db):
    """The demo site, exactly as `make run` loads it."""
    call_command("seed_demo", stdout=io.StringIO())
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's ``admin_client``, signed in with the second factor the admin requires."""
    from tests.factories.auth import login_staff

    return login_staff(client, admin_user)
