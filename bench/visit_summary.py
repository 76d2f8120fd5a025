"""Benchmark: the visit summary's PDF and page for one and ten years of history, on a real server.

    python bench/visit_summary.py                  # SQLite file var/bench-summary.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/visit_summary.py

With PostgreSQL it uses its own database, ``mstracker_bench_summary`` (made if missing).
It seeds two patients once with the dashboard benchmark's history
(`tests/journal/history.py`: daily check-ins scoring 12 symptoms, relapses, an EDSS
entered by a clinician every six months, PDDS, three therapy courses with every dose
logged, exercise, vitamin D, smoking), for one and for ten years, and starts gunicorn
as `bench/dashboard.py` does (one sync worker, DEBUG off). It times REQUESTS requests
each, interleaved with the trivial view (``/healthz``), of
``/journal/summary.pdf`` and ``/journal/summary/`` for the periods "since the last
clinician EDSS" (``visit``) and "all", in three phases: with a dummy cache (every
request computes every figure and draws the timeline with vl-convert); with the
local-memory cache and a new records token before each request (what a new check-in
does: figures computed, the timeline's SVG from the cache as its inputs did not
change); and with the local-memory cache as it is (a repeat view: the page's body
from `journal.dashboard_cache`, the PDF rendered with the cached SVG). Query counts
are taken in-process with Django's test client: they must be the same for one year
and ten.
"""

import os
import statistics
import sys
from pathlib import Path

import benchdb
import dashboard as bench

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "mstracker_bench_summary"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10"))
HISTORIES = (1, 10)
PERIODS = ("visit", "all")
# (title, cache, whether the patients' records change before each request)
PHASES = (
    (
        "nothing cached: every figure computed, the timeline drawn by vl-convert",
        "dummycache://",
        False,
    ),
    (
        "records changed before each request: figures computed, the timeline's SVG cached",
        "locmemcache://",
        True,
    ),
    (
        "a repeat view: the page's body and the PDF's timeline from the cache",
        "locmemcache://",
        False,
    ),
)


def database_url():
    return benchdb.database_url(BENCH_DB, "bench-summary.sqlite3")


def patient(years):
    """The bench patient with ``years`` of history, seeded once (kept between runs)."""
    return benchdb.seeded_patient(
        f"bench-summary-{years}y", years, ms_course="rrms", diagnosis_year=2012
    )


def paths(period):
    return (f"/journal/summary.pdf?period={period}", f"/journal/summary/?period={period}")


def query_counts(users):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for years, user in users.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for period in PERIODS:
            for path in paths(period):
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
                counts[years, path] = len(queries)
    return counts


def main():
    env = bench.server_environment(database_url())
    bench.setup_django(env)
    users = {years: patient(years) for years in HISTORIES}
    counts = query_counts(users)
    cookies = {years: bench.session_cookie(user) for years, user in users.items()}
    from django.db import connection

    lines = [f"database: {connection.vendor}; {REQUESTS} requests each, one gunicorn worker"]
    from mstracker.accounts import records_version

    for title, cache_url, records_change in PHASES:
        port = bench.free_port()
        server = bench.start_server({**env, "CACHE_URL": cache_url}, port)
        try:
            targets = [
                (years, path) for years in HISTORIES for period in PERIODS for path in paths(period)
            ]
            for years, path in targets:  # warm-up: imports, vl-convert's engine, fonts
                bench.fetch(port, path, cookies[years])
            seconds = {target: [] for target in [(0, bench.TRIVIAL), *targets]}
            for _ in range(REQUESTS):
                for years, path in seconds:
                    if records_change and years:
                        records_version.changed(users[years].pk)
                    status, body, took, _ = bench.fetch(port, path, cookies.get(years))
                    assert status == 200, (path, status)
                    seconds[years, path].append(took)
        finally:
            server.terminate()
            server.wait(timeout=10)
        trivial = statistics.median(seconds[0, bench.TRIVIAL])
        lines += [
            "",
            title,
            f"{'years':>5} {'path':<36} {'median':>9} {'max':>9} {'x trivial':>10} {'queries':>8}",
        ]
        for (years, path), values in seconds.items():
            median = statistics.median(values)
            lines.append(
                f"{years or '-':>5} {path:<36} {median * 1000:>7.1f}ms "
                f"{max(values) * 1000:>7.1f}ms {median / trivial:>9.1f}x "
                f"{counts.get((years, path), 1):>8}"
            )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
