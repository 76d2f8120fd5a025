"""A Redis server of a test's own, on a free port, to stop and start mid-test.

Never the shared Redis (CI's, or other developers' on one machine): tests that need
Redis to go away start this one. They skip only where ``redis-server`` is not
installed; ``.ci/run`` requires it, so CI never skips them.
"""

import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
import redis

REDIS_SERVER = shutil.which("redis-server")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """``start()``, ``stop()`` (refuses connections, as a stopped container does),
    ``hang()``/``resume()`` (accepts connections and never answers: a lost host)."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.process = None

    def url(self, db):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db=0):
        return redis.Redis.from_url(self.url(db), socket_timeout=1, socket_connect_timeout=1)

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client().ping()
                return
            except redis.RedisError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def stop(self):
        if self.process is None:
            return
        self.process.send_signal(signal.SIGCONT)  # a hung server must be able to exit
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None

    def hang(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)


@contextmanager
def running_redis(folder):
    """A running Redis of the test's own; stopped at the end whatever happened."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = OwnRedis(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def redis_stack(folder, settings):
    """The docker-compose layout on a Redis of the test's own: the cache in database 1
    and the Celery broker in database 0 (publishing, the worker, ``/healthz``).
    ``settings`` is pytest-django's fixture; yields the running ``OwnRedis``."""
    from mstracker.celery import app

    with running_redis(folder) as server:
        settings.CACHES = {
            "default": {
                "BACKEND": "mstracker.cache_backend.OptionalRedisCache",
                "LOCATION": server.url(1),
            }
        }
        saved = {
            key: app.conf.get(key)
            for key in ("broker_read_url", "broker_write_url", "broker_transport_options")
        }
        # The read and write URLs: the CELERY_BROKER_URL variable overrides broker_url itself.
        _configure_broker(
            app,
            broker_read_url=server.url(0),
            broker_write_url=server.url(0),
            broker_transport_options=settings.REDIS_BROKER_TRANSPORT_OPTIONS,
        )
        try:
            yield server
        finally:
            _configure_broker(app, **saved)


def _configure_broker(app, **conf):
    app.conf.update(conf)
    app._pool = None  # connection and producer pools are per URL: drop the cached ones
    app.amqp._producer_pool = None
