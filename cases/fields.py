"""Model fields encrypted at rest, for the health-related data of the people we serve.

Special-category data (invalidity percentage, the L. 381/91 disadvantage detail, health
notes) must not sit in clear text in the database or its backups. These fields encrypt
with Fernet (AES-128-CBC + HMAC, from ``cryptography``) through ``MultiFernet``: the first
key in ``settings.FIELD_ENCRYPTION_KEYS`` encrypts, every key decrypts, so a key can be
rotated by putting the new one first and re-saving the rows. Values are random per write,
so these columns cannot be searched or filtered: keep them out of filters and indexes.

A small field of our own rather than a library: the maintained options either pin old
Django versions or bring a key-management layer we do not need; this is ~50 lines on top
of ``cryptography``, which is already a dependency.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: encrypted fields need at least one key.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    """The MultiFernet of the configured keys (cached per key set, so settings overrides work in tests)."""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # Never echo the token or a value: say which configuration is wrong.
        raise ImproperlyConfigured(
            "An encrypted field cannot be decrypted with FIELD_ENCRYPTION_KEYS: is a key missing?"
        ) from None


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; an empty value is stored as an empty string (not secret)."""

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return self.to_python(decrypt(value))

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))


class EncryptedPositiveSmallIntegerField(EncryptedTextField):
    """A small whole number (e.g. an invalidity percentage) stored encrypted as text."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        return int(value)

    def get_prep_value(self, value):
        if value in (None, ""):
            return None
        return encrypt(str(int(value)))

    def formfield(self, **kwargs):
        from django import forms

        defaults = {"form_class": forms.IntegerField, "min_value": 0, "max_value": 100}
        defaults.update(kwargs)
        # Skip TextField.formfield, which would give a textarea.
        return models.Field.formfield(self, **defaults)
