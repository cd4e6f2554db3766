"""Print how fast the matching suggests offers and hosts for a case, and people for an offer,
with 20,000 cases, 5,000 offers and 50,000 organisations in PostgreSQL.

Measures, in-process, ``jobs.matching.suggestions_for_case`` and ``suggestions_for_offer``
(the SQL prefilter and the Python scoring) and the admin screens that show them (Django's
test client: routing, view, selectors, queries and template, without a network), for
several cases and offers in turn, and counts the queries of each. Goal: under 500 ms per
case (issue 6); the query count must not grow with the data.

It needs PostgreSQL (``DATABASE_URL=postgres://...``); with anything else it says so and
exits 0. It builds its own database, ``sil_bench_matching``, and drops it at the end: the
developer's data are never touched. Data are generated with ``bulk_create``: five districts
of the province of Bergamo, organisations with a sector, roles (about half host internships)
and geocoded locations, people with a work profile (most of them), cases spread over the
stages, offers spread over the states. Figures, not assertions: the machine is shared and
noisy. ``--keep`` leaves the database in place for EXPLAIN ANALYZE.
"""

import os
import random
import statistics
import sys
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    print(
        "matching: skipped, it needs PostgreSQL. Set DATABASE_URL=postgres://USER@HOST:5432/NAME "
        "(the benchmark creates and drops its own database, sil_bench_matching)."
    )
    sys.exit(0)

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from machine import in_benchmark_database, settle  # noqa: E402  (benchmarks/machine.py: a script's folder is on sys.path)

ORGANISATIONS = 50_000
CASES = 20_000
OFFERS = 5_000
BATCH = 2_000
ROUNDS = 60
SAMPLES = 6  # different cases (and offers) measured in turn
BERGAMO = (45.6983, 9.6773)
DISTRICTS = [
    ("dalmine", "Ambito di Dalmine"),
    ("bergamo", "Ambito di Bergamo"),
    ("seriate", "Ambito di Seriate"),
    ("grumello", "Ambito di Grumello del Monte"),
    ("isola", "Ambito Isola Bergamasca"),
]
STAGES = [("evaluation", 15), ("project", 15), ("interventions", 30), ("monitoring", 25), ("closed", 15)]
OFFER_STATES = [("new", 15), ("open", 45), ("filled", 25), ("closed", 15)]
ROLES = ["Magazziniere", "Addetto alle pulizie", "Operaio generico", "Aiuto cuoco", "Impiegato d'ordine"]


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def build(rng: random.Random) -> dict:
    """Generate the whole data set and return what the measurements need."""
    from cases.models import Case, Category, Person
    from jobs.models import JobOffer, Schedule, WorkProfile
    from network import municipalities
    from network.models import ROLES_TAXONOMY, SECTORS_TAXONOMY, District, Location, Organisation, TaxonomyTerm

    by_code, _ = municipalities._index()
    places = [m for m in by_code.values() if m.province == "BG" and m.postcodes]
    centre = {m.code: (BERGAMO[0] + rng.uniform(-0.25, 0.25), BERGAMO[1] + rng.uniform(-0.35, 0.35)) for m in places}
    districts = [District.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in DISTRICTS]
    sectors = list(TaxonomyTerm.objects.filter(taxonomy__key=SECTORS_TAXONOMY))
    roles = list(TaxonomyTerm.objects.filter(taxonomy__key=ROLES_TAXONOMY))
    hosts_role = next(term for term in roles if term.code == "tirocini")
    other_roles = [term for term in roles if term.code != "tirocini"]

    started = time.perf_counter()
    organisations = [
        Organisation(
            name=f"Impresa di prova {number}",
            slug=f"org-{number}",
            kind="company",
            vat_number="",
            sector=rng.choice(sectors),
            employees=rng.choice([5, 12, 20, 40, 80]),
            partnership_status=_weighted(rng, [("active", 60), ("prospect", 35), ("ended", 5)]),
        )
        for number in range(ORGANISATIONS)
    ]
    Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    locations, role_links, district_links = [], [], []
    for org in organisations:
        for order in range(rng.choice([1, 1, 1, 2])):
            place = rng.choice(places)
            lat, lon = centre[place.code]
            geocoded = rng.random() < 0.8
            locations.append(
                Location(
                    uuid=uuid.uuid4(),
                    organisation_id=org.pk,
                    sort_order=order,
                    address="Via Roma 1",
                    municipality=place.name,
                    municipality_code=place.code,
                    province="BG",
                    postcode=place.postcodes[0],
                    latitude=lat + rng.uniform(-0.01, 0.01) if geocoded else None,
                    longitude=lon + rng.uniform(-0.01, 0.01) if geocoded else None,
                )
            )
        terms = ([hosts_role] if rng.random() < 0.5 else []) + rng.sample(other_roles, rng.choice([0, 1]))
        role_links += [Organisation.roles.through(organisation_id=org.pk, taxonomyterm_id=t.pk) for t in terms]
        district_links += [
            Organisation.districts.through(organisation_id=org.pk, district_id=d.pk)
            for d in rng.sample(districts, rng.choice([1, 1, 2]))
        ]
    Location.objects.bulk_create(locations, batch_size=BATCH)
    Organisation.roles.through.objects.bulk_create(role_links, batch_size=BATCH)
    Organisation.districts.through.objects.bulk_create(district_links, batch_size=BATCH)
    print(f"  {ORGANISATIONS} organisations, {len(locations)} locations", flush=True)

    people = [
        Person(
            first_name="Persona",
            last_name=f"Di Prova {number}",
            tax_code=f"PRVPRS80A01A{number % 1000:03d}X",
            date_of_birth=date(1980, 1, 1),
            municipality=f"{rng.choice(places).name} (BG)",
            district=rng.choice(districts),
            category=rng.choice(Category.values),
        )
        for number in range(CASES)
    ]
    Person.objects.bulk_create(people, batch_size=BATCH)
    Case.objects.bulk_create(
        [Case(person=p, district_id=p.district_id, stage=_weighted(rng, STAGES)) for p in people], batch_size=BATCH
    )
    schedules = Schedule.values
    profiles = [
        WorkProfile(
            person=p,
            wants_job=rng.random() < 0.8,
            wants_internship=rng.random() < 0.7,
            max_distance_km=rng.choice([10, 15, 25, 40]),
            min_weekly_hours=rng.choice([0, 10, 20]),
            max_weekly_hours=rng.choice([20, 30, 40]),
            schedule=rng.sample(schedules, rng.randint(1, 3)),
            has_driving_licence=rng.random() < 0.5,
            education=rng.randint(0, 4),
        )
        for p in people
        if rng.random() < 0.85
    ]
    WorkProfile.objects.bulk_create(profiles, batch_size=BATCH)
    WorkProfile.preferred_sectors.through.objects.bulk_create(
        [
            WorkProfile.preferred_sectors.through(workprofile_id=profile.pk, taxonomyterm_id=term.pk)
            for profile in profiles
            for term in rng.sample(sectors, rng.randint(0, 3))
        ],
        batch_size=BATCH,
    )
    print(f"  {CASES} people and cases, {len(profiles)} work profiles", flush=True)

    offers = []
    for number in range(OFFERS):
        org = rng.choice(organisations)
        place = rng.choice(places)
        offers.append(
            JobOffer(
                reference=f"SIL-B{number:07d}",
                organisation=org,
                status=_weighted(rng, OFFER_STATES),
                district=rng.choice(districts),
                kind=_weighted(rng, [("job", 60), ("internship", 40)]),
                company_name=org.name,
                vat_number="00000000000",
                contact_name="Referente",
                contact_email="referente@example.org",
                role=rng.choice(ROLES),
                place_of_work=f"{place.name} (BG)",
                place_of_work_code=place.code,
                weekly_hours=rng.choice([15, 20, 25, 30, 36, 40]),
                schedule=rng.sample(schedules, rng.randint(0, 2)),
                requires_driving_licence=rng.random() < 0.3,
                min_education=rng.choice([None, None, 1, 2, 3]),
                contract_type="fixed_term",
            )
        )
    JobOffer.objects.bulk_create(offers, batch_size=BATCH)
    print(f"  {OFFERS} offers; generated in {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {"districts": districts}


def percentiles(timings: list[float]) -> tuple[float, float]:
    return statistics.median(timings), statistics.quantiles(timings, n=20)[-1]


def timed(function, arguments: list, rounds: int) -> tuple[list[float], list[float], int]:
    """Wall-clock ms and this process's CPU ms (Python only, not PostgreSQL's) of ``function(argument)``
    for the arguments in turn, and one call's query count."""
    for argument in arguments:
        function(argument)  # warm-up
    timings, cpu = [], []
    for index in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        function(arguments[index % len(arguments)])
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        function(arguments[0])
    return timings, cpu, len(queries)


def run() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from cases.models import Case, StaffProfile
    from jobs import matching
    from jobs.models import JobOffer

    rng = random.Random(20261125)  # noqa: S311 - reproducible fake data, not secrets
    data = build(rng)
    district = data["districts"][0]
    user = get_user_model().objects.create_user(username="promotore", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name="Company promoters"))
    StaffProfile.objects.create(user=user).districts.set([district])
    user = get_user_model().objects.get(pk=user.pk)

    # Half of the sample wants an internship too (offers and hosts), half a job only (offers).
    in_stage = Case.objects.filter(district=district, stage=Case.Stage.INTERVENTIONS).select_related(
        "person", "referral"
    )
    cases = list(in_stage.filter(person__work_profile__wants_internship=True).order_by("pk")[: SAMPLES // 2]) + list(
        in_stage.filter(person__work_profile__wants_internship=False).order_by("pk")[: SAMPLES - SAMPLES // 2]
    )
    offers = list(
        JobOffer.objects.filter(district=district, status=JobOffer.Status.OPEN)
        .select_related("organisation")
        .order_by("pk")[:SAMPLES]
    )
    in_district = Case.objects.filter(district=district, stage=Case.Stage.INTERVENTIONS).count()
    open_offers = JobOffer.objects.filter(district=district, status=JobOffer.Status.OPEN).count()
    hosts = matching.host_organisations(district_id=district.pk).count()
    print(
        f"\nDistrict measured: {in_district} cases in interventions, {open_offers} open offers, "
        f"{hosts} host organisations (of {CASES} cases, {OFFERS} offers, {ORGANISATIONS} organisations)."
    )
    sample = matching.suggestions_for_case(user, case=cases[0], limit=None)
    print(f"Candidates scored for one case: {len(sample.offers)} offers, {len(sample.hosts)} hosts.")

    client = Client()
    client.force_login(user)

    def case_page(case):
        response = client.get(f"/admin/jobs/matching/cases/{case.pk}/")
        assert response.status_code == 200, response.status_code

    def offer_page(offer):
        response = client.get(f"/admin/jobs/matching/offers/{offer.pk}/")
        assert response.status_code == 200, response.status_code

    measurements = {
        "suggestions_for_case (function)": timed(
            lambda case: matching.suggestions_for_case(user, case=case), cases, ROUNDS
        ),
        "case proposals page (admin view)": timed(case_page, cases, ROUNDS),
        "suggestions_for_offer (function)": timed(
            lambda offer: matching.suggestions_for_offer(user, offer=offer), offers, ROUNDS
        ),
        "offer people page (admin view)": timed(offer_page, offers, ROUNDS),
    }
    print(settle())
    print(
        f"\n{'measured':<36} {'median ms':>10} {'p95 ms':>8} {'app cpu ms':>11} {'queries':>8}"
        f"   ({ROUNDS} rounds, {SAMPLES} samples)"
    )
    for label, (timings, cpu, queries) in measurements.items():
        median, p95 = percentiles(timings)
        print(f"{label:<36} {median:>10.1f} {p95:>8.1f} {statistics.median(cpu):>11.1f} {queries:>8}")
    print("'app cpu ms' is the CPU time of the Django process alone (queries excluded): load-independent-ish.")
    print("\nGoal: suggestions for one case under 500 ms.")


def main() -> None:
    in_benchmark_database("matching", "sil_bench_matching", run)


if __name__ == "__main__":
    main()
