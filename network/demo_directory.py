"""The demo site's network directory: "La rete" under the Italian home page, "The network" in English.

Idempotent like ``content.demo``: a directory page that exists is left as it is. The
first time the page is made, a link to it is added to the main menu of each language
(after "Per le aziende", before the news), so the demo site's visitors can find it.
Needs the demo site of ``content.demo.seed_site``; the organisations it lists come
from the network's own seeder.
"""

from django.db import transaction
from wagtail.models import Locale, Page

from content.demo import SeedReport
from content.models import HomePage, Menu
from network.models import DirectoryPage

DIRECTORY = {
    "slug": {"it": "rete", "en": "network"},
    "title": {"it": "La rete", "en": "The network"},
    "introduction": {
        "it": "Le aziende, le cooperative sociali, gli enti e i servizi che collaborano con il SIL: "
        "cerca per nome, tipo, settore e territorio.",
        "en": "The companies, social cooperatives, bodies and services that work with the SIL: "
        "search by name, kind, sector and area.",
    },
}
MENU_LINK_AFTER = {"it": "per-le-aziende", "en": "for-companies"}  # the "For companies" section


@transaction.atomic
def seed_directory_page() -> SeedReport:
    report = SeedReport()
    home_it = HomePage.objects.filter(locale__language_code="it", depth=2).first()
    if home_it is None:
        return report  # no demo site to put it in
    translation_key = None
    for code in ("it", "en"):
        locale = Locale.objects.get(language_code=code)
        home = home_it if code == "it" else home_it.get_translation_or_none(locale)
        if home is None:
            continue
        page = DirectoryPage.objects.filter(translation_key=translation_key, locale=locale).first()
        if page is None:
            page = home.get_children().filter(slug=DIRECTORY["slug"][code]).type(DirectoryPage).specific().first()
        if page is None:
            page = DirectoryPage(
                title=DIRECTORY["title"][code],
                slug=DIRECTORY["slug"][code],
                introduction=DIRECTORY["introduction"][code],
                locale=locale,
                live=False,
            )
            if translation_key is not None:
                page.translation_key = translation_key
            home.add_child(instance=page)
            page.save_revision().publish()
            report.add(f"{code}:directory")
            _add_to_main_menu(page, locale, report)
        translation_key = page.translation_key
    return report


def _add_to_main_menu(page: DirectoryPage, locale: Locale, report: SeedReport) -> None:
    menu = Menu.objects.filter(slot=Menu.Slot.MAIN, locale=locale).first()
    if menu is None or any(block.value.get("page") and block.value["page"].pk == page.pk for block in menu.items):
        return
    links = [(block.block_type, block.value) for block in menu.items]
    position = len(links)
    for index, (_, value) in enumerate(links):
        linked: Page | None = value.get("page")
        if linked is not None and linked.slug == MENU_LINK_AFTER[locale.language_code]:
            position = index + 1
    links.insert(position, ("link", {"label": "", "page": page, "external_url": ""}))
    menu.items = links
    menu.save()
    report.add(f"{locale.language_code}:menu:directory")
