"""The error hook: off without SENTRY_DSN; with one, events carry no cookies, body or personal data."""

import io
import json
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from django.conf import settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from sentry_sdk.transport import Transport

from config.urls import urlpatterns as project_urlpatterns
from core.sentry import before_send, init_sentry

# Built, not written out: the event's source context shows this file's lines, not these values.
SECRET_REASON = " ".join(["Diagnosi riservata:", "dipendenza", "da alcol"])
EMAIL = "@".join(["mario.rossi", "example.org"])
SESSION = "-".join(["s3ss10n", "c00k1e", "value"])
API_TOKEN = "-".join(["very", "secret", "api", "token"])
CLIENT_ADDRESS = ".".join(["10", "9", "8", "7"])
TOKEN = "tok3n" + "A" * 30


@csrf_exempt  # called through the WSGI application, which enforces CSRF unlike the test client
def broken_referral_view(request, token):
    reason = request.POST["reason"]  # a local variable holding personal data
    raise RuntimeError(f"referral store failed ({len(reason)} characters)")


# The project's URLs too: middleware reverses admin URLs on every request.
urlpatterns = [path("broken/<str:token>/", broken_referral_view), *project_urlpatterns]


class CapturingTransport(Transport):
    """Keeps the envelopes instead of sending them anywhere."""

    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)


@pytest.fixture
def sentry():
    transport = CapturingTransport()
    assert init_sentry(
        dsn="https://public@sentry.example.invalid/1", environment="test", traces_sample_rate=0.0, transport=transport
    )
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def test_sentry_is_off_without_a_dsn():
    assert settings.SENTRY_DSN == ""
    assert settings.SENTRY_TRACES_SAMPLE_RATE == 0.0
    assert not sentry_sdk.get_client().is_active()
    assert init_sentry(dsn="", environment="production", traces_sample_rate=0.0) is False
    assert not sentry_sdk.get_client().is_active()


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_error_event_has_no_cookies_body_query_or_local_variables(sentry):
    # Through the WSGI application, as gunicorn calls it: Sentry's WSGI layer adds the request.
    body = urlencode({"reason": SECRET_REASON, "email": EMAIL}).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": f"/broken/{TOKEN}/",
        "QUERY_STRING": urlencode({"email": EMAIL}),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": f"sessionid={SESSION}",
        "HTTP_AUTHORIZATION": f"Bearer {API_TOKEN}",
        "HTTP_USER_AGENT": "Mozilla/5.0 (a fingerprintable browser)",
        "HTTP_X_REQUEST_ID": "proxy-id-87654321",
        "REMOTE_ADDR": CLIENT_ADDRESS,
    }
    setup_testing_defaults(environ)
    statuses = []
    # As Django's test client does: keep the test's database connection open across the request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        b"".join(get_wsgi_application()(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    sentry_sdk.flush()

    assert statuses == ["500 Internal Server Error"]
    events = [item.payload.json for envelope in sentry.envelopes for item in envelope.items if item.type == "event"]
    event = next(event for event in events if "exception" in event)
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["tags"]["request_id"] == "proxy-id-87654321"
    assert event["request"]["method"] == "POST"
    assert event["request"]["url"] == "http://testserver/broken/[redacted]/"
    assert set(event["request"]["headers"]) == {"Host", "Content-Type", "Content-Length", "X-Request-Id"}
    serialized = json.dumps(events)
    for secret in (SECRET_REASON, EMAIL, SESSION, API_TOKEN, CLIENT_ADDRESS, TOKEN, "fingerprintable"):
        assert secret not in serialized, secret
    assert all("user" not in event for event in events)
    assert all("vars" not in frame for frame in event["exception"]["values"][-1]["stacktrace"]["frames"])


def test_before_send_strips_a_hand_made_event():
    event = {
        "request": {
            "method": "GET",
            "url": "https://sil.example.org/admin/cases/?q=Rossi",
            "query_string": "q=Rossi",
            "cookies": {"sessionid": SESSION},
            "data": {"reason": SECRET_REASON},
            "env": {"REMOTE_ADDR": CLIENT_ADDRESS},
            "headers": {"Cookie": SESSION, "User-Agent": "x", "Accept": "text/html"},
        },
        "user": {"email": EMAIL, "ip_address": CLIENT_ADDRESS},
        "extra": {"reason": SECRET_REASON},
        "exception": {
            "values": [
                {
                    "type": "IntegrityError",
                    "value": "DETAIL:  Key (tax_code)=(RSSMRA85T10A562S) already exists.",
                    "stacktrace": {"frames": [{"function": "f", "vars": {"reason": SECRET_REASON}}]},
                }
            ]
        },
        "breadcrumbs": {"values": [{"category": "query", "message": "SELECT 1", "data": {"params": [EMAIL]}}]},
    }

    cleaned = json.dumps(before_send(event))

    for secret in (SECRET_REASON, EMAIL, SESSION, CLIENT_ADDRESS, "Rossi", "RSSMRA85T10A562S", "User-Agent"):
        assert secret not in cleaned, secret
    assert '"Accept": "text/html"' in cleaned
