"""Error reports to Sentry (or a compatible server such as GlitchTip), off unless SENTRY_DSN is set.

Why: an unhandled error should reach the operator with its stack trace and request id, but an
error report is a copy of the request sent to a third party, and our requests carry health
data of vulnerable people. So the SDK runs without default PII (``send_default_pii`` unset,
i.e. False), no request bodies, no local variables, and ``before_send`` keeps only what
identifies the fault: the method, the path (secrets masked), a short list of harmless
headers, the request id, the stack trace with PostgreSQL's quoted values masked. Cookies,
query strings, the user, the client address and breadcrumb data are removed.
"""

from __future__ import annotations

from typing import Any

from core.logs import request_id_var, safe_path_var, scrub_text, task_id_var

# Request headers worth keeping in a report: none of them says who the user is.
SAFE_HEADERS = frozenset({"accept", "accept-language", "content-length", "content-type", "host", "x-request-id"})


def _scrub_request(request: dict[str, Any]) -> dict[str, Any]:
    url = request.get("url") or ""
    safe_path = safe_path_var.get()
    if safe_path and "://" in url:
        scheme_host = url.split("://", 1)[0] + "://" + url.split("://", 1)[1].split("/", 1)[0]
        url = scheme_host + safe_path
    headers = {name: value for name, value in (request.get("headers") or {}).items() if name.lower() in SAFE_HEADERS}
    return {"method": request.get("method"), "url": url.split("?", 1)[0], "headers": headers}


def before_send(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Strip an event down to what locates the fault; called by the SDK for every error event."""
    if "request" in event:
        event["request"] = _scrub_request(event["request"])
    event.pop("user", None)
    event.pop("server_name", None)  # the host name is harmless but says nothing useful behind a proxy
    for exception in (event.get("exception") or {}).get("values") or []:
        if isinstance(exception.get("value"), str):
            exception["value"] = scrub_text(exception["value"])
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    if isinstance(event.get("logentry"), dict):
        event["logentry"].pop("params", None)
    breadcrumbs = event.get("breadcrumbs")
    if isinstance(breadcrumbs, dict):
        for crumb in breadcrumbs.get("values") or []:
            crumb.pop("data", None)
    event.pop("extra", None)
    tags = event.setdefault("tags", {})
    for name, variable in (("request_id", request_id_var), ("celery_task_id", task_id_var)):
        if variable.get():
            tags[name] = variable.get()
    return event


def init_sentry(*, dsn: str, environment: str, traces_sample_rate: float, **options: Any) -> bool:
    """Start the SDK when ``dsn`` is set; return whether it was started. ``options`` are for tests."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        # send_default_pii is left unset, which is False: sentry-sdk 2.75 deprecates passing it in
        # favour of data_collection, and leaving both unset keeps the PII-free defaults plus the
        # SDK's own EventScrubber (a data_collection dict would switch that scrubber off).
        max_request_body_size="never",
        include_local_variables=False,
        include_source_context=True,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        before_send=before_send,
        before_send_transaction=_scrub_transaction,
        **options,
    )
    return True


def _scrub_transaction(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Performance traces (SENTRY_TRACES_SAMPLE_RATE > 0) carry a request too: same treatment."""
    if "request" in event:
        event["request"] = _scrub_request(event["request"])
    event.pop("user", None)
    for span in event.get("spans") or []:
        span.pop("data", None)
    return event
