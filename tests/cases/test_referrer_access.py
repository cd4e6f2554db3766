"""The referrer sign-in: a one-time e-mailed link, then the referrer's own referrals only."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from cases import services
from cases.models import AuditEntry, ReferrerSignIn
from cases.referrer_access import COOKIE_NAME
from tests.factories.cases import ReferralFactory

pytestmark = pytest.mark.django_db

MINE = "giulia.bianchi@comune.example.it"
THEIRS = "paolo.verdi@cps.example.it"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def my_referral(db):
    return ReferralFactory(referrer_email="Giulia.Bianchi@comune.example.it", first_name="Mariangela")


@pytest.fixture
def their_referral(db):
    return ReferralFactory(referrer_email=THEIRS, first_name="Ottavio")


def _ask(client, email, capture, **extra):
    with capture(execute=True):
        return client.post(reverse("cases_referrer_link"), {"email": email}, **extra)


def _link_from_outbox() -> str:
    return re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)


def _sign_in(client, capture) -> str:
    _ask(client, MINE, capture)
    link = _link_from_outbox()
    response = client.post(link)
    assert response.status_code == 302
    assert response.url == reverse("cases_referrer_referrals")
    return link


def test_a_known_address_gets_a_single_use_link_and_an_unknown_one_the_same_answer(
    client, my_referral, django_capture_on_commit_callbacks
):
    known = _ask(client, MINE, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [MINE]
    unknown = _ask(client, "nobody@example.org", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # nothing sent to an address without referrals
    assert known.status_code == unknown.status_code == 200
    assert 'id="link-sent"' in known.text
    assert 'id="link-sent"' in unknown.text
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub("", known.text).replace(MINE, "X") == csrf.sub("", unknown.text).replace("nobody@example.org", "X")
    # No personal data of the referred person in the e-mail.
    assert "Mariangela" not in mail.outbox[0].body
    assert my_referral.reference not in mail.outbox[0].body


def test_only_the_hash_of_the_token_is_stored(client, my_referral, django_capture_on_commit_callbacks):
    _ask(client, MINE, django_capture_on_commit_callbacks)
    token = _link_from_outbox().rstrip("/").rsplit("/", 1)[-1]
    sign_in = ReferrerSignIn.objects.get()
    assert sign_in.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in sign_in.token_hash


def test_the_link_opens_the_referrers_own_referrals_with_their_steps(
    client, my_referral, their_referral, district, manager, django_capture_on_commit_callbacks
):
    services.referral_acknowledge(referral=my_referral, by=manager, district=district)
    _ask(client, MINE, django_capture_on_commit_callbacks)
    link = _link_from_outbox()
    # Opening the link (e.g. a mail scanner) does not use it up: only the button does.
    assert 'id="referrer-sign-in"' in client.get(link).text
    assert client.post(link).status_code == 302

    response = client.get(reverse("cases_referrer_referrals"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert my_referral.reference in response.text
    assert their_referral.reference not in response.text
    assert str(services.STEP_LABELS["acknowledged"]) in response.text
    for personal in ("Mariangela", my_referral.last_name, my_referral.tax_code, my_referral.reason):
        assert personal not in response.text
    assert response.wsgi_request.user.is_anonymous  # not a Django login: no mix with staff sessions
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    detail = client.get(reverse("cases_referrer_referral", args=[my_referral.reference]))
    assert detail.status_code == 200
    assert (
        detail.text.split('id="referral-history"', 1)[1].split("</div>", 1)[0].count("<li>") == 1
    )  # the factory records no "received" step
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.VIEW, object_id=my_referral.pk, detail="referrer.view"
    ).exists()


def test_a_link_works_once(client, my_referral, django_capture_on_commit_callbacks):
    link = _sign_in(client, django_capture_on_commit_callbacks)
    client.cookies.clear()
    again = client.post(link)
    assert again.status_code == 400
    assert 'id="link-invalid"' in again.text
    assert client.get(reverse("cases_referrer_referrals")).status_code == 302


def test_an_expired_link_is_refused(client, my_referral, django_capture_on_commit_callbacks):
    _ask(client, MINE, django_capture_on_commit_callbacks)
    ReferrerSignIn.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(_link_from_outbox())
    assert response.status_code == 400
    assert COOKIE_NAME not in response.cookies


def test_the_link_lifetime_comes_from_the_settings(client, my_referral, settings, django_capture_on_commit_callbacks):
    settings.SIL_REFERRER_LINK_MINUTES = 5
    before = timezone.now()
    _ask(client, MINE, django_capture_on_commit_callbacks)
    lifetime = ReferrerSignIn.objects.get().expires_at - before
    assert timedelta(minutes=4) < lifetime <= timedelta(minutes=5, seconds=5)
    assert "5" in mail.outbox[-1].body


def test_another_referrers_referral_is_a_404_and_is_logged(
    client, my_referral, their_referral, django_capture_on_commit_callbacks
):
    _sign_in(client, django_capture_on_commit_callbacks)
    response = client.get(reverse("cases_referrer_referral", args=[their_referral.reference]))
    assert response.status_code == 404
    assert 'id="referral-status"' not in response.text
    assert their_referral.referring_service not in response.text
    denied = AuditEntry.objects.get(action=AuditEntry.Action.DENIED)
    assert denied.object_id == their_referral.pk
    assert denied.object_type == "referral"
    assert denied.detail == "referrer.view"
    # A reference that does not exist: the same 404, logged too.
    assert client.get(reverse("cases_referrer_referral", args=["SIL-NOPE"])).status_code == 404
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DENIED).count() == 2


def test_a_forged_or_missing_session_sees_nothing(client, my_referral, their_referral):
    assert client.get(reverse("cases_referrer_referrals")).url == reverse("cases_referrer_link")
    client.cookies[COOKIE_NAME] = "1"
    assert client.get(reverse("cases_referrer_referrals")).status_code == 302
    response = client.get(reverse("cases_referrer_referral", args=[their_referral.reference]))
    assert response.status_code == 302
    assert response.url == reverse("cases_referrer_link")


def test_signing_out_ends_the_session_on_the_server(client, my_referral, django_capture_on_commit_callbacks):
    _sign_in(client, django_capture_on_commit_callbacks)
    stolen = client.cookies[COOKIE_NAME].value
    response = client.post(reverse("cases_referrer_sign_out"))
    assert response.status_code == 302
    assert client.cookies[COOKIE_NAME].value == ""
    client.cookies[COOKIE_NAME] = stolen
    assert client.get(reverse("cases_referrer_referrals")).status_code == 302
    assert ReferrerSignIn.objects.get().ended_at is not None


def test_requests_are_limited_per_address_and_per_client(
    client, my_referral, settings, django_capture_on_commit_callbacks
):
    settings.SIL_REFERRER_LINKS_PER_EMAIL = 2
    settings.SIL_REFERRER_LINKS_PER_ADDRESS = 4
    statuses = [_ask(client, MINE, django_capture_on_commit_callbacks).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert len(mail.outbox) == 2
    # Another address from the same client: allowed until the client's limit.
    assert _ask(client, "other@example.org", django_capture_on_commit_callbacks).status_code == 200
    assert _ask(client, "third@example.org", django_capture_on_commit_callbacks).status_code == 429
    # Another client for a fresh address is not affected.
    response = _ask(client, "fourth@example.org", django_capture_on_commit_callbacks, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 200


def test_a_malformed_address_gets_a_clear_error(client):
    response = client.post(reverse("cases_referrer_link"), {"email": "giulia"})
    assert response.status_code == 400
    assert "is-invalid" in response.text


def test_the_pages_exist_in_english_under_en(client, my_referral, django_capture_on_commit_callbacks):
    with translation.override("en"):
        url = reverse("cases_referrer_link")
    assert url.startswith("/en/")
    response = client.get(url)
    assert response.status_code == 200
    assert "Follow your referrals" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": MINE})
    assert "/en/" in mail.outbox[-1].body


def test_old_sign_ins_are_deleted(client, django_capture_on_commit_callbacks):
    old = ReferrerSignIn.objects.create(email=MINE, token_hash="0" * 64, expires_at=timezone.now())
    recent = ReferrerSignIn.objects.create(email=MINE, token_hash="1" * 64, expires_at=timezone.now())
    ReferrerSignIn.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    _ask(client, "nobody@example.org", django_capture_on_commit_callbacks)
    assert list(ReferrerSignIn.objects.values_list("pk", flat=True)) == [recent.pk]
