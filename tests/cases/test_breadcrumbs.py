"""The header of the case-work screens: Home, the screen's list, its title; references only,
never the person's name. Labels are compared in the language the admin answered in."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from cases.models import CaseTeamMember
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def restore_language():
    yield
    translation.deactivate()


def crumbs(client, url: str) -> list[tuple[str | None, str]]:
    """(href or None, text) of each breadcrumb of the page's header; the test then runs in the
    page's language, so that ``gettext`` gives the labels the page shows."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    translation.activate(re.search(r'<html lang="([^"]+)"', html).group(1))
    nav = re.search(r'<nav[^>]*aria-label="Breadcrumb"[^>]*>(.*?)</nav>', html, re.S).group(1)
    items = []
    for item in re.findall(r"<li[^>]*>(.*?)</li>", nav, re.S):
        link = re.search(r'<a [^>]*href="([^"]*)"', item)
        text = " ".join(re.sub(r"<[^>]+>", " ", item).split())
        items.append((link.group(1) if link else None, text))
    return items


def test_the_case_page_shows_home_cases_and_the_case_reference(client, district, manager):
    person = PersonFactory(district=district, first_name="Lucia", last_name="Brambilla")
    case = CaseFactory(person=person)
    CaseTeamMember.objects.create(case=case, user=manager, role="case_manager")
    login_staff(client, manager)
    items = crumbs(client, reverse("cases_case", args=[case.pk]))
    assert items == [
        (reverse("wagtailadmin_home"), gettext("Home")),
        (reverse("cases_list"), gettext("Cases")),
        (None, gettext("Case %(reference)s") % {"reference": case.reference}),
    ]
    assert not any("Lucia" in text or "Brambilla" in text for _href, text in items)


def test_the_referral_page_shows_home_referrals_and_the_reference(client, manager):
    referral = ReferralFactory()
    login_staff(client, manager)
    items = crumbs(client, reverse("cases_referral", args=[referral.pk]))
    assert items == [
        (reverse("wagtailadmin_home"), gettext("Home")),
        (reverse("cases_referrals"), gettext("Referrals")),
        (None, gettext("Referral %(reference)s") % {"reference": referral.reference}),
    ]


@pytest.mark.parametrize(("url_name", "title"), [("cases_list", "Cases"), ("cases_referrals", "Referrals")])
def test_the_lists_sit_right_under_home(client, manager, url_name, title):
    login_staff(client, manager)
    items = crumbs(client, reverse(url_name))
    assert items == [(reverse("wagtailadmin_home"), gettext("Home")), (None, gettext(title))]
