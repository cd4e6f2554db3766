"""The reason for a referral may describe health: it is stored encrypted, and old rows get encrypted."""

import importlib

import pytest
from django.db import connection

from cases.fields import fernet
from cases.models import Referral
from tests.factories.cases import ReferralFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("cases.migrations.0007_referrer_access_reason")
PLAIN = "Segue una terapia per la depressione."


def _raw(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM cases_referral WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def _set_raw(pk: int, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_referral SET reason = %s WHERE id = %s", [value, pk])


def test_the_reason_is_not_in_clear_in_the_database():
    referral = ReferralFactory(reason=PLAIN)
    assert PLAIN not in _raw(referral.pk)
    assert fernet().decrypt(_raw(referral.pk).encode()).decode() == PLAIN
    assert Referral.objects.get(pk=referral.pk).reason == PLAIN


def test_the_data_migration_encrypts_old_rows_once_and_reverses():
    referral = ReferralFactory(reason="placeholder")
    already = ReferralFactory(reason="Già cifrato.")
    _set_raw(referral.pk, PLAIN)  # a row written before the field was encrypted
    already_token = _raw(already.pk)

    with connection.schema_editor() as editor:
        migration.encrypt_reasons(None, editor)
        migration.encrypt_reasons(None, editor)  # a second run changes nothing
    assert _raw(referral.pk) != PLAIN
    assert Referral.objects.get(pk=referral.pk).reason == PLAIN
    assert _raw(already.pk) == already_token

    with connection.schema_editor() as editor:
        migration.decrypt_reasons(None, editor)
    assert _raw(referral.pk) == PLAIN
    assert _raw(already.pk) == "Già cifrato."
