"""Print how long a 100,000-row partner list takes to preview and import, against two yardsticks.

- the pipeline of ``imports/`` (preview = dry run, then the import through the
  PostgreSQL staging tables), with the peak memory of the process;
- a plain django-import-export ``ModelResource`` with default options, on a sample
  (2,000 rows by default, BENCH_IMPORT_BASELINE_ROWS; its rate is measured and the time
  for the whole file extrapolated, as printed);
- PostgreSQL ``COPY`` of the same rows into a scratch table: the floor.

Needs PostgreSQL: it reads DATABASE_URL and works in its own database
(``sil_bench_imports``, created and dropped here). Run with `make benchmark`.
Figures, not assertions: this machine is shared and noisy.
"""

import csv
import io
import os
import random
import resource
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
BASELINE_SAMPLE = int(os.environ.get("BENCH_IMPORT_BASELINE_ROWS", "2000"))  # ~20 rows/s: keep it short
UNDO = os.environ.get("BENCH_IMPORT_UNDO") == "1"
DATABASE = "sil_bench_imports"
HEADER = [
    "Ragione sociale",
    "Forma giuridica",
    "P.IVA",
    "Codice fiscale",
    "Indirizzo",
    "CAP",
    "Comune",
    "Prov.",
    "Telefono",
    "E-mail",
    "PEC",
    "Sito web",
    "ATECO",
    "N. dipendenti",
]

WORDS = [
    "Officine",
    "Meccanica",
    "Logistica",
    "Servizi",
    "Costruzioni",
    "Alimentari",
    "Trasporti",
    "Impianti",
    "Tessile",
    "Arredamenti",
    "Stampaggio",
    "Elettronica",
    "Giardini",
    "Pulizie",
    "Ristorazione",
    "Carpenteria",
]
SURNAMES = [
    "Rossi",
    "Colombo",
    "Bergamaschi",
    "Locatelli",
    "Pesenti",
    "Rota",
    "Brembilla",
    "Milesi",
    "Gritti",
    "Cortinovis",
    "Ravasio",
    "Mazzoleni",
    "Ferrari",
    "Bonacina",
    "Carminati",
    "Bonomi",
    "Zanchi",
    "Arnoldi",
]
FORMS = [
    ("S.r.l.", "Impresa"),
    ("S.p.A.", "Impresa"),
    ("S.n.c.", "Impresa"),
    ("S.a.s.", "Impresa"),
    ("Società Cooperativa Sociale", "Cooperativa sociale di tipo B"),
    ("Soc. Coop.", "Impresa"),
]
STREETS = [
    "Via Roma",
    "Via Garibaldi",
    "Via Mazzini",
    "Via Dante Alighieri",
    "Viale Europa",
    "Via dei Mille",
    "Via Papa Giovanni XXIII",
    "Via Bergamo",
    "Via Marconi",
    "Piazza della Libertà",
    "Via Sant'Antonio",
]
ATECO = [
    "25.62.00",
    "49.41.00",
    "56.10.11",
    "81.21.00",
    "43.21.01",
    "10.71.10",
    "46.90.00",
    "62.01.00",
    "88.10.00",
    "52.29.22",
    "28.29.99",
    "31.09.90",
    "96.01.10",
    "47.11.40",
    "85.59.20",
    "22.29.09",
]


def _say(text: str) -> None:
    print(text, flush=True)


def _database_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    return url


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def generate_csv(rows: int, seed: int = 7) -> bytes:
    """A partner list as the chamber of commerce might send it: semicolons, BOM, 2% bad VAT numbers."""
    from stdnum import luhn

    from network.municipalities import _index

    rng = random.Random(seed)  # noqa: S311 - the same test file every run; nothing secret
    municipalities = [m for m in _index()[0].values() if m.postcodes and m.region.lower() == "lombardia"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for number in range(1, rows + 1):
        body = f"{number:07d}{rng.choice(['016', '015', '017', '098'])}"
        vat = body + luhn.calc_check_digit(body)
        if rng.random() < 0.02:
            vat = vat[:-1] + str((int(vat[-1]) + 1) % 10)
        suffix, kind = rng.choice(FORMS)
        name = f"{rng.choice(WORDS)} {rng.choice(SURNAMES)} {number} {suffix}"
        place = rng.choice(municipalities)
        slug = name.split()[1].lower()
        writer.writerow(
            [
                name,
                kind,
                vat,
                vat if rng.random() < 0.5 else "",
                f"{rng.choice(STREETS)} {rng.randint(1, 220)}",
                rng.choice(place.postcodes),
                place.name.upper() if rng.random() < 0.2 else place.name,
                place.province,
                f"0{rng.randint(30, 39)} {rng.randint(100000, 9999999)}",
                f"info@{slug}{number}.it",
                f"{slug}{number}@pec.it",
                f"www.{slug}{number}.it",
                rng.choice(ATECO),
                str(rng.choice([2, 5, 8, 12, 18, 25, 40, 60, 120, 300])),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def main() -> None:
    url = _database_url()
    if url is None:
        _say(
            "benchmarks/import_partners.py: skipped, it needs PostgreSQL. Set DATABASE_URL=postgres://USER@HOST:5432/NAME"
        )
        return
    parts = urlparse(url)
    admin_url = urlunparse(parts._replace(path="/postgres"))
    os.environ["DATABASE_URL"] = urlunparse(parts._replace(path=f"/{DATABASE}"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("CELERY_BROKER_URL", "memory://")

    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    try:
        run()
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def run() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from imports import services, tasks
    from imports.models import ImportPolicy, ImportStatus

    call_command("migrate", verbosity=0)
    tasks.reindex_import.delay = lambda *args, **kwargs: None  # timed on its own below
    data = generate_csv(ROWS)
    _say(f"imports benchmark: {ROWS:,} rows, {len(data) / 2**20:.1f} MB CSV, PostgreSQL {connection.pg_version}")
    # The baseline first, on the empty database, as a fresh install would run it.
    per_row = baseline(data, BASELINE_SAMPLE)
    memory_before = _peak_mb()

    start = time.perf_counter()
    job = services.job_create(data=data, file_name="partners.csv", resource="organisations")
    assert job.status == ImportStatus.PARSED, job.error_reason
    services.job_request_preview(job=job, inline=True)
    preview_seconds = time.perf_counter() - start
    assert job.status == ImportStatus.PREVIEWED, job.error_reason
    _say(
        f"  preview (upload, read, check, match): {preview_seconds:6.1f} s   "
        f"{job.count_new:,} new, {job.count_invalid:,} invalid"
    )

    start = time.perf_counter()
    services._move(job, ImportStatus.CONFIRMED, policy=ImportPolicy.SKIP_INVALID)  # what the confirm screen does
    services.run_import(job.pk)
    import_seconds = time.perf_counter() - start
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED, job.error_reason
    _say(f"  import (one transaction, staging + set-based writes): {import_seconds:6.1f} s   {job.count_new:,} created")
    total = preview_seconds + import_seconds
    peak = _peak_mb()
    _say(
        f"  preview + import: {total:6.1f} s (goal < 60 s); peak memory {peak:.0f} MB "
        f"(process before: {memory_before:.0f} MB; goal < 500 MB)"
    )

    start = time.perf_counter()
    indexed = services.reindex(job.pk)
    _say(
        f"  search index of the {indexed:,} organisations (a separate task after the import): "
        f"{time.perf_counter() - start:6.1f} s"
    )

    # Re-import of the same file: every valid row is matched by VAT number and unchanged.
    start = time.perf_counter()
    again = services.job_create(data=data, file_name="partners-again.csv", resource="organisations")
    services.job_request_preview(job=again, inline=True)
    _say(
        f"  preview of the same file again (all matched): {time.perf_counter() - start:6.1f} s   "
        f"{again.count_unchanged:,} unchanged, {again.count_updated:,} updated"
    )

    if UNDO:
        start = time.perf_counter()
        undone = services.job_undo(job=job)
        seconds = time.perf_counter() - start
        _say(f"  undo of the import ({undone['removed']:,} organisations removed): {seconds:6.1f} s")
    else:
        _say("  undo: not timed (BENCH_IMPORT_UNDO=1 to time it; about 4 ms per organisation, per-object signals)")

    floor = copy_floor(data)
    _say(f"  floor, PostgreSQL COPY of the same rows into a scratch table: {floor:6.1f} s")

    extrapolated = per_row * job.count_new
    _say(
        f"  baseline, plain ModelResource with default options: {BASELINE_SAMPLE:,}-row sample at "
        f"{1 / per_row:,.0f} rows/s (dry run + import), extrapolated to {job.count_new:,} rows: {extrapolated:6.0f} s"
    )
    _say(f"  ratio: baseline / ours = {extrapolated / total:5.1f}x; ours / COPY floor = {total / floor:5.1f}x")


def copy_floor(data: bytes) -> float:
    from django.db import connection

    text = data.decode("utf-8-sig")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE UNLOGGED TABLE bench_copy_floor (" + ", ".join(f"c{i} text" for i in range(len(HEADER))) + ")"
        )
        start = time.perf_counter()
        with cursor.cursor.copy(
            "COPY bench_copy_floor FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)"
        ) as copy:
            copy.write(text)
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy_floor")
    return seconds


def baseline(data: bytes, sample: int) -> float:
    """Seconds per row of django-import-export's ModelResource with default options (dry run + import)."""
    import tablib
    from django.db import connection
    from django.utils.text import slugify
    from import_export import resources

    from network.models import Organisation

    class PlainOrganisationResource(resources.ModelResource):
        class Meta:
            model = Organisation
            fields = (
                "name",
                "slug",
                "kind",
                "vat_number",
                "tax_code",
                "phone",
                "email",
                "pec",
                "website",
                "ateco_code",
                "employees",
            )
            import_id_fields = ("vat_number",)

    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    next(reader)
    dataset = tablib.Dataset(headers=list(PlainOrganisationResource.Meta.fields))
    for number, row in enumerate(reader):
        if len(dataset) >= sample:
            break
        dataset.append(
            [
                row[0],
                f"{slugify(row[0])}-{number}",
                "company",
                row[2],
                row[3],
                row[8],
                row[9],
                row[10],
                "https://" + row[11],
                row[12],
                row[13],
            ]
        )
    start = time.perf_counter()
    PlainOrganisationResource().import_data(dataset, dry_run=True)
    result = PlainOrganisationResource().import_data(dataset, dry_run=False)
    seconds = time.perf_counter() - start
    assert not result.has_errors(), result.base_errors
    with connection.cursor() as cursor:  # leave the database empty for the pipeline
        cursor.execute("TRUNCATE network_organisation, wagtailsearch_indexentry CASCADE")
    return seconds / sample


if __name__ == "__main__":
    main()
