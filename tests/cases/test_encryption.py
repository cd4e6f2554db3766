"""Health data is encrypted at rest: the database column never holds the clear value."""

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from cases.fields import decrypt
from cases.models import Person
from tests.factories.cases import PersonFactory

pytestmark = pytest.mark.django_db


def raw_row(person):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT invalidity_percentage, l381_detail, health_notes FROM cases_person WHERE id = %s", [person.pk]
        )
        return cursor.fetchone()


def test_the_columns_hold_no_clear_text_and_the_model_reads_it_back():
    person = PersonFactory(invalidity_percentage=67, l381_detail="psychiatric", health_notes="Diabete di tipo 1")
    columns = raw_row(person)
    for column, clear in zip(columns, ("67", "psychiatric", "Diabete di tipo 1"), strict=True):
        assert column.startswith("gAAAA")  # a Fernet token…
        assert decrypt(column) == clear  # …of the value
        if len(clear) > 3:  # two digits can occur in any base64 text by chance
            assert clear not in column
    fresh = Person.objects.get(pk=person.pk)
    assert (fresh.invalidity_percentage, fresh.l381_detail, fresh.health_notes) == (
        67,
        "psychiatric",
        "Diabete di tipo 1",
    )


def test_the_same_value_encrypts_differently_each_time():
    first = PersonFactory(health_notes="Uguale")
    second = PersonFactory(health_notes="Uguale")
    assert raw_row(first)[2] != raw_row(second)[2]


def test_empty_values_stay_empty():
    person = PersonFactory()
    assert raw_row(person) == (None, "", "")
    assert Person.objects.get(pk=person.pk).invalidity_percentage is None


def test_a_new_key_first_still_reads_old_rows(settings):
    person = PersonFactory(health_notes="Vecchia chiave")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.FIELD_ENCRYPTION_KEYS]
    assert Person.objects.get(pk=person.pk).health_notes == "Vecchia chiave"


def test_production_settings_refuse_to_start_without_keys(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SECRET_KEY", "x" * 10 + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH")
    monkeypatch.setenv("ALLOWED_HOSTS", "sil.example.org")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@localhost:5432/sil")
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://localhost:6379/0")
    monkeypatch.delenv("FIELD_ENCRYPTION_KEYS", raising=False)
    sys.modules.pop("config.settings.production", None)
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS"):
        importlib.import_module("config.settings.production")
    monkeypatch.setenv("FIELD_ENCRYPTION_KEYS", "wN__sAaoWZZqgdY3QiUsIUnT5mzUzpMEi01WtorR1K4=")
    sys.modules.pop("config.settings.production", None)
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS"):
        importlib.import_module("config.settings.production")
    sys.modules.pop("config.settings.production", None)
