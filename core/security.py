"""Security headers that depend on the request: the CSP of the admin, its nonce, and no-store.

Why: the static headers (HSTS, nosniff, Referrer-Policy, Cross-Origin-Opener-Policy) come
from Django's SecurityMiddleware and Permissions-Policy from django-permissions-policy; the
two things below need the request.

- ``ContentSecurityPolicyMiddleware``: django-csp's middleware, with the admin's small
  difference (``config/csp.py``: inline styles, blob: image previews, same-origin framing of
  the preview) applied under /admin/ only, and the request's nonce made available to code
  that renders without the request: Wagtail's form widgets and panels print a few inline
  ``<script>`` elements, which ``core/templates/wagtailadmin/…`` and ``patch_wagtail_choosers``
  give the nonce. Only those known scripts get it, never the rest of the page, so a script
  smuggled into the HTML still does not run.
- ``NoStoreMiddleware``: ``Cache-Control: no-store`` on every response that may show personal
  data: the whole admin (its pages and private downloads: case documents, report PDFs, form
  attachments, import files, dashboard exports), the referrers' portal and the submission
  status pages, plus any response a view marks with ``mark_personal_data``. Public pages
  stay cacheable.
"""

from __future__ import annotations

from contextvars import ContextVar

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from config.csp import ADMIN_POLICY_REPLACE, ADMIN_POLICY_UPDATE

_request_nonce: ContextVar[object | None] = ContextVar("sil_csp_nonce", default=None)

NO_STORE = "no-store, private"


def current_csp_nonce() -> str:
    """The CSP nonce of the request being answered ("" outside a request).

    Reading it makes django-csp put the nonce in the response's header.
    """
    nonce = _request_nonce.get()
    return str(nonce) if nonce is not None else ""


def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_request(request) -> bool:
    """An admin URL, or the request Wagtail's preview makes up to render a draft in the admin.

    The preview (``PreviewableMixin.make_preview_request``) runs a dummy request for the
    page's own public URL through the whole middleware stack, flagged ``is_dummy``; its
    response is shown in the admin's preview iframe, so it gets the admin's policy.
    """
    return getattr(request, "is_dummy", False) or request.path_info.startswith(admin_prefix())


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under /admin/ and the nonce in a context variable."""

    def process_request(self, request):
        super().process_request(request)
        request._sil_csp_nonce_token = _request_nonce.set(request.csp_nonce)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        token = getattr(request, "_sil_csp_nonce_token", None)
        if token is not None:
            _request_nonce.reset(token)
            request._sil_csp_nonce_token = None
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request=request, response=response, report_only=report_only)
        if not report_only and is_admin_request(request):
            parts.replace = {**ADMIN_POLICY_REPLACE, **(parts.replace or {})}
            update = dict(parts.update or {})
            for directive, sources in ADMIN_POLICY_UPDATE.items():
                update[directive] = [*sources, *update.get(directive, [])]
            parts.update = update
        return parts


def mark_personal_data(response):
    """Mark ``response`` as showing personal data: ``NoStoreMiddleware`` forbids storing it."""
    response.sil_personal_data = True
    return response


def _personal_data_prefixes() -> tuple[str, ...]:
    """URL prefixes whose every response may show personal data, in every language."""
    prefixes = {admin_prefix()}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                prefixes.add(reverse("cases_referrer_link"))
                status = reverse("forms_status", kwargs={"key": "KEY"})
            except NoReverseMatch:  # pragma: no cover - both apps are always installed
                continue
            prefixes.add(status[: status.rindex("KEY")])
    return tuple(sorted(prefixes))


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on responses that may show personal data (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefixes: tuple[str, ...] | None = None

    def __call__(self, request):
        response = self.get_response(request)
        if self._prefixes is None:
            self._prefixes = _personal_data_prefixes()
        personal = (
            getattr(response, "sil_personal_data", False)
            or getattr(request, "is_dummy", False)  # a preview of a draft, rendered in the admin
            or request.path_info.startswith(self._prefixes)
        )
        if personal and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = NO_STORE
        return response


def patch_wagtail_choosers() -> None:
    """Give the nonce to the inline script that Wagtail's chooser widgets print after their HTML.

    Same output as ``wagtail.admin.widgets.chooser.BaseChooser.render`` (Wagtail 7.4), with
    ``nonce=""`` on the ``<script>``; tests/core/test_security_headers.py checks it.
    """
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "sil_nonce", False):
        return

    def render(self, name, value, attrs=None, renderer=None):
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as e:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        js = self.render_js_init(id_, name, value_data)
        return format_html('{}<script nonce="{}">{}</script>', widget_html, current_csp_nonce(), mark_safe(js))  # noqa: S308 - Wagtail's own init code

    render.sil_nonce = True
    BaseChooser.render = render
