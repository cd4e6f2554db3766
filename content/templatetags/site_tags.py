"""Template tags for the site-wide layout (header, footer, language switcher)."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from content.selectors import site_layout as build_site_layout

register = template.Library()


@register.simple_tag(takes_context=True)
def site_layout(context):
    """Menus, language links, home and privacy URLs for the current request."""
    page = context.get("page")
    return build_site_layout(request=context["request"], page=page if isinstance(page, Page) else None)


@register.simple_tag
def localized_setting(site_settings, field: str) -> str:
    """A SiteSettings text in the visitor's language (``tagline``, ``opening_hours``)."""
    return site_settings.localized(field, get_language())
