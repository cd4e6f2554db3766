"""/healthz reports database and broker reachability."""

import pytest
from django.db import connections

from core.selectors import broker_is_reachable, database_is_reachable


@pytest.mark.django_db
def test_healthz_is_ok_when_database_and_broker_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "broker": True}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # nothing listens on port 9
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": True, "broker": False}


@pytest.mark.django_db
def test_database_check_fails_on_an_unreachable_database():
    broken = connections.create_connection("default")
    wrong = {"NAME": "/nonexistent-folder/db.sqlite3"} if broken.vendor == "sqlite" else {"PORT": 9}
    broken.settings_dict = {**broken.settings_dict, **wrong}
    assert database_is_reachable(broken) is False
    assert database_is_reachable(connections["default"]) is True


def test_broker_check_is_true_for_the_configured_broker():
    assert broker_is_reachable() is True


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_suite_runs_on_postgresql_when_configured(client):
    assert connections["default"].vendor == "postgresql"
    with connections["default"].cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 130000
    assert client.get("/healthz").json()["database"] is True
