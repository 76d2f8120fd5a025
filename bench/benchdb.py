"""The benchmarks' own PostgreSQL database, made on first use beside DATABASE_URL's."""

import os
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
