"""The reminders of case work: what is due on a given day, who is told, and sending each once.

``due_reminders(today=...)`` is pure selection for an explicit date (tests freeze nothing:
they pass the date). ``reminders_send`` records each reminder in ``Reminder`` (one per kind,
object and due date, enforced by a unique constraint) before e-mailing it, so the daily beat
task can run twice, or be retried, without sending anything twice. The e-mails carry the
kind of reminder, the date, the case or referral reference and the admin link: never a name
or any other data about the person, which staff read in the admin, where access is checked.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cases.models import Case, CasesSettings, CaseTeamMember, Employment, Internship, Referral, Reminder, Role
from cases.selectors import COORDINATORS_GROUP, ROLE_GROUPS
from core.outbox import email_queue

LINE_TEMPLATES = {
    Reminder.Kind.REFERRAL_OVERDUE: gettext_lazy("Referral %(reference)s not acknowledged: it was due by %(date)s"),
    Reminder.Kind.REVIEW_DUE: gettext_lazy("Case %(reference)s: review due on %(date)s"),
    Reminder.Kind.INTERNSHIP_ENDING: gettext_lazy("Case %(reference)s: the internship ends on %(date)s"),
    Reminder.Kind.POST_HIRE_CHECK: gettext_lazy("Case %(reference)s: post-hire check-in due on %(date)s"),
}


@dataclass(frozen=True)
class Due:
    """One thing to remind: what, which object, its date, the reference and the staff to tell."""

    kind: str
    object_id: int
    due_on: date
    reference: str
    path: str
    recipients: frozenset[str]


def _admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _emails(users) -> frozenset[str]:
    return frozenset(user.email for user in users if user.is_active and user.email)


def _team_emails(case_ids) -> dict[int, set[str]]:
    """E-mail addresses of each case's team, in one query."""
    found: dict[int, set[str]] = defaultdict(set)
    members = CaseTeamMember.objects.filter(case_id__in=case_ids, user__is_active=True).exclude(user__email="")
    for case_id, email in members.values_list("case_id", "user__email"):
        found[case_id].add(email)
    return found


def _coordinator_emails() -> dict[int, set[str]]:
    """Coordinators' addresses per district: told about a case whose team has no address."""
    found: dict[int, set[str]] = defaultdict(set)
    users = get_user_model().objects.filter(is_active=True, groups__name=COORDINATORS_GROUP).exclude(email="")
    for district_id, email in users.values_list("cases_profile__districts", "email"):
        if district_id is not None:
            found[district_id].add(email)
    return found


def _case_recipients(case: Case, teams, coordinators) -> frozenset[str]:
    return frozenset(teams.get(case.pk) or coordinators.get(case.district_id) or ())


def overdue_referrals(*, today: date) -> list[Due]:
    """Referrals still "received" after the acknowledgement deadline, for the staff who take them in.

    A referral with a district goes to that district's case managers and coordinators (through
    their ``StaffProfile``); one without a district yet to every case manager and coordinator,
    as they are the ones who see it in the inbox.
    """
    days = CasesSettings.load().acknowledge_within_days
    # Overdue when received before the start of (today - days), in the site's time zone.
    limit = timezone.make_aware(datetime.combine(today - timedelta(days=days), time.min))
    referrals = list(Referral.objects.filter(status=Referral.Status.RECEIVED, received_at__lt=limit))
    if not referrals:
        return []
    handlers = (
        get_user_model()
        .objects.filter(
            Q(groups__name=ROLE_GROUPS[Role.CASE_MANAGER]) | Q(groups__name=COORDINATORS_GROUP), is_active=True
        )
        .exclude(email="")
    )
    everyone: set[str] = set()
    by_district: dict[int, set[str]] = defaultdict(set)
    for district_id, email in handlers.values_list("cases_profile__districts", "email").distinct():
        everyone.add(email)
        if district_id is not None:
            by_district[district_id].add(email)
    due = []
    for referral in referrals:
        recipients = by_district.get(referral.district_id, set()) if referral.district_id else everyone
        due.append(
            Due(
                kind=Reminder.Kind.REFERRAL_OVERDUE,
                object_id=referral.pk,
                due_on=timezone.localdate(referral.received_at) + timedelta(days=days),
                reference=referral.reference,
                path=reverse("cases_referral", args=[referral.pk]),
                recipients=frozenset(recipients),
            )
        )
    return due


def reviews_due(*, today: date, within_days: int) -> list[Due]:
    """Open cases whose review falls within ``within_days`` (overdue ones included), for the team."""
    cases = list(
        Case.objects.exclude(stage=Case.Stage.CLOSED).filter(next_review_on__lte=today + timedelta(days=within_days))
    )
    teams, coordinators = _team_emails([case.pk for case in cases]), _coordinator_emails()
    return [
        Due(
            kind=Reminder.Kind.REVIEW_DUE,
            object_id=case.pk,
            due_on=case.next_review_on,
            reference=case.reference,
            path=reverse("cases_case", args=[case.pk]),
            recipients=_case_recipients(case, teams, coordinators),
        )
        for case in cases
    ]


def internships_ending(*, today: date, within_days: int) -> list[Due]:
    """Internships of open cases ending between today and ``within_days``, for the team and the SIL tutor."""
    internships = list(
        Internship.objects.exclude(case__stage=Case.Stage.CLOSED)
        .filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=within_days))
        .select_related("case", "sil_tutor")
    )
    teams, coordinators = _team_emails([item.case_id for item in internships]), _coordinator_emails()
    return [
        Due(
            kind=Reminder.Kind.INTERNSHIP_ENDING,
            object_id=internship.pk,
            due_on=internship.ends_on,
            reference=internship.case.reference,
            path=reverse("cases_case", args=[internship.case_id]),
            recipients=_case_recipients(internship.case, teams, coordinators) | _emails([internship.sil_tutor]),
        )
        for internship in internships
    ]


def next_check_in(employment: Employment, *, today: date) -> date | None:
    """The first post-hire check-in on or after ``today``: every ``monitoring_every_weeks`` from
    the start of the job, the first one period after it; None once the monitoring is over."""
    period = timedelta(weeks=max(employment.monitoring_every_weeks, 1))
    elapsed = (today - employment.starts_on).days
    periods = max(1, math.ceil(elapsed / period.days))
    check_in = employment.starts_on + periods * period
    if employment.monitoring_until is not None and check_in > employment.monitoring_until:
        return None
    return check_in


def post_hire_checks(*, today: date, within_days: int) -> list[Due]:
    """The next check-in of each hiring of a case in monitoring, when it is within ``within_days``."""
    employments = list(
        Employment.objects.filter(case__stage=Case.Stage.MONITORING)
        .filter(Q(monitoring_until__isnull=True) | Q(monitoring_until__gte=today))
        .select_related("case")
    )
    teams, coordinators = _team_emails([item.case_id for item in employments]), _coordinator_emails()
    due = []
    for employment in employments:
        check_in = next_check_in(employment, today=today)
        if check_in is None or check_in > today + timedelta(days=within_days):
            continue
        due.append(
            Due(
                kind=Reminder.Kind.POST_HIRE_CHECK,
                object_id=employment.pk,
                due_on=check_in,
                reference=employment.case.reference,
                path=reverse("cases_case", args=[employment.case_id]),
                recipients=_case_recipients(employment.case, teams, coordinators),
            )
        )
    return due


def due_reminders(*, today: date) -> list[Due]:
    """Everything to remind on ``today``, sent or not yet."""
    within_days = CasesSettings.load().due_within_days
    return [
        *overdue_referrals(today=today),
        *reviews_due(today=today, within_days=within_days),
        *internships_ending(today=today, within_days=within_days),
        *post_hire_checks(today=today, within_days=within_days),
    ]


def _claim(due: Due, *, today: date) -> bool:
    """Record the reminder; False when it was already sent (by an earlier run or a parallel one)."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                kind=due.kind,
                object_id=due.object_id,
                due_on=due.due_on,
                sent_on=today,
                recipients=len(due.recipients),
            )
    except IntegrityError:
        return False
    return True


def _message(email: str, items: list[Due]) -> dict:
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext("SIL: %(count)d reminder", "SIL: %(count)d reminders", len(items)) % {"count": len(items)}
        lines = [_("Reminders of case work for today:")]
        for due in sorted(items, key=lambda item: (item.due_on, item.reference)):
            text = LINE_TEMPLATES[due.kind] % {
                "reference": due.reference,
                "date": formats.date_format(due.due_on, "SHORT_DATE_FORMAT"),
            }
            lines.append(f"- {text}\n  {_admin_url(due.path)}")
        lines.append(_("The details are in the admin, for the staff who may read them."))
    return {"subject": subject, "body": "\n\n".join(lines) + "\n", "to": [email]}


@transaction.atomic
def reminders_send(*, today: date) -> int:
    """Send the reminders due on ``today`` not sent before: one e-mail per staff member.

    A reminder without anyone to tell (no team address, no coordinator) is left unrecorded,
    so it goes out once someone is there to receive it. Returns how many reminders went out.
    """
    per_recipient: dict[str, list[Due]] = defaultdict(list)
    sent = 0
    for due in due_reminders(today=today):
        if not due.recipients or not _claim(due, today=today):
            continue
        sent += 1
        for email in due.recipients:
            per_recipient[email].append(due)
    for email, items in sorted(per_recipient.items()):
        # Through the outbox, keyed by day, recipient and content: a task run twice sends once.
        message = _message(email, items)
        digest = hashlib.sha256(message["body"].encode()).hexdigest()[:16]
        email_queue(key=f"cases.reminders:{today.isoformat()}:{email}:{digest}"[:200], **message)
    return sent
