"""``{% sil_csp_nonce %}``: the CSP nonce of the current request, for templates rendered without it.

Why: Wagtail renders form widgets and panels without the request in their context; the
admin's overrides of those templates (core/templates/wagtailadmin/) print their inline
script with this nonce (see core/security.py).
"""

from django import template

from core.security import current_csp_nonce

register = template.Library()


@register.simple_tag
def sil_csp_nonce() -> str:
    return current_csp_nonce()
