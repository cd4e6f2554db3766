"""The company promoter opens a case, sees the proposals with their reasons, confirms one, and
the internship appears on the case (Italian admin, a real browser)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, Permission

from cases.models import Internship, Role
from cases.selectors import ROLE_GROUPS
from jobs.models import JobOffer, Match
from network.models import ROLES_TAXONOMY, SECTORS_TAXONOMY, Taxonomy, TaxonomyTerm
from network.municipalities import forget_positions
from tests.browser.conftest import admin_sign_in
from tests.factories.cases import staff_user
from tests.factories.network import DistrictFactory
from tests.jobs.matching_data import case_in_interventions, offer, organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "pw-test-2026"  # the one staff_user sets
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PROMOTER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("cases", "view_case"),
    ("cases", "change_case"),
    ("cases", "view_person"),
    ("jobs", "view_joboffer"),
    ("jobs", "change_joboffer"),
]


def _promoters_group() -> Group:
    """Browser tests flush every table: the group and taxonomy rows of the migrations are gone."""
    group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[Role.COMPANY_PROMOTER])
    for app_label, codename in PROMOTER_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    for key, code, name in [
        (SECTORS_TAXONOMY, "C", "Attività manifatturiere"),
        (ROLES_TAXONOMY, "tirocini", "Ospita tirocini"),
    ]:
        taxonomy, _created = Taxonomy.objects.get_or_create(key=key, defaults={"name": key})
        TaxonomyTerm.objects.get_or_create(taxonomy=taxonomy, code=code, defaults={"name": name})
    return group


def _serious_violations(page) -> list[str]:
    results = Axe().run(
        page, context={"include": [["#main"]]}, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    )
    assert results.response["passes"]
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_promoter_confirms_a_proposal_and_the_internship_is_on_the_case(page, live_server):
    forget_positions()  # positions are cached per process; this test geocodes its own places
    _promoters_group()
    district = DistrictFactory(name="Ambito di Dalmine", slug="dalmine")
    staff_user("promotore", district, role=Role.COMPANY_PROMOTER)
    case = case_in_interventions(district=district)
    host = organisation(district=district, sector="C", place="Dalmine", name="Officine Brembo Prova S.r.l.")
    place = offer(district=district, org=host, kind=JobOffer.Kind.INTERNSHIP, role="Aiuto magazziniere")

    admin_sign_in(page, live_server.url, "promotore", PASSWORD)

    page.goto(f"{live_server.url}/admin/cases/{case.pk}/")
    page.locator("#case-matching a.button").click()
    page.wait_for_url(f"**/admin/jobs/matching/cases/{case.pk}/")
    row = page.locator(f".matching-suggestion[data-offer='{place.pk}']")
    assert "Aiuto magazziniere" in row.inner_text()
    reasons = row.locator(".matching-reason")
    assert reasons.count() == 4  # sector, distance, hours, schedule: every point explained
    assert reasons.first.inner_text().startswith("+30")
    assert _serious_violations(page) == []

    row.locator("a.button").click()
    page.wait_for_url(f"**/confirm/?offer={place.pk}")
    page.fill("input[name=company_tutor]", "Luca Neri")
    page.fill("input[name=starts_on]", "2026-12-01")
    page.fill("input[name=ends_on]", "2027-05-31")
    page.fill("input[name=monthly_allowance]", "500")
    page.fill("input[name=insurance]", "INAIL e RC")
    assert _serious_violations(page) == []
    page.locator("#main form button[type=submit]").click()

    page.wait_for_url(f"**/admin/cases/{case.pk}/")
    assert "Officine Brembo Prova S.r.l." in page.locator("#main").inner_text()
    internship = Internship.objects.get(case=case)
    assert internship.company_tutor == "Luca Neri"
    assert internship.weekly_hours == 25
    place.refresh_from_db()
    assert place.status == JobOffer.Status.FILLED
    assert Match.objects.filter(case=case, offer=place, internship=internship).exists()
