"""The end of a job: recorded with its date and reason, audited, shown on the case page; dates
before the start or in the future, another case's job and stale forms are refused with nothing
changed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases import services
from cases.models import AuditEntry, Case, CaseTeamMember, Employment
from cases.services import CaseError, StaleCaseError
from tests.factories.auth import login_staff
from tests.factories.cases import CaseFactory, PersonFactory, english_admin

pytestmark = pytest.mark.django_db

STARTED_DAYS_AGO = 100


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def fresh(obj):
    obj.refresh_from_db()
    return obj


def hired_case(district, manager, host) -> tuple[Case, Employment]:
    case = CaseFactory(person=PersonFactory(district=district), stage=Case.Stage.INTERVENTIONS)
    CaseTeamMember.objects.create(case=case, user=manager, role="case_manager")
    job = services.employment_create(
        case=case,
        by=manager,
        expected_version=case.version,
        employer=host,
        contract_type=Employment.Contract.FIXED_TERM,
        starts_on=timezone.localdate() - timedelta(days=STARTED_DAYS_AGO),
        weekly_hours=30,
    )
    return fresh(case), job


@pytest.fixture
def hired(district, manager, host):
    return hired_case(district, manager, host)


def test_the_end_of_a_job_is_recorded_and_audited(hired, manager):
    case, job = hired
    version = case.version
    ended = timezone.localdate() - timedelta(days=10)
    services.employment_record_end(
        case=case,
        by=manager,
        expected_version=case.version,
        employment=job,
        ends_on=ended,
        reason=Employment.EndReason.CONTRACT_EXPIRED,
    )
    job = fresh(job)
    assert (job.ends_on, job.end_reason) == (ended, "contract_expired")
    assert Case.objects.get(pk=case.pk).version == version + 1
    entry = AuditEntry.objects.get(detail="case.employment.end")
    assert (entry.user, entry.object_id, entry.action) == (manager, case.pk, AuditEntry.Action.CHANGE)


def test_a_recorded_end_may_be_corrected(hired, manager):
    case, job = hired
    today = timezone.localdate()
    services.employment_record_end(
        case=case, by=manager, expected_version=case.version, employment=job, ends_on=today, reason="resigned"
    )
    case = fresh(case)
    services.employment_record_end(
        case=case,
        by=manager,
        expected_version=case.version,
        employment=job,
        ends_on=today - timedelta(days=3),
        reason="dismissed",
    )
    job = fresh(job)
    assert (job.ends_on, job.end_reason) == (today - timedelta(days=3), "dismissed")
    assert AuditEntry.objects.filter(detail="case.employment.end").count() == 2


@pytest.mark.parametrize(
    ("offset", "reason", "message"),
    [
        (-STARTED_DAYS_AGO - 1, "resigned", "cannot end before it started"),
        (1, "resigned", "cannot be in the future"),
        (-5, "", "Choose why the job ended"),
        (-5, "bored", "Choose why the job ended"),
    ],
)
def test_a_bad_end_is_refused_and_nothing_changes(hired, manager, offset, reason, message):
    case, job = hired
    with pytest.raises(CaseError, match=message):
        services.employment_record_end(
            case=case,
            by=manager,
            expected_version=case.version,
            employment=job,
            ends_on=timezone.localdate() + timedelta(days=offset),
            reason=reason,
        )
    job = fresh(job)
    assert (job.ends_on, job.end_reason) == (None, "")
    assert fresh(case).version == case.version
    assert not AuditEntry.objects.filter(detail="case.employment.end").exists()


def test_the_job_may_end_on_its_first_day(hired, manager):
    case, job = hired
    services.employment_record_end(
        case=case,
        by=manager,
        expected_version=case.version,
        employment=job,
        ends_on=job.starts_on,
        reason="probation",
    )
    assert fresh(job).ends_on == job.starts_on


def test_a_job_of_another_case_is_refused(hired, manager, district, host):
    _case, job = hired
    other, _other_job = hired_case(district, manager, host)
    with pytest.raises(CaseError, match="not part of this case"):
        services.employment_record_end(
            case=other,
            by=manager,
            expected_version=other.version,
            employment=job,
            ends_on=timezone.localdate(),
            reason="resigned",
        )
    assert fresh(job).ends_on is None
    assert fresh(other).version == other.version


def test_a_stale_version_is_refused(hired, manager):
    case, job = hired
    with pytest.raises(StaleCaseError):
        services.employment_record_end(
            case=case,
            by=manager,
            expected_version=case.version - 1,
            employment=job,
            ends_on=timezone.localdate(),
            reason="resigned",
        )
    assert fresh(job).ends_on is None


# --- the case page -----------------------------------------------------------------------------


def test_the_action_is_offered_only_once_there_is_a_job(client, district, manager, host):
    case = CaseFactory(person=PersonFactory(district=district), stage=Case.Stage.MONITORING)
    CaseTeamMember.objects.create(case=case, user=manager, role="case_manager")
    login_staff(client, english_admin(manager))
    url = reverse("cases_case", args=[case.pk])
    assert 'value="employment_end"' not in client.get(url).content.decode()
    Employment.objects.create(
        case=case,
        employer=host,
        contract_type="permanent",
        starts_on=timezone.localdate() - timedelta(days=30),
        weekly_hours=20,
    )
    page = client.get(url).content.decode()
    assert 'value="employment_end"' in page
    assert "Record the end of the job" in page


def test_the_end_is_recorded_from_the_page_of_a_closed_case_and_shown(client, hired, manager):
    case, job = hired
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.CLOSED)
    ended = timezone.localdate() - timedelta(days=2)
    login_staff(client, english_admin(manager))
    url = reverse("cases_case", args=[case.pk])
    response = client.post(
        url,
        {
            "action": "employment_end",
            "version": case.version,
            "employment_end-employment": job.pk,
            "employment_end-ends_on": ended.isoformat(),
            "employment_end-reason": "resigned",
        },
    )
    assert response.status_code == 302
    assert fresh(job).ends_on == ended
    page = client.get(url).content.decode()
    assert "ended on" in page
    assert "Resigned" in page


def test_a_future_end_from_the_page_shows_the_reason_and_changes_nothing(client, hired, manager):
    case, job = hired
    login_staff(client, english_admin(manager))
    url = reverse("cases_case", args=[case.pk])
    response = client.post(
        url,
        {
            "action": "employment_end",
            "version": case.version,
            "employment_end-employment": job.pk,
            "employment_end-ends_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
            "employment_end-reason": "resigned",
        },
        follow=True,
    )
    assert "cannot be in the future" in response.content.decode()
    assert fresh(job).ends_on is None


def test_the_recorded_end_counts_in_the_dashboards_retention(district, manager, host):
    """The reason the field exists: a job that ended within three months is not kept at three."""
    from outcomes.selectors import OutcomeFilters, employment_figures

    case, job = hired_case(district, manager, host)
    filters = OutcomeFilters(
        date_from=job.starts_on - timedelta(days=1), date_to=timezone.localdate(), district_ids=None
    )

    def kept_at_three_months() -> tuple[int, int]:
        figures = employment_figures(filters, district_keys=[], category_keys=[])["all"][None]
        return figures["retention_3_base"], figures["retention_3_kept"]

    assert kept_at_three_months() == (1, 1)
    services.employment_record_end(
        case=case,
        by=manager,
        expected_version=case.version,
        employment=job,
        ends_on=job.starts_on + timedelta(days=30),
        reason="dismissed",
    )
    assert kept_at_three_months() == (1, 0)
