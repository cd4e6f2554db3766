"""The running application that the HTTP benchmarks drive: a database, gunicorn, a Celery worker.

Not a benchmark itself: `make benchmark` runs it too, and it prints nothing. The load
scripts (``submit_referrals.py``, ``load_faults.py``) import it (a script's folder is on
``sys.path``) to create their own database, start the app's processes on loopback, stop
them, and summarise response times.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BIN_DIR = Path(sys.executable).parent


def database_url(server_url: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``server_url``."""
    return urlunsplit(urlsplit(server_url)._replace(path="/" + name))


def recreate_database(server_url: str, name: str, *, drop_only: bool = False) -> None:
    """Drop database ``name`` on the server of ``server_url`` and, unless ``drop_only``, create it empty."""
    import psycopg

    with psycopg.connect(database_url(server_url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def migrate_and_seed(env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, what: str = "gunicorn") -> None:
    for _attempt in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not start")


def start_gunicorn(env: dict, port: int, *, workers: int = 3, threads: int = 4) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own virtualenv's programs
        [
            str(BIN_DIR / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def start_celery(env: dict, *arguments: str) -> subprocess.Popen:
    """A Celery program of the app (``worker`` by default), niced as in production."""
    return subprocess.Popen(  # noqa: S603 - our own virtualenv's programs
        [
            str(BIN_DIR / "celery"),
            "-A",
            "config",
            *(arguments or ("worker", "--concurrency", "2")),
            "--loglevel",
            "WARNING",
        ],
        preexec_fn=lambda: os.nice(10),  # as in production: answering people comes before background work
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM each process group, then wait for it."""
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        process.wait(timeout=30)


def percentile(times: list[float], fraction: float) -> float:
    """The ``fraction`` percentile of sorted ``times`` (seconds), in milliseconds."""
    return times[min(len(times) - 1, int(fraction * len(times)))] * 1000
