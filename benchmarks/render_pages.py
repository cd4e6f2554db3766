"""Print how long the public pages take to render and how many queries they run.

Builds a throw-away test database (SQLite unless DATABASE_URL says otherwise), loads the
demo site and renders each kind of page repeatedly through Django's test client.
Run with `make benchmark`. Figures, not assertions: this machine is shared and noisy.
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ROUNDS = 30


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("seed_demo", stdout=io.StringIO())
        client = Client()
        paths = {
            "home (it)": "/",
            "section (it)": "/il-servizio/",
            "content page (it)": "/il-servizio/come-funziona-il-percorso/",
            "content page (en)": "/en/the-service/how-the-path-works/",
            "news index (it)": "/notizie/",
            "search (it)": "/cerca/?q=tirocinio",
            "api pages list": "/api/v2/pages/?limit=50",
        }
        print(f"{'page':<22} {'median ms':>10} {'p90 ms':>8} {'queries':>8}   ({connection.vendor}, {ROUNDS} rounds)")
        for label, path in paths.items():
            assert client.get(path).status_code == 200, path  # warm-up
            timings = []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            p90 = statistics.quantiles(timings, n=10)[-1]
            print(f"{label:<22} {statistics.median(timings):>10.1f} {p90:>8.1f} {len(queries):>8}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
