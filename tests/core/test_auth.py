"""Staff sign-in hardening: second factor, recovery codes, reset, lockout, passwords, sessions.

Each test signs in the way a person does (password form, then the code form) unless it
only needs a signed-in session, which ``login_staff`` gives with the second factor done.
"""

import logging
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.middleware import SEEN_KEY
from cases.models import AuditEntry, StaffProfile
from cases.selectors import COORDINATORS_GROUP
from tests.factories.auth import login_staff, totp_code, totp_device
from tests.factories.network import DistrictFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Lavoro-Inclusione-2026!"
ADMIN = "/admin/"


@pytest.fixture(autouse=True)
def _fresh_caches():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _admin_access(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


@pytest.fixture
def staff(django_user_model):
    return _admin_access(django_user_model.objects.create_user(username="operatrice", password=PASSWORD, is_staff=True))


def _italian(msgid: str) -> str:
    with translation.override("it"):
        return gettext(msgid)


def _password_step(client, username="operatrice", password=PASSWORD, **extra):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, **extra)


def _code_step(client, code, next_url=ADMIN):
    return client.post(reverse("wagtail_2fa_auth"), {"otp_token": code, "next": next_url})


def _next_step_code(device):
    """A code of a later time step than the last one used (waits at most one step)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    while totp.t() <= device.last_t:
        time.sleep(0.5)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


# --- second factor ------------------------------------------------------------------------


def test_without_the_second_factor_the_admin_is_out_of_reach(client, staff):
    device = totp_device(staff)
    assert _password_step(client).status_code == 302
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtail_2fa_auth"))
    assert client.get(reverse("cases_list")).status_code == 302
    # The code step, in Italian, then the admin.
    page = client.get(reverse("wagtail_2fa_auth"))
    assert _italian("Type the code of your second factor") in page.text
    assert _code_step(client, totp_code(device)).status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_an_account_without_a_device_must_enrol_first(client, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the right code follows a wrong one at once
    assert _password_step(client).status_code == 302
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtail_2fa_device_new"))
    page = client.get(reverse("wagtail_2fa_device_new"))
    assert page.status_code == 200
    assert 'id="otp-secret-key"' in page.text
    assert "no-store" in page["Cache-Control"]
    # The only menu item of an account still enrolling is wagtail-2fa's, in Italian.
    assert "autenticazione a due fattori" in page.text
    assert "2FA Setup" not in page.text
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    qr_code = client.get(reverse("wagtail_2fa_device_qrcode"))
    assert qr_code.status_code == 200
    assert qr_code["Content-Type"] == "image/svg+xml"
    wrong = client.post(
        reverse("wagtail_2fa_device_new"), {"name": "Telefono", "otp_token": "000000", "password": PASSWORD}
    )
    assert wrong.status_code == 200
    assert client.get(ADMIN).status_code == 302
    key_before = client.session.session_key
    done = client.post(
        reverse("wagtail_2fa_device_new"),
        {"name": "Telefono", "otp_token": _next_step_code(device), "password": PASSWORD},
    )
    assert done.status_code == 302
    assert done.url == reverse("accounts_recovery_codes")
    assert client.session.session_key != key_before
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert client.get(ADMIN).status_code == 200


def test_session_key_changes_at_sign_in_and_after_the_second_factor(client, staff):
    device = totp_device(staff)
    client.get(reverse("wagtailadmin_login"))
    session = client.session
    session["visited"] = True
    session.save()
    anonymous_key = session.session_key
    _password_step(client)
    password_key = client.session.session_key
    assert password_key != anonymous_key
    _code_step(client, totp_code(device))
    assert client.session.session_key != password_key
    assert not Session.objects.filter(session_key__in=[anonymous_key, password_key]).exists()


def test_a_totp_code_is_refused_the_second_time(client, staff):
    device = totp_device(staff)
    code = totp_code(device)
    _password_step(client)
    assert _code_step(client, code).status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    other = Client()
    _password_step(other)
    again = _code_step(other, code)
    assert again.status_code == 200
    assert _italian("The code is not valid, or it was already used. Try the next code.") in again.text
    assert other.get(ADMIN).status_code == 302


def test_wrong_codes_throttle_the_code_step(client, staff, caplog, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a slow test machine must not outlast the wait
    device = totp_device(staff)
    _password_step(client)
    with caplog.at_level(logging.WARNING, logger="accounts"):
        assert _code_step(client, "123456").status_code == 200
    assert f"user id {staff.pk}" in caplog.text
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Right away, even the right code is refused: the device waits before checking again.
    refused = _code_step(client, totp_code(device))
    assert refused.status_code == 200
    assert client.get(ADMIN).status_code == 302
    device.refresh_from_db()
    device.throttling_failure_timestamp = timezone.now() - timedelta(minutes=1)
    device.save()
    assert _code_step(client, totp_code(device)).status_code == 302


def test_a_recovery_code_works_once(client, staff):
    login_staff(client, staff)
    page = client.post(reverse("accounts_recovery_codes"))
    assert "no-store" in page["Cache-Control"]
    codes = list(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in page.text for code in codes)
    # The codes are shown once: the page shows only how many are left afterwards.
    assert codes[0] not in client.get(reverse("accounts_recovery_codes")).text

    first = Client()
    _password_step(first)
    assert _code_step(first, codes[0].upper()).status_code == 302
    assert first.get(ADMIN).status_code == 200
    second = Client()
    _password_step(second)
    assert _code_step(second, codes[0]).status_code == 200
    assert second.get(ADMIN).status_code == 302
    assert StaticToken.objects.filter(device__user=staff).count() == 9
    # A wrong recovery code does not throttle the authenticator app.
    assert totp_device(staff).throttling_failure_count == 0


# --- coordinators reset a colleague's second factor ---------------------------------------


def _member(django_user_model, username, district, *, coordinator=False):
    user = _admin_access(django_user_model.objects.create_user(username=username, password=PASSWORD, is_staff=True))
    StaffProfile.objects.create(user=user).districts.set([district])
    if coordinator:
        user.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
    return user


def _refused(response):
    """Wagtail turns PermissionDenied in the admin into a redirect to the dashboard with a message."""
    assert response.status_code == 302
    assert response.url == ADMIN


def test_a_coordinator_resets_a_colleagues_second_factor_in_their_district(client, django_user_model, caplog):
    district, other_district = DistrictFactory(), DistrictFactory()
    coordinator = _member(django_user_model, "coordinatrice", district, coordinator=True)
    colleague = _member(django_user_model, "collega", district)
    stranger = _member(django_user_model, "lontano", other_district)
    totp_device(colleague)
    colleague_client = login_staff(Client(), colleague)
    login_staff(client, coordinator)

    listing = client.get(reverse("accounts_colleagues"))
    assert listing.status_code == 200
    url = reverse("accounts_second_factor_reset", args=[colleague.pk])
    assert url in listing.text
    assert reverse("accounts_second_factor_reset", args=[stranger.pk]) not in listing.text
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert TOTPDevice.objects.filter(user=colleague).exists()
    with caplog.at_level(logging.INFO, logger="accounts"):
        assert client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert AuditEntry.objects.filter(
        user=coordinator, object_id=colleague.pk, detail="auth.second_factor.reset"
    ).exists()
    assert "collega" not in caplog.text
    assert f"user id {colleague.pk}" in caplog.text
    # The colleague is signed out and must enrol again.
    assert colleague_client.get(ADMIN).status_code == 302
    fresh = Client()
    _password_step(fresh, username="collega")
    assert fresh.get(ADMIN).url.startswith(reverse("wagtail_2fa_device_new"))
    # Another district's colleague is out of reach.
    totp_device(stranger)
    _refused(client.post(reverse("accounts_second_factor_reset", args=[stranger.pk])))
    assert TOTPDevice.objects.filter(user=stranger).exists()


def test_a_colleague_who_is_not_coordinator_cannot_reset(client, django_user_model):
    district = DistrictFactory()
    worker = _member(django_user_model, "operatore", district)
    colleague = _member(django_user_model, "collega", district)
    totp_device(colleague)
    login_staff(client, worker)
    _refused(client.get(reverse("accounts_colleagues")))
    _refused(client.post(reverse("accounts_second_factor_reset", args=[colleague.pk])))
    assert TOTPDevice.objects.filter(user=colleague).exists()


# --- lockout --------------------------------------------------------------------------------


def test_too_many_failures_lock_out_even_with_the_right_password(client, staff, settings, caplog):
    assert settings.AXES_FAILURE_LIMIT == 5
    with caplog.at_level(logging.INFO):
        for _attempt in range(5):
            _password_step(client, password="sbagliata-del-tutto")
    locked = _password_step(client)
    assert locked.status_code == 429
    assert _italian("Sign-in temporarily blocked") in locked.text
    assert locked["Retry-After"] == str(15 * 60)
    assert "sbagliata-del-tutto" not in caplog.text
    assert client.get(ADMIN).status_code == 302  # not signed in
    # The lock holds for this username from this address only.
    assert _password_step(Client(), REMOTE_ADDR="10.1.2.3").status_code == 302


def test_the_lockout_reads_the_client_address_behind_the_proxy(client, staff, settings):
    settings.SIL_FORMS_PROXY_COUNT = 1
    for _attempt in range(5):
        _password_step(client, password="sbagliata", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert _password_step(client, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert _password_step(Client(), HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302


# --- passwords ------------------------------------------------------------------------------


def test_common_passwords_are_refused_on_user_creation_and_password_change(admin_client, admin_user):
    common = "qwerty123456"  # 12 characters, in Django's list of common (breached) passwords
    created = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "nuovo",
            "email": "nuovo@example.org",
            "first_name": "Nuovo",
            "last_name": "Utente",
            "password1": common,
            "password2": common,
        },
    )
    assert created.status_code == 200
    assert not admin_user.__class__.objects.filter(username="nuovo").exists()
    with translation.override("it"):
        assert gettext("This password is too common.") in created.text
    admin_user.set_password(PASSWORD)
    admin_user.save()
    login_staff(admin_client, admin_user)
    changed = admin_client.post(
        reverse("wagtailadmin_account"),
        {"password-old_password": PASSWORD, "password-new_password1": common, "password-new_password2": common},
    )
    admin_user.refresh_from_db()
    assert admin_user.check_password(PASSWORD)
    assert changed.status_code == 200
    with translation.override("it"):
        assert gettext("This password is too common.") in changed.text


# --- sessions -------------------------------------------------------------------------------


def test_a_deactivated_account_loses_its_sessions(client, staff):
    login_staff(client, staff)
    assert client.get(ADMIN).status_code == 200
    other = login_staff(Client(), staff)
    staff.is_active = False
    staff.save()
    assert not Session.objects.filter(expire_date__gt=timezone.now()).exists()
    assert client.get(ADMIN).status_code == 302
    assert other.get(reverse("cases_list")).status_code == 302


def test_an_old_cookie_is_refused_after_deactivation_even_if_the_session_row_survived(client, staff):
    login_staff(client, staff)
    staff.__class__.objects.filter(pk=staff.pk).update(is_active=False)  # no signal: the row stays
    assert Session.objects.exists()
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_sessions_expire_after_inactivity(client, staff, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    login_staff(client, staff)
    session = client.session
    session[SEEN_KEY] = int(time.time()) - 120
    session.save()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get(ADMIN).status_code == 200
    # Activity pushed the end back to a full idle period...
    renewed = Session.objects.get(session_key=client.session.session_key).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)
    # ...and a request within the minute costs no write.
    assert client.get(ADMIN).status_code == 200
    assert Session.objects.get(session_key=client.session.session_key).expire_date == renewed
    # Past the idle period the session is gone on the server.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_demo_accounts_get_the_demo_key_and_the_command_prints_the_code(django_user_model, settings):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from accounts.services import DEMO_TOTP_KEY, demo_devices_seed

    user = django_user_model.objects.create_user(username="demo-x", password=PASSWORD, is_staff=True)
    assert demo_devices_seed() == ["demo-x"]
    device = TOTPDevice.objects.get(user=user)
    assert device.key == DEMO_TOTP_KEY
    out = io.StringIO()
    call_command("demo_otp", "demo-x", stdout=out)
    assert out.getvalue().strip() == totp_code(device)
    settings.SEED_DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("demo_otp", "demo-x", stdout=io.StringIO())


# --- referrer portal (one-time e-mailed link) ----------------------------------------------

REFERRER = "giulia.bianchi@comune.example.it"


@pytest.fixture
def referral(db):
    """A referral from REFERRER; the sign-in e-mail task runs in the test's thread."""
    from config.celery_app import app
    from tests.factories.cases import ReferralFactory

    app.conf.task_always_eager = True
    yield ReferralFactory(referrer_email=REFERRER)
    app.conf.task_always_eager = False


def _referrer_link(client, capture) -> str:
    import re

    from django.core import mail

    with capture(execute=True):
        client.post(reverse("cases_referrer_link"), {"email": REFERRER})
    return re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)


def test_referrer_bad_links_from_one_address_are_throttled_and_logged(
    client, referral, settings, caplog, django_capture_on_commit_callbacks
):
    settings.SIL_REFERRER_BAD_LINKS_PER_ADDRESS = 3
    bad = reverse("cases_referrer_sign_in", args=["not-a-real-token-0123456789"])
    with caplog.at_level(logging.WARNING, logger="cases.referrer"):
        statuses = [client.post(bad).status_code for _attempt in range(4)]
    assert statuses == [400, 400, 400, 400]
    refusals = [record.getMessage() for record in caplog.records if record.name == "cases.referrer"]
    assert len(refusals) == 4
    assert all("not-a-real-token" not in message and "127.0.0.1" not in message for message in refusals)
    # Now even a good link is refused from this address, in Italian, without being used up...
    link = _referrer_link(client, django_capture_on_commit_callbacks)
    blocked = client.post(link)
    assert blocked.status_code == 429
    assert 'id="link-blocked"' in blocked.text
    # ...and it still works from another address.
    assert Client(REMOTE_ADDR="10.9.8.7").post(link).status_code == 302


def test_referrer_cookie_is_new_at_each_sign_in_and_renewed_while_used(
    client, referral, django_capture_on_commit_callbacks
):
    import time_machine

    from cases.referrer_access import COOKIE_NAME

    assert client.post(_referrer_link(client, django_capture_on_commit_callbacks)).status_code == 302
    first = client.cookies[COOKIE_NAME].value
    assert client.post(_referrer_link(client, django_capture_on_commit_callbacks)).status_code == 302
    second = client.cookies[COOKIE_NAME].value
    assert second != first
    referrals = reverse("cases_referrer_referrals")
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        assert client.get(referrals).status_code == 200  # activity renews the cookie
    with time_machine.travel(start + timedelta(minutes=40), tick=False):
        assert client.get(referrals).status_code == 200
    with time_machine.travel(start + timedelta(minutes=75), tick=False):
        response = client.get(referrals)  # 35 idle minutes: over the 30-minute limit
        assert response.status_code == 302
        assert response.url == reverse("cases_referrer_link")


def test_the_users_listing_offers_the_reset_to_a_superuser(admin_client, django_user_model):
    colleague = django_user_model.objects.create_user(username="collega", password=PASSWORD, is_staff=True)
    listing = admin_client.get(reverse("wagtailusers_users:index"))
    assert listing.status_code == 200
    assert reverse("accounts_second_factor_reset", args=[colleague.pk]) in listing.text
