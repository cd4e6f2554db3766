"""Print how the site holds up under load while its worker and its Redis fail, and check nothing was lost.

For two minutes, 16 HTTP clients on loopback ask for public pages (home, content pages in
Italian and English, news, site search), search the directory of organisations (the
public page with terms and filters, and the HSDS API) and post referrals to
``POST /api/forms/segnalazione/submissions``, each with its own ``Idempotency-Key``,
posting again with the same key after a connection error or a 5xx, as a real client
would. Meanwhile, at about 30 s the Celery worker is killed with SIGKILL and restarted
10 s later, and at about 70 s Redis (broker, results and cache) is shut down without
saving and started again, empty.

Then it waits (bounded) for the worker and the periodic sweeps (``SWEEP_SECONDS``, 30 s
here) to finish the work, and checks:

- every key that got a 201 has exactly one stored submission with the reference the
  client was given, and nothing was stored for a key that was never accepted;
- every stored submission has exactly one referral, and there is no other referral from
  the form;
- each accepted submission's two e-mails (the receipt to the referrer and the notice to
  the intake staff of the district) were sent exactly once, and no other e-mail mentions
  a reference.

It prints the requests served, the errors (connection errors, 5xx, 4xx) and p50/p95/p99
per kind of request, the times of the faults, and the checks; it exits 1 if a check
fails. Figures, not assertions: the machine is shared and noisy.

It needs ``DATABASE_URL=postgres://...`` and ``redis-server`` on the PATH; otherwise it
says so and exits 0. It creates its own database, ``sil_load_bench``, on that server
(dropped at the end unless ``--keep``), and starts its own Redis on ``LOAD_REDIS_PORT``
(6391 by default) with its data in a temporary folder; it never touches another Redis.
The app runs with ``benchmarks/load_settings.py`` (the test settings, e-mails written to
files in a temporary folder). ``--seconds``, ``--clients`` and ``--sweep-seconds`` change
the run.
"""

import argparse
import email
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from email.header import decode_header, make_header
from pathlib import Path

from stack import (  # benchmarks/stack.py: a script's folder is on sys.path
    ROOT,
    database_url,
    free_port,
    migrate_and_seed,
    percentile,
    recreate_database,
    start_celery,
    start_gunicorn,
    stop,
    wait_for,
)
from submit_referrals import PATH as SUBMIT_PATH
from submit_referrals import PAYLOAD

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_PORT = int(os.environ.get("LOAD_REDIS_PORT", "6391"))
BENCH_DB = "sil_load_bench"
PAGES = [
    "/",
    "/il-servizio/",
    "/il-servizio/come-funziona-il-percorso/",
    "/en/",
    "/en/the-service/how-the-path-works/",
    "/notizie/",
    "/cerca/?q=tirocinio",
]
DIRECTORY = [
    "/rete/?q=meccaniche",
    "/rete/?q=cooperativa",
    "/rete/?district=dalmine&kind=company",
    "/rete/?q=cooperativa&district=bergamo",
    "/en/network/?q=logistica",
    "/api/hsds/organizations?search=meccaniche",
    "/api/hsds/services?search=tirocini",
]
KINDS = (("page", 0.45), ("directory", 0.30), ("referral", 0.25))
REFERENCE = re.compile(r"SIL-[A-Z0-9]{8}")
MAX_ATTEMPTS = 10
REDIS_DOWN_SECONDS = 3  # an outage, not only an empty restart: requests and enqueues meet no Redis at all


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--sweep-seconds", type=int, default=30)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")) or not shutil.which("redis-server"):
        print(
            "load_faults: skipped, it needs PostgreSQL and redis-server. "
            "Set DATABASE_URL=postgres://USER@HOST:5432/NAME "
            "(it creates and drops its own database, sil_load_bench) and put redis-server on the PATH "
            f"(it starts its own on port {REDIS_PORT}, LOAD_REDIS_PORT)."
        )
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="sil-load-"))
    redis_url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.load_settings",
        "LOAD_MAIL_DIR": str(workdir / "mail"),
        "DATABASE_URL": database_url(DATABASE_URL, BENCH_DB),
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
        "CACHE_URL": redis_url,
        "SWEEP_SECONDS": str(options.sweep_seconds),
        "FORMS_RATE_LIMIT": "0",  # every client comes from 127.0.0.1: no limit
        "LOG_LEVEL": os.environ.get(
            "LOAD_LOG_LEVEL", "CRITICAL"
        ),  # the faults make every process log connection errors
    }
    (workdir / "mail").mkdir()
    redis = Redis(workdir)
    if not redis.start():
        print(f"load_faults: something already listens on port {REDIS_PORT}; set LOAD_REDIS_PORT to a free port.")
        return 1
    recreate_database(DATABASE_URL, BENCH_DB)
    processes = []
    try:
        migrate_and_seed(env)
        port = free_port()
        processes.append(start_gunicorn(env, port, workers=3, threads=4))
        worker = start_celery(env)
        beat = start_celery(env, "beat", "--schedule", str(workdir / "beat-schedule"))
        processes += [worker, beat]
        wait_for(port)
        for path in PAGES + DIRECTORY:  # warm-up, and a check that every path exists
            status = _get_status(port, path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status} before the load")
        faults = Faults(env, worker, redis, options.seconds)
        results, accepted = Load(port, options.clients, options.seconds, faults).run()
        processes.append(faults.worker)
        return _report(results, accepted, faults, env, workdir / "mail", options)
    finally:
        stop(processes)
        redis.shutdown()
        if not options.keep:
            recreate_database(DATABASE_URL, BENCH_DB, drop_only=True)
        shutil.rmtree(workdir, ignore_errors=True)


class Redis:
    """Our own redis-server, without persistence: a restart empties it, as a crash without AOF would."""

    def __init__(self, workdir: Path):
        self.workdir = workdir

    def _cli(self, *arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            ["redis-cli", "-p", str(REDIS_PORT), *arguments],  # noqa: S607 - the system's redis-cli
            capture_output=True,
            text=True,
            check=False,
        )

    def start(self) -> bool:
        if self._cli("ping").stdout.strip() == "PONG":
            return False
        subprocess.run(  # noqa: S603
            [  # noqa: S607 - the system's redis-server
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
                "--daemonize",
                "yes",
                "--pidfile",
                str(self.workdir / "redis.pid"),
                "--logfile",
                str(self.workdir / "redis.log"),
            ],
            check=True,
        )
        wait_for(REDIS_PORT, "redis-server")
        return True

    def shutdown(self) -> None:
        self._cli("shutdown", "nosave")
        for _attempt in range(100):
            if self._cli("ping").stdout.strip() != "PONG":
                return
            time.sleep(0.1)


class Faults:
    """At 25% of the run kill the worker (SIGKILL), restart it 10 s later; at 58% restart Redis."""

    def __init__(self, env: dict, worker: subprocess.Popen, redis: Redis, seconds: int):
        self.env, self.worker, self.redis = env, worker, redis
        self.kill_at, self.redis_at = seconds * 0.25, seconds * 0.58
        self.events: list[tuple[float, str]] = []

    def run(self, started: float, stopping: threading.Event) -> None:
        def at(offset: float) -> bool:
            return not stopping.wait(max(0.0, started + offset - time.monotonic()))

        if at(self.kill_at):
            os.killpg(self.worker.pid, signal.SIGKILL)
            self.worker.wait()
            self.events.append((time.monotonic() - started, "Celery worker killed (SIGKILL)"))
        if at(self.kill_at + 10):
            self.worker = start_celery(self.env)
            self.events.append((time.monotonic() - started, "Celery worker started again"))
        if at(self.redis_at):
            self.events.append((time.monotonic() - started, "Redis shut down (nosave)"))
            self.redis.shutdown()
            time.sleep(REDIS_DOWN_SECONDS)
            self.redis.start()
            self.events.append((time.monotonic() - started, "Redis started again, empty"))


class Load:
    """The clients: each picks a kind of request at random, until the time is up."""

    def __init__(self, port: int, clients: int, seconds: int, faults: Faults):
        self.port, self.clients, self.seconds, self.faults = port, clients, seconds, faults
        self.results: list[tuple[str, int, float, float]] = []  # (kind, status, seconds, at), status 0: no answer
        self.accepted: dict[str, set[str]] = defaultdict(set)  # Idempotency-Key -> references answered
        self.lock = threading.Lock()

    def run(self) -> tuple[list[tuple], dict[str, set[str]]]:
        self.started = time.monotonic()
        stopping = threading.Event()
        fault_thread = threading.Thread(target=self.faults.run, args=(self.started, stopping))
        fault_thread.start()
        threads = [threading.Thread(target=self.client, args=(number,)) for number in range(self.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stopping.set()
        fault_thread.join()
        return self.results, self.accepted

    def client(self, number: int) -> None:
        rng = random.Random(number)  # noqa: S311 - load shaping, not security
        deadline = self.started + self.seconds
        mine: list[tuple] = []
        connection = [self._connect()]
        while time.monotonic() < deadline:
            kind = rng.choices([kind for kind, _weight in KINDS], [weight for _kind, weight in KINDS])[0]
            if kind == "page":
                self._request(connection, mine, kind, "GET", rng.choice(PAGES))
            elif kind == "directory":
                self._request(connection, mine, kind, "GET", rng.choice(DIRECTORY))
            else:
                self._submit(connection, mine, rng)
        with self.lock:
            self.results.extend(mine)

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def _request(self, connection: list, mine: list, kind: str, method: str, path: str, **kwargs) -> tuple[int, bytes]:
        started = time.perf_counter()
        try:
            connection[0].request(method, path, headers={"Host": "127.0.0.1", **kwargs.pop("headers", {})}, **kwargs)
            response = connection[0].getresponse()
            answer, status = response.read(), response.status
        except (OSError, http.client.HTTPException):
            connection[0].close()
            connection[0] = self._connect()
            answer, status = b"", 0
        mine.append((kind, status, time.perf_counter() - started, time.monotonic() - self.started))
        return status, answer

    def _submit(self, connection: list, mine: list, rng: random.Random) -> None:
        """Post one referral; after a connection error or a 5xx, post it again with the same key."""
        key = uuid.uuid4().hex
        headers = {"Content-Type": "application/json", "Idempotency-Key": key}
        body = json.dumps(PAYLOAD)
        for attempt in range(MAX_ATTEMPTS):
            status, answer = self._request(
                connection, mine, "referral", "POST", SUBMIT_PATH, body=body, headers=headers
            )
            if status == 201:
                with self.lock:
                    self.accepted[key].add(json.loads(answer)["reference"])
                return
            if 0 < status < 500:
                return  # refused: a client does not post the same thing again
            time.sleep(min(5.0, 0.2 * 2**attempt) * (0.5 + rng.random()))


def _get_status(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        return connection.getresponse().status
    finally:
        connection.close()


def _sent_emails(folder: Path) -> list[tuple[str, list[str]]]:
    """(subject, recipients) of every e-mail the file backend wrote."""
    sent = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_text(encoding="utf-8", errors="replace").split("-" * 79 + "\n"):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk)
            subject = str(make_header(decode_header(message.get("Subject", ""))))
            recipients = [address.strip() for address in message.get("To", "").split(",") if address.strip()]
            sent.append((subject, recipients))
    return sent


def _drain(deadline_seconds: float):
    """Wait until every submission is processed and every stored e-mail sent, or the time is up."""
    from core.models import OutboxEmail
    from forms.models import FormSubmission

    started = time.monotonic()
    while True:
        unprocessed = FormSubmission.objects.filter(processed_at__isnull=True).count()
        unsent = OutboxEmail.objects.filter(sent_at__isnull=True).count()
        waited = time.monotonic() - started
        if (unprocessed == 0 and unsent == 0) or waited > deadline_seconds:
            return unprocessed, unsent, waited
        time.sleep(1)


def _report(results, accepted, faults: Faults, env: dict, mail_dir: Path, options) -> int:
    os.environ.update({key: env[key] for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "LOAD_MAIL_DIR")})
    os.environ["CACHE_URL"] = "locmem://"  # this process only reads the database
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from cases.models import Referral
    from forms.models import FormSubmission

    print(
        f"load_faults: {options.clients} clients for {options.seconds} s against gunicorn (3 workers x 4 threads), "
        f"PostgreSQL, our own Redis, 1 Celery worker (concurrency 2, niced) and beat (sweeps every "
        f"{options.sweep_seconds} s); {os.cpu_count()} CPUs shared with the clients and other work: noisy times"
    )
    for offset, event in faults.events:
        print(f"  at {offset:5.1f} s: {event}")
    print(f"  {'kind':<10} {'served':>7} {'per s':>6} {'conn err':>8} {'5xx':>5} {'4xx':>5}   p50 / p95 / p99 ms")
    for kind, _weight in KINDS:
        mine = [result for result in results if result[0] == kind]
        answered = sorted(elapsed for _kind, status, elapsed, _at in mine if status)
        served = sum(1 for result in mine if 200 <= result[1] < 400)
        failures = [result[3] for result in mine if result[1] == 0 or result[1] >= 500]
        window = f"   errors between {min(failures):.1f} and {max(failures):.1f} s" if failures else ""
        print(
            f"  {kind:<10} {served:>7} {served / options.seconds:>6.1f} {sum(1 for r in mine if r[1] == 0):>8} "
            f"{sum(1 for r in mine if r[1] >= 500):>5} {sum(1 for r in mine if 400 <= r[1] < 500):>5}   "
            f"{percentile(answered, 0.50):.0f} / {percentile(answered, 0.95):.0f} / {percentile(answered, 0.99):.0f}"
            f"{window}"
        )

    unprocessed, unsent, waited = _drain(deadline_seconds=3 * options.sweep_seconds + 60)
    print(f"  after the load: waited {waited:.0f} s; unprocessed submissions {unprocessed}, unsent e-mails {unsent}")
    time.sleep(3)  # a task delivered twice would send its e-mail now
    stored = dict(FormSubmission.objects.values_list("token", "reference"))
    answered_twice = sum(1 for references in accepted.values() if len(references) != 1)
    lost = [key for key, references in accepted.items() if stored.get(key) not in references]
    unaccepted = set(stored) - set(accepted)
    referrals = Counter(Referral.objects.filter(submission__isnull=False).values_list("submission__token", flat=True))
    without_referral = [token for token in stored if referrals[token] == 0]
    several = [token for token, count in referrals.items() if count > 1]
    stray_referrals = set(referrals) - set(accepted)
    checks = {
        "accepted keys": len(accepted),
        "accepted keys answered with two references": answered_twice,
        "accepted keys not stored (or another reference)": len(lost),
        "stored submissions never accepted": len(unaccepted),
        "submissions without a referral": len(without_referral),
        "submissions with more than one referral": len(several),
        "referrals without an accepted key": len(stray_referrals),
    }
    references = {next(iter(found)) for found in accepted.values() if len(found) == 1}
    referrer = PAYLOAD["referrer_email"]
    sent = Counter()
    stray_emails = 0
    for subject, recipients in _sent_emails(mail_dir):
        match = REFERENCE.search(subject)
        if match is None or match.group() not in references:
            stray_emails += 1
            continue
        sent[(match.group(), "receipt" if recipients == [referrer] else "staff")] += 1
    for what in ("receipt", "staff"):
        counts = Counter(sent[(reference, what)] for reference in references)
        checks[f"{what} e-mails: accepted submissions without one"] = counts[0]
        checks[f"{what} e-mails: accepted submissions with more than one"] = sum(
            number for times, number in counts.items() if times > 1
        )
    checks["e-mails about no accepted submission"] = stray_emails
    for label, value in checks.items():
        print(f"  {label}: {value}")
    ok = (
        unprocessed == 0
        and unsent == 0
        and all(value == 0 for label, value in checks.items() if label != "accepted keys")
        and len(accepted) > 0
    )
    print("  all checks hold" if ok else "  FAILED: a check did not hold (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
