"""Print how the referral form API holds up under load: 20 clients posting for 60 seconds.

Runs the app under gunicorn on PostgreSQL with Redis (broker, cache and rate limit) and
a Celery worker, and 20 concurrent HTTP clients that post valid referrals to
``POST /api/forms/segnalazione/submissions`` for 60 seconds, each with its own
``Idempotency-Key``; one post in twenty is sent again with the same key, as a client
retrying after a timeout would. Then it checks, and prints:

- every accepted submission is stored exactly once (one row per key, the same reference
  for a retried key), and nothing else was stored;
- the worker turned every stored submission into exactly one referral;
- the number of 5xx answers (goal: zero) and the response times (goal: p95 < 300 ms).

It needs ``DATABASE_URL=postgres://...`` and ``CELERY_BROKER_URL=redis://...``; otherwise
it says so and exits 0. It creates its own database, ``sil_bench_forms``, on that server
and drops it at the end; it uses the Redis database of CELERY_BROKER_URL (flushed at the
start and the end). Exits 1 if a correctness check fails. ``--seconds N`` and
``--clients N`` change the load; ``--keep`` keeps the database.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
import uuid

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

DATABASE_URL = os.environ.get("DATABASE_URL", "")
BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
BENCH_DB = "sil_bench_forms"
PATH = "/api/forms/segnalazione/submissions"
PAYLOAD = {
    "person_first_name": "Mario",
    "person_last_name": "Rossi",
    "person_date_of_birth": "1985-12-10",
    "person_tax_code": "RSSMRA85T10A562S",
    "person_municipality": "Dalmine",
    "category": "l68_99",
    "reason": "Primo inserimento dopo un lungo periodo senza lavoro.",
    "referring_service": "Servizio sociale del Comune di Dalmine",
    "referrer_name": "Giulia Bianchi",
    "referrer_email": "giulia.bianchi@example.org",
    "consent": True,
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--worker-after", action="store_true", help="start the Celery worker only after the load (web path alone)"
    )
    options = parser.parse_args()
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")) or not BROKER_URL.startswith("redis://"):
        print(
            "submit_referrals: skipped, it needs PostgreSQL and Redis. Set DATABASE_URL=postgres://USER@HOST:5432/NAME "
            "and CELERY_BROKER_URL=redis://HOST:6379/N (it creates and drops its own database, sil_bench_forms)."
        )
        return 0
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(DATABASE_URL, BENCH_DB),
        "CACHE_URL": BROKER_URL,
        "FORMS_RATE_LIMIT": "100000000",  # every client comes from 127.0.0.1: count, but never refuse
        "LOG_LEVEL": "WARNING",
    }
    recreate_database(DATABASE_URL, BENCH_DB)
    _flush_redis()
    processes = []
    try:
        migrate_and_seed(env)
        port = free_port()
        processes.append(start_gunicorn(env, port, workers=3, threads=4))
        if not options.worker_after:
            processes.append(start_celery(env))
        wait_for(port)
        results = _load(port, options.clients, options.seconds)
        if options.worker_after:
            processes.append(start_celery(env))
        return _report(results, env, options)
    finally:
        stop(processes)
        if not options.keep:
            recreate_database(DATABASE_URL, BENCH_DB, drop_only=True)
        _flush_redis()


def _load(port: int, clients: int, seconds: int) -> list[tuple]:
    """Each client posts until the time is up; returns (key, status, seconds, reference, retry) tuples."""
    results: list[tuple] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    body = json.dumps(PAYLOAD)

    def client(number: int) -> None:
        rng = random.Random(number)  # noqa: S311 - load shaping, not security
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < deadline:
            key = uuid.uuid4().hex
            for retry in (False, True) if rng.random() < 0.05 else (False,):
                started = time.perf_counter()
                try:
                    connection.request(
                        "POST",
                        PATH,
                        body=body,
                        headers={"Content-Type": "application/json", "Idempotency-Key": key, "Host": "127.0.0.1"},
                    )
                    response = connection.getresponse()
                    answer = response.read()
                    status = response.status
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    status, answer = 0, b"{}"
                elapsed = time.perf_counter() - started
                reference = json.loads(answer).get("reference") if status == 201 else None
                mine.append((key, status, elapsed, reference, retry))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _report(results: list[tuple], env: dict, options) -> int:
    os.environ.update({key: env[key] for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CACHE_URL")})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from cases.models import Referral
    from forms.models import FormSubmission

    accepted = {}
    mismatched_retries = 0
    for key, status, _elapsed, reference, _retry in results:
        if status == 201:
            if key in accepted and accepted[key] != reference:
                mismatched_retries += 1
            accepted.setdefault(key, reference)
    stored = dict(FormSubmission.objects.values_list("token", "reference"))
    times = sorted(elapsed for _key, _status, elapsed, _reference, _retry in results)
    errors_5xx = sum(1 for result in results if result[1] >= 500)
    failures = sum(1 for result in results if result[1] == 0)
    other = sum(1 for result in results if result[1] not in (0, 201) and result[1] < 500)
    retries = sum(1 for result in results if result[4])

    # Wait for the worker to turn every submission into a referral.
    waited, unprocessed, last_progress = 0.0, None, 0.0
    while unprocessed != 0 and waited - last_progress < 60:  # give up after a minute without progress
        remaining = FormSubmission.objects.filter(processed_at__isnull=True).count()
        if remaining != unprocessed:
            unprocessed, last_progress = remaining, waited
        if unprocessed:
            time.sleep(1)
            waited += 1
    # Only the referrals from submissions: the demo also has referrals typed in by staff.
    from_forms = Referral.objects.filter(submission__isnull=False)
    referrals = from_forms.count()
    referral_per_submission = from_forms.values("submission").distinct().count()

    print(
        f"submit_referrals: {options.clients} clients for {options.seconds} s against gunicorn "
        f"(3 workers x 4 threads), PostgreSQL, Redis, 1 Celery worker (niced, "
        f"{'started after the load' if options.worker_after else 'running during the load'}); "
        f"{os.cpu_count()} CPUs shared with the clients"
    )
    print(
        f"  requests: {len(results)} ({len(results) / options.seconds:.1f}/s), of which {retries} retries "
        f"with a used Idempotency-Key"
    )
    print(
        f"  201 accepted: {sum(1 for r in results if r[1] == 201)} for {len(accepted)} distinct keys; "
        f"other 4xx: {other}; 5xx: {errors_5xx}; connection failures: {failures}"
    )
    print(
        f"  response time ms: p50 {percentile(times, 0.50):.0f}  p95 {percentile(times, 0.95):.0f}  "
        f"p99 {percentile(times, 0.99):.0f}  max {times[-1] * 1000:.0f}  mean {statistics.fmean(times) * 1000:.0f} "
        f"(goal: p95 < 300)"
    )
    print(
        f"  stored submissions: {len(stored)}; accepted keys stored exactly once: "
        f"{all(stored.get(key) == reference for key, reference in accepted.items())}; "
        f"stored but never accepted: {len(set(stored) - set(accepted))}; "
        f"retries answered with another reference: {mismatched_retries}"
    )
    print(
        f"  referrals created by the worker: {referrals} (one per submission: "
        f"{referrals == referral_per_submission == len(stored)}); unprocessed after {waited:.0f} s: {unprocessed}"
    )
    ok = (
        errors_5xx == 0
        and failures == 0
        and mismatched_retries == 0
        and set(stored) == set(accepted)
        and all(stored[key] == reference for key, reference in accepted.items())
        and referrals == referral_per_submission == len(stored)
        and unprocessed == 0
    )
    if not ok:
        print("  FAILED: a correctness check did not hold (see above)")
    return 0 if ok else 1


def _flush_redis() -> None:
    import redis

    redis.Redis.from_url(BROKER_URL).flushdb()


if __name__ == "__main__":
    sys.exit(main())
