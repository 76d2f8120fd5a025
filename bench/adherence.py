"""Benchmark: `therapies.services.adherence_report` for ten years of logged doses.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/adherence.py

With PostgreSQL it uses its own database, ``mstracker_bench_adherence`` on that server
(made if missing); without it, the SQLite file var/bench-adherence.sqlite3. It seeds one
patient (Europe/Berlin) once with the dashboard benchmark's history
(`tests/journal/history.py`: three therapy courses over ten years, every dose logged)
and times the call the progression dashboard makes with nothing cached
(`journal.dashboard._computed_therapies`: periods 30, 90, 365 and the range's days),
in-process: the median and quartiles of REPEATS calls, CPU time included, and the
queries of one call. The load average is printed beside the figures.
"""

import os
import statistics
import sys
import time
from pathlib import Path

import benchdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
YEARS = 10
REPEATS = int(os.environ.get("BENCH_REPEATS", "20"))


def setup_django():
    os.environ["DATABASE_URL"] = benchdb.database_url(
        "mstracker_bench_adherence", "bench-adherence.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mstracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def patient_with_history():
    """The bench patient, seeded once (again when its history no longer ends today)."""
    return benchdb.seeded_patient("bench-adherence", YEARS)


def main():
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from therapies.services import adherence_report

    patient = patient_with_history()
    periods = (30, 90, 365, round(365.25 * YEARS))
    now = timezone.now()
    adherence_report(patient, periods=periods, now=now)  # warm: connection, imports
    with CaptureQueriesContext(connection) as queries:
        adherence_report(patient, periods=periods, now=now)
    wall, cpu = [], []
    for _ in range(REPEATS):
        started, started_cpu = time.perf_counter(), time.process_time()
        adherence_report(patient, periods=periods, now=now)
        wall.append(1000 * (time.perf_counter() - started))
        cpu.append(1000 * (time.process_time() - started_cpu))
    q1, _, q3 = statistics.quantiles(wall, n=4)
    median = statistics.median(wall)
    print(
        f"adherence_report, {YEARS} years, periods {periods}: median {median:.1f} ms "
        f"(quartiles {q1:.1f}-{q3:.1f}), CPU median {statistics.median(cpu):.1f} ms, "
        f"{len(queries)} queries; {REPEATS} calls"
    )
    print("load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
