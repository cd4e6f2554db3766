"""Security headers on public pages, admin pages and private downloads, and the deploy check.

What the server sends; tests/browser/test_security_headers.py checks that pages work under it.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from config.csp import tile_source
from core.security import NoStoreMiddleware, current_csp_nonce, mark_personal_data
from tests.factories.auth import login_staff

ROOT = Path(__file__).resolve().parents[2]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
NOT_RUN = re.compile(r"""type=["']?application/(json|ld\+json)""")


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def nonce_of(response) -> str | None:
    sources = [source for source in directives(response)["script-src"] if source.startswith("'nonce-")]
    assert len(sources) <= 1
    return sources[0][len("'nonce-") : -1] if sources else None


def assert_common_headers(response) -> dict[str, list[str]]:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert all("'unsafe-eval'" not in sources for sources in policy.values())
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-src"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("strict-origin-when-cross-origin", "no-referrer")
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions
    return policy


def assert_inline_scripts_have_the_nonce(response) -> int:
    """Every script the browser would run is a static file or carries this response's nonce."""
    nonce = nonce_of(response)
    inline = 0
    for attributes in SCRIPT_TAG.findall(response.content.decode()):
        if "src=" in attributes or NOT_RUN.search(attributes):
            continue
        inline += 1
        assert nonce, attributes
        assert f'nonce="{nonce}"' in attributes, attributes
    return inline


def assert_no_store(response):
    assert "no-store" in response["Cache-Control"]


# --- Public pages ---------------------------------------------------------------------------


@pytest.fixture
def form_path(seeded_site):
    from forms.models import FormPage

    return FormPage.objects.live().filter(locale__language_code="it").first().url


def test_public_pages_have_a_strict_policy_and_stay_cacheable(client, seeded_site, form_path):
    # One seeded site for every page (seeding takes a while).
    for path in ["/", "/en/", "/rete/", form_path, "/sitemap.xml"]:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = assert_common_headers(response)
        assert policy["script-src"] == ["'self'"], path  # no inline script on public pages: no nonce either
        assert policy["style-src"] == ["'self'"], path
        assert policy["frame-ancestors"] == ["'none'"], path
        assert response["X-Frame-Options"] == "DENY"
        assert assert_inline_scripts_have_the_nonce(response) == 0
        if path != form_path:  # the form page carries a one-time token: its own view forbids storing it
            assert "no-store" not in response.get("Cache-Control", ""), path


def test_the_maps_tile_server_is_the_only_outside_image_source(settings):
    from config.csp import content_security_policy

    policy = content_security_policy(tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    assert policy["DIRECTIVES"]["img-src"] == ["'self'", "data:", "https://*.tiles.example.org"]
    assert tile_source("") == []
    assert tile_source("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == ["https://tile.openstreetmap.org"]
    with pytest.raises(ValueError, match="MAP_TILE_URL"):
        tile_source("tile.example.org/{z}/{x}/{y}.png")
    with pytest.raises(ValueError, match="MAP_TILE_URL"):
        tile_source("https://tiles.{s}.example.org/{z}.png")
    # Test settings have no tile server: nothing outside the site at all.
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] == ["'self'", "data:"]


@pytest.mark.parametrize("path", ["/segnalanti/", "/en/referrers/"])
def test_the_referrers_portal_is_never_stored(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_common_headers(response)
    assert response["Cache-Control"] == "no-store, private"


# --- Admin pages ---------------------------------------------------------------------------


def admin_paths():
    from wagtail.models import Page

    from cases.models import Case
    from forms.models import FormPage
    from network.models import Organisation

    form_page = FormPage.objects.live().first()
    case = Case.objects.filter(stage=Case.Stage.INTERVENTIONS).order_by("pk").first()
    return [
        "/admin/",
        "/admin/images/",
        f"/admin/pages/{form_page.pk}/edit/",  # inline panels: their init scripts need the nonce
        f"/admin/pages/{Page.objects.get(depth=2, locale__language_code='it').pk}/edit/",
        f"/admin/snippets/network/organisation/edit/{Organisation.objects.order_by('pk').first().pk}/",
        f"/admin/cases/{case.pk}/",  # the organisation chooser's init script
        reverse("organisation_chooser:choose"),
    ]


def test_admin_pages_have_the_admin_policy_nonces_and_no_store(client, seeded_site, django_user_model):
    login_staff(client, django_user_model.objects.get(username=settings.DEMO_STAFF_LOGIN["username"]))
    inline_scripts = 0
    nonces = set()
    for path in admin_paths():
        response = client.get(path)
        assert response.status_code == 200, path
        policy = assert_common_headers(response)
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"], path  # Wagtail's style="" attributes
        assert policy["frame-ancestors"] == ["'self'"], path  # the preview panel
        assert "blob:" in policy["img-src"]
        inline_scripts += assert_inline_scripts_have_the_nonce(response)
        nonces.add(nonce_of(response))
        assert_no_store(response)
    assert inline_scripts >= 3  # the inline panels' and the chooser's: all carry the nonce
    nonces.discard(None)
    assert len(nonces) >= 3  # a new nonce for every response


def test_the_sign_in_page_is_never_stored_and_cannot_be_framed(client, db):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert_common_headers(response)
    assert_no_store(response)
    assert directives(response)["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"


def test_wagtails_preview_of_a_public_page_gets_the_admin_policy_and_no_store(db):
    """The preview renders a draft through a dummy request for the page's public URL, framed by the admin."""
    from core.security import ContentSecurityPolicyMiddleware

    def view(request):
        return HttpResponse("<main>draft</main>")

    middleware = ContentSecurityPolicyMiddleware(NoStoreMiddleware(view))
    public = middleware(RequestFactory().get("/"))
    assert directives(public)["frame-ancestors"] == ["'none'"]
    assert "no-store" not in public.get("Cache-Control", "")
    preview_request = RequestFactory().get("/")
    preview_request.is_dummy = True  # what PreviewableMixin.make_preview_request sets
    preview = middleware(preview_request)
    assert directives(preview)["frame-ancestors"] == ["'self'"]
    assert preview["Cache-Control"] == "no-store, private"


def test_the_chooser_script_gets_the_nonce_of_the_request_only():
    from network.choosers import OrganisationChooserWidget

    html = OrganisationChooserWidget().render("host", None, attrs={"id": "id_host"})
    assert '<script nonce="">new ' in html  # outside a request: an empty nonce, which no policy accepts
    assert current_csp_nonce() == ""


# --- Private downloads ----------------------------------------------------------------------


@pytest.fixture
def case_document(db):
    from cases.documents import timeline_document_add
    from cases.models import CaseTeamMember
    from tests.factories.cases import CaseFactory, PersonFactory, staff_user
    from tests.factories.network import DistrictFactory

    district = DistrictFactory(name="Ambito di Dalmine", slug="dalmine")
    manager = staff_user("manager", district)
    case = CaseFactory(person=PersonFactory(district=district))
    CaseTeamMember.objects.create(case=case, user=manager, role="case_manager")
    entry = timeline_document_add(
        case=case,
        by=manager,
        upload=SimpleUploadedFile("certificato.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        occurred_at=timezone.now(),
        text="Certificato.",
    )
    yield manager, reverse("cases_document", args=[case.pk, entry.pk])
    entry.document.delete(save=False)


def test_a_case_document_download_is_never_stored(client, case_document):
    manager, url = case_document
    login_staff(client, manager)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert_common_headers(response)
    assert_no_store(response)


def test_a_dashboard_export_is_never_stored(client, django_user_model, monkeypatch):
    from tests.outcomes.history import TODAY, build_history

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    history = build_history(django_user_model)
    login_staff(client, history.coordinator)
    response = client.get(reverse("outcomes_dashboard"), {"year": 2025, "download": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert_common_headers(response)
    assert_no_store(response)


@pytest.mark.parametrize(
    ("path", "stored"),
    [
        ("/admin/forms/attachments/7/", False),
        ("/admin/imports/3/rejected.csv", False),
        ("/admin/cases/1/reports/2/pdf/", False),
        ("/admin/outcomes/", False),
        ("/segnalanti/segnalazioni/SIL-1/", False),
        ("/en/referrers/referrals/SIL-1/", False),
        ("/moduli/stato/abc/", False),
        ("/en/forms/status/abc/", False),
        ("/", True),
        ("/rete/", True),
        ("/en/", True),
        ("/api/hsds/organizations", True),
        ("/administrator/", True),
    ],
)
def test_no_store_is_keyed_on_the_path(db, path, stored):
    middleware = NoStoreMiddleware(lambda request: HttpResponse("ok"))
    response = middleware(RequestFactory().get(path))
    assert ("no-store" in response.get("Cache-Control", "")) is not stored


def test_a_view_can_mark_a_public_path_as_personal():
    middleware = NoStoreMiddleware(lambda request: mark_personal_data(HttpResponse("ok")))
    assert middleware(RequestFactory().get("/rete/"))["Cache-Control"] == "no-store, private"


def test_no_store_keeps_a_stricter_value_a_view_set(db):
    never_cache = "max-age=0, no-cache, no-store, must-revalidate, private"

    def view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = never_cache
        return response

    assert NoStoreMiddleware(view)(RequestFactory().get("/admin/"))["Cache-Control"] == never_cache


# --- Transport: HSTS and the deploy check ----------------------------------------------------


def test_hsts_on_https_with_production_values(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    assert "Strict-Transport-Security" not in client.get("/robots.txt")  # never over plain HTTP
    response = client.get("/robots.txt", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_no_hsts_outside_production(client, db):
    assert settings.SECURE_HSTS_SECONDS == 0
    assert "Strict-Transport-Security" not in client.get("/robots.txt", secure=True)


def _production_environment() -> dict[str, str]:
    inherited = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    base = {key: value for key, value in os.environ.items() if key not in inherited}
    return {
        **base,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x7Gq9-test-only-secret-kL2mN4pR6sT8vW0yZ1aB3cD5eF7gH9jKq",
        "ALLOWED_HOSTS": "sil.example.org",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'check.sqlite3'}"),
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "FIELD_ENCRYPTION_KEYS": "x1NtNmsM1vA0jXHnYy5Jw6WbLGrVbkCzQ6QcTWXRVQ4=",
    }


def test_check_deploy_passes_with_production_settings_without_any_warning_or_silenced_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=_production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stdout.strip() == "System check identified no issues (0 silenced).", result.stdout
    assert "WARNINGS" not in result.stderr
    assert "(security." not in result.stderr + result.stdout


def test_production_settings_turn_on_https_only_headers():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SILENCED_SYSTEM_CHECKS, "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**_production_environment(), "MAP_TILE_URL": "https://tiles.example.org/{z}/{x}/{y}.png"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "True 31536000 True True True True [] [\"'self'\", 'data:', 'https://tiles.example.org']"
    )
