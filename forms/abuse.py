"""Cheap defences against bots and floods: honeypot, minimum fill time, per-IP rate limit.

The rate limit counts in Django's cache (Redis in production, so every worker shares
the count); the fill time travels in a signed hidden field, so no session is needed.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
TOKEN_FIELD = "submission_token"  # noqa: S105 - a field name, not a secret
_SIGNER_SALT = "forms.started"


def client_ip(request) -> str:
    """The client's address; with SIL_FORMS_PROXY_COUNT proxies in front, read from X-Forwarded-For."""
    proxies = settings.SIL_FORMS_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(request, *, scope: str) -> bool:
    """Count this request; True once the address went over the limit in the current window."""
    return over_limit(
        scope=scope,
        identifier=client_ip(request),
        limit=settings.SIL_FORMS_RATE_LIMIT,
        window=settings.SIL_FORMS_RATE_WINDOW,
    )


def over_limit(*, scope: str, identifier: str, limit: int, window: int) -> bool:
    """Count one request of ``identifier`` (an address, an e-mail); True once over ``limit`` in the window.

    Shared by every public entry point that needs a flood limit (forms, the referrer sign-in).
    """
    if limit <= 0:
        return False
    # Hash the identifier: the cache key must not be a readable personal identifier.
    address = hashlib.sha256(identifier.encode()).hexdigest()[:32]
    key = f"forms:rate:{scope}:{address}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return False


def started_stamp() -> str:
    return signing.TimestampSigner(salt=_SIGNER_SALT).sign("form")


def filled_too_fast(stamp: str) -> bool:
    """True when the form came back sooner than a person could fill it in (or the stamp is forged)."""
    try:
        signing.TimestampSigner(salt=_SIGNER_SALT).unsign(stamp, max_age=settings.SIL_FORMS_STAMP_MAX_AGE)
    except signing.SignatureExpired:
        return False  # an old form is slow, not fast; the stale stamp is harmless
    except (signing.BadSignature, ValueError):
        return True
    return _age(stamp) < settings.SIL_FORMS_MIN_FILL_SECONDS


def _age(stamp: str) -> float:
    _value, timestamp, _signature = stamp.rsplit(":", 2)
    return time.time() - signing.b62_decode(timestamp)


def honeypot_filled(data) -> bool:
    return bool(data.get(HONEYPOT_FIELD))
