"""Password-less access of referring workers to their own referrals.

Referring workers (social services, mental-health centres, job centres) send a few people
a year each and will not keep a password for us. They type their work e-mail, receive a
one-time link valid for ``SIL_REFERRER_LINK_MINUTES`` and, once they open it, see the
referrals whose ``referrer_email`` is that address, with the steps the status page shows.

Rules kept here, in one place:
- the answer to a link request is the same whether or not the address sent referrals, so
  the page cannot tell a stranger who works with us;
- only the SHA-256 of a token is stored; a token works once and expires;
- the session is a signed cookie of its own holding the sign-in id, not a Django login, so
  it never mixes with staff admin sessions; signing out ends it on the server too;
- each sign-in has its own id, so the cookie is new at every sign-in; it is signed again at
  every page and refused once its signature is older than ``SIL_REFERRER_IDLE_MINUTES``
  (idle expiry), and the sign-in itself ends ``SIL_REFERRER_SESSION_HOURS`` after the link
  was used (absolute expiry);
- one client address that keeps sending unknown, used or expired links is stopped (429)
  after ``SIL_REFERRER_BAD_LINKS_PER_ADDRESS`` in a window, and each refusal is logged;
- a referral of another referrer is a 404, and the refusal goes to the audit log.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from functools import partial
from urllib.parse import urljoin

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.models import AuditEntry, Referral, ReferralEvent, ReferrerSignIn

logger = logging.getLogger("cases.referrer")

COOKIE_NAME = "sil_referrer"
COOKIE_SALT = "cases.referrer_access"
KEEP_SIGN_INS_DAYS = 30


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_max_age() -> int:
    return settings.SIL_REFERRER_SESSION_HOURS * 3600


def session_idle_seconds() -> int:
    return min(settings.SIL_REFERRER_IDLE_MINUTES * 60, session_max_age())


def _blocked_key(address: str) -> str:
    return "referrer:bad-links:blocked:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def bad_links_blocked(*, address: str) -> bool:
    """Whether this client address is stopped for sending too many unusable links."""
    return cache.get(_blocked_key(address)) is not None


def bad_link_record(*, address: str) -> bool:
    """Count one unusable link from ``address`` (logged without it); True once it is stopped."""
    from forms.abuse import over_limit

    window = settings.SIL_REFERRER_RATE_WINDOW
    over = over_limit(
        scope="referrer-bad-link",
        identifier=address,
        limit=settings.SIL_REFERRER_BAD_LINKS_PER_ADDRESS,
        window=window,
    )
    logger.warning("referrer sign-in refused: unknown, used or expired link%s", " (client stopped)" if over else "")
    if over:
        cache.set(_blocked_key(address), 1, timeout=window)
    return over


# --- services ----------------------------------------------------------------------------


def referrer_sign_in_request(*, email: str, language: str) -> None:
    """E-mail a sign-in link if the address sent any referral; do nothing otherwise.

    The caller answers the same in both cases. The link is e-mailed after commit, through
    the shared e-mail task, so the request costs the same whether or not a link is sent.
    """
    email = normalise_email(email)
    # Keep no trace of old sign-ins (they hold a worker's address) beyond what security needs.
    ReferrerSignIn.objects.filter(created_at__lt=timezone.now() - timedelta(days=KEEP_SIGN_INS_DAYS)).delete()
    if not Referral.objects.filter(referrer_email__iexact=email).exists():
        return
    token = secrets.token_urlsafe(32)
    minutes = settings.SIL_REFERRER_LINK_MINUTES
    ReferrerSignIn.objects.create(
        email=email, token_hash=_hash(token), expires_at=timezone.now() + timedelta(minutes=minutes)
    )
    with translation.override(language):
        link = urljoin(settings.WAGTAILADMIN_BASE_URL, reverse("cases_referrer_sign_in", args=[token]))
        message = {
            "subject": _("Your link to follow your referrals"),
            "body": _(
                "You asked to see the referrals you sent to the work-inclusion service.\n\n"
                "Open this link within %(minutes)s minutes; it works only once:\n%(link)s\n\n"
                "If you did not ask for it, ignore this message: nobody can sign in without the link.\n"
            )
            % {"minutes": minutes, "link": link},
            "to": [email],
        }
    transaction.on_commit(partial(_enqueue_email, message))


def _enqueue_email(message: dict) -> None:
    from core.tasks import send_email

    send_email.delay(**message)


def referrer_sign_in_consume(*, token: str) -> ReferrerSignIn | None:
    """Use the token once: the sign-in it belongs to, or None if unknown, used or expired."""
    now = timezone.now()
    sign_in = ReferrerSignIn.objects.filter(token_hash=_hash(token), used_at__isnull=True, expires_at__gt=now).first()
    if sign_in is None:
        return None
    # The conditional update makes a double click (or two tabs) use the token only once.
    if not ReferrerSignIn.objects.filter(pk=sign_in.pk, used_at__isnull=True).update(used_at=now):
        return None
    sign_in.used_at = now
    return sign_in


def referrer_sign_out(*, sign_in: ReferrerSignIn) -> None:
    ReferrerSignIn.objects.filter(pk=sign_in.pk, ended_at__isnull=True).update(ended_at=timezone.now())


def set_session_cookie(response, *, sign_in: ReferrerSignIn) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        str(sign_in.pk),
        salt=COOKIE_SALT,
        max_age=session_idle_seconds(),
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )


def delete_session_cookie(response) -> None:
    response.delete_cookie(COOKIE_NAME, samesite="Lax")


# --- selectors ---------------------------------------------------------------------------


def referrer_current(request) -> ReferrerSignIn | None:
    """The open sign-in of this browser: signed cookie recently renewed, link used, not signed out, not too old."""
    try:
        value = request.get_signed_cookie(COOKIE_NAME, salt=COOKIE_SALT, max_age=session_idle_seconds())
    except (KeyError, signing.BadSignature):
        return None
    if not value.isdigit():
        return None
    return ReferrerSignIn.objects.filter(
        pk=int(value),
        used_at__gt=timezone.now() - timedelta(seconds=session_max_age()),
        ended_at__isnull=True,
    ).first()


def referrals_for_referrer(*, email: str) -> QuerySet[Referral]:
    """The referrals sent from this address, newest first, with their steps prefetched."""
    return (
        Referral.objects.filter(referrer_email__iexact=email)
        .only("pk", "reference", "status", "referring_service", "received_at", "district_id")
        .prefetch_related(Prefetch("events", queryset=ReferralEvent.objects.order_by("at", "pk")))
        .order_by("-received_at", "-pk")
    )


def referral_for_referrer(*, email: str, reference: str) -> Referral:
    """One referral of this referrer; any other (or none) is a 404, and the refusal is logged."""
    from cases.services import audit_record

    referral = referrals_for_referrer(email=email).filter(reference=reference).first()
    if referral is not None:
        audit_record(
            user=None,
            action=AuditEntry.Action.VIEW,
            object_type="referral",
            object_id=referral.pk,
            object_reference=referral.reference,
            district_id=referral.district_id,
            detail="referrer.view",
        )
        return referral
    other = Referral.objects.filter(reference=reference).only("pk", "reference", "district_id").first()
    audit_record(
        user=None,
        action=AuditEntry.Action.DENIED,
        object_type="referral",
        object_id=other.pk if other else None,
        object_reference=other.reference if other else "",
        district_id=other.district_id if other else None,
        detail="referrer.view",
    )
    raise Http404
