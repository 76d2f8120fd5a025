"""``/healthz``: 200 while the database answers, whatever else is away; 503 without it.

The Redis-down answers (cache and broker degraded, still 200) are shown with a real
Redis stopping in ``tests/test_redis_outage.py``.
"""

import json

from tests.test_settings import PRODUCTION, SETUP, run

PROBE = (
    SETUP + "; from django.test import Client; r = Client().get('/healthz');"
    " print(r.status_code, r.content.decode())"
)


def test_without_the_database_the_site_is_down_and_says_which_part():
    result = run(
        PROBE,
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/mstracker",  # nothing listens
        CELERY_FILESYSTEM_FOLDER="var/celery-test",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {
        "status": "down",
        "checks": {"database": "down", "cache": "ok", "broker": "ok"},
        "degraded": ["database"],
    }


def test_with_the_broker_unreachable_the_site_is_up_and_degraded():
    result = run(
        PROBE,
        DEBUG="1",
        DATABASE_URL="sqlite:////tmp/mstracker-health-check.sqlite3",
        CELERY_BROKER_URL="redis://127.0.0.1:1/0",  # nothing listens
    )
    assert result.returncode == 0, result.stderr[-2000:]
    status, body = result.stdout.strip().split(" ", 1)
    assert (status, json.loads(body)["degraded"]) == ("200", ["broker"])


def test_production_answers_the_probe_over_plain_http_without_redirecting_to_https():
    """Compose's probe calls http://127.0.0.1:8000/healthz inside the container."""
    result = run(
        SETUP + "; from django.test import Client;"
        " r = Client().get('/healthz', HTTP_HOST='mstracker.example.org');"
        " page = Client().get('/', HTTP_HOST='mstracker.example.org');"
        " print(r.status_code, page.status_code)",
        **{**PRODUCTION, "CACHE_URL": "locmemcache://", "CELERY_BROKER_URL": "memory://"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["200", "301"]  # every other page goes to https
