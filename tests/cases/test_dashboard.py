"""Admin-home panels and the follow-up filters of the case list: district-scoped, linked to the
list that shows the same cases, and with a query count that does not grow with the data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import selectors
from cases.models import Case, CasesSettings, CaseTeamMember, Internship
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, PersonFactory, ReferralFactory
from tests.factories.network import OrganisationFactory

pytestmark = pytest.mark.django_db


def _case(district, user=None, **fields):
    case = CaseFactory(person=PersonFactory(district=district), **fields)
    if user is not None:
        CaseTeamMember.objects.create(case=case, user=user, role="case_manager")
    return case


def _internship(case, tutor, ends_on):
    return Internship.objects.create(
        case=case,
        host=OrganisationFactory(),
        company_tutor="T",
        sil_tutor=tutor,
        starts_on=ends_on - timedelta(days=120),
        ends_on=ends_on,
        weekly_hours=20,
        monthly_allowance=400,
        insurance="INAIL",
    )


@pytest.fixture
def today():
    return timezone.localdate()


def test_reviews_due_and_overdue_are_district_scoped(district, other_district, manager, outsider, today):
    overdue = _case(district, next_review_on=today - timedelta(days=1), stage=Case.Stage.MONITORING)
    soon = _case(district, next_review_on=today + timedelta(days=14), stage=Case.Stage.INTERVENTIONS)
    _case(district, next_review_on=today + timedelta(days=15), stage=Case.Stage.INTERVENTIONS)  # beyond 14 days
    _case(district, next_review_on=today - timedelta(days=5), stage=Case.Stage.CLOSED)  # closed: never due
    elsewhere = _case(other_district, next_review_on=today - timedelta(days=1), stage=Case.Stage.MONITORING)
    assert list(selectors.reviews_overdue(manager, today=today)) == [overdue]
    assert list(selectors.reviews_due(manager, today=today)) == [overdue, soon]
    assert list(selectors.reviews_due(outsider, today=today)) == [elsewhere]
    assert list(selectors.reviews_due(manager, within_days=0, today=today)) == [overdue]


def test_internships_ending_within_the_configured_days(district, manager, today):
    settings = CasesSettings.load()
    settings.due_within_days = 7
    settings.save()
    case = _case(district, stage=Case.Stage.INTERVENTIONS)
    ending = _internship(case, manager, today + timedelta(days=7))
    _internship(case, manager, today + timedelta(days=8))
    _internship(case, manager, today - timedelta(days=1))  # already over
    assert list(selectors.internships_ending(manager, today=today)) == [ending]


def test_the_home_panels_count_link_and_stay_in_the_district(client, district, other_district, manager, today):
    mine = _case(district, manager, next_review_on=today - timedelta(days=2), stage=Case.Stage.MONITORING)
    _internship(mine, manager, today + timedelta(days=3))
    hidden = _case(other_district, next_review_on=today - timedelta(days=2), stage=Case.Stage.MONITORING)
    late = ReferralFactory(received_at=timezone.now() - timedelta(days=30))
    login_staff(client, manager)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    text = response.text
    for panel in ("my-cases", "overdue-referrals", "reviews-due", "internships-ending"):
        assert f'id="cases-panel-{panel}"' in text
    assert mine.reference in text
    assert late.reference in text
    assert hidden.reference not in text
    assert f"{reverse('cases_list')}?member={manager.pk}" in text
    assert f"{reverse('cases_list')}?follow_up=review_due" in text
    assert f"{reverse('cases_list')}?follow_up=internship_ending" in text
    assert f"{reverse('cases_referrals')}?show=overdue" in text


def test_the_panel_links_show_the_same_cases(client, district, manager, today):
    due = _case(district, next_review_on=today - timedelta(days=1), stage=Case.Stage.MONITORING)
    later = _case(district, next_review_on=today + timedelta(days=60), stage=Case.Stage.MONITORING)
    ending = _case(district, stage=Case.Stage.INTERVENTIONS)
    _internship(ending, manager, today + timedelta(days=2))
    login_staff(client, manager)
    shown = {
        follow_up: {case.pk for case in client.get(reverse("cases_list"), {"follow_up": follow_up}).context["cases"]}
        for follow_up in ("review_overdue", "review_due", "internship_ending")
    }
    assert shown == {"review_overdue": {due.pk}, "review_due": {due.pk}, "internship_ending": {ending.pk}}
    assert later.pk in {case.pk for case in client.get(reverse("cases_list")).context["cases"]}


def _home_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    return len(queries)


def test_the_home_panels_query_count_does_not_grow(client, district, manager, today):
    def add_data(index):
        case = _case(district, manager, next_review_on=today - timedelta(days=index), stage=Case.Stage.MONITORING)
        _internship(case, manager, today + timedelta(days=1))
        ReferralFactory(received_at=timezone.now() - timedelta(days=20 + index))

    login_staff(client, manager)
    add_data(1)
    _home_queries(client)  # the first visit fills per-process caches (site, settings)
    before = _home_queries(client)
    for index in range(2, 12):
        add_data(index)
    assert _home_queries(client) == before
