"""Configuration from the environment: clear errors, safe production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "x7Gq9-test-only-secret-kL2mN4pR6sT8vW0yZ1aB3cD5eF7gH9jK"


def _run(*args: str, **environment: str) -> subprocess.CompletedProcess:
    inherited = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {key: value for key, value in os.environ.items() if key not in inherited}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**base, **environment}, capture_output=True, text=True, timeout=120
    )


def _production(**environment: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": GOOD_SECRET,
        "ALLOWED_HOSTS": "sil.example.org",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'check.sqlite3'}"),
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "FIELD_ENCRYPTION_KEYS": "x1NtNmsM1vA0jXHnYy5Jw6WbLGrVbkCzQ6QcTWXRVQ4=",  # not the dev key
        **environment,
    }


def test_production_settings_pass_check_deploy_without_warnings():
    result = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **_production())
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    environment = _production()
    del environment["SECRET_KEY"]
    result = _run("manage.py", "check", **environment)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _run("manage.py", "check", **_production(SECRET_KEY="short"))
    assert result.returncode != 0
    assert "SECRET_KEY is too short" in result.stderr


def test_production_refuses_a_broker_that_is_not_redis():
    result = _run("manage.py", "check", **_production(CELERY_BROKER_URL="filesystem://"))
    assert result.returncode != 0
    assert "CELERY_BROKER_URL" in result.stderr


def test_seed_demo_refuses_to_run_with_production_settings():
    result = _run("manage.py", "seed_demo", **_production())
    assert result.returncode != 0
    assert "must never write demo data into a production database" in result.stderr


def test_a_malformed_variable_stops_start_up_naming_it():
    result = _run("manage.py", "check", DJANGO_SETTINGS_MODULE="config.settings.dev", DJANGO_DEBUG="perhaps")
    assert result.returncode != 0
    assert "DJANGO_DEBUG='perhaps' is not a boolean" in result.stderr


@pytest.mark.parametrize(
    ("helper", "value", "message"),
    [
        (env.env_bool, "maybe", "is not a boolean"),
        (env.env_int, "twelve", "is not a whole number"),
        (env.env_database, "mysql//nohost", "not a valid database URL"),
    ],
)
def test_env_helpers_name_the_variable_and_the_fix(monkeypatch, helper, value, message):
    monkeypatch.setenv("SIL_TEST_VARIABLE", value)
    arguments = ("SIL_TEST_VARIABLE", "sqlite:///x") if helper is env.env_database else ("SIL_TEST_VARIABLE",)
    with pytest.raises(ImproperlyConfigured, match=rf"SIL_TEST_VARIABLE.*{message}"):
        helper(*arguments)


def test_broker_errors_do_not_echo_the_url_and_its_password(monkeypatch):
    monkeypatch.setenv("CELERY_BROKER_URL", "amqp://user:s3cret@host/")
    with pytest.raises(ImproperlyConfigured) as error:
        env.env_url("CELERY_BROKER_URL", schemes=("redis",))
    assert "s3cret" not in str(error.value)
    assert "redis://" in str(error.value)


def test_env_helpers_parse_good_values(monkeypatch):
    monkeypatch.setenv("SIL_TEST_LIST", "a.example.org, b.example.org,")
    monkeypatch.setenv("SIL_TEST_BOOL", "Yes")
    assert env.env_list("SIL_TEST_LIST") == ["a.example.org", "b.example.org"]
    assert env.env_bool("SIL_TEST_BOOL") is True
    assert env.env_database("SIL_UNSET_VARIABLE", "postgres://u@db:5432/sil")["NAME"] == "sil"
