"""Structured logs: one JSON line per request with its id, nothing personal, task ids in Celery."""

import io
import json
import logging
import logging.config

import pytest
from celery import shared_task
from django.conf import settings
from django.urls import reverse

from core.logs import logging_config, scrub_text

pytestmark = pytest.mark.django_db

SECRET_REASON = "Diagnosi riservata: disturbo bipolare"
EMAIL = "mario.rossi@example.org"


@pytest.fixture
def json_logs():
    """The production logging configuration, writing to a buffer; lines parsed."""
    buffer = io.StringIO()
    config = logging_config(log_format="json", level="INFO")
    config["handlers"]["console"]["stream"] = buffer
    logging.config.dictConfig(config)

    def lines() -> tuple[list[dict], str]:
        raw = buffer.getvalue()
        return [json.loads(line) for line in raw.splitlines() if line.strip()], raw

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def _request_line(records: list[dict]) -> dict:
    found = [record for record in records if record["logger"] == "sil.request"]
    assert len(found) == 1, records
    return found[0]


def test_a_request_logs_one_json_line_with_its_id_and_no_body_or_query(client, json_logs):
    response = client.post(
        f"/healthz?email={EMAIL}", {"reason": SECRET_REASON, "email": EMAIL}, HTTP_X_REQUEST_ID="proxy-id-12345678"
    )

    assert response.status_code == 405
    assert response["X-Request-ID"] == "proxy-id-12345678"
    records, raw = json_logs()
    line = _request_line(records)
    assert line["request_id"] == "proxy-id-12345678"
    assert line["method"] == "POST"
    assert line["path"] == "/healthz"
    assert line["status"] == 405
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "WARNING"  # a 4xx
    assert "time" in line
    # Django's own warning about the refused method carries the same id.
    assert {record["request_id"] for record in records} == {"proxy-id-12345678"}
    assert SECRET_REASON not in raw
    assert EMAIL not in raw
    assert "example.org" not in raw


def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(client, json_logs):
    first = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\n<script>")
    second = client.get("/healthz")

    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert all(len(value) == 32 and int(value, 16) >= 0 for value in ids)
    assert ids[0] != ids[1]
    records, raw = json_logs()
    assert [record["request_id"] for record in records if record["logger"] == "sil.request"] == ids
    assert "<script>" not in raw


def test_secrets_in_urls_are_masked_in_the_log(client, json_logs):
    token = "tok3n-" + "A" * 40
    key = "st4tus-" + "B" * 40
    client.get(reverse("cases_referrer_sign_in", args=[token]))
    missing = client.get(reverse("forms_status", args=[key]))

    assert missing.status_code == 404
    records, raw = json_logs()
    assert token not in raw
    assert key not in raw
    paths = [record["path"] for record in records if record["logger"] == "sil.request"]
    assert all("[redacted]" in path for path in paths), paths
    # Every line of these requests, Django's own included, carries a request id.
    assert all(record["request_id"] for record in records), records
    # Django's "Not Found: <path>" warning gets the masked path too.
    assert any(record["logger"] == "django.request" and "[redacted]" in record["message"] for record in records)


def test_extra_keys_with_personal_data_are_redacted(json_logs):
    logging.getLogger("some.library").warning(
        "lookup failed", extra={"email": EMAIL, "tax_code": "RSSMRA85T10A562S", "request": object(), "rows": 3}
    )

    records, raw = json_logs()
    (line,) = records
    assert line["email"] == "[redacted]"
    assert line["tax_code"] == "[redacted]"
    assert line["rows"] == 3
    assert "request" not in line
    assert EMAIL not in raw


def test_database_errors_do_not_log_the_values_they_quote():
    detail = (
        'duplicate key value violates unique constraint "x"\nDETAIL:  Key (tax_code)=(RSSMRA85T10A562S) already exists.'
    )
    assert "RSSMRA85T10A562S" not in scrub_text(detail)
    assert "Key (tax_code)=([redacted])" in scrub_text(detail)


@shared_task(name="tests.core.log_inside_a_task")
def log_inside_a_task() -> None:
    logging.getLogger("tests.task").info("task ran")


def test_celery_task_logs_carry_the_task_id(json_logs):
    result = log_inside_a_task.apply()

    records, _raw = json_logs()
    line = next(record for record in records if record["logger"] == "tests.task")
    assert line["task_id"] == result.id
    assert line["request_id"] is None


def test_production_logs_json_and_an_unknown_format_is_refused():
    from tests.core.test_settings import _production, _run

    code = (
        "import logging; from django.conf import settings; "
        "print(settings.LOG_FORMAT); logging.getLogger('x').warning('hi')"
    )
    result = _run("manage.py", "shell", "--no-imports", "-c", code, **_production())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "json"
    assert json.loads(result.stderr.strip().splitlines()[-1])["message"] == "hi"

    refused = _run("manage.py", "check", **_production(LOG_FORMAT="xml"))
    assert refused.returncode != 0
    assert "LOG_FORMAT='xml' is not one of: json, text" in refused.stderr
