"""Print how fast the job-development screens answer with 50,000 organisations, 5,000 offers
and 100,000 employer contacts in PostgreSQL.

Measures server time in-process (Django's test client: middleware, Wagtail admin views,
queries and templates, without a network): the offers listing for a company promoter of
two of five districts (unfiltered, possible duplicates only, old open offers) and for a
superuser; the network's organisation listing with its last-contact column (unfiltered,
"not contacted recently", prospects, sorted by last contact); one organisation's contact
log. Goals: p95 under 500 ms and a number of queries that does not grow with the data,
shown by counting each request's queries at a small size and again at full size.

It needs PostgreSQL (``DATABASE_URL=postgres://...``); with anything else it says so and
exits 0. It builds its own database, ``sil_bench_jobs``, and drops it at the end: the
developer's data are never touched. Data are invented and generated with ``bulk_create``.
Figures, not assertions: the machine is shared and noisy. ``--keep`` leaves the database.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    print(
        "job_development: skipped, it needs PostgreSQL. Set DATABASE_URL=postgres://USER@HOST:5432/NAME "
        "(the benchmark creates and drops its own database, sil_bench_jobs)."
    )
    sys.exit(0)

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from machine import count_queries, in_benchmark_database, measure, settle  # noqa: E402  (benchmarks/machine.py: a script's folder is on sys.path)

DATABASE = "sil_bench_jobs"
ORGANISATIONS = 50_000
OFFERS = 5_000
CONTACTS = 100_000
SMALL = 0.05  # the first share of the data, to compare query counts
ROUNDS = 20
PASSWORD = "bench-2026"  # noqa: S105 - users of a throwaway database
DISTRICTS = ["dalmine", "bergamo", "seriate", "grumello", "isola"]
ROLES = ["Magazziniere", "Addetto alle pulizie", "Operaio di produzione", "Cassiere", "Aiuto cuoco", "Custode"]


def prepare() -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from cases.models import Role, StaffProfile
    from cases.selectors import ROLE_GROUPS
    from network.models import District

    districts = [District.objects.create(name=f"Ambito di {slug}", slug=slug) for slug in DISTRICTS]
    users = get_user_model().objects
    promoters = []
    for number, district in enumerate(districts):
        user = users.create_user(username=f"promotore-{number}", password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[Role.COMPANY_PROMOTER]))
        StaffProfile.objects.create(user=user).districts.set([district, districts[(number + 1) % len(districts)]])
        promoters.append(user)
    boss = users.create_superuser("bench-boss", password=PASSWORD)
    return {"districts": districts, "promoters": promoters, "me": promoters[0], "boss": boss}


def build(rng: random.Random, context: dict, share: float) -> None:
    """Add ``share`` of the organisations, offers and contacts."""
    from jobs.models import EmployerContact, JobOffer
    from network.models import Organisation, OrganisationKind
    from tests.factories.network import valid_vat_number

    start = Organisation.objects.count()
    count = int(ORGANISATIONS * share)
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Azienda di prova {start + n}",
                slug=f"azienda-di-prova-{start + n}",
                kind=OrganisationKind.COMPANY,
                vat_number=valid_vat_number(start + n + 1),
                employees=rng.choice([None, 5, 12, 20, 40, 80, 300]),
                has_art11_agreement=rng.random() < 0.2,
            )
            for n in range(count)
        ],
        batch_size=5_000,
    )
    links = Organisation.districts.through
    links.objects.bulk_create(
        [links(organisation=o, district=rng.choice(context["districts"])) for o in organisations], batch_size=5_000
    )
    now = timezone.now()
    offers = JobOffer.objects.bulk_create(
        [
            JobOffer(
                reference=f"BENCH-{start + n:07d}",
                organisation=(organisation := rng.choice(organisations)),
                district=rng.choice(context["districts"]),
                status=rng.choice(JobOffer.Status.values),
                kind=rng.choice(JobOffer.Kind.values),
                company_name=organisation.name,
                vat_number=organisation.vat_number,
                contact_name="Ufficio personale",
                contact_email="personale@example.org",
                role=rng.choice(ROLES),
                place_of_work="Dalmine (BG)",
                place_of_work_code="016091",
                weekly_hours=30,
                contract_type="fixed_term",
                received_at=now - timedelta(days=rng.randint(0, 540)),
            )
            for n in range(int(OFFERS * share))
        ],
        batch_size=5_000,
    )
    del offers
    today = timezone.localdate()
    EmployerContact.objects.bulk_create(
        [
            EmployerContact(
                organisation=rng.choice(organisations),
                promoter=rng.choice(context["promoters"]),
                kind=rng.choice(EmployerContact.Kind.values),
                outcome=rng.choice(EmployerContact.Outcome.values),
                occurred_on=today - timedelta(days=rng.randint(0, 540)),
            )
            for _ in range(int(CONTACTS * share))
        ],
        batch_size=5_000,
    )


def run() -> None:
    from django.urls import reverse

    from jobs.models import EmployerContact, JobOffer
    from network.models import Organisation

    rng = random.Random(20261125)  # noqa: S311 - reproducible fake data, not secrets
    context = prepare()
    promoter, boss = Client(), Client()
    promoter.force_login(context["me"])
    boss.force_login(context["boss"])
    organisations = reverse("wagtailsnippets_network_organisation:list")
    requests = {}

    def paths() -> dict:
        busy = EmployerContact.objects.values_list("organisation_id", flat=True).order_by("pk").first()
        return {
            "offers (promoter)": (promoter, "/admin/job_offers/"),
            "offers ?possible_duplicate=true": (promoter, "/admin/job_offers/?possible_duplicate=true"),
            "offers ?status=open&age=-90": (promoter, "/admin/job_offers/?status=open&age=-90"),
            "offers (superuser)": (boss, "/admin/job_offers/"),
            "organisations": (boss, organisations),
            "organisations ?not_contacted=true": (boss, organisations + "?not_contacted=true"),
            "organisations ?prospect=true": (boss, organisations + "?prospect=true"),
            "organisations by last contact": (boss, organisations + "?ordering=-last_contact_on"),
            "contact log of one organisation": (promoter, reverse("jobs_contacts", args=[busy])),
        }

    started = time.perf_counter()
    build(rng, context, SMALL)
    small = {}
    for label, (client, path) in paths().items():
        client.get(path)
        small[label] = count_queries(client, path)
    build(rng, context, 1 - SMALL)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"job_development: {Organisation.objects.count()} organisations, {JobOffer.objects.count()} offers, "
        f"{EmployerContact.objects.count()} contacts in {time.perf_counter() - started:.0f} s"
    )
    print(settle())
    print(f"\n{'request':<36} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'at small':>9}   ({ROUNDS} rounds)")
    for label, (client, path) in paths().items():
        timings, queries = measure(client, path, ROUNDS)
        requests[label] = timings
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{label:<36} {statistics.median(timings):>10.1f} {p95:>8.1f} {queries:>8} {small[label]:>9}")
    print("\nGoals: p95 < 500 ms; 'queries' should equal 'at small'.")


def main() -> None:
    in_benchmark_database("job_development", DATABASE, run)


if __name__ == "__main__":
    main()
