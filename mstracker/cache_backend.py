"""Django's Redis cache, made optional: with Redis down, a read is a miss and a write
is skipped, so nothing that only uses the cache can fail a request.

Everything we keep in the cache can be recomputed or forgotten: dashboards and
charts are computed again, throttle counters start afresh (throttling fails open).
Only the database is required for a save (DESIGN.md section 9).

Why not django-redis with ``IGNORE_EXCEPTIONS``: it is a second Redis backend (and
dependency) beside Django's own, which we use; it logs every ignored error with its
traceback, i.e. several lines per request for as long as Redis is away, and it
tries Redis again on every call, so a Redis that hangs costs a timeout each time.

Here the first error is logged, then at most one line a minute per process, and one
when Redis answers again. After an error the process leaves Redis alone for
``RETRY_AFTER`` seconds, so a Redis that hangs rather than refuses (a lost host)
costs one short timeout every few seconds, not several per request. ``ping()`` asks
Redis directly, for ``/healthz``.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# Bounded waits: a cache that does not answer within half a second is down. Override
# with CACHE_URL query parameters (``?socket_timeout=2``).
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
RETRY_AFTER = 2.0  # seconds without trying Redis after an error
LOG_EVERY = 60.0  # seconds between two log lines about the same outage

ERRORS = (RedisError, OSError)
_MISSING = object()


class _Outage:
    """One Redis server's outage as this process saw it. Django makes a cache object
    per thread (per request under runserver), so this lives beside them, per server."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0  # monotonic; Redis is not tried before this
        self.logged_at = None  # monotonic time of the last log line; None: not down
        self.skipped = 0  # calls answered without Redis since that line

    def available(self):
        if time.monotonic() < self.down_until:
            with self.lock:
                self.skipped += 1
            return False
        return True

    def failed(self, operation, exc):
        now = time.monotonic()
        with self.lock:
            self.down_until = now + RETRY_AFTER
            self.skipped += 1
            if self.logged_at is not None and now - self.logged_at < LOG_EVERY:
                return
            self.logged_at, skipped, self.skipped = now, self.skipped, 0
        log.warning(
            "Cache unavailable (%s failed: %s); reads are misses, writes are skipped, "
            "throttles are open and dashboards are computed without it "
            "(%d call(s) without the cache since the last line)",
            operation,
            exc,
            skipped,
        )

    def recovered(self):
        if self.logged_at is None:  # the usual case, without taking the lock
            return
        with self.lock:
            if self.logged_at is None:
                return
            self.logged_at, self.skipped = None, 0
        log.warning("Cache available again")


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_of(location):
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class OptionalRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` whose errors are misses."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._outage = _outage_of(str(server))

    def _call(self, operation, fallback, *args, **kwargs):
        if not self._outage.available():
            return fallback
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except ERRORS as exc:
            self._outage.failed(operation, exc)
            return fallback
        self._outage.recovered()
        return result

    def ping(self):
        """True if Redis answers now (raises nothing; ignores the pause after an error)."""
        try:
            self._cache.get_client(write=True).ping()
        except ERRORS:
            return False
        return True

    # --- the cache API: each call falls back to what a miss or a no-op returns --

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._call("incr", _MISSING, key, delta, version)
        if result is _MISSING:  # what Django raises for a missing key
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
