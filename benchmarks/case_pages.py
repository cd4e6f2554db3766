"""Print how fast the admin case list and the case page answer with 20,000 cases in PostgreSQL.

Measures server time in-process (Django's test client: middleware, Wagtail admin views,
queries and templates, without a network) for a case manager who works in two of five
districts: the case list (unfiltered, by stage, by team member, by category) and the
case page of a case with a full path (evaluation, project and plan, internship,
employment) and a long timeline. Goals: p95 under 300 ms and a number of queries that
does not grow with the data, shown by counting each request's queries with 1,000 cases
and 10,000 timeline entries and again with 20,000 cases and 200,000 entries.

It needs PostgreSQL (``DATABASE_URL=postgres://...``); with anything else it says so and
exits 0. It builds its own database, ``sil_bench_cases``, and drops it at the end: the
developer's data are never touched. Data are generated with ``bulk_create`` (invented
people, encrypted health fields included, teams, timeline entries, 10% confidential).
Run with ``make benchmark``; figures, not assertions: the machine is shared and noisy.
``--keep`` leaves ``sil_bench_cases`` in place to profile the queries afterwards.

A last row measures the case page again after adding 5,000 organisations to the network:
the host and employer fields are choosers (``network.choosers``) that load nothing until
opened, so the page should not grow with the network; two more rows time the chooser's
search, by name and by VAT number, over the same network.
"""

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    print(
        "case_pages: skipped, it needs PostgreSQL. Set DATABASE_URL=postgres://USER@HOST:5432/NAME "
        "(the benchmark creates and drops its own database, sil_bench_cases)."
    )
    sys.exit(0)

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from machine import count_queries, in_benchmark_database, measure, settle  # noqa: E402  (benchmarks/machine.py: a script's folder is on sys.path)

DATABASE = "sil_bench_cases"
TOTAL_CASES = 20_000
TOTAL_ENTRIES = 200_000
FIRST_CASES = 1_000
ENTRIES_PER_CASE = TOTAL_ENTRIES // TOTAL_CASES
BATCH = 5_000
ROUNDS = 40
STAFF = 40
NETWORK_SIZE = 5_000
FIRST_NAMES = ["Luca", "Sara", "Marco", "Elena", "Paolo", "Chiara", "Davide", "Marta", "Omar", "Ilaria", "Yusuf"]
LAST_NAMES = ["Brambilla", "Colombo", "Ferrari", "Galli", "Locatelli", "Pesenti", "Rota", "Sala", "Testa", "Zanchi"]
DISTRICTS = [
    ("dalmine", "Ambito di Dalmine"),
    ("bergamo", "Ambito di Bergamo"),
    ("seriate", "Ambito di Seriate"),
    ("grumello", "Ambito di Grumello del Monte"),
    ("isola", "Ambito Isola Bergamasca"),
]
TEXTS = [
    "Colloquio di verifica con la persona e il tutor.",
    "Telefonata al servizio inviante per aggiornarlo sul percorso.",
    "Incontro con la famiglia sugli orari del tirocinio.",
    "Visita in azienda: buon inserimento nel reparto.",
    "Tavolo di coordinamento d'ambito: caso discusso.",
]


def prepare() -> dict:
    """Districts, staff of every role (the benchmark's user is a case manager of two districts), a host."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from cases.models import Role, StaffProfile
    from cases.selectors import ROLE_GROUPS
    from network.models import District, Organisation

    districts = [District.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in DISTRICTS]
    users = []
    roles = list(Role.values)
    for number in range(STAFF):
        user = get_user_model().objects.create_user(username=f"staff{number:02d}", is_staff=True)
        role = roles[number % len(roles)]
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
        StaffProfile.objects.create(user=user).districts.set([districts[number % 5], districts[(number + 1) % 5]])
        users.append((user, role))
    host = Organisation.objects.create(name="Officine Benchmark srl", slug="officine-benchmark", kind="company")
    return {"districts": districts, "users": users, "host": host, "me": users[0][0]}


def build(rng: random.Random, count: int, entries_per_case: int, context: dict) -> list:
    """Create ``count`` people with one case each, their teams and their timeline entries."""
    from cases.models import Case, CaseTeamMember, Category, Person, TimelineEntry

    people = []
    for _index in range(count):
        category = rng.choice(Category.values)
        people.append(
            Person(
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                tax_code="RSSMRA85T10A562S",
                date_of_birth=date(rng.randint(1965, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                municipality="Dalmine (BG)",
                district=rng.choice(context["districts"]),
                category=category,
                invalidity_percentage=rng.choice([46, 67, 80]) if category == Category.DISABILITY_68_99 else None,
                health_notes="Note sanitarie di esempio." if rng.random() < 0.3 else "",
            )
        )
    Person.objects.bulk_create(people, batch_size=BATCH)
    stages = list(Case.Stage.values)
    cases = [
        Case(person=person, district_id=person.district_id, stage=rng.choice(stages), version=1) for person in people
    ]
    Case.objects.bulk_create(cases, batch_size=BATCH)
    members, entries = [], []
    now = timezone.now()
    for case in cases:
        for user, role in rng.sample(context["users"], 2):
            members.append(CaseTeamMember(case=case, user=user, role=role))
        for _index in range(entries_per_case):
            entries.append(
                TimelineEntry(
                    case=case,
                    kind=rng.choice(TimelineEntry.Kind.values),
                    occurred_at=now - timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 600)),
                    text=rng.choice(TEXTS),
                    confidential=rng.random() < 0.1,
                    author=rng.choice(context["users"])[0],
                )
            )
        if len(entries) >= BATCH:
            TimelineEntry.objects.bulk_create(entries, batch_size=BATCH)
            entries = []
    CaseTeamMember.objects.bulk_create(members, batch_size=BATCH)
    TimelineEntry.objects.bulk_create(entries, batch_size=BATCH)
    return cases


def full_case(context: dict) -> int:
    """A case in the benchmark user's district with a whole path and 300 timeline entries."""
    from cases.models import (
        Case,
        CaseTeamMember,
        Category,
        Employment,
        Evaluation,
        IndividualProject,
        Internship,
        InterventionType,
        Person,
        PlanItem,
        Role,
        TimelineEntry,
    )

    me, district, host = context["me"], context["districts"][0], context["host"]
    person = Person.objects.create(
        first_name="Giada",
        last_name="Locatelli",
        tax_code="LCTGDI90A41A794X",
        date_of_birth=date(1990, 1, 1),
        district=district,
        category=Category.DISABILITY_68_99,
        invalidity_percentage=67,
        health_notes="Note sanitarie.",
    )
    case = Case.objects.create(person=person, district=district, stage=Case.Stage.MONITORING)
    CaseTeamMember.objects.create(case=case, user=me, role=Role.CASE_MANAGER)
    others = [user for user, _role in context["users"][1:5]]
    roles = [Role.PSYCHOLOGIST, Role.EDUCATOR, Role.CAREER_COUNSELLOR, Role.COMPANY_PROMOTER]
    for user, role in zip(others, roles, strict=True):
        CaseTeamMember.objects.create(case=case, user=user, role=role)
    evaluation = Evaluation.objects.create(
        case=case,
        held_on=date.today() - timedelta(days=300),
        motivation=3,
        autonomy=3,
        flexibility=2,
        stability=3,
        stability_notes="Stabile.",
        decision=Evaluation.Decision.ELIGIBLE,
        reasons="Prerequisiti adeguati.",
        recorded_by=me,
    )
    evaluation.panel.set([me, *others[:2]])
    project = IndividualProject.objects.create(
        case=case, objectives="Obiettivi.", expected_results="Risultati.", approved_by=me, approved_at=timezone.now()
    )
    for kind in InterventionType.objects.all():
        PlanItem.objects.create(
            project=project, intervention_type=kind, starts_on=date.today() - timedelta(days=200), responsible=me
        )
    Internship.objects.create(
        case=case,
        host=host,
        company_tutor="Tutor",
        sil_tutor=me,
        starts_on=date.today() - timedelta(days=200),
        ends_on=date.today() - timedelta(days=20),
        weekly_hours=20,
        monthly_allowance=Decimal("500.00"),
        insurance="INAIL",
    )
    Employment.objects.create(
        case=case,
        employer=host,
        contract_type="fixed_term",
        starts_on=date.today() - timedelta(days=10),
        weekly_hours=30,
    )
    now = timezone.now()
    TimelineEntry.objects.bulk_create(
        TimelineEntry(
            case=case,
            kind=TimelineEntry.Kind.NOTE,
            occurred_at=now - timedelta(hours=number),
            text=TEXTS[number % len(TEXTS)],
            confidential=number % 10 == 0,
            author=me,
        )
        for number in range(300)
    )
    return case.pk


def main() -> None:
    in_benchmark_database("case_pages", DATABASE, run)


def run() -> None:
    from django.urls import reverse

    from cases.models import Case, TimelineEntry

    rng = random.Random(20261125)  # noqa: S311 - reproducible fake data, not secrets
    context = prepare()
    case_pk = full_case(context)
    me = context["me"]
    client = Client()
    client.force_login(me)
    member = context["users"][5][0]
    paths = {
        "case list": reverse("cases_list"),
        "case list ?stage=interventions": reverse("cases_list") + "?stage=interventions",
        "case list ?member=…": reverse("cases_list") + f"?member={member.pk}",
        "case list ?category=l68_99 page 3": reverse("cases_list") + "?category=l68_99&p=3",
        "case page (full path, 300 entries)": reverse("cases_case", args=[case_pk]),
    }

    started = time.perf_counter()
    build(rng, FIRST_CASES, ENTRIES_PER_CASE, context)
    small = {}
    for label, path in paths.items():
        client.get(path)
        small[label] = count_queries(client, path)
    small_sizes = (Case.objects.count(), TimelineEntry.objects.count())
    done = FIRST_CASES
    while done < TOTAL_CASES:
        count = min(5_000, TOTAL_CASES - done)
        build(rng, count, ENTRIES_PER_CASE, context)
        done += count
        print(f"  {done:>6} cases", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does on a live database after bulk loads
    sizes = (Case.objects.count(), TimelineEntry.objects.count())
    print(f"case_pages: {sizes[0]} cases, {sizes[1]} timeline entries in {time.perf_counter() - started:.0f} s")

    print(settle())
    print(
        f"\n{'request':<38} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'at small':>9}"
        f"   (PostgreSQL, {ROUNDS} rounds; small = {small_sizes[0]} cases / {small_sizes[1]} entries)"
    )
    for label, path in paths.items():
        timings, queries = measure(client, path, ROUNDS)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{label:<38} {statistics.median(timings):>10.1f} {p95:>8.1f} {queries:>8} {small[label]:>9}")
    network_row(client, paths["case page (full path, 300 entries)"])
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nGoals: p95 < 300 ms; 'queries' should equal 'at small'. Load average now {load}.")


def network_row(client: Client, path: str) -> None:
    """The case page again once the network holds NETWORK_SIZE organisations (a realistic directory).

    The host and employer are picked in a chooser modal, so the page should weigh the same as
    with a small network; the modal's search is timed over the whole network too.
    """
    from django.urls import reverse

    from network.models import Organisation

    Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"Azienda {number}", slug=f"azienda-{number}", kind="company", vat_number=f"{number:011d}"
            )
            for number in range(NETWORK_SIZE)
        ),
        batch_size=BATCH,
    )
    timings, queries = measure(client, path, rounds=10)  # fewer rounds: this row is slow
    size = len(client.get(path).content) // 1024
    p95 = statistics.quantiles(timings, n=20)[-1]
    label = f"case page, {NETWORK_SIZE} organisations"
    print(f"{label:<38} {statistics.median(timings):>10.1f} {p95:>8.1f} {queries:>8} {'':>9}   ({size} KB of HTML)")
    results = reverse("organisation_chooser:choose_results")
    for label, query in (("chooser search, name", "Azienda 4711"), ("chooser search, VAT number", "IT 0000004")):
        timings, queries = measure(client, f"{results}?q={query.replace(' ', '+')}", rounds=10)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{label:<38} {statistics.median(timings):>10.1f} {p95:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
