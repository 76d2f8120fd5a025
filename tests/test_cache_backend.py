"""With Redis as the cache gone, a read is a miss and a write is skipped, logged once.

The Redis here is the test's own (``tests/redis_server.py``), stopped and hung for
real; the shared one is never touched.
"""

import logging
import time as clock

import pytest

from mstracker import cache_backend
from mstracker.cache_backend import OptionalRedisCache
from tests.redis_server import running_redis
from tests.test_settings import PRODUCTION, SETUP, run


@pytest.fixture
def server(tmp_path):
    with running_redis(tmp_path) as server:
        yield server


@pytest.fixture
def cache(server):
    return OptionalRedisCache(server.url(1), {})


def warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.name == cache_backend.__name__]


def test_with_redis_stopped_every_call_answers_as_for_a_missing_key(server, cache, caplog):
    cache.set("dashboard", "body", 60)
    assert cache.get("dashboard") == "body"

    server.stop()
    assert cache.get("dashboard") is None
    assert cache.get("throttle", []) == []  # the caller's default, as DRF's throttles ask
    assert cache.get_many(["dashboard", "chart"]) == {}
    assert cache.get_or_set("chart", lambda: "drawn", 60) == "drawn"
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # the keys not stored
    assert cache.add("a", 1) is False
    assert cache.has_key("a") is False
    with pytest.raises(ValueError, match="not found"):
        cache.incr("a")
    cache.set("a", 1)
    cache.delete("a")
    cache.delete_many(["a", "b"])


def test_an_outage_is_logged_once_a_minute_not_per_call(server, cache, caplog, monkeypatch):
    monkeypatch.setattr(cache_backend, "RETRY_AFTER", 0)  # every call really tries Redis
    caplog.set_level(logging.WARNING)
    server.stop()
    for _ in range(50):
        assert cache.get("dashboard", "miss") == "miss"
    [line] = warnings(caplog)
    assert line.startswith("Cache unavailable (get failed: Error 111")
    assert "throttles are open and dashboards are computed without it" in line

    server.start()
    cache.set("dashboard", "body", 60)
    assert cache.get("dashboard") == "body"
    assert warnings(caplog)[1:] == ["Cache available again"]


def test_a_hung_redis_costs_one_short_timeout_then_is_left_alone_for_a_moment(server, cache):
    cache.set("dashboard", "body", 60)
    server.hang()  # connections are accepted and never answered: a lost host
    started = clock.monotonic()
    for _ in range(20):
        assert cache.get("dashboard") is None
    assert clock.monotonic() - started < 2 * cache_backend.DEFAULT_OPTIONS["socket_timeout"]
    assert cache.ping() is False
    server.resume()
    assert cache.ping() is True
    clock.sleep(cache_backend.RETRY_AFTER)
    assert cache.get("dashboard") == "body"


def test_a_redis_cache_url_selects_the_optional_backend_with_short_timeouts():
    result = run(
        SETUP + "; from django.conf import settings; c = settings.CACHES['default'];"
        " print(c['BACKEND'], c['LOCATION'])"
        "; from django.core.cache import cache; print(cache._cache._pool_options)",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    backend, options = result.stdout.splitlines()
    assert backend == "mstracker.cache_backend.OptionalRedisCache redis://127.0.0.1:6379/1"
    assert "'socket_connect_timeout': 0.5, 'socket_timeout': 0.5" in options
