"""Each figure of the outcome dashboard against a history whose answers are worked out by hand."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from cases.models import Category
from outcomes import selectors
from tests.factories.cases import staff_user
from tests.outcomes.history import TODAY, YEAR_FROM, YEAR_TO, build_history


@pytest.fixture
def history(db, django_user_model):
    return build_history(django_user_model)


def figures(user, **kwargs):
    options = {"date_from": YEAR_FROM, "date_to": YEAR_TO, "today": TODAY, **kwargs}
    return selectors.dashboard_figures(selectors.outcome_filters_for_user(user, **options))


def test_every_figure_for_a_district_coordinator(history):
    total = figures(history.coordinator).total

    assert (total["received"], total["answered"], total["accepted"]) == (6, 5, 3)
    # First contact: 2, 3, 7 and 10 days -> median 5; the note and the entry before the referral do not count.
    assert (total["first_contact_median"], total["first_contact_n"]) == (5.0, 4)
    # First employer: 28 (internship), 15 (internship before the job), 20 (match before the job) -> 20;
    # the match recorded before R8 arrived does not count.
    assert (total["first_employer_median"], total["first_employer_n"]) == (20.0, 3)
    assert (total["internships_started"], total["internships_completed"]) == (3, 3)
    assert (total["people_hired"], total["hires"]) == (4, 5)
    assert (total["retention_3_kept"], total["retention_3_base"]) == (3, 4)
    assert (total["retention_6_kept"], total["retention_6_base"]) == (2, 3)
    assert (total["retention_12_kept"], total["retention_12_base"]) == (1, 1)
    assert total["retention_3_share"] == pytest.approx(0.75)
    assert (total["offers_received"], total["offers_filled"]) == (2, 2)


def test_employer_contacts_per_promoter_per_week(history):
    contacts = figures(history.coordinator).contacts
    weeks = 365 / 7

    assert contacts["contacts"] == 4
    assert contacts["weeks"] == pytest.approx(weeks)
    assert [(row["promoter"], row["contacts"]) for row in contacts["by_promoter"]] == [
        ("Anna Bianchi", 3),
        ("bruno", 1),
    ]
    assert contacts["by_promoter"][0]["per_week"] == pytest.approx(3 / weeks)
    assert contacts["per_promoter_per_week"] == pytest.approx(4 / 2 / weeks)


def test_weeks_stop_at_today_in_a_running_period(history):
    contacts = figures(history.coordinator, date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)).contacts
    assert contacts["weeks"] == pytest.approx(74 / 7)  # 1 January to 15 March, both included


def test_breakdowns_by_district_and_category(history):
    dashboard = figures(history.coordinator)

    assert [row["label"] for row in dashboard.by_district] == ["Ambito di Dalmine"]
    assert dashboard.by_district[0]["received"] == 6
    by_category = {row["key"]: row for row in dashboard.by_category}
    generic, l68 = by_category[Category.GENERIC], by_category[Category.DISABILITY_68_99]
    assert (generic["received"], l68["received"]) == (5, 1)
    assert (generic["first_contact_median"], l68["first_contact_median"]) == (7.0, 3.0)  # 2, 7, 10 | 3
    assert (generic["first_employer_median"], l68["first_employer_median"]) == (24.0, 15.0)  # 28, 20 | 15
    assert (generic["internships_started"], l68["internships_started"]) == (2, 1)
    assert (generic["people_hired"], l68["people_hired"], l68["hires"]) == (3, 1, 2)
    assert (l68["retention_6_kept"], l68["retention_6_base"]) == (0, 1)
    assert by_category[Category.DISADVANTAGED_381_91]["received"] == 0
    assert generic["offers_received"] is None  # offers have no category


def test_category_filter(history):
    total = figures(history.coordinator, category=Category.DISABILITY_68_99).total
    assert (total["received"], total["accepted"], total["people_hired"], total["hires"]) == (1, 1, 1, 2)
    assert (total["first_employer_median"], total["internships_completed"]) == (15.0, 1)
    assert total["offers_received"] == 2  # not filtered by category, as the definition says


def test_another_districts_records_are_never_counted_for_a_district_user(history):
    mine = figures(history.coordinator).total
    everything = figures(history.superuser)

    total = everything.total
    # Seriate adds R7, the unassigned referral adds one more; its case adds a contact on day 1.
    assert (total["received"], total["accepted"]) == (8, 4)
    assert (total["first_contact_median"], total["first_contact_n"]) == (3.0, 5)
    # R7's job started before it arrived: its internship, 31 days after, is its first employer contact.
    assert (total["first_employer_median"], total["first_employer_n"]) == (24.0, 4)  # 15, 20, 28, 31
    assert (total["internships_started"], total["hires"]) == (4, 6)
    assert (total["offers_received"], total["offers_filled"]) == (4, 3)
    assert everything.contacts["contacts"] == 6
    assert mine["received"] == 6
    labels = [str(row["label"]) for row in everything.by_district]
    assert labels == ["Ambito di Dalmine", "Ambito di Seriate", translation.gettext("No district yet")]
    assert [row["received"] for row in everything.by_district] == [6, 1, 1]
    assert everything.by_district[2]["offers_received"] == 1


def test_a_district_outside_the_users_is_refused(history):
    with pytest.raises(PermissionDenied):
        figures(history.coordinator, district_id=history.seriate.pk)
    seriate = figures(history.superuser, district_id=history.seriate.pk).total
    assert (seriate["received"], seriate["hires"], seriate["offers_received"]) == (1, 1, 1)


def test_hires_too_recent_are_not_in_the_retention_denominator(history):
    # On the day after the last hire's three months, it joins the 3-month denominator, still employed.
    total = figures(history.coordinator, today=date(2026, 3, 20)).total
    assert (total["retention_3_kept"], total["retention_3_base"]) == (4, 5)


def test_a_user_without_case_access_gets_nothing(db, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="pw-test-2026", is_staff=True)
    with pytest.raises(PermissionDenied):
        selectors.outcome_filters_for_user(user, date_from=YEAR_FROM, date_to=YEAR_TO)


def test_staff_without_districts_see_zeros_not_an_error(history):
    dashboard = figures(staff_user("senza-ambito"))
    assert dashboard.by_district == []
    assert (dashboard.total["received"], dashboard.total["hires"], dashboard.contacts["contacts"]) == (0, 0, 0)
    assert dashboard.total["first_contact_median"] is None
