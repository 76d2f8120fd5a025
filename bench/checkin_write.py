"""Benchmark: the daily write, ``POST /api/v1/checkins/``, on a real server (issue 15).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/checkin_write.py

Its own database, ``mstracker_bench_checkin`` (or a SQLite file without PostgreSQL):
BENCH_PATIENTS patients (50) with an API token each. gunicorn with two sync workers,
DEBUG off, the local-memory cache, on a loopback port; the client is this process's
threads, each request a new connection (gunicorn's sync workers close after each), a
check-in of a new date with 12 scores (patient after patient, a day further back each
round). Three parts, each with the trivial view ``/healthz`` in the same run:

1. **Closed loop**: BENCH_CONCURRENCY clients (4) send back to back for BENCH_BURST
   seconds (10): the maximum rate of ``/healthz`` and of the write, and their ratio.
2. **Fixed rate**: BENCH_RATE writes a second (50) for BENCH_SECONDS (60), open loop
   (each request's latency counts from when it was due, so a slow answer does not
   hide the ones queued behind it): p50, p95, p99.
3. **Overload** (``bench/checkin_overload.py``, which also runs alone): the server
   pinned to one CPU and this client to the other, 1.5x the pinned closed loop's
   write rate, clients that give up after 1 s, with load shedding and without.

The query count of a write is measured in-process (Django's test client, same
database). Rows written are removed before each part, so every write is a new day.
"""

import collections
import itertools
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import benchdb
import dashboard as bench  # the server environment, gunicorn start, free port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "mstracker_bench_checkin"
PATIENTS = int(os.environ.get("BENCH_PATIENTS", "50"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
BURST = float(os.environ.get("BENCH_BURST", "10"))
RATE = float(os.environ.get("BENCH_RATE", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
PREFIX = "bench-write-"
SCORES = (
    "fatigue", "walking", "balance", "vision", "pain", "spasticity",
    "bladder_bowel", "cognition", "mood", "sleep", "numbness", "heat",
)  # fmt: skip


def database_url():
    return benchdb.database_url(BENCH_DB, "bench-checkin.sqlite3")


def patients_with_tokens():
    """The bench patients (made once) and a fresh token of each."""
    from mstracker.accounts.credentials import issue_token
    from mstracker.accounts.models import ApiToken, Role, User
    from mstracker.reminders.services import create_defaults

    users = []
    for n in range(PATIENTS):
        user, created = User.objects.get_or_create(
            username=f"{PREFIX}{n:03d}",
            defaults={"email": f"{PREFIX}{n:03d}@example.org", "role": Role.PATIENT},
        )
        if created:
            create_defaults(user)
        users.append(user)
    ApiToken.objects.filter(user__in=users).delete()
    return [(user, issue_token(user, "bench")[1]) for user in users]


def clear_checkins():
    from journal.models import CheckIn

    CheckIn.objects.filter(user__username__startswith=PREFIX).delete()


def write_requests(patients):
    """Endless raw HTTP requests: each a check-in of a day no request used before."""
    from django.utils import timezone

    today = timezone.now().date()
    for k in itertools.count():
        user, token = patients[k % len(patients)]
        day = today - timedelta(days=1 + k // len(patients))
        body = json.dumps(
            {
                "date": day.isoformat(),
                "wellbeing": 6,
                "scores": {c: (k + i) % 11 for i, c in enumerate(SCORES)},
            }
        ).encode()
        yield (
            b"POST /api/v1/checkins/ HTTP/1.0\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\n"
            + f"Authorization: Token {token}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body
        )


def trivial_requests():
    return itertools.repeat(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")


def send(port, raw, timeout=30.0):
    """(status, seconds); status 0 when the client gave up (timeout) or the connection failed."""
    started = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(raw)
            head = sock.recv(12)
            while sock.recv(65536):
                pass
        return int(head[9:12] or 0), time.perf_counter() - started
    except (OSError, ValueError):
        return 0, time.perf_counter() - started


def closed_loop(port, requests, seconds):
    """CONCURRENCY clients back to back: (requests per second, latencies, statuses)."""
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    results = []

    def client():
        while time.perf_counter() < deadline:
            with lock:
                raw = next(requests)
            results.append(send(port, raw))

    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return len(results) / elapsed, [s for _, s in results], [c for c, _ in results]


def open_loop(port, requests, rate, seconds, timeout=30.0):
    """Requests due every 1/rate s whatever the answers: [(status, latency from due time)]."""
    count = int(rate * seconds)
    start = time.perf_counter() + 0.2
    results = []

    def one(k, raw):
        due = start + k / rate
        status, _ = send(port, raw, timeout)
        results.append((status, time.perf_counter() - due))

    with ThreadPoolExecutor(max_workers=256) as pool:
        for k in range(count):
            raw = next(requests)
            delay = start + k / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, k, raw)
    return results


def stop(server):
    """SIGTERM, then SIGKILL: after an overload gunicorn would still drain its queue."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0


def write_query_count(patients):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    user, token = patients[0]
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token}")
    client.get("/api/v1/me/")
    day = (timezone.now() - timedelta(days=20_000)).date().isoformat()
    body = {"date": day, "wellbeing": 5, "scores": dict.fromkeys(SCORES, 3)}
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/checkins/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    statements = [q["sql"] for q in queries.captured_queries]
    control = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")
    return len([s for s in statements if not s.startswith(control)]), statements.count("COMMIT")


def prepare():
    """The server's environment, with Django set up on the bench database."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # an overload holds many sockets
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    env = {
        **bench.server_environment(database_url()),
        "CACHE_URL": "locmemcache://",
        "THROTTLE_USER": "100000000/hour",
    }
    bench.setup_django(env, static=False)  # the API's write serves no page
    return env


def main():
    import checkin_overload  # imports this module: the third part's own script

    env = prepare()
    patients = patients_with_tokens()
    clear_checkins()
    queries, commits = write_query_count(patients)
    clear_checkins()

    from django.db import connection

    lines = [
        f"database: {connection.vendor}; gunicorn, 2 sync workers; {CONCURRENCY} closed-loop "
        f"clients; one write: {queries} queries, {commits} commit",
        "",
    ]
    port = bench.free_port()
    server = bench.start_server({**env, "LOAD_SHED_QUEUE_MS": "500"}, port, workers=2)
    try:
        for raw in itertools.islice(write_requests(patients), 20):  # warm-up
            send(port, raw)
        for _ in range(20):
            send(port, next(trivial_requests()))
        clear_checkins()
        trivial_rate, trivial_s, _ = closed_loop(port, trivial_requests(), BURST)
        write_rate, write_s, statuses = closed_loop(port, write_requests(patients), BURST)
        bad = sum(1 for s in statuses if s != 201)
        trivial_ms = statistics.median(trivial_s) * 1000
        write_ms = statistics.median(write_s) * 1000
        lines += [
            f"closed loop, {BURST:.0f} s each:",
            f"  /healthz        {trivial_rate:7.0f} req/s  median {trivial_ms:6.1f} ms",
            f"  POST checkins   {write_rate:7.0f} req/s  median {write_ms:6.1f} ms ({bad} not 201)",
            f"  ratio: the write is {trivial_rate / write_rate:.1f}x slower than /healthz",
            "",
        ]
        clear_checkins()
        fixed = open_loop(port, write_requests(patients), RATE, SECONDS)
        latencies = [s for _, s in fixed]
        failed = collections.Counter(code for code, _ in fixed if code != 201)
        statuses = ", ".join(f"{n} {code or 'no answer'}" for code, n in sorted(failed.items()))
        p50, p95, p99 = (percentile(latencies, p) * 1000 for p in (50, 95, 99))
        lines += [
            f"fixed rate, {RATE:.0f} writes/s for {SECONDS:.0f} s (latency from the due time):",
            f"  p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms; "
            f"{failed.total()} of {len(fixed)} not 201" + (f" ({statuses})" if failed else ""),
            "",
        ]
    finally:
        stop(server)

    lines += checkin_overload.overload_phase(env, patients)
    clear_checkins()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
