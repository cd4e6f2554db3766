"""The daily reminders: what is selected for an explicit date, who is told, that each is sent
once, that e-mails hold references and admin links only, and a run through Redis and a worker."""

import time
from datetime import date, datetime, timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from cases import reminders
from cases.models import Case, CaseTeamMember, Employment, Internship, Reminder
from cases.selectors import COORDINATORS_GROUP, ROLE_GROUPS
from tests.factories.cases import CaseFactory, PersonFactory, ReferralFactory, staff_user
from tests.factories.network import OrganisationFactory

TODAY = date(2027, 3, 10)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def with_email(user, email):
    user.email = email
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def team(manager, coordinator):
    return with_email(manager, "manager@sil.example"), with_email(coordinator, "coordinator@sil.example")


@pytest.fixture
def world(db, district, other_district, team, outsider):
    """One of each thing to remind on TODAY, and one just outside each window."""
    manager, _coordinator = team
    with_email(outsider, "outsider@sil.example")
    person = PersonFactory(district=district, first_name="Giuseppina", last_name="Segretissima")
    review = CaseFactory(person=person, stage=Case.Stage.MONITORING, next_review_on=TODAY + timedelta(days=3))
    CaseTeamMember.objects.create(case=review, user=manager, role="case_manager")
    CaseFactory(person=PersonFactory(district=district), stage=Case.Stage.MONITORING, next_review_on=date(2027, 6, 1))
    no_team = CaseFactory(
        person=PersonFactory(district=district), stage=Case.Stage.INTERVENTIONS, next_review_on=TODAY - timedelta(1)
    )
    internship = Internship.objects.create(
        case=review,
        host=OrganisationFactory(),
        company_tutor="T",
        sil_tutor=manager,
        starts_on=TODAY - timedelta(days=100),
        ends_on=TODAY + timedelta(days=14),
        weekly_hours=20,
        monthly_allowance=400,
        insurance="INAIL",
    )
    employment = Employment.objects.create(
        case=review,
        employer=OrganisationFactory(),
        contract_type="permanent",
        starts_on=TODAY - timedelta(weeks=4) + timedelta(days=2),  # next check-in in 2 days
        weekly_hours=30,
        monitoring_every_weeks=4,
    )
    late = ReferralFactory(received_at=at(TODAY - timedelta(days=6)))  # no district: every case manager
    late_here = ReferralFactory(received_at=at(TODAY - timedelta(days=8)), district=district)
    on_time = ReferralFactory(received_at=at(TODAY - timedelta(days=5)))  # deadline is today: not overdue yet
    return {
        "review": review,
        "no_team": no_team,
        "internship": internship,
        "employment": employment,
        "late": late,
        "late_here": late_here,
        "on_time": on_time,
    }


def _by_kind(dues):
    return {(due.kind, due.object_id): due for due in dues}


def test_what_is_due_on_a_given_day(world):
    due = _by_kind(reminders.due_reminders(today=TODAY))
    review, internship, employment = world["review"], world["internship"], world["employment"]
    assert set(due) == {
        ("review_due", review.pk),
        ("review_due", world["no_team"].pk),
        ("internship_ending", internship.pk),
        ("post_hire_check", employment.pk),
        ("referral_overdue", world["late"].pk),
        ("referral_overdue", world["late_here"].pk),
    }
    assert due["review_due", review.pk].due_on == TODAY + timedelta(days=3)
    assert due["internship_ending", internship.pk].due_on == TODAY + timedelta(days=14)
    assert due["post_hire_check", employment.pk].due_on == TODAY + timedelta(days=2)
    assert due["referral_overdue", world["late"].pk].due_on == TODAY - timedelta(days=1)


def test_who_is_told(world):
    due = _by_kind(reminders.due_reminders(today=TODAY))
    team_only = frozenset({"manager@sil.example"})
    assert due["review_due", world["review"].pk].recipients == team_only
    assert due["internship_ending", world["internship"].pk].recipients == team_only
    # A case without a team goes to the district's coordinators.
    assert due["review_due", world["no_team"].pk].recipients == {"coordinator@sil.example"}
    # A referral of a district: that district's case managers and coordinators only.
    assert due["referral_overdue", world["late_here"].pk].recipients == {
        "manager@sil.example",
        "coordinator@sil.example",
    }
    # A referral without a district yet: whoever may take it in, in any district.
    assert due["referral_overdue", world["late"].pk].recipients == {
        "manager@sil.example",
        "coordinator@sil.example",
        "outsider@sil.example",
    }


def test_nothing_is_due_on_a_quiet_day(world):
    Case.objects.update(next_review_on=None)
    quiet = TODAY - timedelta(days=60)
    assert reminders.due_reminders(today=quiet) == []


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 1, 1), date(2027, 1, 29)),  # the start day: the first check-in is one period later
        (date(2026, 12, 1), date(2027, 1, 29)),  # before the start
        (date(2027, 1, 15), date(2027, 1, 29)),
        (date(2027, 1, 29), date(2027, 1, 29)),  # the check-in day itself
        (date(2027, 1, 30), date(2027, 2, 26)),
    ],
)
def test_the_next_post_hire_check_in(today, expected):
    employment = Employment(starts_on=date(2027, 1, 1), monitoring_every_weeks=4)
    assert reminders.next_check_in(employment, today=today) == expected


def test_no_check_in_after_the_monitoring_ends():
    employment = Employment(starts_on=date(2027, 1, 1), monitoring_every_weeks=4, monitoring_until=date(2027, 1, 20))
    assert reminders.next_check_in(employment, today=date(2027, 1, 10)) is None


def test_each_reminder_is_sent_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders.reminders_send(today=TODAY)
    assert sent == 6
    assert Reminder.objects.count() == 6
    first = len(mail.outbox)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "coordinator@sil.example",
        "manager@sil.example",
        "outsider@sil.example",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.reminders_send(today=TODAY) == 0  # same day, again
    assert len(mail.outbox) == first
    # The next day only what became due is sent: the referral whose deadline was TODAY.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.reminders_send(today=TODAY + timedelta(days=1)) == 1
    assert Reminder.objects.latest("pk").object_id == world["on_time"].pk
    assert len(mail.outbox) == first + 3  # a referral without district: every case manager and coordinator
    assert Reminder.objects.count() == 7
    # A moved review date is a new thing to remind.
    Case.objects.filter(pk=world["review"].pk).update(next_review_on=TODAY + timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.reminders_send(today=TODAY + timedelta(days=1)) == 1
    assert len(mail.outbox) == first + 4
    assert mail.outbox[-1].to == ["manager@sil.example"]


def test_the_e_mails_hold_references_and_links_only(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reminders.reminders_send(today=TODAY)
    message = next(message for message in mail.outbox if message.to == ["manager@sil.example"])
    review, late = world["review"], world["late"]
    assert review.reference in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/cases/{review.pk}/" in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/cases/referrals/{late.pk}/" in message.body
    person = review.person
    for private in (person.first_name, person.last_name, person.tax_code, late.last_name, late.tax_code, late.reason):
        for text in (message.subject, message.body):
            assert private not in text


def test_a_reminder_with_nobody_to_tell_waits(world, team, django_capture_on_commit_callbacks):
    for user in team:
        with_email(user, "")
    with django_capture_on_commit_callbacks(execute=True):
        reminders.reminders_send(today=TODAY)
    assert not Reminder.objects.filter(kind="review_due", object_id=world["review"].pk).exists()
    with_email(team[0], "manager@sil.example")
    with django_capture_on_commit_callbacks(execute=True):
        reminders.reminders_send(today=TODAY)
    assert Reminder.objects.filter(kind="review_due", object_id=world["review"].pk).exists()


def test_the_beat_schedule_runs_the_task_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["cases-reminders"]
    assert entry["task"] == "cases.tasks.send_due_reminders"
    assert entry["schedule"].hour == {settings.REMINDERS_HOUR}
    assert entry["schedule"].day_of_week == set(range(7))
    from config.celery_app import app

    app.loader.import_default_modules()
    assert "cases.tasks.send_due_reminders" in app.tasks


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_task_runs_through_the_broker_and_a_worker(district):
    from cases.tasks import send_due_reminders
    from config.celery_app import app as celery_app

    # Transactional tests start from an emptied database: put back the groups the migration made.
    for name in (ROLE_GROUPS["case_manager"], COORDINATORS_GROUP):
        Group.objects.get_or_create(name=name)
    manager = with_email(staff_user("worker-manager", district), "manager@sil.example")
    case = CaseFactory(person=PersonFactory(district=district), stage=Case.Stage.MONITORING, next_review_on=TODAY)
    CaseTeamMember.objects.create(case=case, user=manager, role="case_manager")
    celery_app.conf.task_always_eager = False
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        for _run in range(2):  # e.g. beat fired twice
            send_due_reminders.delay(TODAY.isoformat())

        # Only this test's address: a queue shared with other suites may hold their e-mails too.
        def mine():
            return [message for message in mail.outbox if message.to == ["manager@sil.example"]]

        deadline = time.monotonic() + 60
        while not mine() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)  # the second run, and its e-mail if it sent one, land by now
    assert len(mine()) == 1
    assert case.reference in mine()[0].body
    assert Reminder.objects.filter(kind="review_due", object_id=case.pk, due_on=TODAY).count() == 1


def test_a_reminder_task_delivered_twice_sends_each_e_mail_once(world, django_capture_on_commit_callbacks):
    from core.models import OutboxEmail
    from core.tasks import send_outbox_email

    with django_capture_on_commit_callbacks(execute=True):
        reminders.reminders_send(today=TODAY)
    sent = len(mail.outbox)
    stored = OutboxEmail.objects.filter(key__startswith=f"cases.reminders:{TODAY.isoformat()}:")
    assert stored.count() == sent == 3  # one per recipient, each stored in the outbox
    for email in stored:
        assert send_outbox_email.apply(args=[email.pk]).get() is False  # a redelivered task sends nothing
    assert len(mail.outbox) == sent
