"""The benchmarks' own PostgreSQL database, made on first use beside DATABASE_URL's,
and the patients they seed in it."""

import os
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

VAR = Path(__file__).resolve().parent.parent / "var"


def database_url(name, sqlite_name):
    """A benchmark's database: ``name`` beside DATABASE_URL's PostgreSQL database, or,
    without PostgreSQL, the SQLite file ``var/<sqlite_name>``."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        VAR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{VAR / sqlite_name}"
    return postgres_database(url, name)


def postgres_database(url, name):
    """``url`` pointed at database ``name`` on the same server, created if missing."""
    import psycopg2

    parts = urlsplit(url)
    admin = psycopg2.connect(
        dbname="postgres",
        user=parts.username,
        password=parts.password,
        host=parts.hostname,
        port=parts.port or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return urlunsplit(parts._replace(path=f"/{name}"))


def seeded_patient(username, years, **profile):
    """The benchmark's patient ``username`` with ``years`` of the generated history
    (`tests.journal.history`), seeded once and kept between runs; seeded again when
    its history has another length, no longer ends today or its profile differs.
    ``profile``: User fields (time zone Europe/Berlin unless given). The tables are
    analysed after, see `analyze`."""
    from journal.models import CheckIn
    from mstracker.accounts.models import Role, User
    from tests.journal.history import seed_history

    fields = {
        "email": f"{username}@example.org",
        "role": Role.PATIENT,
        "time_zone": "Europe/Berlin",
        **profile,
    }
    user = User.objects.filter(username=username).first()
    checkins = CheckIn.objects.filter(user=user)
    fresh = (
        user is not None
        and all(getattr(user, field) == value for field, value in fields.items())
        and checkins.count() == round(365.25 * years)
        and checkins.filter(date=user.local_today()).exists()
    )
    if not fresh:
        if user is not None:
            user.delete()
        user = User.objects.create(username=username, **fields)
        started = time.perf_counter()
        rows = seed_history(user, years)
        print(f"seeded {username}: {rows:,} rows in {time.perf_counter() - started:.1f} s")
    analyze()
    return user


def analyze():
    """PostgreSQL's planner statistics brought up to date, as autovacuum keeps them in
    production. Without them (autovacuum is off on the CI server) the planner takes
    ten years of check-ins for one row and joins them by 7,000 index lookups: the
    dashboard's symptom query took 35 ms instead of 13."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
