"""What ``/healthz`` checks: each part the site uses, answered quickly.

Only the database is required: every save goes there and nowhere else. The cache
(dashboards, throttles) and the broker (reminder sends) can be away without failing
a request, so they make the site degraded, not down. Each check is bounded by short
timeouts (the cache's and the broker's in settings) and never raises. Nothing is
logged here: a load balancer asks every few seconds, and the cache and the enqueue
code already log their outages.
"""

from django.core.cache import cache
from django.db import DatabaseError, connection

OK = "ok"
DOWN = "down"
REQUIRED = ("database",)  # the parts without which the site answers 503


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return DOWN
    return OK


def cache_state() -> str:
    """Redis answers a PING; a process-local cache (locmem) is always there."""
    ping = getattr(cache, "ping", None)
    if ping is None:
        return OK
    return OK if ping() else DOWN


def broker() -> str:
    """A fresh connection to the Celery broker, one attempt of at most a second."""
    from kombu.exceptions import OperationalError

    from mstracker.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=1)
    except (OperationalError, OSError):
        return DOWN
    return OK


def report() -> dict[str, str]:
    """Each part's state, by name."""
    return {"database": database(), "cache": cache_state(), "broker": broker()}
