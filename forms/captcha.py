"""The optional captcha of a form page: django-form-builder's picture and spoken characters.

django-form-builder draws the picture and speaks the characters (Italian or English
voices, shipped with it, no third-party service). We keep the answer out of the page: the
hidden token holds only a keyed hash of it, signed with a timestamp, and each token is
accepted once (the cache remembers used ones), so a solved captcha cannot be replayed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

ANSWER_FIELD = "captcha_answer"
TOKEN_FIELD = "captcha_token"  # noqa: S105 - a field name, not a secret
DIGITS = "23456789"  # easy to read and to hear; no 0/1 that look like O/I
LENGTH = 5
MAX_AGE = 15 * 60
_SALT = "forms.captcha"


@dataclass(frozen=True)
class Challenge:
    token: str
    image_data_uri: str
    audio_data_uri: str


def _digest(answer: str) -> str:
    key = hashlib.sha256(f"{_SALT}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, answer.strip().encode(), hashlib.sha256).hexdigest()


def new_text() -> str:
    return "".join(secrets.choice(DIGITS) for _index in range(LENGTH))


def new_challenge(language: str) -> Challenge:
    from django_form_builder.captcha import get_captcha

    text = new_text()
    image, audio = get_captcha(text=text, lang="it" if language == "it" else "en")
    image_bytes = image.getvalue() if hasattr(image, "getvalue") else bytes(image)
    token = signing.dumps({"d": _digest(text), "n": secrets.token_hex(8)}, salt=_SALT)
    return Challenge(
        token=token,
        image_data_uri="data:image/png;base64," + base64.b64encode(image_bytes).decode(),
        audio_data_uri="data:audio/wav;base64," + base64.b64encode(bytes(audio)).decode(),
    )


def solved(*, token: str, answer: str) -> bool:
    """True once for a right answer to an unexpired token; a token cannot be used twice."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    if not isinstance(payload, dict) or not hmac.compare_digest(str(payload.get("d", "")), _digest(answer)):
        return False
    used_key = "forms:captcha-used:" + hashlib.sha256(token.encode()).hexdigest()
    return cache.add(used_key, 1, timeout=MAX_AGE)
