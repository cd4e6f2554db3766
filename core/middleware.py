"""The request id: one id per request, on the response and on every log line it causes.

Why: when a referral fails or a page is slow, the operator must find every log line and the
error report of that one request, without the log holding who the request was about. The
reverse proxy may send its own id (nginx's ``$request_id`` in ``X-Request-ID``), so the
proxy's access log and ours share it; a missing or odd-looking value is replaced by a new
one. At the end of the request one line is logged on ``sil.request`` (INFO, WARNING for 4xx, ERROR for 5xx): method,
path (secrets in it masked), status and duration — never the query string, the body or the user.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.utils.log import log_response

from core.logs import REDACTED, request_id_var, safe_path_var

logger = logging.getLogger("sil.request")

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
# URL arguments that are bearer secrets (a referrer's sign-in link, a submission's status key,
# Wagtail's password-reset token): their values are masked in logs and error reports.
SECRET_URL_ARGUMENTS = frozenset({"token", "key", "uidb64"})


def incoming_request_id(value: str | None) -> str:
    """The proxy's id when it looks like one, else a new random one."""
    if value and _SANE_REQUEST_ID.match(value):
        return value
    return uuid.uuid4().hex


def masked_path(path: str, kwargs: dict | None) -> str:
    """``path`` with the values of secret URL arguments replaced."""
    for name, value in (kwargs or {}).items():
        if name in SECRET_URL_ARGUMENTS and isinstance(value, str) and value:
            path = path.replace(value, REDACTED)
    return path


class RequestIdMiddleware:
    """First in ``MIDDLEWARE``, so every response (static files included) carries the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = incoming_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        id_token = request_id_var.set(request_id)
        path_token = safe_path_var.set(request.path)
        started = time.monotonic()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response[REQUEST_ID_HEADER] = request_id
            if 400 <= status < 500:  # a 5xx was logged with its traceback where it was raised
                # Django logs "Not Found: <path>" after the last middleware, outside the request
                # id's context and with the raw path: log it here instead (once, path masked).
                log_response("%s: %s", response.reason_phrase, safe_path_var.get(), response=response, request=request)
            return response
        finally:
            logger.log(
                logging.ERROR if status >= 500 else logging.WARNING if status >= 400 else logging.INFO,
                "%s %s %s",
                request.method,
                safe_path_var.get(),
                status,
                extra={
                    "method": request.method,
                    "path": safe_path_var.get(),
                    "status": status,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            safe_path_var.reset(path_token)
            request_id_var.reset(id_token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """The URL is resolved: mask its secret arguments for every later log line."""
        safe_path_var.set(masked_path(request.path, view_kwargs))
