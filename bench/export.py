"""Benchmark: export a 1-year and a 10-year account in each format; rows/s, peak memory, size.

    python bench/export.py                  # SQLite file var/bench-export.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/export.py

With PostgreSQL it uses its own database, ``mstracker_bench_export`` (made if missing).
It seeds two patients once with the dashboard benchmark's history
(`tests/journal/history.py`: daily check-ins scoring 12 symptoms, relapses, EDSS and
PDDS, three therapy courses with every dose logged, exercise, vitamin D, smoking), for
one and for ten years. Each export then runs in a fresh Python process (so its peak
memory is its own): the whole download is generated as the view streams it and
thrown away. Printed per format and history: rows exported (database rows: a
check-in's scores count one each), seconds, rows per second, the file's size, the
queries, the process's peak resident memory after the export and how much the export
added to it, and the most memory Python held at once during it (tracemalloc, a second
pass).
"""

import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import benchdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "mstracker_bench_export"
FORMATS = ("json", "csv", "fhir", "ndjson")
HISTORIES = (1, 10)


def database_url():
    return benchdb.database_url(BENCH_DB, "bench-export.sqlite3")


def setup_django(url):
    os.environ.update({"DATABASE_URL": url, "DEBUG": "1", "LOG_LEVEL": "WARNING"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mstracker.settings")
    import django

    django.setup()


def patient(years):
    """The bench patient with ``years`` of history, seeded once (kept between runs)."""
    return benchdb.seeded_patient(
        f"bench-export-{years}y", years, ms_course="rrms", diagnosis_year=2012
    )


def rows_of(user):
    from journal.models import SymptomScore
    from mstracker.portability.kinds import KINDS

    total = sum(kind.queryset(user).count() for kind in KINDS)
    return total + SymptomScore.objects.filter(checkin__user=user).count()


def one(fmt, years):
    """In a fresh process: export once, print the figures as JSON."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mstracker.accounts.models import User
    from mstracker.portability.downloads import export_response

    user = User.objects.get(username=f"bench-export-{years}y")
    rows = rows_of(user)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = 0
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        for chunk in export_response(user, fmt).streaming_content:
            size += len(chunk)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()  # a second pass: the most Python memory held at once
    for _ in export_response(user, fmt).streaming_content:
        pass
    held = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": seconds,
                "bytes": size,
                "queries": len(queries),
                "rss_before_kb": before,
                "rss_peak_kb": peak,
                "held": held,
            }
        )
    )


def main():
    url = database_url()
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        setup_django(url)
        one(sys.argv[2], int(sys.argv[3]))
        return
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    for years in HISTORIES:
        patient(years)
    print(f"database: {url.split('://')[0]}; each export in a fresh process")
    print(
        f"{'format':<8} {'years':>5} {'rows':>8} {'seconds':>8} {'rows/s':>9} "
        f"{'size':>10} {'queries':>7} {'peak RSS':>9} {'growth':>7} {'held':>7}"
    )
    for fmt in FORMATS:
        for years in HISTORIES:
            out = subprocess.run(
                [sys.executable, __file__, "--one", fmt, str(years)],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "DATABASE_URL": url},
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{fmt:<8} {years:>5} {r['rows']:>8,} {r['seconds']:>8.2f} "
                f"{r['rows'] / r['seconds']:>9,.0f} {r['bytes'] / 2**20:>8.1f}MB {r['queries']:>7} "
                f"{r['rss_peak_kb'] / 1024:>7.0f}MB "
                f"{(r['rss_peak_kb'] - r['rss_before_kb']) / 1024:>5.1f}MB "
                f"{r['held'] / 2**20:>5.1f}MB"
            )


if __name__ == "__main__":
    main()
