"""The demo site: built by `seed_demo`, idempotent, complete in both languages."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision

from content import demo_content
from content.models import HomePage, Menu, NewsPage, SiteSettings


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "menus": Menu.objects.count(),
        "locales": Locale.objects.count(),
    }


@pytest.mark.django_db
def test_seed_runs_twice_without_duplicating_anything(seeded_site):
    before = _counts()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert _counts() == before
    assert "nothing to do" in out.getvalue()


@pytest.mark.django_db
def test_seed_builds_every_page_in_italian_and_english(seeded_site):
    expected = 2 * (1 + len(demo_content.PAGES) + len(demo_content.NEWS))  # home, pages, news; two languages
    # Other apps' seeders add their own pages (directory, forms): they test them.
    content_pages = Page.objects.filter(depth__gte=2, content_type__app_label="content")
    assert content_pages.count() == expected
    for language in ("it", "en"):
        pages = content_pages.filter(locale__language_code=language)
        assert pages.count() == expected // 2
        assert not pages.filter(live=False).exists()
    home = HomePage.objects.get(locale__language_code="it")
    assert seeded_site.root_page_id == home.pk
    assert home.get_translation(Locale.objects.get(language_code="en")).title == demo_content.HOME["title"]["en"]
    assert NewsPage.objects.filter(locale__language_code="en").count() == len(demo_content.NEWS)


@pytest.mark.django_db
def test_seed_keeps_what_staff_changed(seeded_site):
    page = Page.objects.get(locale__language_code="it", slug=demo_content.PAGES[0]["slug"]["it"]).specific
    page.title = "Titolo cambiato dallo staff"
    page.save_revision().publish()
    settings = SiteSettings.for_site(seeded_site)
    settings.phone = "035 999 9999"
    settings.save()

    call_command("seed_demo", stdout=io.StringIO())

    page.refresh_from_db()
    assert page.title == "Titolo cambiato dallo staff"
    assert SiteSettings.for_site(seeded_site).phone == "035 999 9999"


@pytest.mark.django_db
def test_seed_fills_settings_and_menus(seeded_site):
    settings = SiteSettings.for_site(seeded_site)
    assert settings.service_name == demo_content.SITE["service_name"]
    assert settings.privacy_page.slug == next(p["slug"]["it"] for p in demo_content.PAGES if p["key"] == "privacy")
    main = Menu.objects.get(slot="main", locale__language_code="en")
    content_links = [block for block in main.items if block.value["page"].content_type.app_label == "content"]
    assert len(content_links) == sum(1 for p in demo_content.PAGES if p.get("menu"))
    assert all(block.value["page"].locale.language_code == "en" for block in main.items)


@pytest.mark.django_db
def test_every_seeded_page_renders_in_both_languages(seeded_site, client):
    for page in Page.objects.filter(depth__gte=2).live():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert f'<html lang="{page.locale.language_code}">' in response.content.decode()


@pytest.mark.django_db
def test_seed_refuses_to_run_when_settings_forbid_it(settings):
    settings.SEED_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="production database"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not HomePage.objects.exists()
