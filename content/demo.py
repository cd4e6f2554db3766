"""Build the demo site (Italian pages with their English translations) from ``demo_content``.

Idempotent: a page, menu or setting that already exists is left as it is, so running
it again adds only what is missing and never overwrites what staff have edited.
Called by the ``seed_demo`` management command.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from content import demo_content as data
from content.models import ContentPage, HomePage, Menu, NewsIndexPage, NewsPage, SectionIndexPage, SiteSettings

LANGUAGES = ("it", "en")
PAGE_TYPES = {"section": SectionIndexPage, "content": ContentPage, "news_index": NewsIndexPage}


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.created.append(what)


@transaction.atomic
def seed_site() -> SeedReport:
    report = SeedReport()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    home, created = _home_pages(locales, report)
    site = _default_site(home["it"])
    pages: dict[str, dict[str, Page]] = {"home": home}
    new_pages: list[tuple[Page, dict, str]] = [(home[code], data.HOME, code) for code in created]

    for spec in data.PAGES:
        pages[spec["key"]], created = _page_in_both_languages(spec, pages[spec["parent"]], locales, report)
        new_pages += [(pages[spec["key"]][code], spec, code) for code in created]
    news_index = pages[data.NEWS_INDEX_KEY]
    for spec in data.NEWS:
        key = f"news:{spec['slug']['it']}"
        pages[key], created = _page_in_both_languages({**spec, "key": key, "type": "news"}, news_index, locales, report)
        new_pages += [(pages[key][code], spec, code) for code in created]

    # Bodies are filled once every page exists, because calls to action link to other pages.
    for page, spec, code in new_pages:
        _fill_body(page, spec, code, pages)
        page.save_revision().publish()

    _menus(pages, locales, report)
    _settings(site, pages, report)
    return report


def _t(value, code: str) -> str:
    return value[code] if isinstance(value, dict) else value


def _home_pages(locales: dict[str, Locale], report: SeedReport) -> tuple[dict[str, HomePage], list[str]]:
    # Wagtail's migrations create the root; a flushed database (e.g. after a live-server test) has none.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locales["it"]))
    created = []
    home_it = HomePage.objects.filter(locale=locales["it"], depth=2).first()
    if home_it is None:
        home_it = HomePage(locale=locales["it"], **_home_fields("it"))
        _replace_wagtail_welcome_page(root)
        root.add_child(instance=home_it)
        created.append("it")
    home_en = HomePage.objects.filter(translation_key=home_it.translation_key, locale=locales["en"]).first()
    if home_en is None:
        home_en = HomePage(locale=locales["en"], translation_key=home_it.translation_key, **_home_fields("en"))
        root.add_child(instance=home_en)
        created.append("en")
    for code in created:
        report.add(f"{code}:home")
    return {"it": home_it, "en": home_en}, created


def _home_fields(code: str) -> dict:
    return {
        "title": _t(data.HOME["title"], code),
        "slug": "home" if code == "it" else "home-en",
        "introduction": _t(data.HOME["introduction"], code),
        "hero_title": _t(data.HOME["hero_title"], code),
        "live": False,
    }


def _replace_wagtail_welcome_page(root: Page) -> None:
    """Remove the placeholder page Wagtail's first migration creates, if nothing was built on it."""
    for page in root.get_children().filter(content_type__model="page", content_type__app_label="wagtailcore"):
        if page.is_leaf():
            Site.objects.filter(root_page=page).delete()
            page.delete()


def _default_site(home: HomePage) -> Site:
    """Point the default site at the demo home page, at the address the server runs on."""
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.pk:
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = address.hostname or "localhost"
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.root_page = home
        site.site_name = data.SITE["service_name"]
        site.save()
    return site


def _page_in_both_languages(spec: dict, parents: dict[str, Page], locales: dict[str, Locale], report: SeedReport):
    """Find or create the Italian page and its English translation; return them and the created languages."""
    model = NewsPage if spec["type"] == "news" else PAGE_TYPES[spec["type"]]
    pages: dict[str, Page] = {}
    created: list[str] = []
    translation_key = None
    for code in LANGUAGES:
        slug = _t(spec["slug"], code)
        page = parents[code].get_children().filter(slug=slug).specific().first()
        if page is None and translation_key is not None:
            page = model.objects.filter(translation_key=translation_key, locale=locales[code]).first()
        if page is None:
            fields = {
                "title": _t(spec["title"], code),
                "slug": slug,
                "introduction": _t(spec.get("introduction", ""), code),
                "locale": locales[code],
                "live": False,
            }
            if translation_key is not None:
                fields["translation_key"] = translation_key
            if spec["type"] == "news":
                fields["date"] = date.fromisoformat(spec["date"])
            page = model(**fields)
            parents[code].add_child(instance=page)
            created.append(code)
            report.add(f"{code}:{spec['key']}")
        translation_key = page.translation_key
        pages[code] = page
    return pages, created


def _fill_body(page: Page, spec: dict, code: str, pages: dict[str, dict[str, Page]]) -> None:
    if isinstance(page, HomePage):
        page.key_facts = [
            ("fact", {"figure": fact["figure"], "label": _t(fact["label"], code)}) for fact in data.HOME["key_facts"]
        ]
        page.calls_to_action = [
            ("call_to_action", _call_to_action(cta, code, pages)) for cta in data.HOME["calls_to_action"]
        ]
    if hasattr(page, "body"):
        page.body = [_block(kind, value, code, pages) for kind, value in spec.get("body", [])]


def _block(kind: str, value, code: str, pages) -> tuple[str, object]:
    if kind in ("heading", "subheading"):
        return ("heading", {"text": _t(value, code), "level": "h2" if kind == "heading" else "h3"})
    if kind == "paragraph":
        return ("paragraph", _t(value, code))
    if kind == "accordion":
        items = [
            {"question": _t(item["question"], code), "answer": _t(item["answer"], code)} for item in value["items"]
        ]
        return ("accordion", {"title": _t(value.get("title", ""), code), "items": items})
    if kind == "contact_card":
        card = {name: _t(value.get(name, ""), code) for name in ("name", "address", "phone", "email", "hours")}
        return ("contact_card", card)
    if kind == "call_to_action":
        return ("call_to_action", _call_to_action(value, code, pages))
    raise ValueError(f"Unknown demo block {kind!r}")


def _call_to_action(value: dict, code: str, pages) -> dict:
    return {
        "title": _t(value["title"], code),
        "text": _t(value.get("text", ""), code),
        "link": {"label": _t(value["button"], code), "page": pages[value["target"]][code], "external_url": ""},
    }


def _menus(pages, locales: dict[str, Locale], report: SeedReport) -> None:
    for slot, flag in ((Menu.Slot.MAIN, "menu"), (Menu.Slot.FOOTER, "footer")):
        translation_key = None
        for code in LANGUAGES:
            menu = Menu.objects.filter(slot=slot, locale=locales[code]).first()
            if menu is None:
                links = [
                    ("link", {"label": "", "page": pages[spec["key"]][code], "external_url": ""})
                    for spec in data.PAGES
                    if spec.get(flag)
                ]
                menu = Menu(slot=slot, locale=locales[code], items=links)
                if translation_key is not None:
                    menu.translation_key = translation_key
                menu.save()
                report.add(f"{code}:menu:{slot}")
            translation_key = menu.translation_key


def _settings(site: Site, pages, report: SeedReport) -> None:
    site_settings = SiteSettings.for_site(site)
    if site_settings.operator_name:
        return  # already configured: leave staff's settings alone
    site_data = data.SITE
    site_settings.service_name = site_data["service_name"]
    site_settings.tagline = site_data["tagline"]["it"]
    site_settings.tagline_en = site_data["tagline"]["en"]
    site_settings.operator_name = site_data["operator_name"]
    site_settings.operator_url = site_data["operator_url"]
    site_settings.districts = site_data["districts"]
    site_settings.address = site_data["address"]
    site_settings.phone = site_data["phone"]
    site_settings.email = site_data["email"]
    site_settings.pec = site_data["pec"]
    site_settings.opening_hours = site_data["opening_hours_html"]["it"]
    site_settings.opening_hours_en = site_data["opening_hours_html"]["en"]
    site_settings.accessibility_url = site_data["accessibility_url"]
    site_settings.privacy_page = pages["privacy"]["it"] if "privacy" in pages else None
    site_settings.save()
    report.add("settings")
