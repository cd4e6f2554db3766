"""Writes of the staff sign-in rules: recovery codes, second-factor reset, ending sessions.

Each write that changes how someone signs in leaves an audit entry (references only) and a
log line with ids, never names or codes.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("accounts")

# The demo accounts' shared TOTP key (RFC 6238's test key "12345678901234567890"; base32
# GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ). Only dev and test settings ever give it to anyone.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
RECOVERY_CODES = 10
RECOVERY_DEVICE_NAME = "recovery"


@transaction.atomic
def recovery_codes_generate(*, user) -> list[str]:
    """Replace the user's recovery codes with ten new one-use codes, returned once in clear."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    device.throttle_reset(commit=False)
    device.confirmed = True
    device.save()
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    logger.info("accounts: recovery codes regenerated for user id %s", user.pk)
    return codes


@transaction.atomic
def second_factor_reset(*, by, user) -> int:
    """Delete every OTP device of ``user`` (authenticator and recovery codes) and end their sessions.

    The caller checks ``can_reset_second_factor`` first. The colleague enrols again at the
    next sign-in. Returns the number of devices removed.
    """
    from django_otp import devices_for_user

    from cases.models import AuditEntry
    from cases.services import audit_record

    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    audit_record(
        user=by,
        action=AuditEntry.Action.CHANGE,
        object_type="user",
        object_id=user.pk,
        object_reference=f"user #{user.pk}",
        district_id=None,
        detail="auth.second_factor.reset",
    )
    transaction.on_commit(lambda: user_sessions_end(user=user))
    logger.info("accounts: second factor reset for user id %s by user id %s (%s devices)", user.pk, by.pk, removed)
    return removed


def user_sessions_end(*, user) -> int:
    """Delete every live session of ``user`` through the session engine (database and cache)."""
    from django.conf import settings

    store_class = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    user_id = str(user.pk)
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            store_class(session_key=session.session_key).delete()
            ended += 1
    if ended:
        logger.info("accounts: %s sessions ended for user id %s", ended, user.pk)
    return ended


def demo_devices_seed(*, key_hex: str = DEMO_TOTP_KEY) -> list[str]:
    """Give every active staff account without a second factor the fixed demo TOTP key (dev/test only)."""
    from django.conf import settings
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not settings.SEED_DEMO_ALLOWED:
        raise RuntimeError("Demo second factors are for development and test settings only.")
    created = []
    for user in get_user_model().objects.filter(is_active=True, is_staff=True).order_by("pk"):
        if not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="demo", key=key_hex, confirmed=True)
            created.append(user.get_username())
    return created
