"""Every legal and illegal state change of referrals and cases: refused ones change nothing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation

from cases import services
from cases.models import AuditEntry, Case, Evaluation, InterventionType, Person, Referral, ReferralEvent
from cases.services import CaseError, Prerequisite, StaleCaseError
from tests.factories.cases import PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db(transaction=False)

GOOD = Prerequisite(rating=3, notes="ok")


@pytest.fixture(autouse=True)
def english():
    """Refusal messages are checked in English (the source strings)."""
    with translation.override("en"):
        yield


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def write_final_report(case, by):
    """Closing a path that was carried out needs its final report (``cases.reports``)."""
    from cases.reports import report_final_save

    case = refreshed(case)
    return report_final_save(
        case=case,
        by=by,
        expected_version=case.version,
        summary="Percorso completato.",
        interventions="Tirocinio.",
        outcomes="Assunzione.",
    )


def evaluate(case, by, decision=Evaluation.Decision.ELIGIBLE):
    return services.evaluation_record(
        case=case,
        by=by,
        expected_version=case.version,
        held_on=date(2026, 11, 1),
        motivation=GOOD,
        autonomy=GOOD,
        flexibility=GOOD,
        stability=Prerequisite(rating=2, notes="segreto sanitario"),
        panel=[by],
        decision=decision,
        reasons="Prerequisiti adeguati.",
    )


@pytest.fixture
def in_evaluation(referral, district, manager):
    services.referral_acknowledge(referral=referral, by=manager, district=district)
    return services.referral_start_evaluation(referral=referral, by=manager)


@pytest.fixture
def accepted(in_evaluation, manager):
    evaluate(in_evaluation, manager)
    return services.referral_accept(
        referral=in_evaluation.referral, by=manager, expected_version=refreshed(in_evaluation).version
    )


@pytest.fixture
def in_interventions(accepted, manager, coordinator):
    case = services.project_save(
        case=accepted,
        by=manager,
        expected_version=accepted.version,
        objectives="Lavoro.",
        expected_results="Tirocinio.",
    ).case
    case = refreshed(case)
    services.project_approve(case=case, by=coordinator, expected_version=case.version)
    case = refreshed(case)
    return services.case_start_interventions(case=case, by=manager, expected_version=case.version)


def test_the_whole_path_from_referral_to_closing(in_interventions, manager, host, django_capture_on_commit_callbacks):
    case = refreshed(in_interventions)
    with django_capture_on_commit_callbacks(execute=True):
        _internship, warnings = services.internship_create(
            case=case,
            by=manager,
            expected_version=case.version,
            host=host,
            company_tutor="Tutor aziendale",
            sil_tutor=manager,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 6, 30),
            weekly_hours=20,
            monthly_allowance=Decimal("500.00"),
            insurance="INAIL",
        )
        assert warnings == []
        case = refreshed(case)
        services.employment_create(
            case=case,
            by=manager,
            expected_version=case.version,
            employer=host,
            contract_type="permanent",
            starts_on=date(2026, 7, 1),
            weekly_hours=30,
        )
        case = refreshed(case)
        assert case.stage == Case.Stage.MONITORING
        write_final_report(case, manager)
        case = refreshed(case)
        services.case_close(case=case, by=manager, expected_version=case.version, outcome="employed", reason="Assunto.")
        case = refreshed(case)
        assert case.stage == Case.Stage.CLOSED
    steps = list(ReferralEvent.objects.filter(referral=case.referral).values_list("step", flat=True))
    assert steps == [
        "acknowledged",
        "in_evaluation",
        "accepted",
        "project_started",
        "internship_started",
        "hired",
        "closed_with_final_report",
    ]
    assert len(mail.outbox) == 3  # internship, hired, closed
    person = case.person
    for message in mail.outbox:
        assert message.to == ["referrer@example.org"]
        assert case.referral.reference in message.subject
        text = message.subject + message.body
        for personal in (person.first_name, person.last_name, person.tax_code, "segreto sanitario", "Tirocinio."):
            assert personal not in text


def test_reopen_returns_to_the_stage_it_was_closed_from(in_interventions, manager):
    write_final_report(in_interventions, manager)
    case = refreshed(in_interventions)
    services.case_close(case=case, by=manager, expected_version=case.version, outcome="dropped_out", reason="Ritirato.")
    case = refreshed(case)
    services.case_reopen(case=case, by=manager, expected_version=case.version)
    case = refreshed(case)
    assert (case.stage, case.outcome, case.closed_at) == (Case.Stage.INTERVENTIONS, "", None)


def test_acknowledging_twice_is_refused(referral, district, manager):
    services.referral_acknowledge(referral=referral, by=manager, district=district)
    with pytest.raises(CaseError):
        services.referral_acknowledge(referral=referral, by=manager, district=district)
    assert Person.objects.count() == 1


def test_acknowledging_can_link_an_existing_person_without_merging(referral, district, manager):
    person = PersonFactory(district=district)
    services.referral_acknowledge(referral=referral, by=manager, district=district, person=person)
    assert refreshed(referral).person == person
    assert Person.objects.count() == 1


def test_accepting_without_an_evaluation_is_refused_and_changes_nothing(in_evaluation, manager):
    case = refreshed(in_evaluation)
    with pytest.raises(CaseError, match="evaluation"):
        services.referral_accept(referral=case.referral, by=manager, expected_version=case.version)
    assert refreshed(case.referral).status == Referral.Status.IN_EVALUATION
    assert refreshed(case).stage == Case.Stage.EVALUATION
    assert refreshed(case).version == case.version


def test_accepting_after_a_negative_evaluation_is_refused(in_evaluation, manager):
    evaluate(in_evaluation, manager, decision=Evaluation.Decision.NOT_ELIGIBLE)
    case = refreshed(in_evaluation)
    with pytest.raises(CaseError):
        services.referral_accept(referral=case.referral, by=manager, expected_version=case.version)
    assert refreshed(case.referral).status == Referral.Status.IN_EVALUATION


def test_accepting_a_received_referral_is_refused(referral, manager):
    with pytest.raises(CaseError):
        services.referral_accept(referral=referral, by=manager, expected_version=1)
    assert refreshed(referral).status == Referral.Status.RECEIVED


def test_not_eligible_needs_a_reason(in_evaluation, manager):
    with pytest.raises(CaseError, match="not eligible"):
        services.referral_decline(referral=in_evaluation.referral, by=manager, reason="  ")
    assert refreshed(in_evaluation.referral).status == Referral.Status.IN_EVALUATION


def test_not_eligible_closes_the_case_and_tells_the_referrer_the_reason(
    in_evaluation, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_decline(referral=in_evaluation.referral, by=manager, reason="Fuori dai requisiti di età.")
    case = refreshed(in_evaluation)
    assert (case.stage, case.outcome) == (Case.Stage.CLOSED, Case.Outcome.NOT_ELIGIBLE)
    assert refreshed(case.referral).status == Referral.Status.NOT_ELIGIBLE
    assert "Fuori dai requisiti di età." in mail.outbox[-1].body
    with pytest.raises(CaseError):
        services.case_reopen(case=case, by=manager, expected_version=case.version)


def test_withdrawing_a_decided_referral_is_refused(accepted, manager):
    with pytest.raises(CaseError):
        services.referral_withdraw(referral=accepted.referral, by=manager)
    assert refreshed(accepted.referral).status == Referral.Status.ACCEPTED


def test_withdrawing_a_received_referral(referral, manager):
    services.referral_withdraw(referral=referral, by=manager, reason="Trasferito")
    assert refreshed(referral).status == Referral.Status.WITHDRAWN


def test_closing_without_an_outcome_is_refused_and_changes_nothing(accepted, manager):
    case = refreshed(accepted)
    for outcome, reason in (("", "Motivo"), ("employed", " "), ("bogus", "Motivo")):
        with pytest.raises(CaseError, match="outcome"):
            services.case_close(case=case, by=manager, expected_version=case.version, outcome=outcome, reason=reason)
    after = refreshed(accepted)
    assert (after.stage, after.outcome, after.version) == (Case.Stage.PROJECT, "", case.version)


def test_closing_a_closed_case_and_reopening_an_open_one_are_refused(accepted, manager):
    case = refreshed(accepted)
    with pytest.raises(CaseError):
        services.case_reopen(case=case, by=manager, expected_version=case.version)
    write_final_report(case, manager)
    case = refreshed(case)
    services.case_close(case=case, by=manager, expected_version=case.version, outcome="other", reason="Motivo")
    case = refreshed(case)
    with pytest.raises(CaseError):
        services.case_close(case=case, by=manager, expected_version=case.version, outcome="other", reason="Motivo")


def test_an_evaluation_outside_the_evaluation_stage_is_refused(accepted, manager):
    count = Evaluation.objects.count()
    with pytest.raises(CaseError):
        evaluate(refreshed(accepted), manager)
    assert Evaluation.objects.count() == count


def test_an_evaluation_needs_reasons_and_a_panel(in_evaluation, manager):
    with pytest.raises(CaseError):
        services.evaluation_record(
            case=in_evaluation,
            by=manager,
            expected_version=in_evaluation.version,
            held_on=date(2026, 1, 1),
            motivation=GOOD,
            autonomy=GOOD,
            flexibility=GOOD,
            stability=GOOD,
            panel=[],
            decision="eligible",
            reasons="Motivi",
        )
    assert not Evaluation.objects.exists()


def test_only_the_district_coordinator_approves_the_project(accepted, manager):
    case = refreshed(accepted)
    services.project_save(case=case, by=manager, expected_version=case.version, objectives="O", expected_results="R")
    case = refreshed(case)
    with pytest.raises(CaseError, match="coordinator"):
        services.project_approve(case=case, by=manager, expected_version=case.version)
    assert refreshed(case).project.approved_at is None


def test_interventions_need_an_approved_project(accepted, manager):
    case = refreshed(accepted)
    services.project_save(case=case, by=manager, expected_version=case.version, objectives="O", expected_results="R")
    case = refreshed(case)
    with pytest.raises(CaseError):
        services.case_start_interventions(case=case, by=manager, expected_version=case.version)
    assert refreshed(case).stage == Case.Stage.PROJECT


def test_plan_items_use_the_editable_types_and_refuse_reversed_dates(accepted, manager):
    case = refreshed(accepted)
    services.project_save(case=case, by=manager, expected_version=case.version, objectives="O", expected_results="R")
    case = refreshed(case)
    kind = InterventionType.objects.get(name_en="Training")
    with pytest.raises(CaseError):
        services.plan_item_add(
            case=case,
            by=manager,
            expected_version=case.version,
            intervention_type=kind,
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 2, 1),
            responsible=manager,
        )
    item = services.plan_item_add(
        case=case,
        by=manager,
        expected_version=case.version,
        intervention_type=kind,
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 4, 1),
        responsible=manager,
    )
    assert item.project.case == case


def internship(case, manager, host, starts_on, ends_on):
    return services.internship_create(
        case=case,
        by=manager,
        expected_version=case.version,
        host=host,
        company_tutor="T",
        sil_tutor=manager,
        starts_on=starts_on,
        ends_on=ends_on,
        weekly_hours=20,
        monthly_allowance=Decimal(500),
        insurance="INAIL",
    )


def test_an_internship_ending_before_it_starts_is_refused(in_interventions, manager, host):
    case = refreshed(in_interventions)
    with pytest.raises(CaseError, match="end before it starts"):
        internship(case, manager, host, date(2026, 5, 1), date(2026, 4, 1))
    assert not case.internships.exists()
    assert refreshed(case).version == case.version


def test_an_internship_before_the_interventions_stage_is_refused(accepted, manager, host):
    with pytest.raises(CaseError):
        internship(refreshed(accepted), manager, host, date(2026, 1, 1), date(2026, 2, 1))


@pytest.mark.parametrize(
    ("category", "months", "warned"),
    [("generic", 12, False), ("generic", 13, True), ("l68_99", 13, False), ("l68_99", 25, True)],
)
def test_long_internships_are_warned_not_refused(in_interventions, manager, host, category, months, warned):
    case = refreshed(in_interventions)
    Person.objects.filter(pk=case.person_id).update(category=category)
    case = refreshed(case)
    start = date(2026, 1, 15)
    end = date(2026 + (months // 12), 1 + months % 12, 15)
    _internship, warnings = internship(case, manager, host, start, end)
    assert bool(warnings) is warned


def test_a_stale_edit_is_refused(accepted, manager):
    seen = refreshed(accepted)
    services.project_save(case=seen, by=manager, expected_version=seen.version, objectives="A", expected_results="R")
    with pytest.raises(StaleCaseError):
        services.project_save(
            case=seen, by=manager, expected_version=seen.version - 1, objectives="B", expected_results="R"
        )
    assert refreshed(accepted).project.objectives == "A"


def test_two_users_with_the_same_version_the_second_is_refused(accepted, manager, psychologist):
    first = Case.objects.get(pk=accepted.pk)
    second = Case.objects.get(pk=accepted.pk)
    services.project_save(case=first, by=manager, expected_version=first.version, objectives="A", expected_results="R")
    with pytest.raises(StaleCaseError):
        services.project_save(
            case=second, by=psychologist, expected_version=second.version, objectives="B", expected_results="R"
        )
    assert refreshed(accepted).project.objectives == "A"


def test_timeline_refuses_empty_and_future_entries(accepted, manager):
    with pytest.raises(CaseError):
        services.timeline_add(case=accepted, by=manager, kind="note", occurred_at=timezone.now(), text=" ")
    with pytest.raises(CaseError):
        services.timeline_add(
            case=accepted, by=manager, kind="note", occurred_at=timezone.now() + timedelta(days=3), text="x"
        )
    assert not accepted.timeline.exists()


def test_person_update_validates_tax_code_and_percentage(accepted, manager):
    person = accepted.person
    with pytest.raises(CaseError):
        services.person_update(person=person, by=manager, expected_version=1, category="l68_99")
    with pytest.raises(Exception, match="NOTACODE"):
        services.person_update(person=person, by=manager, expected_version=1, tax_code="NOTACODE")
    services.person_update(person=person, by=manager, expected_version=1, category="l68_99", invalidity_percentage=67)
    assert refreshed(person).invalidity_percentage == 67


def test_changes_are_audited_without_values(in_evaluation, manager):
    entries = AuditEntry.objects.filter(user=manager, action=AuditEntry.Action.CHANGE)
    assert set(entries.values_list("detail", flat=True)) >= {"referral.acknowledge", "case.open"}
    person = in_evaluation.person
    for entry in entries:
        for value in (person.first_name, person.last_name, person.tax_code):
            assert value not in (entry.detail + entry.object_reference)


def test_duplicates_are_flagged_never_merged(manager):
    first = ReferralFactory(tax_code="RSSMRA85T10A562S")
    second = ReferralFactory(tax_code="rssmra85t10a562s")
    third = ReferralFactory(first_name="Anna", last_name="Verdi", date_of_birth=date(1990, 1, 1))
    fourth = ReferralFactory(first_name="anna", last_name="VERDI", date_of_birth=date(1990, 1, 1))
    alone = ReferralFactory()
    from cases.selectors import referrals_for_user

    flags = dict(referrals_for_user(manager).values_list("pk", "possible_duplicate"))
    assert flags[first.pk]
    assert flags[second.pk]
    assert flags[third.pk]
    assert flags[fourth.pk]
    assert not flags[alone.pk]
    assert Referral.objects.count() == 5


def test_staff_typed_referral_is_the_same_record(manager, district):
    referral = services.referral_create(
        by=manager,
        first_name="Anna",
        last_name="Verdi",
        date_of_birth=date(1990, 1, 1),
        tax_code="rssmra85t10a562s",
        municipality="Dalmine",
        category="generic",
        referring_service="CPS",
        referrer_name="X",
        referrer_email="x@example.org",
        reason="Telefonata.",
        district=district,
    )
    assert referral.submission is None
    assert referral.tax_code == "RSSMRA85T10A562S"
    assert referral.reference.startswith("SIL-")
