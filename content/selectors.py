"""Read-only queries for the public templates: menus, translations of a page, search."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from wagtail.models import Locale, Page, Site

from content.models import Menu


@dataclass(frozen=True)
class MenuLink:
    text: str
    url: str
    active: bool = False


def _is_within(page: Page | None, section: Page) -> bool:
    """Whether ``page`` is ``section`` or, unless ``section`` is a home page, below it."""
    if page is None:
        return False
    return page.pk == section.pk or (section.depth > 2 and page.path.startswith(section.path))


def menu_links(*, slot: str, request: HttpRequest, current_page: Page | None = None) -> list[MenuLink]:
    """The links of the ``slot`` menu in the visitor's language, in three queries.

    The menu of the active language is used, or the default language's one. Page links
    point at the page's live translation in the active language when there is one, so an
    English visitor of an Italian-only menu still lands on English pages.
    """
    active = Locale.get_active()
    menus = {menu.locale_id: menu for menu in Menu.objects.filter(slot=slot)}
    menu = menus.get(active.pk) or next(iter(menus.values()), None)
    if menu is None:
        return []
    values = [block.value for block in menu.items]
    keys = [value["page"].translation_key for value in values if value.get("page")]
    translations = {
        page.translation_key: page
        for page in Page.objects.live().public().filter(translation_key__in=keys, locale=active).defer_streamfields()
    }
    links = []
    for value in values:
        page = value.get("page")
        if page is None:
            links.append(MenuLink(text=value["label"], url=value["external_url"]))
            continue
        target = translations.get(page.translation_key)
        if target is None and not page.live:
            continue  # an unpublished page with no translation: no dead link in the menu
        target = target or page
        links.append(
            MenuLink(
                text=value["label"] or target.title,
                url=target.get_url(request),
                active=_is_within(current_page, target),
            )
        )
    return links


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def language_links(*, request: HttpRequest, page: Page | None) -> list[LanguageLink]:
    """One link per site language for the language switcher.

    On a page, each link goes to that page's translation, or to the home page of that
    language when the page is not translated yet. On other views (search, errors) it is
    the same URL in the other language.
    """
    current = Locale.get_active().language_code
    urls: dict[str, str] = {}
    if page is not None:
        site = Site.find_for_request(request)
        homes = site.root_page.get_translations(inclusive=True) if site else Page.objects.none()
        for candidates in (homes, page.get_translations(inclusive=True)):
            for translation in candidates.live().select_related("locale"):
                urls[translation.locale.language_code] = translation.get_url(request)
    path = request.get_full_path()
    return [
        LanguageLink(code=code, name=name, url=urls.get(code) or translate_url(path, code), current=code == current)
        for code, name in settings.LANGUAGES
    ]
