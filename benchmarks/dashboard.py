"""Print how fast the outcome dashboard computes on PostgreSQL with a large history.

Data: 50,000 organisations (in five districts), 20,000 people each with a case, 24,000
referrals (one per case plus 4,000 never taken in), about 160,000 timeline entries, 8,000
internships, 6,000 hires (a third of them ended), 5,000 confirmed matches, 5,000 offers and
30,000 employer contacts by 20 company promoters, spread over 2023-2026. Everything is written with ``bulk_create``.

Measured, in-process (no network):

- ``figures``: ``outcomes.selectors.dashboard_figures`` alone (every aggregate query);
- ``page``: the whole admin screen through Django's test client (figures, six SVG charts,
  tables, template), once with every chart drawn by matplotlib (the first view after the
  figures changed) and once with the charts from the cache (charts are cached by content);
- ``xlsx``: the spreadsheet download;

for a superuser over every district for a year, and for a coordinator of one district
for a quarter. Goal: the whole dashboard under 500 ms. Figures, not assertions: the
machine is shared and noisy. The query count must not grow with the data.

It needs PostgreSQL (``DATABASE_URL=postgres://...``); with anything else it says so and
exits 0. It builds its own database, ``sil_bench_dashboard``, and drops it at the end
(``--keep`` leaves it for EXPLAIN ANALYZE).
"""

import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    print(
        "dashboard: skipped, it needs PostgreSQL. Set DATABASE_URL=postgres://USER@HOST:5432/NAME "
        "(the benchmark creates and drops its own database, sil_bench_dashboard)."
    )
    sys.exit(0)

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from machine import in_benchmark_database, settle  # noqa: E402  (benchmarks/machine.py: a script's folder is on sys.path)

ORGANISATIONS = 50_000
CASES = 20_000
EXTRA_REFERRALS = 4_000
OFFERS = 5_000
CONTACTS = 30_000
MATCHES = 5_000
PROMOTERS = 20
BATCH = 5_000
ROUNDS = 15
START = date(2023, 1, 1)
SPAN_DAYS = (date(2026, 11, 1) - START).days
DISTRICTS = [
    ("dalmine", "Ambito di Dalmine"),
    ("bergamo", "Ambito di Bergamo"),
    ("seriate", "Ambito di Seriate"),
    ("grumello", "Ambito di Grumello del Monte"),
    ("isola", "Ambito Isola Bergamasca"),
]


def aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def build(rng: random.Random) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from cases.models import (
        Case,
        Category,
        Employment,
        Internship,
        Person,
        Referral,
        StaffProfile,
        TimelineEntry,
    )
    from jobs.models import EmployerContact, JobOffer, Match
    from network.models import District, Organisation, OrganisationKind

    User = get_user_model()  # noqa: N806 - Django's own spelling
    districts = [District.objects.create(slug=slug, name=name) for slug, name in DISTRICTS]
    superuser = User.objects.create_superuser(username="bench-admin", password=None)
    coordinator = User.objects.create_user(username="bench-coordinator", password=None)
    coordinator.groups.add(Group.objects.get(name="District coordinators"), Group.objects.get(name="Case managers"))
    StaffProfile.objects.create(user=coordinator).districts.set([districts[0]])
    promoters = [User(username=f"promotore{n}", first_name="Promotore", last_name=f"N{n}") for n in range(PROMOTERS)]
    User.objects.bulk_create(promoters)
    author = promoters[0]

    organisations = [
        Organisation(name=f"Azienda {n} S.r.l.", slug=f"azienda-{n}", kind=OrganisationKind.COMPANY)
        for n in range(ORGANISATIONS)
    ]
    Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    link = Organisation.districts.through
    link.objects.bulk_create(
        [link(organisation_id=org.pk, district_id=rng.choice(districts).pk) for org in organisations],
        batch_size=BATCH,
    )

    categories = Category.values
    people = [
        Person(
            first_name="Nome",
            last_name=f"Cognome{n}",
            tax_code=f"BNCXXX80A01A{n % 1000:03d}X",
            date_of_birth=date(1970 + n % 35, 1 + n % 12, 1 + n % 28),
            district=rng.choice(districts),
            category=rng.choice(categories),
        )
        for n in range(CASES)
    ]
    Person.objects.bulk_create(people, batch_size=BATCH)

    def referral(n: int, district, category: str, received: date, status: str) -> Referral:
        return Referral(
            reference=f"SIL-B{n:07d}",
            first_name="Nome",
            last_name=f"Cognome{n}",
            date_of_birth=date(1980, 1, 1),
            tax_code=f"BNCXXX80A01A{n % 1000:03d}X",
            municipality="Dalmine (BG)",
            category=category,
            referring_service="CPS",
            referrer_name="Operatrice",
            referrer_email="inviante@example.org",
            reason="Motivo.",
            received_at=aware(received, 9 + n % 8),
            district=district,
            status=status,
            acknowledged_at=None if status == Referral.Status.RECEIVED else aware(received + timedelta(days=3), 12),
            decided_at=aware(received + timedelta(days=30), 12)
            if status in (Referral.Status.ACCEPTED, Referral.Status.NOT_ELIGIBLE)
            else None,
        )

    received_days = [START + timedelta(days=rng.randrange(SPAN_DAYS)) for _ in range(CASES)]
    referrals = [
        referral(n, person.district, person.category, received_days[n], rng.choice(["accepted", "in_evaluation"]))
        for n, person in enumerate(people)
    ]
    referrals += [
        referral(
            CASES + n,
            rng.choice([*districts, None]),
            rng.choice(categories),
            START + timedelta(days=rng.randrange(SPAN_DAYS)),
            rng.choice(["received", "not_eligible", "withdrawn"]),
        )
        for n in range(EXTRA_REFERRALS)
    ]
    Referral.objects.bulk_create(referrals, batch_size=BATCH)
    cases = [
        Case(person=person, district=person.district, referral=referrals[n], stage=Case.Stage.INTERVENTIONS)
        for n, person in enumerate(people)
    ]
    Case.objects.bulk_create(cases, batch_size=BATCH)

    kinds = TimelineEntry.Kind.values
    entries, internships, jobs = [], [], []
    for n, case in enumerate(cases):
        received = received_days[n]
        for _ in range(rng.randint(4, 12)):
            day = received + timedelta(days=rng.randint(1, 400))
            entries.append(
                TimelineEntry(case=case, kind=rng.choice(kinds), occurred_at=aware(day, 10), text="…", author=author)
            )
        if rng.random() < 0.4:
            starts = received + timedelta(days=rng.randint(20, 200))
            internships.append(
                Internship(
                    case=case,
                    host=rng.choice(organisations),
                    company_tutor="Tutor",
                    sil_tutor=author,
                    starts_on=starts,
                    ends_on=starts + timedelta(days=rng.choice([90, 120, 180])),
                    weekly_hours=20,
                    monthly_allowance=Decimal("500.00"),
                    insurance="INAIL",
                )
            )
        if rng.random() < 0.3:
            starts = received + timedelta(days=rng.randint(60, 400))
            jobs.append(
                Employment(
                    case=case,
                    employer=rng.choice(organisations),
                    contract_type=Employment.Contract.FIXED_TERM,
                    starts_on=starts,
                    ends_on=starts + timedelta(days=rng.randint(30, 500)) if rng.random() < 0.35 else None,
                    weekly_hours=30,
                )
            )
        if len(entries) > BATCH:
            TimelineEntry.objects.bulk_create(entries, batch_size=BATCH)
            entries = []
    TimelineEntry.objects.bulk_create(entries, batch_size=BATCH)
    Internship.objects.bulk_create(internships, batch_size=BATCH)
    Employment.objects.bulk_create(jobs, batch_size=BATCH)

    offers = []
    for n in range(OFFERS):
        received = START + timedelta(days=rng.randrange(SPAN_DAYS))
        filled = received + timedelta(days=rng.randint(5, 90)) if rng.random() < 0.4 else None
        offers.append(
            JobOffer(
                reference=f"OFF-B{n:06d}",
                organisation=rng.choice(organisations),
                district=rng.choice([*districts, None]),
                kind=rng.choice(JobOffer.Kind.values),
                company_name="Azienda",
                vat_number="00000000000",
                contact_name="Referente",
                contact_email="hr@example.org",
                role="Magazziniere",
                place_of_work="Dalmine",
                weekly_hours=30,
                contract_type="fixed_term",
                received_at=aware(received, 11),
                status=JobOffer.Status.FILLED if filled else JobOffer.Status.OPEN,
                filled_at=aware(filled, 11) if filled else None,
            )
        )
    JobOffer.objects.bulk_create(offers, batch_size=BATCH)
    # Confirmed matches: the promoter put the person forward; a first employer contact too.
    Match.objects.bulk_create(
        [
            Match(
                case=cases[n],
                host=rng.choice(organisations),
                kind=JobOffer.Kind.JOB,
                score=rng.randint(40, 95),
                confirmed_by=rng.choice(promoters),
                confirmed_at=aware(received_days[n] + timedelta(days=rng.randint(10, 300)), 15),
            )
            for n in rng.sample(range(CASES), MATCHES)
        ],
        batch_size=BATCH,
    )
    EmployerContact.objects.bulk_create(
        [
            EmployerContact(
                organisation=rng.choice(organisations),
                promoter=rng.choice(promoters),
                kind=rng.choice(EmployerContact.Kind.values),
                occurred_on=START + timedelta(days=rng.randrange(SPAN_DAYS)),
                outcome=rng.choice(EmployerContact.Outcome.values),
            )
            for _ in range(CONTACTS)
        ],
        batch_size=BATCH,
    )
    counts = {
        "timeline entries": TimelineEntry.objects.count(),
        "internships": len(internships),
        "hires": len(jobs),
        "confirmed matches": MATCHES,
    }
    return {"superuser": superuser, "coordinator": coordinator, "district": districts[0], "counts": counts}


def timed(function, rounds: int = ROUNDS) -> tuple[float, float, int]:
    function()  # warm-up
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        function()
    return statistics.median(timings), statistics.quantiles(timings, n=20)[-1], len(queries)


def run() -> None:
    from outcomes import selectors

    rng = random.Random(20261125)  # noqa: S311 - reproducible fake data, not secrets
    started = time.perf_counter()
    context = build(rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does on a live database after bulk loads
    counts = ", ".join(f"{value} {name}" for name, value in context["counts"].items())
    print(
        f"dashboard: {ORGANISATIONS} organisations, {CASES} cases, {CASES + EXTRA_REFERRALS} referrals, {counts}, "
        f"{OFFERS} offers, {CONTACTS} employer contacts generated in {time.perf_counter() - started:.0f} s"
    )
    print(settle())

    today = date(2026, 11, 25)
    scenarios = [
        (
            "superuser, every district, 2025",
            context["superuser"],
            {"year": "2025"},
            date(2025, 1, 1),
            date(2025, 12, 31),
        ),
        (
            "coordinator, one district, 2025 Q2",
            context["coordinator"],
            {"year": "2025", "quarter": "2"},
            date(2025, 4, 1),
            date(2025, 6, 30),
        ),
    ]
    print(f"\n{'what':<52} {'median ms':>10} {'p95 ms':>8} {'queries':>8}   ({ROUNDS} rounds)")
    for label, user, params, date_from, date_to in scenarios:
        filters = selectors.outcome_filters_for_user(user, date_from=date_from, date_to=date_to, today=today)
        median, p95, queries = timed(lambda filters=filters: selectors.dashboard_figures(filters))
        print(f"{'figures: ' + label:<52} {median:>10.1f} {p95:>8.1f} {queries:>8}")
        client = Client()
        client.force_login(user)

        def page(client=client, params=params):
            response = client.get("/admin/outcomes/", params)
            assert response.status_code == 200, response.status_code
            assert "dashboard" in response.context

        def cold_page(page=page):
            cache.clear()  # every chart drawn again, as after the figures changed
            page()

        median, p95, queries = timed(cold_page)
        print(f"{'page, charts drawn: ' + label:<52} {median:>10.1f} {p95:>8.1f} {queries:>8}")
        median, p95, queries = timed(page)
        print(f"{'page, charts from the cache: ' + label:<52} {median:>10.1f} {p95:>8.1f} {queries:>8}")

        def xlsx(client=client, params=params):
            response = client.get("/admin/outcomes/", {**params, "download": "xlsx"})
            assert response.status_code == 200, response.status_code

        median, p95, queries = timed(xlsx)
        print(f"{'xlsx download: ' + label:<52} {median:>10.1f} {p95:>8.1f} {queries:>8}")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nGoal: the whole dashboard (page with charts) under 500 ms. Load average now {load}.")
    print("'queries' counts the page's own queries (session and user included); it does not grow with the data.")


def main() -> None:
    in_benchmark_database("dashboard", "sil_bench_dashboard", run)


if __name__ == "__main__":
    main()
