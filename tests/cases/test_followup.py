"""Review dates, plan-item status, internship checks and the person's version: legal changes go
through, illegal ones are refused with a reason and change nothing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases import services
from cases.models import AuditEntry, Case, CasesSettings, CaseTeamMember, Internship, InterventionType, PlanItem
from cases.services import CaseError, StaleCaseError
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def fresh(obj):
    obj.refresh_from_db()
    return obj


@pytest.fixture
def project_case(district, manager):
    case = CaseFactory(person=PersonFactory(district=district), stage=Case.Stage.PROJECT)
    CaseTeamMember.objects.create(case=case, user=manager, role="case_manager")
    services.project_save(case=case, by=manager, expected_version=case.version, objectives="O", expected_results="R")
    return fresh(case)


@pytest.fixture
def interventions_case(project_case, manager, coordinator):
    services.project_approve(case=project_case, by=coordinator, expected_version=project_case.version)
    case = fresh(project_case)
    return services.case_start_interventions(case=case, by=manager, expected_version=case.version)


@pytest.fixture
def item(interventions_case, manager):
    case = fresh(interventions_case)
    return services.plan_item_add(
        case=case,
        by=manager,
        expected_version=case.version,
        intervention_type=InterventionType.objects.first(),
        starts_on=timezone.localdate() - timedelta(days=10),
        ends_on=timezone.localdate() + timedelta(days=30),
        responsible=manager,
    )


@pytest.fixture
def internship(interventions_case, manager, host):
    case = fresh(interventions_case)
    today = timezone.localdate()
    internship, _warnings = services.internship_create(
        case=case,
        by=manager,
        expected_version=case.version,
        host=host,
        company_tutor="Tutor",
        sil_tutor=manager,
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=60),
        weekly_hours=20,
        monthly_allowance=Decimal("400"),
        insurance="INAIL",
    )
    return internship


# --- review dates ----------------------------------------------------------------------------


def test_approving_the_project_sets_the_next_review_after_the_configured_interval(project_case, coordinator):
    settings = CasesSettings.load()
    settings.review_every_days = 30
    settings.save()
    assert project_case.next_review_on is None
    services.project_approve(case=project_case, by=coordinator, expected_version=project_case.version)
    assert fresh(project_case).next_review_on == timezone.localdate() + timedelta(days=30)


def test_starting_the_monitoring_sets_the_next_review(interventions_case, manager):
    case = fresh(interventions_case)
    Case.objects.filter(pk=case.pk).update(next_review_on=None)
    case = fresh(case)
    services.case_start_monitoring(case=case, by=manager, expected_version=case.version)
    assert fresh(case).next_review_on == timezone.localdate() + timedelta(days=90)  # the default interval


def test_the_next_review_is_edited_with_the_version_check(interventions_case, manager):
    case = fresh(interventions_case)
    target = timezone.localdate() + timedelta(days=7)
    services.case_set_next_review(case=case, by=manager, expected_version=case.version, next_review_on=target)
    assert fresh(case).next_review_on == target
    assert AuditEntry.objects.filter(detail="case.review.schedule", object_id=case.pk).exists()
    with pytest.raises(StaleCaseError):
        services.case_set_next_review(
            case=case, by=manager, expected_version=case.version - 1, next_review_on=target + timedelta(days=1)
        )
    assert fresh(case).next_review_on == target


def test_a_review_in_the_past_or_on_a_closed_case_is_refused(interventions_case, manager):
    case = fresh(interventions_case)
    before = (case.next_review_on, case.version)
    with pytest.raises(CaseError, match="cannot be in the past"):
        services.case_set_next_review(
            case=case, by=manager, expected_version=case.version, next_review_on=date(2020, 1, 1)
        )
    with pytest.raises(CaseError, match="Choose the date"):
        services.case_set_next_review(case=case, by=manager, expected_version=case.version, next_review_on=None)
    assert (fresh(case).next_review_on, fresh(case).version) == before
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.CLOSED)
    with pytest.raises(CaseError, match="Scheduling a review is not possible"):
        services.case_set_next_review(
            case=fresh(case), by=manager, expected_version=case.version, next_review_on=timezone.localdate()
        )


# --- plan items ------------------------------------------------------------------------------


def test_a_plan_item_goes_planned_in_progress_done(item, interventions_case, manager):
    case = fresh(interventions_case)
    services.plan_item_set_status(case=case, by=manager, expected_version=case.version, item=item, status="in_progress")
    assert fresh(item).status == PlanItem.Status.IN_PROGRESS
    case = fresh(case)
    services.plan_item_set_status(case=case, by=manager, expected_version=case.version, item=item, status="done")
    item = fresh(item)
    assert item.status == PlanItem.Status.DONE
    assert item.ends_on == timezone.localdate()  # finished earlier than planned
    assert AuditEntry.objects.filter(detail="case.plan.done").exists()


def test_a_plan_item_cannot_be_done_before_it_started(item, interventions_case, manager):
    case = fresh(interventions_case)
    with pytest.raises(CaseError, match="mark it in progress first"):
        services.plan_item_set_status(case=case, by=manager, expected_version=case.version, item=item, status="done")
    assert (fresh(item).status, fresh(case).version) == (PlanItem.Status.PLANNED, case.version)


def test_a_plan_item_cannot_be_done_before_its_start_date(item, interventions_case, manager):
    PlanItem.objects.filter(pk=item.pk).update(
        status=PlanItem.Status.IN_PROGRESS, starts_on=timezone.localdate() + timedelta(days=3)
    )
    case = fresh(interventions_case)
    with pytest.raises(CaseError, match="before its start date"):
        services.plan_item_set_status(case=case, by=manager, expected_version=case.version, item=item, status="done")
    assert fresh(item).status == PlanItem.Status.IN_PROGRESS


def test_a_finished_or_cancelled_plan_item_stays_as_it_is(item, interventions_case, manager):
    case = fresh(interventions_case)
    services.plan_item_set_status(case=case, by=manager, expected_version=case.version, item=item, status="cancelled")
    case = fresh(case)
    for status in ("in_progress", "done", "cancelled"):
        with pytest.raises(CaseError):
            services.plan_item_set_status(
                case=case, by=manager, expected_version=case.version, item=item, status=status
            )
    assert fresh(item).status == PlanItem.Status.CANCELLED


def test_a_plan_item_does_not_start_before_the_interventions(project_case, manager):
    case = project_case
    item = services.plan_item_add(
        case=case,
        by=manager,
        expected_version=case.version,
        intervention_type=InterventionType.objects.first(),
        starts_on=timezone.localdate(),
        responsible=manager,
    )
    case = fresh(case)
    with pytest.raises(CaseError, match="Interventions start once"):
        services.plan_item_set_status(
            case=case, by=manager, expected_version=case.version, item=item, status="in_progress"
        )
    assert fresh(item).status == PlanItem.Status.PLANNED
    services.plan_item_set_status(case=case, by=manager, expected_version=case.version, item=item, status="cancelled")
    assert fresh(item).status == PlanItem.Status.CANCELLED


def test_a_stale_plan_item_change_is_refused(item, interventions_case, manager):
    case = fresh(interventions_case)
    with pytest.raises(StaleCaseError):
        services.plan_item_set_status(
            case=case, by=manager, expected_version=case.version - 1, item=item, status="in_progress"
        )
    assert fresh(item).status == PlanItem.Status.PLANNED


def test_an_item_of_another_case_is_refused(item, manager, district):
    other = CaseFactory(person=PersonFactory(district=district), stage=Case.Stage.INTERVENTIONS)
    with pytest.raises(CaseError, match="not in the plan of this case"):
        services.plan_item_set_status(case=other, by=manager, expected_version=1, item=item, status="in_progress")
    assert fresh(item).status == PlanItem.Status.PLANNED


# --- internship checks -----------------------------------------------------------------------


def test_the_internship_checks_are_recorded(internship, interventions_case, manager):
    today = timezone.localdate()
    case = fresh(interventions_case)
    services.internship_record_check(
        case=case,
        by=manager,
        expected_version=case.version,
        internship=internship,
        check="midterm",
        held_on=today - timedelta(days=5),
        notes="Buon inserimento.",
    )
    case = fresh(case)
    services.internship_record_check(
        case=case,
        by=manager,
        expected_version=case.version,
        internship=internship,
        check="final",
        held_on=today,
        notes="Obiettivi raggiunti.",
    )
    internship = fresh(internship)
    assert (internship.midterm_check_held_on, internship.midterm_check_notes) == (
        today - timedelta(days=5),
        "Buon inserimento.",
    )
    assert (internship.final_check_held_on, internship.final_check_notes) == (today, "Obiettivi raggiunti.")
    assert AuditEntry.objects.filter(detail="case.internship.check.final").exists()


@pytest.mark.parametrize(
    ("check", "offset", "notes", "message"),
    [
        ("midterm", -61, "x", "before the internship starts"),
        ("final", 1, "x", "cannot be in the future"),
        ("midterm", -1, "  ", "Write the outcome"),
        ("halfway", -1, "x", "mid-term or final"),
    ],
)
def test_bad_internship_checks_are_refused(internship, interventions_case, manager, check, offset, notes, message):
    case = fresh(interventions_case)
    with pytest.raises(CaseError, match=message):
        services.internship_record_check(
            case=case,
            by=manager,
            expected_version=case.version,
            internship=internship,
            check=check,
            held_on=timezone.localdate() + timedelta(days=offset),
            notes=notes,
        )
    internship = fresh(internship)
    assert (internship.midterm_check_held_on, internship.final_check_held_on) == (None, None)
    assert fresh(case).version == case.version


def test_the_final_check_cannot_come_before_the_mid_term_one(internship, interventions_case, manager):
    today = timezone.localdate()
    Internship.objects.filter(pk=internship.pk).update(midterm_check_held_on=today - timedelta(days=3))
    case = fresh(interventions_case)
    with pytest.raises(CaseError, match="before the mid-term check"):
        services.internship_record_check(
            case=case,
            by=manager,
            expected_version=case.version,
            internship=internship,
            check="final",
            held_on=today - timedelta(days=10),
            notes="x",
        )
    assert fresh(internship).final_check_held_on is None


# --- the person's version --------------------------------------------------------------------


def test_concurrent_edits_of_a_person_do_not_overwrite_each_other(interventions_case, manager, psychologist):
    person = interventions_case.person
    seen_by_first = fresh(person).version
    seen_by_second = seen_by_first
    services.person_update(person=fresh(person), by=manager, expected_version=seen_by_first, phone="035 1")
    with pytest.raises(StaleCaseError, match="Someone else changed this person"):
        services.person_update(person=fresh(person), by=psychologist, expected_version=seen_by_second, phone="035 2")
    person = fresh(person)
    assert (person.phone, person.version) == ("035 1", seen_by_first + 1)


# --- through the case page -------------------------------------------------------------------


def login_in_english(client, user):
    """Admin screens speak the user's preferred language: messages are checked in English."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    login_staff(client, user)


def _post(client, case, action, **data):
    fields = {f"{action}-{key}": value for key, value in data.items()}
    return client.post(
        reverse("cases_case", args=[case.pk]),
        {"action": action, "version": fresh(case).version, **fields},
        follow=True,
    )


def test_the_case_page_edits_reviews_plan_items_and_checks(client, item, internship, interventions_case, manager):
    login_in_english(client, manager)
    case = interventions_case
    page = client.get(reverse("cases_case", args=[case.pk]))
    actions = dict(page.context["actions"])
    assert {"review", "plan_status", "internship_check"} <= set(actions)
    target = timezone.localdate() + timedelta(days=20)
    _post(client, case, "review", next_review_on=target.isoformat())
    assert fresh(case).next_review_on == target
    response = _post(client, case, "plan_status", item=item.pk, status="done")
    assert "mark it in progress first" in response.text
    assert fresh(item).status == PlanItem.Status.PLANNED
    _post(client, case, "plan_status", item=item.pk, status="in_progress")
    assert fresh(item).status == PlanItem.Status.IN_PROGRESS
    response = _post(
        client,
        case,
        "internship_check",
        internship=internship.pk,
        check="midterm",
        held_on=timezone.localdate().isoformat(),
        notes="Va bene.",
    )
    assert fresh(internship).midterm_check_notes == "Va bene."
    assert "Va bene." in response.text


def test_a_stale_person_form_is_refused_on_the_case_page(client, interventions_case, manager):
    person = interventions_case.person
    login_in_english(client, manager)
    data = {
        "person-first_name": "Lucia",
        "person-last_name": "Neri",
        "person-tax_code": person.tax_code,
        "person-date_of_birth": "1985-12-10",
        "person-category": "generic",
        "person-version": person.version,
    }
    client.post(reverse("cases_case", args=[interventions_case.pk]), {"action": "person", "version": 1, **data})
    assert fresh(person).last_name == "Neri"
    data["person-last_name"] = "Bianchi"  # the same, now stale, form sent again
    response = client.post(
        reverse("cases_case", args=[interventions_case.pk]), {"action": "person", "version": 1, **data}, follow=True
    )
    assert "Someone else changed this person" in response.text
    assert fresh(person).last_name == "Neri"


def test_no_status_form_without_plan_items_nor_check_form_without_internships(client, interventions_case, manager):
    login_staff(client, manager)
    actions = dict(client.get(reverse("cases_case", args=[interventions_case.pk])).context["actions"])
    assert "plan_status" not in actions
    assert "internship_check" not in actions
