"""Print how fast the directory search answers with 50,000 organisations in PostgreSQL.

Measures server time in-process (Django's test client: routing, views, queries,
serialisation and templates, without a network) for the public directory page
(``network.DirectoryPage``) with a search term and with filters, and for the HSDS API's
``/api/hsds/organizations?search=...``. Goals: median under 100 ms, p95 under 250 ms, and
a number of queries that does not grow with the data, shown by counting each request's
queries with 1,000 organisations and again with 50,000.

It needs PostgreSQL (``DATABASE_URL=postgres://...``); with anything else it says so and
exits 0. It builds its own database, ``sil_bench``, and drops it at the end: the
developer's data are never touched. Data are generated with ``bulk_create`` (realistic
Italian names, municipalities of the province of Bergamo, locations, services, roles,
sectors, districts, contact persons) and indexed for the database search backend with
its ``add_bulk``, as ``update_index`` would. Run with ``make benchmark``; figures, not
assertions: the machine is shared and noisy. ``--keep`` leaves ``sil_bench`` in place to
profile the queries (EXPLAIN ANALYZE) afterwards.
"""

import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    print(
        "directory_search: skipped, it needs PostgreSQL. Set DATABASE_URL=postgres://USER@HOST:5432/NAME "
        "(the benchmark creates and drops its own database, sil_bench)."
    )
    sys.exit(0)

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from stdnum import luhn  # noqa: E402

TOTAL = 50_000
FIRST_BATCH = 1_000
BATCH = 2_000
ROUNDS = 40
PUBLIC_SHARE = 0.85
BERGAMO = (45.6983, 9.6773)

PREFIXES = [
    "Officine Meccaniche",
    "Carpenteria",
    "Trasporti",
    "Logistica",
    "Panificio",
    "Tipografia",
    "Autofficina",
    "Impresa Edile",
    "Falegnameria",
    "Studio Tecnico",
    "Ristorante",
    "Lavanderia Industriale",
    "Serramenti",
    "Elettromeccanica",
    "Torneria",
    "Agricola",
    "Pulizie",
    "Verniciatura",
    "Stampaggio Plastica",
    "Costruzioni",
]
COOPERATIVE_PREFIXES = ["Cooperativa Sociale", "Società Cooperativa Sociale", "Consorzio Cooperative"]
INSTITUTIONS = ["Comune di", "Centro per l'Impiego di", "Servizio Sociale di", "Associazione Artigiani di"]
SURNAMES = [
    "Locatelli",
    "Rota",
    "Pesenti",
    "Gritti",
    "Ghisleni",
    "Carminati",
    "Cortinovis",
    "Belotti",
    "Mazzoleni",
    "Zanchi",
    "Bonacina",
    "Rossi",
    "Colombo",
    "Ferrari",
    "Bergamelli",
    "Previtali",
    "Signorelli",
    "Salvi",
    "Milesi",
    "Gamba",
    "Facchinetti",
    "Brembilla",
    "Pagnoncelli",
    "Ravasio",
    "Agazzi",
]
COOPERATIVE_NAMES = ["Il Ponte", "La Fenice", "Arcobaleno", "Il Sentiero", "Lavoro e Futuro", "La Bottega", "Insieme"]
SUFFIXES = ["S.r.l.", "S.p.A.", "S.n.c.", "S.a.s.", "& C. S.r.l.", "di {surname} {initial}."]
ACTIVITIES = [
    "lavorazioni meccaniche di precisione",
    "trasporto merci e logistica di magazzino",
    "manutenzione del verde pubblico e privato",
    "pulizie civili e industriali",
    "assemblaggio di componenti elettrici",
    "ristorazione collettiva",
    "produzione di serramenti in legno e alluminio",
    "stampa digitale e legatoria",
    "raccolta e selezione di materiali da riciclare",
    "servizi amministrativi alle imprese",
]
STREETS = [
    "Via Roma",
    "Via Garibaldi",
    "Via Mazzini",
    "Via Dante",
    "Via Papa Giovanni XXIII",
    "Via Bergamo",
    "Via Milano",
]
DISTRICTS = [
    ("dalmine", "Ambito di Dalmine", "Dalmine"),
    ("bergamo", "Ambito di Bergamo", "Bergamo"),
    ("seriate", "Ambito di Seriate", "Seriate"),
    ("grumello", "Ambito di Grumello del Monte", "Grumello del Monte"),
    ("isola", "Ambito Isola Bergamasca", "Ponte San Pietro"),
]
FIRST_NAMES = ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Paolo", "Elena", "Davide", "Sara", "Matteo"]


def vat_number(number: int) -> str:
    body = f"{number:07d}016"
    return body + luhn.calc_check_digit(body)


def build(rng: random.Random, first: int, count: int, context: dict) -> None:
    """Create ``count`` organisations numbered from ``first`` with their rows, then index them."""
    from modelsearch.backends import get_search_backend

    from network.models import Contact, Location, Organisation, OrganisationKind, Service

    kinds = [
        (OrganisationKind.COMPANY, 70),
        (OrganisationKind.COOPERATIVE_B, 10),
        (OrganisationKind.COOPERATIVE_A, 4),
        (OrganisationKind.PUBLIC_BODY, 3),
        (OrganisationKind.SOCIAL_SERVICE, 3),
        (OrganisationKind.EMPLOYERS_ASSOCIATION, 2),
        (OrganisationKind.THIRD_SECTOR, 5),
        (OrganisationKind.TRAINING_BODY, 3),
    ]
    kind_values, kind_weights = zip(*kinds, strict=True)
    organisations = []
    for number in range(first, first + count):
        kind = rng.choices(kind_values, kind_weights)[0]
        municipality = rng.choice(context["municipalities"])
        surname = rng.choice(SURNAMES)
        if kind in (OrganisationKind.COOPERATIVE_A, OrganisationKind.COOPERATIVE_B):
            name = f"{rng.choice(COOPERATIVE_PREFIXES)} {rng.choice(COOPERATIVE_NAMES)} {surname}"
        elif kind in (OrganisationKind.PUBLIC_BODY, OrganisationKind.SOCIAL_SERVICE):
            name = f"{rng.choice(INSTITUTIONS)} {municipality.name}"
        else:
            suffix = rng.choice(SUFFIXES).format(surname=surname, initial=rng.choice("ABCDEFGLMPRS"))
            name = f"{rng.choice(PREFIXES)} {surname} {suffix}"
        employees = rng.choice([2, 5, 8, 12, 18, 25, 40, 60, 120, 300])
        organisations.append(
            Organisation(
                name=f"{name} {number}" if number % 7 == 0 else name,
                slug=f"org-{number}",
                kind=kind,
                description=f"{rng.choice(ACTIVITIES).capitalize()} a {municipality.name}.",
                website=f"https://www.org{number}.example.it",
                email=f"info@org{number}.example.it",
                phone=f"035 {number % 1000:03d} {number % 10000:04d}",
                vat_number=vat_number(number + 1),
                employees=employees,
                size_band="micro" if employees < 10 else "small" if employees < 50 else "medium",
                ateco_code=f"{rng.randint(10, 96)}.{rng.randint(10, 99)}",
                sector=rng.choice(context["sectors"]),
                is_public=rng.random() < PUBLIC_SHARE,
                publish_identifiers=rng.random() < 0.5,
            )
        )
    Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    # bulk_create returns the primary keys on PostgreSQL.
    locations, services, contacts, roles, districts = [], [], [], [], []
    role_link = Organisation.roles.through
    district_link = Organisation.districts.through
    for org in organisations:
        for order in range(rng.choice([1, 1, 1, 2])):
            municipality = rng.choice(context["municipalities"])
            locations.append(
                Location(
                    uuid=uuid.uuid4(),
                    organisation_id=org.pk,
                    sort_order=order,
                    name="Sede legale" if order == 0 else "Unità produttiva",
                    address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                    municipality=municipality.name,
                    municipality_code=municipality.code,
                    province="BG",
                    postcode=municipality.postcodes[0],
                    latitude=BERGAMO[0] + rng.uniform(-0.25, 0.25),
                    longitude=BERGAMO[1] + rng.uniform(-0.35, 0.35),
                )
            )
        if rng.random() < 0.6:
            services.append(
                Service(
                    uuid=uuid.uuid4(),
                    organisation_id=org.pk,
                    name=rng.choice(["Tirocini in azienda", "Inserimenti lavorativi", "Corso di formazione"]),
                    description=f"Per persone seguite dal servizio: {rng.choice(ACTIVITIES)}.",
                )
            )
        if rng.random() < 0.5:
            contacts.append(
                Contact(
                    organisation_id=org.pk,
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                    email=f"referente@org{org.pk}.example.it",
                )
            )
        for term in rng.sample(context["roles"], rng.choice([1, 1, 2, 3])):
            roles.append(role_link(organisation_id=org.pk, taxonomyterm_id=term.pk))
        for district in rng.sample(context["districts"], rng.choice([1, 1, 2])):
            districts.append(district_link(organisation_id=org.pk, district_id=district.pk))
    Location.objects.bulk_create(locations, batch_size=BATCH)
    Service.objects.bulk_create(services, batch_size=BATCH)
    Contact.objects.bulk_create(contacts, batch_size=BATCH)
    role_link.objects.bulk_create(roles, batch_size=BATCH)
    district_link.objects.bulk_create(districts, batch_size=BATCH)
    backend = get_search_backend()
    for start in range(0, len(organisations), 1000):
        backend.add_bulk(Organisation, organisations[start : start + 1000])


def prepare_context() -> dict:
    from network import municipalities
    from network.models import ROLES_TAXONOMY, SECTORS_TAXONOMY, District, TaxonomyTerm

    by_code, _ = municipalities._index()
    districts = [
        District.objects.get_or_create(slug=slug, defaults={"name": name, "lead_municipality": lead})[0]
        for slug, name, lead in DISTRICTS
    ]
    return {
        "municipalities": [m for m in by_code.values() if m.province == "BG" and m.postcodes],
        "sectors": list(TaxonomyTerm.objects.filter(taxonomy__key=SECTORS_TAXONOMY)),
        "roles": list(TaxonomyTerm.objects.filter(taxonomy__key=ROLES_TAXONOMY)),
        "districts": districts,
    }


def directory_page_path() -> tuple[str | None, str]:
    """Place a directory page under the default site's root page; (path, why not) when it cannot."""
    try:
        from network.models import DirectoryPage
    except ImportError:
        return None, "network.DirectoryPage does not exist yet"
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    page = site.root_page.add_child(instance=DirectoryPage(title="La rete", slug="la-rete"))
    path = page.get_url(request=None) or "/la-rete/"
    response = Client().get(path)
    if response.status_code != 200:
        return None, f"the directory page answered {response.status_code}"
    return path, ""


def measure(client: Client, path: str) -> tuple[list[float], list[float], int]:
    """Wall-clock times, this process's CPU times (Python only, not PostgreSQL's) and the query count."""
    response = client.get(path)  # warm-up, and a check
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    timings, cpu = [], []
    for _ in range(ROUNDS):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return timings, cpu, count_queries(client, path)


def count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


def main() -> None:
    setup_test_environment()
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = "sil_bench"
    print("directory_search: creating the database sil_bench and migrating ...", flush=True)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        if "--keep" in sys.argv:
            print("directory_search: --keep: the database sil_bench is left for profiling; drop it when done.")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> None:
    rng = random.Random(20261125)  # noqa: S311 - reproducible fake data, not secrets
    context = prepare_context()
    page_path, why_not = directory_page_path()
    paths = {"api organizations?search=meccaniche": "/api/hsds/organizations?search=meccaniche"}
    paths["api organizations?search=locatelli"] = "/api/hsds/organizations?search=locatelli"
    paths["api organizations (district filter)"] = "/api/hsds/organizations?taxonomy_term_id=" + _district_term_id(
        context["districts"][0].slug
    )
    paths["api services?search=tirocini"] = "/api/hsds/services?search=tirocini"
    if page_path:
        paths["page ?q=meccaniche"] = f"{page_path}?q=meccaniche"
        paths["page ?q=locatelli"] = f"{page_path}?q=locatelli"
        paths["page ?district=dalmine&kind=company"] = f"{page_path}?district=dalmine&kind=company"
        paths["page ?q=cooperativa&district=bergamo"] = f"{page_path}?q=cooperativa&district=bergamo"
    client = Client()

    started = time.perf_counter()
    build(rng, 0, FIRST_BATCH, context)
    small = {}
    for label, path in paths.items():
        client.get(path)  # warm-up: caches fill as they would on a live site
        small[label] = count_queries(client, path)
    for first in range(FIRST_BATCH, TOTAL, 10_000):
        build(rng, first, min(10_000, TOTAL - first), context)
        print(f"  {min(first + 10_000, TOTAL):>6} organisations", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does on a live database after bulk loads
    print(f"directory_search: {TOTAL} organisations generated and indexed in {time.perf_counter() - started:.0f} s")

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine inflates the times)")
    print(
        f"\n{'request':<40} {'median ms':>10} {'p95 ms':>8} {'app cpu ms':>11} {'queries':>8} {'at 1k':>6}"
        f"   (PostgreSQL, {TOTAL} organisations, {ROUNDS} rounds)"
    )
    for label, path in paths.items():
        timings, cpu, queries = measure(client, path)
        p95 = statistics.quantiles(timings, n=20)[-1]
        median, median_cpu = statistics.median(timings), statistics.median(cpu)
        print(f"{label:<40} {median:>10.1f} {p95:>8.1f} {median_cpu:>11.1f} {queries:>8} {small[label]:>6}")
    if not page_path:
        print(f"\nThe directory page was not measured: {why_not}.")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print("'app cpu ms' is the CPU time of the Django process alone (views, templates, JSON), without PostgreSQL's.")
    print(f"\nGoals: median < 100 ms, p95 < 250 ms; 'queries' (50k) should equal 'at 1k'. Load average now {load}.")


def _district_term_id(slug: str) -> str:
    from network import hsds

    return hsds.DISTRICTS.term_id(slug)


if __name__ == "__main__":
    main()
