"""What every in-process benchmark does between building its data and timing requests.

Not a benchmark itself: `make benchmark` runs it too, and it prints nothing.
"""

import gc
import logging
import os


def settle() -> str:
    """Put the data-building objects out of the garbage collector's sight; describe the machine.

    The objects a benchmark made while generating its data are no part of a web worker's
    heap, yet full collections would scan them and land in the timings of random requests
    (seen: case page p95 422 ms with them, 135 ms without). Returns the line to print.
    """
    gc.collect()
    gc.freeze()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine inflates the times)"


def in_benchmark_database(name: str, database: str, run) -> None:
    """Create and migrate ``database`` on the configured server, call ``run``, then drop it.

    ``--keep`` on the command line leaves the database in place for profiling.
    """
    import sys

    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # One INFO line per request (core/middleware.py) would flood the figures' output. The
    # timings therefore leave out writing that line, which a production worker does.
    logging.getLogger("sil.request").setLevel(logging.WARNING)
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = database
    print(f"{name}: creating the database {database} and migrating ...", flush=True)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        if "--keep" in sys.argv:
            print(f"{name}: --keep: the database {database} is left for profiling; drop it when done.")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def measure(client, path: str, rounds: int) -> tuple[list[float], int]:
    """Milliseconds of ``rounds`` GETs of ``path`` after a checked warm-up, and its query count."""
    import time

    response = client.get(path)  # warm-up, and a check
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    return timings, count_queries(client, path)


def count_queries(client, path: str) -> int:
    """How many queries one GET of ``path`` runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)
