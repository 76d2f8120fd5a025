"""Benchmark: a clinician's panel of 200 sharing patients with five years each, on a real server.

    python bench/panel.py                  # SQLite file var/bench-panel.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/panel.py

With PostgreSQL it uses its own database, ``mstracker_bench_panel`` on that server
(made if missing). It seeds once (kept between runs; a patient whose history no longer
ends on their today is seeded again) BENCH_PATIENTS patients (200) with BENCH_YEARS
years (5) of the dashboard benchmark's history each (`tests/journal/history.py`, the
patient's number as its random seed), plus a PHQ-9 and a GAD-7 every month, all
sharing every scope with one clinician. So that the flags differ as they would in a
clinic: every tenth history stops 20 days ago (no check-in), every eighth patient
missed the doses of the last 90 days (adherence), the questionnaire answers come from
the seed (some high, some with item 9), and the clinician has viewed every other
patient since their summary was first computed (the others' RAW and PIRA are "new").

Then it times the nightly sweep (`care.tasks.sweep_summaries`, in this process, as the
worker runs it) computing every patient's summary row with the real code, counts the
queries of each panel request (in-process, Django's test client), starts gunicorn (one
sync worker, DEBUG off) on a free loopback port and times REQUESTS requests each,
interleaved, to the trivial view ``/healthz`` (one ``SELECT 1``) and to the panel's
page and API, with the sorts and the flag filter they take. It prints medians, p90,
the ratio of medians to the trivial view of the same run, the fastest of each path and
their ratio (on a busy machine the trivial view's median swells with the wait for a
CPU, which flatters the median ratio; the fastest requests are the least disturbed),
and the query counts.
"""

import os
import random
import secrets
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

import benchdb
import dashboard as bench  # the server, the port and the timed fetch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "mstracker_bench_panel"
PATIENTS = int(os.environ.get("BENCH_PATIENTS", "200"))
YEARS = int(os.environ.get("BENCH_YEARS", "5"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
PREFIX = "bench-panel-"
CLINICIAN = "bench-panel-clinician"
TRIVIAL = "/healthz"
PATHS = (
    TRIVIAL,
    "/clinician/",
    "/clinician/?sort=name",
    "/clinician/?sort=last_viewed&flag=new_cdw",
    "/api/v1/clinician/patients/",
    "/api/v1/clinician/patients/?sort=name",
    "/api/v1/clinician/patients/?sort=last_viewed",
    "/api/v1/clinician/patients/?flag=new_cdw",
)
TARGET = 10  # the bound: within 10x the trivial view


def database_url():
    return benchdb.database_url(BENCH_DB, "bench-panel.sqlite3")


def server_environment(url):
    """Production-like settings: DEBUG off, plain HTTP on loopback, a per-process cache."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "CACHE_URL": "locmemcache://",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }


def setup_django(env):
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mstracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)


def history_end(number, today):
    """Every tenth history stops 20 days before the patient's today (no check-in flag)."""
    return today - timedelta(days=20) if number % 10 == 0 else today


def seed_patient(clinician, number):
    """One patient with YEARS of history, monthly questionnaires and a share of every scope."""
    from django.utils import timezone

    from journal.models import QuestionnaireResponse
    from mstracker.accounts.models import Role, User
    from mstracker.care import summary
    from mstracker.care.models import Share
    from mstracker.care.scopes import Scope
    from tests.journal.history import seed_history
    from therapies.models import DoseLog

    patient = User.objects.create(
        username=f"{PREFIX}{number:03d}",
        email=f"{PREFIX}{number:03d}@example.org",
        first_name=f"Patient {number:03d}",
        role=Role.PATIENT,
        time_zone="Europe/Berlin",
        ms_course="rrms",
        diagnosis_year=2015,
    )
    end = history_end(number, patient.local_today())
    rows = seed_history(patient, YEARS, today=end, seed=number)
    rng = random.Random(number)
    answers = {"phq9": 9, "gad7": 7}
    high = rng.random() < 0.3  # about a third answer high enough to raise a flag
    questionnaires = []
    for month in range(12 * YEARS):
        day = end - timedelta(days=30 * month)
        for kind, items in answers.items():
            response = QuestionnaireResponse(
                user=patient,
                kind=kind,
                date=day,
                answers=[rng.randint(1 if high else 0, 3 if high else 1) for _ in range(items)],
            )
            response.derive_score()
            questionnaires.append(response)
    QuestionnaireResponse.objects.bulk_create(questionnaires)
    if number % 8 == 0:
        DoseLog.objects.filter(
            user=patient, scheduled_for__gte=timezone.now() - timedelta(days=90)
        ).update(status="missed", taken_at=None)
    share = Share.objects.create(
        patient=patient,
        clinician=clinician,
        scopes=list(Scope.values),
        accepted_at=timezone.now() - timedelta(days=400),
    )
    summary.refresh(patient)  # the CDW events are first seen now
    if number % 2:  # the clinician has looked at every other patient since
        share.last_viewed_at = timezone.now()
        share.save(update_fields=["last_viewed_at"])
    return rows + len(questionnaires)


def seeded_clinician():
    """The clinician and their PATIENTS patients, seeding the missing or outdated ones."""
    from django.db.models import Count, Max

    from journal.models import CheckIn
    from mstracker.accounts.models import Role, User

    clinician, _ = User.objects.get_or_create(
        username=CLINICIAN,
        defaults={
            "email": f"{CLINICIAN}@clinic.example.org",
            "role": Role.CLINICIAN,
            "first_name": "Panel",
            "last_name": "Bench",
        },
    )
    expected = round(365.25 * YEARS)
    have = {
        row["user__username"]: row
        for row in CheckIn.objects.filter(user__username__startswith=PREFIX)
        .values("user__username")
        .annotate(count=Count("id"), last=Max("date"))
    }
    patients = {p.username: p for p in User.objects.filter(username__startswith=PREFIX)}
    started, rows, fresh = time.perf_counter(), 0, 0
    for number in range(1, PATIENTS + 1):
        name = f"{PREFIX}{number:03d}"
        patient, row = patients.get(name), have.get(name)
        if (
            patient is not None
            and row
            and row["count"] == expected
            and row["last"] == history_end(number, patient.local_today())
        ):
            continue
        if patient is not None:
            patient.delete()
        rows += seed_patient(clinician, number)
        fresh += 1
    numbers = {name: name[len(PREFIX) :] for name in patients}
    User.objects.filter(
        pk__in=[patients[n].pk for n, d in numbers.items() if d.isdigit() and int(d) > PATIENTS]
    ).delete()  # a run with fewer BENCH_PATIENTS than the last
    if fresh:
        print(f"seeded {fresh} patients, {rows:,} rows in {time.perf_counter() - started:.0f} s")
    return clinician


def sweep():
    """The nightly sweep over every sharing patient, timed, with its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mstracker.care.tasks import sweep_summaries

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        count = sweep_summaries()
        seconds = time.perf_counter() - started
    return count, seconds, len(queries)


def two_factor_device(clinician):
    """The clinician's confirmed TOTP device: reading patients needs two-factor."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=clinician, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=clinician, name="bench", confirmed=True)


def query_counts(clinician):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(clinician)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = two_factor_device(clinician).persistent_id
    session.save()
    counts = {}
    for path in PATHS:
        client.get(path)  # warm: the first request of a process reads the site's settings
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[path] = len(queries)
    return counts


def panel_shape(clinician):
    """Rows on the panel and how many carry each flag (so a run says what it measured)."""
    from mstracker.care.panel import panel

    rows = panel(clinician)
    flagged = {}
    for row in rows:
        for flag in row.flags:
            flagged[flag.code] = flagged.get(flag.code, 0) + 1
    return len(rows), flagged


def session_cookie(user):
    """A logged-in session for ``user``, as the login form would make it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = two_factor_device(user).persistent_id  # code step done
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def timings(port, cookie):
    """Interleaved requests, so drift (caches, CPU frequency) hits every path alike."""
    for path in PATHS:  # warm-up: imports, connections
        for _ in range(3):
            bench.fetch(port, path, cookie, "gzip")
    seconds = {path: [] for path in PATHS}
    for _ in range(REQUESTS):
        for path in PATHS:
            status, _, took, _ = bench.fetch(port, path, cookie, "gzip")
            assert status == 200, (path, status)
            seconds[path].append(took)
    return seconds


def main():
    env = server_environment(database_url())
    setup_django(env)
    clinician = seeded_clinician()
    count, sweep_seconds, sweep_queries = sweep()
    rows, flagged = panel_shape(clinician)
    assert rows == PATIENTS, (rows, PATIENTS)
    counts = query_counts(clinician)
    cookie = session_cookie(clinician)

    from django.db import connection

    port = bench.free_port()
    server = bench.start_server(env, port)
    try:
        seconds = timings(port, cookie)
    finally:
        server.terminate()
        server.wait(timeout=10)

    medians = {path: statistics.median(values) * 1000 for path, values in seconds.items()}
    lines = [
        f"database: {connection.vendor}; {PATIENTS} sharing patients x {YEARS} years; "
        f"{REQUESTS} requests each, one gunicorn worker",
        f"nightly sweep: {count} summaries in {sweep_seconds:.1f} s "
        f"({sweep_seconds / count * 1000:.0f} ms and {sweep_queries / count:.1f} queries each)",
        "flags on the panel: "
        + ", ".join(f"{code} {n}" for code, n in sorted(flagged.items(), key=lambda kv: -kv[1])),
        "",
        f"{'path':<46} {'median':>9} {'p90':>9} {'x trivial':>10} "
        f"{'fastest':>9} {'x trivial':>10} {'queries':>8}",
    ]
    fastest = {path: min(values) * 1000 for path, values in seconds.items()}
    worst = worst_fastest = 0.0
    for path, values in seconds.items():
        p90 = statistics.quantiles(values, n=10)[-1] * 1000
        ratio = medians[path] / medians[TRIVIAL]
        ratio_fastest = fastest[path] / fastest[TRIVIAL]
        if path != TRIVIAL:
            worst, worst_fastest = max(worst, ratio), max(worst_fastest, ratio_fastest)
        lines.append(
            f"{path:<46} {medians[path]:>7.1f}ms {p90:>7.1f}ms {ratio:>9.1f}x "
            f"{fastest[path]:>7.1f}ms {ratio_fastest:>9.1f}x {counts[path]:>8}"
        )
    lines.append(
        f"slowest panel request: {worst:.1f}x the trivial view by medians, "
        f"{worst_fastest:.1f}x by the fastest of each "
        f"({'within' if max(worst, worst_fastest) <= TARGET else 'OVER'} the {TARGET}x target)"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
