"""Template tags for the site-wide layout: menus, the language switcher, the home link."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page, Site

from content.selectors import language_links, menu_links

register = template.Library()


def _current_page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def menu(context, slot: str):
    return menu_links(slot=slot, request=context["request"], current_page=_current_page(context))


@register.simple_tag(takes_context=True)
def languages(context):
    return language_links(request=context["request"], page=_current_page(context))


@register.simple_tag
def localized_setting(site_settings, field: str) -> str:
    """A SiteSettings text in the visitor's language (``tagline``, ``opening_hours``)."""
    return site_settings.localized(field, get_language())


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    request = context["request"]
    site = Site.find_for_request(request)
    return (site.root_page.localized.get_url(request) if site else None) or "/"
