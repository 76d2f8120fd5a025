"""Benchmark: the Progression page and API for ten years of history, on a real server.

    python bench/dashboard.py                  # SQLite file var/bench-dashboard.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/dashboard.py

With PostgreSQL it uses its own database, ``mstracker_bench_dashboard`` on that server
(made if missing). It seeds one patient with ten years of history once (daily
check-ins scoring 12 symptoms, 25 relapses, 20 EDSS, 120 PDDS, three therapy courses
with every dose logged: `tests/journal/history.py`), collects the static files, starts
gunicorn (one sync worker, DEBUG off, whitenoise serving the hashed, pre-compressed
static files as in production) on a free loopback port, and times REQUESTS requests
each, interleaved, to:

- the trivial view: ``/healthz`` (one ``SELECT 1``, a small JSON);
- the page: ``/journal/progression/?range=all`` (ten years, the default symptoms);
- the API: ``/api/v1/progression/?measure=edss`` (the whole history).

The server runs four or five times: with a dummy cache, so every request computes
every figure and builds the eight charts; with the local-memory cache and a real
check-in before each request (today's saved again with new scores, which gives a new
records token, `mstracker.accounts.records_version`), so the journal's figures and
the symptom chart are computed again, the therapies part (adherence over years of
doses, under the therapies token) and the charts whose inputs are unchanged come from
the cache; the same with both tokens new (what a dose, any
therapy record or a bulk write does); with the local-memory cache as it is (a
repeat visit), where the whole dashboard comes from `journal.dashboard_cache`; and,
when a Redis server answers at BENCH_REDIS_URL, as a repeat visit with production's
cache in Redis. It prints medians, the ratio of medians to the trivial view, the
query counts (in-process, with Django's test client on the same database: computed,
then cached) and the transfer sizes: the page's HTML (with its inline chart specs and
tables) raw and gzipped, and, listed apart, each static asset the page loads as
whitenoise sends it.
"""

import gzip
import itertools
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import benchdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "mstracker_bench_dashboard"
STATIC_ROOT = ROOT / "var" / "bench-static"
YEARS = 10
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
PAGE = "/journal/progression/?range=all"
API = "/api/v1/progression/?measure=edss"
TRIVIAL = "/healthz"
BUDGET_KB = 300
# (title, cache, what changes before each request: None, "checkin" (the records token
# alone, as a check-in replaces it) or "all" (both tokens, as a dose or a bulk write))
PHASES = (
    (
        "nothing cached: every figure computed, every chart built (dummy cache)",
        "dummycache://",
        None,
    ),
    (
        "a check-in before each request (today's saved again with new scores): journal "
        "figures computed, the symptom chart drawn again, therapies and unchanged charts "
        "cached",
        "locmemcache://",
        "checkin",
    ),
    (
        "a dose (any therapy record) before each request: figures computed, unchanged "
        "charts cached",
        "locmemcache://",
        "all",
    ),
    ("a repeat visit: the whole dashboard from the cache (locmem)", "locmemcache://", None),
)
# Production's cache, when a Redis server answers here (BENCH_REDIS_URL to change it).
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def phases():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as error:  # noqa: BLE001 (no Redis: say so and skip the phase)
        print(f"no Redis at {REDIS_URL} ({error}): the Redis phase is left out")
        return PHASES
    title = f"a repeat visit with the cache in Redis ({REDIS_URL}), as in production"
    return (*PHASES, (title, REDIS_URL, None))


def database_url():
    return benchdb.database_url(BENCH_DB, "bench-dashboard.sqlite3")


def server_environment(url):
    """Production-like settings: DEBUG off, hashed static files, plain HTTP on loopback."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(STATIC_ROOT),
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }


def setup_django(env, static=True):
    """Django on the bench database, migrated; ``static``: collect the static files
    (hashed and compressed, minutes on a busy machine) for a server that serves pages."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mstracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    if static:
        call_command("collectstatic", verbosity=0, interactive=False)


def patient_with_history():
    """The bench patient, seeded once with ten years (kept between runs)."""
    from mstracker.accounts import records_version

    patient = benchdb.seeded_patient("bench-dashboard", YEARS)
    records_version.changed(patient.pk)  # a token even for a history seeded before tokens
    return patient


def checkin_writer(patient):
    """A real daily write before each request: today's check-in saved again with new
    scores (`CheckIn.objects.record`, as the page and the API do), so the day's burden
    and the symptom chart change, and the records token with them. The scores are
    drawn at random (seeded by the write's number): scores that came round again
    would draw a chart the content-addressed chart cache already holds (with
    ``(n + i) % 11``, nine of twenty pages did)."""
    from journal.models import CheckIn, Symptom

    symptoms = list(Symptom.objects.filter(owner=None).order_by("position"))
    today = patient.local_today()
    writes = itertools.count()

    def write():
        draw = random.Random(next(writes))
        scores = {s: draw.randint(0, 10) for s in symptoms}
        CheckIn.objects.record(patient, today, wellbeing=draw.randint(0, 10), scores=scores)

    return write


def session_cookie(patient):
    """A logged-in session for the patient, as the login form would make it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(patient.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = patient.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def query_counts(patient):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(patient)
    counts = {}
    for path in (PAGE, API):
        counts[path] = []
        for _ in ("computed", "cached"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            counts[path].append(str(len(queries)))
        counts[path] = "/".join(counts[path])
    return counts


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env, port, workers=1):
    """gunicorn on ``port``; its log goes to a file, ``process.log``. Not to a pipe:
    nobody reads a pipe while the benchmark runs, and once its 64 KiB are full every
    worker blocks in its next log write (under overload, after 333 shed requests)."""
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    log = tempfile.TemporaryFile()  # noqa: SIM115 (open while the server runs)
    process = subprocess.Popen(
        [gunicorn or "gunicorn", "mstracker.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    process.log = log
    for _ in range(100):
        try:
            fetch(port, TRIVIAL)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    log.seek(0)
    sys.exit("gunicorn did not start: " + log.read().decode()[-2000:])


def fetch(port, path, cookie=None, encoding=None):
    """(status, body bytes as sent, seconds)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    if encoding:
        request.add_header("Accept-Encoding", encoding)
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
        return response.status, body, time.perf_counter() - started, response.headers


def timings(port, cookie, before_request):
    """Interleaved requests, so drift (caches, CPU frequency) hits all three alike."""
    for path in (TRIVIAL, PAGE, API):  # warm-up: imports, connections, caches
        for _ in range(3):
            fetch(port, path, cookie, "gzip")
    seconds = {TRIVIAL: [], PAGE: [], API: []}
    for _ in range(REQUESTS):
        for path in seconds:
            before_request()
            status, _, took, _ = fetch(port, path, cookie, "gzip")
            assert status == 200, (path, status)
            seconds[path].append(took)
    return seconds


def sizes(port, cookie):
    """The page as sent (gzip) and raw, and each static asset it loads, gzipped."""
    _, raw, _, _ = fetch(port, PAGE, cookie)
    _, sent, _, headers = fetch(port, PAGE, cookie, "gzip")
    compressed = headers.get("Content-Encoding") == "gzip"
    html_gzip = len(sent) if compressed else len(gzip.compress(raw))
    assets = {}
    for path in re.findall(rb'(?:src|href)="(/static/[^"]+)"', raw):
        path = path.decode()
        _, body, _, asset_headers = fetch(port, path, None, "gzip")
        assets[path] = (len(body), asset_headers.get("Content-Encoding") or "identity")
    return len(raw), html_gzip, compressed, assets


def main():
    env = server_environment(database_url())
    setup_django(env)
    patient = patient_with_history()
    counts = query_counts(patient)
    cookie = session_cookie(patient)

    from django.db import connection

    from mstracker.accounts import records_version

    lines = [
        f"database: {connection.vendor}; {REQUESTS} requests each, one gunicorn worker; "
        "queries: computed/cached"
    ]
    for title, cache_url, records_change in phases():
        port = free_port()
        server = start_server({**env, "CACHE_URL": cache_url}, port)
        try:
            if records_change == "checkin":
                seconds = timings(port, cookie, checkin_writer(patient))
            elif records_change == "all":
                seconds = timings(port, cookie, lambda: records_version.changed(patient.pk))
            else:
                seconds = timings(port, cookie, lambda: None)
            if title.startswith("a repeat visit: "):
                raw, html_gzip, compressed, assets = sizes(port, cookie)
        finally:
            server.terminate()
            server.wait(timeout=10)
        medians = {path: statistics.median(values) * 1000 for path, values in seconds.items()}
        lines += [
            "",
            title,
            f"{'path':<36} {'median':>9} {'p90':>9} {'x trivial':>10} {'queries':>8}",
        ]
        for path, values in seconds.items():
            p90 = statistics.quantiles(values, n=10)[-1] * 1000
            ratio = medians[path] / medians[TRIVIAL]
            lines.append(
                f"{path:<36} {medians[path]:>7.1f}ms {p90:>7.1f}ms {ratio:>9.1f}x "
                f"{counts.get(path, '-'):>8}"
            )

    static_total = sum(size for size, _ in assets.values())
    lines += [
        "",
        f"page HTML (inline specs and tables): {raw / 1024:.1f} KB raw, "
        f"{html_gzip / 1024:.1f} KB gzipped"
        + ("" if compressed else " (computed: the server sent it uncompressed)")
        + f"; budget {BUDGET_KB} KB: {'within' if html_gzip / 1024 <= BUDGET_KB else 'OVER'}",
        "static assets (cached after the first visit; gzipped as whitenoise sends them):",
        *(f"    {path}: {size / 1024:.1f} KB ({enc})" for path, (size, enc) in assets.items()),
        f"first visit in all: {(html_gzip + static_total) / 1024:.1f} KB "
        f"(HTML {html_gzip / 1024:.1f} KB + static {static_total / 1024:.1f} KB)",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
