"""Log lines an operator can search and ship, carrying no personal data.

Why this module exists: the product holds health data of vulnerable people, so a log line
must identify a request or a task (request id, Celery task id, method, path, status) and
never a person. Three pieces do that:

- context variables hold the id of the current request (``core.middleware``) and of the
  current Celery task (signals below); ``ContextFilter`` copies them onto every record;
- ``RedactFilter`` drops what a library may attach to a record (Django's ``request``
  object, whose repr carries the query string; extra keys such as ``email`` or ``password``)
  and masks the values PostgreSQL quotes in constraint errors (``Key (tax_code)=(...)``);
- ``logging_config`` builds ``settings.LOGGING`` for ``LOG_FORMAT=json`` (one JSON object per
  line, python-json-logger) or ``text`` (for a developer's terminal).
"""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
task_id_var: ContextVar[str | None] = ContextVar("task_id", default=None)
# The request's path with secrets in it (sign-in tokens, status keys) masked; set by the middleware.
safe_path_var: ContextVar[str | None] = ContextVar("safe_path", default=None)

REDACTED = "[redacted]"
# Keys that must never reach a log line with their value, whoever logs them (lower case, substrings).
SENSITIVE_KEY_PARTS = (
    "password",
    "passwd",
    "secret",
    "token",
    "authorization",
    "cookie",
    "session",
    "csrf",
    "email",
    "e_mail",
    "tax_code",
    "codice_fiscale",
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "address",
    "reason",
    "health",
    "invalidity",
    "body",
    "query_string",
)
# Attributes a record may carry that hold a whole object with personal data inside.
DROPPED_ATTRIBUTES = ("request", "data", "params")
# PostgreSQL's DETAIL of a unique or foreign-key violation quotes the offending values.
_KEY_VALUE = re.compile(r"(Key \([^)]*\))=\((.*?)\)(?= |$)", re.MULTILINE)
# Attributes every LogRecord has: never redacted, never reported as extras.
_STANDARD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


def is_sensitive_key(key: str) -> bool:
    lowered = key.lower()
    return any(part in lowered for part in SENSITIVE_KEY_PARTS)


def scrub_text(text: str) -> str:
    """Mask the values PostgreSQL puts in constraint errors (they may be a tax code or a name)."""
    return _KEY_VALUE.sub(rf"\1=({REDACTED})", text)


class ContextFilter(logging.Filter):
    """Put the current request id and Celery task id on every record (None outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        if getattr(record, "task_id", None) is None:
            record.task_id = task_id_var.get()
        return True


class RedactFilter(logging.Filter):
    """Remove personal data a library may attach to a record; the record itself is kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = record.__dict__.get("request")
        for name in DROPPED_ATTRIBUTES:
            record.__dict__.pop(name, None)
        for name in list(record.__dict__):
            if name not in _STANDARD_ATTRIBUTES and is_sensitive_key(name):
                record.__dict__[name] = REDACTED
        if isinstance(record.args, dict):
            record.args = {key: REDACTED if is_sensitive_key(str(key)) else value for key, value in record.args.items()}
        elif isinstance(record.args, tuple) and request is not None:
            # django.request logs "Not Found: %s" with request.path: use the masked path instead.
            raw_path, safe = getattr(request, "path", None), safe_path_var.get()
            if raw_path and safe and raw_path != safe:
                record.args = tuple(safe if argument == raw_path else argument for argument in record.args)
        if isinstance(record.msg, str) and "Key (" in record.msg:
            record.msg = scrub_text(record.msg)
        return True


def _json_formatter_class():
    from pythonjsonlogger.json import JsonFormatter

    class SilJsonFormatter(JsonFormatter):
        """One JSON object per line; tracebacks are scrubbed of quoted database values."""

        def formatException(self, ei) -> str:  # noqa: N802 - the logging API's name
            return scrub_text(super().formatException(ei))

    return SilJsonFormatter


class SilTextFormatter(logging.Formatter):
    """The developer's format: readable, with the request or task id when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        context = getattr(record, "request_id", None) or getattr(record, "task_id", None)
        record.context = f" [{context}]" if context else ""
        return super().format(record)

    def formatException(self, ei) -> str:  # noqa: N802 - the logging API's name
        return scrub_text(super().formatException(ei))


def json_formatter(**kwargs):
    """Factory named in ``settings.LOGGING`` (``()`` key), so python-json-logger loads lazily."""
    return _json_formatter_class()(**kwargs)


LOG_FORMATS = ("json", "text")


def logging_config(*, log_format: str, level: str) -> dict:
    """``settings.LOGGING`` for the given format; the loggers' levels are the project's."""
    if log_format not in LOG_FORMATS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"Environment variable LOG_FORMAT={log_format!r} is not one of: json, text.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "context": {"()": "core.logs.ContextFilter"},
            "redact": {"()": "core.logs.RedactFilter"},
        },
        "formatters": {
            "json": {
                "()": "core.logs.json_formatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(task_id)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            },
            "text": {
                "()": "core.logs.SilTextFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s%(context)s: %(message)s",
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": log_format,
                "filters": ["context", "redact"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Wagtail logs every page action and background search-index update at INFO.
            "wagtail": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
            # django-form-builder logs an ERROR at import for an optional import path it then finds.
            "django_form_builder": {"level": "CRITICAL"},
            # SQL with its parameters is logged at DEBUG: never, whatever LOG_LEVEL says.
            "django.db.backends": {"level": "INFO"},
        },
    }


def connect_celery_signals() -> None:
    """Give every log record of a Celery task the task's id (worker and eager runs alike)."""
    from celery.signals import task_postrun, task_prerun

    tokens: dict[str, object] = {}

    @task_prerun.connect(weak=False)
    def _task_started(task_id=None, **_kwargs) -> None:
        tokens[task_id] = task_id_var.set(task_id)

    @task_postrun.connect(weak=False)
    def _task_finished(task_id=None, **_kwargs) -> None:
        token = tokens.pop(task_id, None)
        if token is not None:
            try:
                task_id_var.reset(token)
            except ValueError:  # set in another context (a thread pool): just clear it
                task_id_var.set(None)
