"""Bad input from outside: refused with a 4xx, never a 500 (issue 8, "Bad input").

Oversized bodies, malformed headers, tampered cookies and traversal in download URLs,
sent to the real app through Django's test client. Each case asserts the status class
and, where a file is involved, that nothing outside storage is served.
"""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    settings.SIL_FORMS_MIN_FILL_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


def test_a_modified_after_offset_beyond_postgresqls_range_is_a_400_not_a_500(client):
    # Found by the fuzzer: Python accepts offsets up to ±23:59, PostgreSQL only ±15:59.
    response = client.get("/api/hsds/organizations", {"modified_after": "2026-01-16T03:38:46-18:50"})
    assert response.status_code == 200  # a valid instant, compared in UTC
    response = client.get("/api/hsds/organizations", {"modified_after": "0001-01-01T00:00:00+18:50"})
    assert response.status_code == 400


def test_an_unknown_lang_and_an_odd_slug_get_the_form_apis_json_answers(client):
    assert client.get("/api/forms/", {"lang": "xx"}).status_code == 400
    odd = client.get("/api/forms/%C3%B5%3C/schema")
    assert odd.status_code == 404
    assert odd["Content-Type"] == "application/json"
    assert client.get("/api/forms/nothing/here/at/all")["Content-Type"] == "application/json"


def test_a_body_over_the_upload_limit_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"reason": "x" * 4096})
    response = client.post("/api/forms/segnalazione/submissions", data=body, content_type="application/json")
    assert 400 <= response.status_code < 500


def test_too_many_fields_are_refused(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"f{i}": "x" for i in range(50)}
    response = client.post("/api/forms/segnalazione/submissions", data=data)
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_HOST": "evil.example.com"},
        {"HTTP_ACCEPT_LANGUAGE": "\x00;;q=zz,,--" * 50},
        {"HTTP_X_FORWARDED_FOR": "not-an-ip, ,::::"},
        {"HTTP_IDEMPOTENCY_KEY": "k" * 500},
    ],
)
def test_malformed_headers_are_never_a_500(client, headers):
    response = client.post("/api/forms/segnalazione/submissions", data="{}", content_type="application/json", **headers)
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    "cookies",
    [
        {"sessionid": "garbage!!"},
        {"csrftoken": "\u00e9" * 10},
        {"sil_referrer": "1:forged:signature"},
        {"sessionid": "a" * 10_000},
    ],
)
def test_malformed_cookies_are_anonymous(client, cookies):
    for name, value in cookies.items():
        client.cookies[name] = value
    assert client.get("/admin/").status_code == 302  # to the login page: anonymous
    assert client.get("/referrers/referrals/").status_code in (302, 404)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/forms/attachments/..%2f..%2fetc%2fpasswd/",
        "/admin/cases/1/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd/",
        "/admin/cases/1/reports/%00/pdf/",
        "/admin/imports/1/rejected.%2e%2e%2fpasswd",
        "/media/..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
    ],
)
def test_traversal_in_download_urls_serves_no_file(client, path):
    response = client.get(path)
    assert response.status_code in (301, 302, 400, 404)  # 301: APPEND_SLASH, to a URL that is a 404
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"root:" not in body
