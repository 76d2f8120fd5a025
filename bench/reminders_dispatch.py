"""Benchmark: one reminders dispatcher tick over 10,000 and 100,000 reminder rows.

Run with PostgreSQL (the claim query's plan is what matters):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/reminders_dispatch.py

It uses its own database, ``mstracker_bench_reminders`` on that server (``BENCH_DB``
to name another; made if missing, migrated, and emptied of reminder rows each run),
seeds patients across time zones with four timed reminders each at random local
times from a fixed seed per size (the same rows every run, whatever the ids), and
times the ticks that follow the seeding minute: the rows due in that minute (about
1 in 1,440), then a tick after a 10-minute outage, and separately a tick after a
2-hour outage (several 500-row batches), once as the dispatcher writes the batch
(``UPDATE … FROM (VALUES …)``) and once with Django's ``bulk_update`` (one
``CASE WHEN`` per row, as before), with their ratio. Each tick runs ``BENCH_REPEAT``
(5) times inside a transaction that is then rolled back, so every repeat starts from
the seeded rows; the medians are printed (the final commit is not timed). Sends are
counted, not published, so the figure is the database work of the tick. It prints
the seconds, the query count and ``EXPLAIN ANALYZE`` of the claim query, which must
use the partial index ``reminders_due_idx``.
"""

import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchdb import postgres_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = os.environ.get("BENCH_DB", "mstracker_bench_reminders")
SIZES = (10_000, 100_000)
ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Africa/Lagos",
    "Pacific/Auckland",
]
KINDS = ("checkin", "vitamin_d", "weekly_summary", "pdds")
SEEDED_AT = datetime(2025, 6, 2, 17, 59, 30, tzinfo=UTC)
SEED = 2025
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))


def bench_database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            "skipped: set DATABASE_URL to a PostgreSQL server, "
            "e.g. postgres://postgres@127.0.0.1:5432/postgres"
        )
        sys.exit(0)
    return postgres_database(url, BENCH_DB)


def setup_django():
    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mstracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def seed(rows, rng):
    from zoneinfo import ZoneInfo

    from django.db import connection

    from mstracker.accounts.models import Role, User
    from mstracker.reminders.models import Reminder
    from mstracker.reminders.schedule import EVERY_DAY, next_fire

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE reminders_notification, reminders_delivery, reminders_reminder CASCADE"
        )
    User.objects.filter(username__startswith="bench-").delete()
    patients = rows // len(KINDS)
    User.objects.bulk_create(
        (
            User(
                username=f"bench-{n}",
                email=f"bench-{n}@example.org",
                role=Role.PATIENT,
                time_zone=rng.choice(ZONES),
                password="!",
            )
            for n in range(patients)
        ),
        batch_size=5000,
    )
    users = list(
        User.objects.filter(username__startswith="bench-").only("id", "time_zone").order_by("pk")
    )
    zones = {name: ZoneInfo(name) for name in ZONES}
    batch = []
    for user in users:
        for kind in KINDS:
            local_time = datetime(2000, 1, 1, rng.randrange(24), rng.randrange(60)).time()
            weekdays = EVERY_DAY if kind != "weekly_summary" else 1 << 6
            month_day = 1 if kind == "pdds" else None
            fire = next_fire(
                local_time, zones[user.time_zone], SEEDED_AT, weekdays=weekdays, month_day=month_day
            )
            batch.append(
                Reminder(
                    user_id=user.id,
                    kind=kind,
                    local_time=local_time,
                    weekdays=weekdays,
                    month_day=month_day,
                    enabled=rng.random() > 0.1,  # some patients switched a kind off
                    next_fire_at=fire.at,
                    next_slot=fire.slot,
                )
            )
    for reminder in batch:
        if not reminder.enabled:
            reminder.next_fire_at, reminder.next_slot = None, ""
    Reminder.objects.bulk_create(batch, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reminders_reminder")
    return len(batch)


def claim_plan(now):
    from django.db import transaction

    from mstracker.reminders.dispatch import BATCH_SIZE, claim

    with transaction.atomic():
        return claim(now, BATCH_SIZE).explain(analyze=True, buffers=True)


def tick(now, writer=None):
    """One dispatcher tick at ``now``: seconds, queries, report (sends counted, not published).

    ``writer`` replaces how the batch's next fire times are written (for the comparison).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mstracker.reminders import dispatch, enqueue

    sent = []
    enqueue.enqueue_on_commit = lambda task, *args, **options: sent.append(args)
    original = dispatch.update_rows
    dispatch.update_rows = writer or original
    try:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            report = dispatch.dispatch_due(now=now)
            seconds = time.perf_counter() - started
    finally:
        dispatch.update_rows = original
    return seconds, len(queries), report, len(sent)


def repeated(*moments, writer=None):
    """Ticks at each moment in turn, REPEAT times from the seeded rows (rolled back):
    per moment the median seconds, and the queries and report of the first repeat."""
    from django.db import transaction

    runs = []
    for _ in range(REPEAT):
        with transaction.atomic():
            runs.append([tick(moment, writer) for moment in moments])
            transaction.set_rollback(True)
    return [
        (statistics.median(run[i][0] for run in runs), *runs[0][i][1:]) for i in range(len(moments))
    ]


def bulk_update_writer(rows, fields):
    """How the tick wrote the batch before: Django's bulk_update (CASE WHEN per row)."""
    type(rows[0]).objects.bulk_update(rows, fields)


def main():
    import logging

    setup_django()
    logging.getLogger("mstracker.reminders.dispatch").setLevel(logging.WARNING)
    from mstracker.reminders.models import Reminder

    lines = []
    for size in SIZES:
        started = time.perf_counter()
        seeded = seed(size, random.Random(SEED + size))
        seed_seconds = time.perf_counter() - started
        enabled = Reminder.objects.filter(enabled=True).count()
        minute = SEEDED_AT + timedelta(seconds=30)  # the next minute's start: 18:00:00 UTC
        plan = claim_plan(minute)
        (seconds, queries, report, sent), (outage_seconds, outage_queries, outage_report, _) = (
            repeated(minute, minute + timedelta(minutes=10))
        )
        long_outage = minute + timedelta(hours=2)
        [(values_seconds, values_queries, values_report, _)] = repeated(long_outage)
        [(case_seconds, case_queries, _, _)] = repeated(long_outage, writer=bulk_update_writer)
        uses_index = "reminders_due_idx" in plan
        lines += [
            f"== {seeded:,} reminder rows ({enabled:,} enabled), seeded in {seed_seconds:.1f} s; "
            f"medians of {REPEAT}",
            f"tick at the minute: {report.claimed} due, {sent} sends enqueued, "
            f"{seconds * 1000:.1f} ms, {queries} queries",
            f"tick after a 10-minute outage: {outage_report.claimed} due, "
            f"{outage_seconds * 1000:.1f} ms, {outage_queries} queries",
            f"tick after a 2-hour outage: {values_report.claimed} due, "
            f"{values_seconds * 1000:.1f} ms, {values_queries} queries; "
            f"with bulk_update (CASE WHEN) {case_seconds * 1000:.1f} ms, {case_queries} queries: "
            f"{case_seconds / values_seconds:.1f}x slower",
            f"claim query uses reminders_due_idx: {uses_index}",
            "EXPLAIN ANALYZE of the claim query:",
            *("    " + line for line in plan.splitlines()),
            "",
        ]
        if not uses_index:
            print("\n".join(lines))
            sys.exit("the claim query does not use the next_fire_at index")
    output = "\n".join(lines)
    print(output)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "reminders_dispatch.txt").write_text(output + "\n")


if __name__ == "__main__":
    main()
