"""Every figure of the outcome dashboard, computed from the records with aggregate queries.

The districts' planning offices and IPS-style programmes report quarterly on people served
and people in work; nothing here is typed in by staff. ``dashboard_figures`` runs one
aggregate query per kind of record (referrals, internships, hires, offers, employer
contacts) plus the list of districts, whatever the size of the data; each query computes
the totals and every row of the break-downs (by district, by legal category) at once, so
no median is ever put together by hand. Medians are PostgreSQL's ``percentile_cont(0.5)``
(a small Python aggregate stands in for it on SQLite, the development default).

Definitions (also shown on the dashboard, see ``DEFINITIONS``):

- *referrals received*: referrals whose ``received_at`` falls in the period; *answered*: of
  those, the ones acknowledged or decided by now; *accepted*: of those, the ones accepted.
- *days to first contact*: for the referrals received in the period, calendar days from
  the day the referral arrived to the first visit, call or meeting with the person recorded
  on the timeline of its case; referrals without such a contact yet are left out (the
  table shows how many were measured).
- *days to first employer contact*: for the same referrals, calendar days to the first day
  the person met an employer for work: the earliest of a match confirmed by the promoter
  (the person put forward to the employer), the start of an internship and the start of a
  job on its case, on or after the referral day. (``jobs.EmployerContact`` records the
  promoter's contact with a company and names no person, so it cannot say when a given
  person met an employer.)
- *internships started / completed*: internships whose start / planned end date falls in
  the period (completed only once that end date has passed).
- *people hired*: distinct people with a job starting in the period; *hires*: those jobs.
- *still employed after N months*: of the hires of the period at least N months old
  today (the denominator), the ones whose job had not ended N months after it started.
- *employer contacts per promoter per week*: contacts logged in the period (up to today)
  divided by the weeks elapsed, per promoter and on average over the promoters with a
  contact.
- *offers received / filled*: offers received in the period; offers filled in the period.

District scoping: referrals, cases and offers count in their district; employer contacts
count in the districts of the organisation contacted. A user limited to some districts
never sees another district's records counted; referrals not yet assigned to a district
and offers without one count only in the "every district" view of those who see all.
The legal category filters referrals (their category) and cases (the person's); offers and
employer contacts have no category and are not filtered by it.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import (
    Aggregate,
    BooleanField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Least, TruncDate
from django.db.models.lookups import LessThanOrEqual, Lookup
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Category, Employment, Internship, Referral, TimelineEntry
from cases.selectors import can_use_cases, user_district_ids
from jobs import models as job_models
from jobs.models import EmployerContact, JobOffer
from network.models import District, Organisation

# Confirmed matches (``jobs.Match``, from the matching) count as a first employer contact when present.
Match = getattr(job_models, "Match", None)

RETENTION_MONTHS = (3, 6, 12)
CONTACT_KINDS = (TimelineEntry.Kind.VISIT, TimelineEntry.Kind.CALL, TimelineEntry.Kind.MEETING)
NO_DISTRICT = 0  # key of the "no district yet" row in the breakdown by district
ROW_FENCE = 2**62  # see ``_grouped``

DEFINITIONS = {
    "referrals": _(
        "Referrals received in the period; answered: of those, acknowledged or decided by now; "
        "accepted: of those, accepted."
    ),
    "first_contact": _(
        "For the referrals received in the period: median calendar days from the day the referral arrived "
        "to the first visit, call or meeting with the person on the case timeline. Referrals with no such "
        "contact yet are left out; n is how many were measured."
    ),
    "first_employer": _(
        "For the referrals received in the period: median calendar days from the day the referral arrived "
        "to the first day the person met an employer for work: the earliest of a match confirmed by the "
        "company promoter, the start of an internship and the start of a job on the case. n is how many were "
        "measured."
    ),
    "internships": _(
        "Internships starting in the period; completed: internships whose planned end date falls in the "
        "period and has passed."
    ),
    "hires": _(
        "People with a job starting in the period. Still employed after 3, 6 and 12 months: of the jobs "
        "started in the period that are at least that old today (the denominator), those not ended "
        "before that many months."
    ),
    "contacts": _(
        "Employer contacts logged in the period, up to today, divided by the weeks elapsed: per company "
        "promoter, and on average over the promoters with at least one contact. Counted in the districts "
        "of the organisation contacted; not filtered by legal category."
    ),
    "offers": _(
        "Job and internship offers received in the period, and offers filled in the period, in the "
        "district of the place of work. Not filtered by legal category."
    ),
}


# --- SQL helpers (PostgreSQL, with SQLite equivalents for development) ---------------------


class _SqliteMedian:
    """``sil_median`` on SQLite: the same as ``percentile_cont(0.5)`` (NULLs ignored)."""

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return float(statistics.median(self.values)) if self.values else None


class Median(Aggregate):
    """The median (continuous percentile 0.5) of a numeric expression; NULLs are ignored."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
    allow_distinct = False

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_aggregate("sil_median", 1, _SqliteMedian)
        clone = self.copy()
        clone.function, clone.template = "sil_median", "%(function)s(%(expressions)s)"
        return super(Median, clone).as_sql(compiler, connection, **extra_context)


class DaysBetween(Func):
    """Whole days from the ``earlier`` date to the ``later`` one (NULL if either is NULL)."""

    arity = 2
    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def __init__(self, later, earlier, **extra):
        super().__init__(later, earlier, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class AddMonths(Func):
    """A date plus a whole number of calendar months (clamped to the month's end on PostgreSQL)."""

    output_field = DateField()

    def __init__(self, expression, months: int, **extra):
        self.months = int(months)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        template = f"(%(expressions)s + make_interval(months => {self.months}))::date"
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = f"date(%(expressions)s, '+{self.months} months')"
        return super().as_sql(compiler, connection, template=template, **extra_context)


# --- filters -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeFilters:
    """What the figures are computed over. ``district_ids`` None means every record, even unassigned ones."""

    date_from: date
    date_to: date
    district_ids: frozenset[int] | None
    category: str = ""
    today: date = field(default_factory=timezone.localdate)

    @property
    def starts(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date_from, time.min))

    @property
    def ends(self) -> datetime:
        """The first instant after the period (periods are whole days, both ends included)."""
        return timezone.make_aware(datetime.combine(self.date_to + timedelta(days=1), time.min))

    @property
    def weeks_elapsed(self) -> float:
        """Weeks of the period up to today: a contact rate must not be diluted by days still to come."""
        last = min(self.date_to, self.today)
        days = (last - self.date_from).days + 1
        return max(days, 0) / 7


def dashboard_districts(user) -> QuerySet[District]:
    """The districts the user may pick on the dashboard (every district for superusers)."""
    if not can_use_cases(user):
        return District.objects.none()
    ids = user_district_ids(user)
    return District.objects.all() if ids is None else District.objects.filter(pk__in=ids)


def outcome_filters_for_user(
    user,
    *,
    date_from: date,
    date_to: date,
    district_id: int | None = None,
    category: str = "",
    today: date | None = None,
) -> OutcomeFilters:
    """The filters narrowed to what the user may see; a district outside the user's is refused."""
    if not can_use_cases(user):
        raise PermissionDenied
    allowed = user_district_ids(user)
    if district_id is not None:
        if allowed is not None and district_id not in allowed:
            raise PermissionDenied
        districts: frozenset[int] | None = frozenset({district_id})
    else:
        districts = None if allowed is None else frozenset(allowed)
    if category and category not in Category.values:
        raise ValueError(category)
    return OutcomeFilters(
        date_from=date_from,
        date_to=date_to,
        district_ids=districts,
        category=category,
        today=today or timezone.localdate(),
    )


# --- the figures ---------------------------------------------------------------------------


def _in_districts(filters: OutcomeFilters, path: str) -> Q:
    return Q() if filters.district_ids is None else Q(**{f"{path}__in": filters.district_ids})


def _of_category(filters: OutcomeFilters, path: str) -> Q:
    return Q(**{path: filters.category}) if filters.category else Q()


Aggregator = Callable[[Q | None], Aggregate]


def _both(first: Q | None, second: Q | None) -> Q | None:
    if first is None or second is None:
        return first if second is None else second
    return first & second


def _flag(condition: Q | Lookup) -> ExpressionWrapper:
    """A condition as a column of the inner query: computed once per record, cheap to filter on."""
    return ExpressionWrapper(condition, output_field=BooleanField())


def _groups(
    queryset: QuerySet,
    district_path: str,
    district_keys: list[int | None],
    category_path: str | None,
    category_keys: list[str],
) -> tuple[QuerySet, dict[str, dict]]:
    """The rows of the break-downs as conditions on two columns (a None district: not assigned yet).

    Filtering every aggregate on a column of the inner query, rather than on a path such as
    ``case__person__category``, keeps the joins to one and the query quick to build.
    """
    queryset = queryset.annotate(group_district=F(district_path))
    groups = {
        "district": {
            key: Q(group_district__isnull=True) if key is None else Q(group_district=key) for key in district_keys
        }
    }
    if category_path:
        queryset = queryset.annotate(group_category=F(category_path))
        groups["category"] = {key: Q(group_category=key) for key in category_keys}
    return queryset, groups


def _grouped(
    queryset: QuerySet, aggregates: dict[str, Aggregator], groups: tuple[QuerySet, dict[str, dict]]
) -> dict[str, dict]:
    """Totals and every break-down in ONE query: each aggregate again with a FILTER per row.

    GROUP BY would take one query per break-down; here the records are read once, in an
    inner query, and every figure of every row is an aggregate over them.
    Returns {"all": {None: figures}, "district": {key: figures}, "category": {key: figures}}.
    """
    queryset, groups = groups
    selected = {f"all__{name}": make(None) for name, make in aggregates.items()}
    for group, members in groups.items():
        for number, condition in enumerate(members.values()):
            for name, make in aggregates.items():
                selected[f"{group}{number}__{name}"] = make(condition)
    # The slice is an optimisation fence: PostgreSQL does not pull a subquery with a LIMIT up
    # into the outer query, so the per-record expressions (and their subqueries) are computed
    # once per record, not once per aggregate that reads them. The limit itself never binds.
    values = queryset.order_by()[:ROW_FENCE].aggregate(**selected)
    result = {"all": {None: {name: values[f"all__{name}"] for name in aggregates}}}
    for group, members in groups.items():
        result[group] = {
            key: {name: values[f"{group}{number}__{name}"] for name in aggregates} for number, key in enumerate(members)
        }
    return result


def referral_figures(
    filters: OutcomeFilters, *, district_keys: list[int | None], category_keys: list[str]
) -> dict[str, dict]:
    """Referrals received, answered, accepted, and the median days to first contacts."""
    first_contact = (
        TimelineEntry.objects.filter(
            case=OuterRef("case_pk"), kind__in=CONTACT_KINDS, occurred_at__gte=OuterRef("received_at")
        )
        .order_by("occurred_at")
        .values("occurred_at")[:1]
    )
    # The first day the person met an employer for work: an internship or a job starting, or the
    # promoter confirming a match (the person is put forward to the employer). Earlier records
    # on a reopened case belong to another path and are left out.
    since_referral = OuterRef("received_on")
    employer_days = [
        Subquery(
            Internship.objects.filter(case=OuterRef("case_pk"), starts_on__gte=since_referral)
            .order_by("starts_on")
            .values("starts_on")[:1],
            output_field=DateField(),
        ),
        Subquery(
            Employment.objects.filter(case=OuterRef("case_pk"), starts_on__gte=since_referral)
            .order_by("starts_on")
            .values("starts_on")[:1],
            output_field=DateField(),
        ),
    ]
    if Match is not None:
        employer_days.append(
            TruncDate(
                Subquery(
                    Match.objects.filter(case=OuterRef("case_pk"), confirmed_at__gte=OuterRef("received_at"))
                    .order_by("confirmed_at")
                    .values("confirmed_at")[:1]
                )
            )
        )
    if connection.vendor == "postgresql":
        first_employer_on = Least(*employer_days)  # LEAST ignores NULLs on PostgreSQL
    else:  # SQLite's MIN() is NULL if any argument is: coalesce each rotation of the arguments
        count = len(employer_days)
        first_employer_on = Least(*(Coalesce(*employer_days[i:], *employer_days[:i]) for i in range(count)))
    queryset = (
        Referral.objects.filter(received_at__gte=filters.starts, received_at__lt=filters.ends)
        .filter(_in_districts(filters, "district"), _of_category(filters, "category"))
        # The case of the referral, joined once here rather than looked up in every subquery.
        .annotate(received_on=TruncDate("received_at"), case_pk=F("case"))
        .annotate(
            days_to_contact=DaysBetween(TruncDate(Subquery(first_contact)), F("received_on")),
            days_to_employer=DaysBetween(first_employer_on, F("received_on")),
        )
    )
    queryset = queryset.annotate(
        answered=_flag(Q(acknowledged_at__isnull=False) | Q(decided_at__isnull=False)),
        accepted=_flag(Q(status=Referral.Status.ACCEPTED)),
    )
    aggregates: dict[str, Aggregator] = {
        "received": lambda q: Count("pk", filter=q),
        "answered": lambda q: Count("pk", filter=_both(q, Q(answered=True))),
        "accepted": lambda q: Count("pk", filter=_both(q, Q(accepted=True))),
        "first_contact_median": lambda q: Median("days_to_contact", filter=q),
        "first_contact_n": lambda q: Count("days_to_contact", filter=q),
        "first_employer_median": lambda q: Median("days_to_employer", filter=q),
        "first_employer_n": lambda q: Count("days_to_employer", filter=q),
    }
    return _grouped(queryset, aggregates, _groups(queryset, "district", district_keys, "category", category_keys))


def _case_scope(filters: OutcomeFilters) -> Q:
    return _in_districts(filters, "case__district") & _of_category(filters, "case__person__category")


def internship_figures(
    filters: OutcomeFilters, *, district_keys: list[int | None], category_keys: list[str]
) -> dict[str, dict]:
    """Internships started in the period, and completed (planned end in the period, passed)."""
    last_ended = min(filters.date_to, filters.today - timedelta(days=1))
    started = Q(starts_on__range=(filters.date_from, filters.date_to))
    ended = Q(ends_on__range=(filters.date_from, last_ended))
    queryset = (
        Internship.objects.filter(_case_scope(filters))
        .filter(started | ended)
        .annotate(started=_flag(started), ended=_flag(ended))
    )
    aggregates: dict[str, Aggregator] = {
        "internships_started": lambda q: Count("pk", filter=_both(q, Q(started=True))),
        "internships_completed": lambda q: Count("pk", filter=_both(q, Q(ended=True))),
    }
    groups = _groups(queryset, "case__district", district_keys, "case__person__category", category_keys)
    return _grouped(queryset, aggregates, groups)


def employment_figures(
    filters: OutcomeFilters, *, district_keys: list[int | None], category_keys: list[str]
) -> dict[str, dict]:
    """People hired in the period and, of the hires old enough, those still employed after 3/6/12 months."""
    queryset = Employment.objects.filter(_case_scope(filters), starts_on__range=(filters.date_from, filters.date_to))
    queryset = queryset.annotate(person=F("case__person"))
    aggregates: dict[str, Aggregator] = {
        "people_hired": lambda q: Count("person", distinct=True, filter=q),
        "hires": lambda q: Count("pk", filter=q),
    }
    for months in RETENTION_MONTHS:
        anniversary = AddMonths("starts_on", months)
        base, kept = f"base_{months}", f"kept_{months}"
        queryset = queryset.annotate(
            **{
                base: _flag(LessThanOrEqual(anniversary, filters.today)),
                kept: _flag(Q(ends_on__isnull=True) | Q(ends_on__gte=anniversary)),
            }
        )
        aggregates[f"retention_{months}_base"] = lambda q, base=base: Count("pk", filter=_both(q, Q(**{base: True})))
        aggregates[f"retention_{months}_kept"] = lambda q, base=base, kept=kept: Count(
            "pk", filter=_both(q, Q(**{base: True, kept: True}))
        )
    groups = _groups(queryset, "case__district", district_keys, "case__person__category", category_keys)
    return _grouped(queryset, aggregates, groups)


def offer_figures(filters: OutcomeFilters, *, district_keys: list[int | None]) -> dict[str, dict]:
    """Offers received in the period and offers filled in the period (no category: offers have none)."""
    received = Q(received_at__gte=filters.starts, received_at__lt=filters.ends)
    filled = Q(filled_at__gte=filters.starts, filled_at__lt=filters.ends)
    queryset = (
        JobOffer.objects.filter(_in_districts(filters, "district"))
        .filter(received | filled)
        .annotate(received=_flag(received), filled=_flag(filled))
    )
    aggregates: dict[str, Aggregator] = {
        "offers_received": lambda q: Count("pk", filter=_both(q, Q(received=True))),
        "offers_filled": lambda q: Count("pk", filter=_both(q, Q(filled=True))),
    }
    return _grouped(queryset, aggregates, _groups(queryset, "district", district_keys, None, []))


def contact_figures(filters: OutcomeFilters) -> dict:
    """Employer contacts of the period up to today, per promoter, and their weekly rate."""
    last = min(filters.date_to, filters.today)
    queryset = EmployerContact.objects.filter(occurred_on__range=(filters.date_from, last))
    if filters.district_ids is not None:
        in_district = Organisation.districts.through.objects.filter(
            organisation_id=OuterRef("organisation_id"), district_id__in=filters.district_ids
        )
        queryset = queryset.filter(Exists(in_district))
    rows = list(
        queryset.values("promoter", "promoter__username", "promoter__first_name", "promoter__last_name")
        .order_by()
        .annotate(contacts=Count("pk"))
    )
    weeks = filters.weeks_elapsed
    promoters = []
    for row in rows:
        full_name = f"{row['promoter__first_name']} {row['promoter__last_name']}".strip()
        promoters.append(
            {
                "promoter": full_name or row["promoter__username"],
                "contacts": row["contacts"],
                "per_week": row["contacts"] / weeks if weeks else None,
            }
        )
    promoters.sort(key=lambda item: (-item["contacts"], item["promoter"]))
    total = sum(item["contacts"] for item in promoters)
    return {
        "contacts": total,
        "promoters": len(promoters),
        "weeks": weeks,
        "per_promoter_per_week": total / len(promoters) / weeks if promoters and weeks else None,
        "by_promoter": promoters,
    }


@dataclass
class Dashboard:
    """The figures of one filter: ``total`` is a flat dict, ``by_district`` / ``by_category`` rows."""

    filters: OutcomeFilters
    total: dict
    by_district: list[dict]
    by_category: list[dict]
    contacts: dict


FIGURE_KEYS = (
    "received",
    "answered",
    "accepted",
    "first_contact_median",
    "first_contact_n",
    "first_employer_median",
    "first_employer_n",
    "internships_started",
    "internships_completed",
    "people_hired",
    "hires",
    *(f"retention_{months}_{part}" for months in RETENTION_MONTHS for part in ("base", "kept")),
    "offers_received",
    "offers_filled",
)
ZERO_WHEN_MISSING = {key for key in FIGURE_KEYS if "median" not in key}


def _row(*parts: dict, **extra) -> dict:
    row = {key: (0 if key in ZERO_WHEN_MISSING else None) for key in FIGURE_KEYS}
    for part in parts:
        row.update(part)
    for months in RETENTION_MONTHS:
        base, kept = row[f"retention_{months}_base"], row[f"retention_{months}_kept"]
        row[f"retention_{months}_share"] = kept / base if base else None
    row.update(extra)
    return row


def dashboard_figures(filters: OutcomeFilters) -> Dashboard:
    """The whole dashboard for ``filters``: totals, break-downs by district and by category."""
    districts = District.objects.order_by("name")
    if filters.district_ids is not None:
        districts = districts.filter(pk__in=filters.district_ids)
    districts = list(districts)
    district_keys: list[int | None] = [district.pk for district in districts]
    if filters.district_ids is None:
        district_keys.append(None)  # records not assigned to a district yet
    categories = [
        (value, label) for value, label in Category.choices if not filters.category or value == filters.category
    ]
    category_keys = [value for value, _label in categories]

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # JIT compiling these plans (many small correlated subqueries) costs seconds and
            # saves nothing: the queries run in tens of milliseconds without it.
            cursor.execute("SET LOCAL jit = off")
        keys = {"district_keys": district_keys, "category_keys": category_keys}
        referrals = referral_figures(filters, **keys)
        internships = internship_figures(filters, **keys)
        employments = employment_figures(filters, **keys)
        offers = offer_figures(filters, district_keys=district_keys)
        contacts = contact_figures(filters)
    sources = (referrals, internships, employments, offers)

    total = _row(*(source["all"][None] for source in sources))
    by_district = [
        _row(*(source["district"][district.pk] for source in sources), key=district.pk, label=district.label)
        for district in districts
    ]
    if filters.district_ids is None:
        parts = [source["district"][None] for source in sources]
        if any(value for part in parts for value in part.values()):
            by_district.append(_row(*parts, key=NO_DISTRICT, label=str(_("No district yet"))))
    by_category = [
        _row(
            *(source["category"][value] for source in (referrals, internships, employments)),
            offers_received=None,
            offers_filled=None,
            key=value,
            label=str(label),
        )
        for value, label in categories
    ]
    return Dashboard(filters=filters, total=total, by_district=by_district, by_category=by_category, contacts=contacts)
