"""Read-only queries for the public templates: the site-wide layout (menus, languages, links).

Everything the header and footer need is gathered by ``site_layout`` in a handful of
queries, once per request, because it is on every page.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, translate_url
from wagtail.models import Locale, Page, Site

from content.models import Menu, SiteSettings


@dataclass(frozen=True)
class MenuLink:
    text: str
    url: str
    active: bool = False


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


@dataclass(frozen=True)
class SiteLayout:
    home_url: str
    main_menu: list[MenuLink]
    footer_menu: list[MenuLink]
    languages: list[LanguageLink]
    privacy_url: str | None


def site_layout(*, request: HttpRequest, page: Page | None = None) -> SiteLayout:
    """The header and footer of the current request, computed once and kept on the request."""
    cached = getattr(request, "_site_layout", None)
    if cached is None:
        cached = request._site_layout = _build_layout(request, page)
    return cached


def _build_layout(request: HttpRequest, page: Page | None) -> SiteLayout:
    active = Locale.get_active()
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    privacy = SiteSettings.for_request(request).privacy_page if site else None
    menus = {
        (menu.slot, menu.locale_id): menu
        for menu in Menu.objects.filter(slot__in=Menu.Slot.values).select_related("locale")
    }
    chosen = {slot: menus.get((slot, active.pk)) or _any_menu(menus, slot) for slot in Menu.Slot.values}
    menu_values = {slot: [block.value for block in menu.items] if menu else [] for slot, menu in chosen.items()}

    # One query for every translation the layout may link to: menu pages, home, privacy, current page.
    keys = {value["page"].translation_key for values in menu_values.values() for value in values if value.get("page")}
    keys |= {p.translation_key for p in (root, privacy, page) if p is not None}
    translations: dict[tuple, Page] = {
        (p.translation_key, p.locale_id): p
        for p in Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .defer_streamfields()
    }

    def localized(p: Page | None) -> Page | None:
        if p is None:
            return None
        return translations.get((p.translation_key, active.pk)) or (p if p.live else None)

    def links(slot: str) -> list[MenuLink]:
        result = []
        for value in menu_values[slot]:
            if value.get("page") is None:
                result.append(MenuLink(text=value["label"], url=value["external_url"]))
                continue
            target = localized(value["page"])
            if target is None:
                continue  # unpublished and untranslated: no dead link in the menu
            result.append(
                MenuLink(text=value["label"] or target.title, url=target.get_url(request), active=_within(page, target))
            )
        return result

    home = localized(root)
    privacy_page = localized(privacy)
    return SiteLayout(
        home_url=(home.get_url(request) if home else None) or "/",
        main_menu=links(Menu.Slot.MAIN),
        footer_menu=links(Menu.Slot.FOOTER),
        languages=_languages(request, active, page, root, translations),
        privacy_url=privacy_page.get_url(request) if privacy_page else None,
    )


def _any_menu(menus: dict, slot: str) -> Menu | None:
    """A language without its own menu shows the default language's (its links still get translated)."""
    default_code = settings.LANGUAGE_CODE
    candidates = [menu for (menu_slot, _), menu in menus.items() if menu_slot == slot]
    candidates.sort(key=lambda menu: menu.locale.language_code != default_code)
    return candidates[0] if candidates else None


def _within(page: Page | None, section: Page) -> bool:
    """Whether ``page`` is ``section`` or, unless ``section`` is a home page, below it."""
    if page is None:
        return False
    return page.pk == section.pk or (section.depth > 2 and page.path.startswith(section.path))


def _languages(
    request: HttpRequest, active: Locale, page: Page | None, root: Page | None, translations: dict
) -> list[LanguageLink]:
    """One link per language: the page's translation, else that language's home page.

    Outside Wagtail pages (search) the link is the same URL in the other language; on an
    unknown address, the home page of that language.
    """

    def urls_of(source: Page | None) -> dict[str, str]:
        if source is None:
            return {}
        return {
            translation.locale.language_code: translation.get_url(request)
            for (key, _), translation in translations.items()
            if key == source.translation_key
        }

    homes, pages = urls_of(root), urls_of(page)
    subpath = _routable_subpath(request, page)
    pages = {code: url + subpath for code, url in pages.items()}
    # Wagtail's catch-all URL with no page is a 404: its "translation" would be a 404 too.
    match = getattr(request, "resolver_match", None)
    serving_missing_page = match is not None and match.url_name == "wagtail_serve"
    path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        url = pages.get(code)
        if url is None and page is None and not serving_missing_page:
            translated = translate_url(path, code)
            url = translated if translated != path or code == active.language_code else None
        links.append(
            LanguageLink(code=code, name=name, url=url or homes.get(code) or "/", current=code == active.language_code)
        )
    return links


def _routable_subpath(request: HttpRequest, page: Page | None) -> str:
    """On a sub-route of a RoutablePageMixin page (an organisation under the network
    directory), the same sub-route, so that the other language's link keeps it."""
    match = getattr(request, "routable_resolver_match", None)
    if page is None or match is None or not match.url_name or not hasattr(page, "reverse_subpage"):
        return ""
    try:
        return page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return ""
