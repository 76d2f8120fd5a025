"""Load shedding (issue 15): a request that waited too long in the server's queue gets a
fast 503 with Retry-After, and one whose client has left is not worked on, measured on
real sockets and a real gunicorn whose one sync worker is kept busy."""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mstracker.load_shedding import client_gone, waited_ms
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parent.parent
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="TCP_INFO is Linux's")


@pytest.fixture
def connection_pair():
    listener = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(listener.getsockname())
    server, _ = listener.accept()
    yield client, server
    for sock in (client, server, listener):
        sock.close()


@linux_only
def test_the_kernel_says_how_long_the_request_has_waited(connection_pair):
    client, server = connection_pair
    client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    time.sleep(0.3)
    assert waited_ms(server) >= 250
    server.recv(1024)
    client.sendall(b"more")
    time.sleep(0.01)
    assert waited_ms(server) < 250  # counted from the latest bytes


def test_a_closed_client_is_seen_and_an_open_one_is_not(connection_pair):
    client, server = connection_pair
    assert not client_gone(server)
    client.sendall(b"pipelined")
    assert not client_gone(server)
    server.recv(1024)
    client.close()
    time.sleep(0.05)
    assert client_gone(server)


def test_no_socket_means_no_shedding():
    assert waited_ms(None) is None
    assert not client_gone(None)


def http(port, raw, read=True):
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(raw)
    if not read:
        return sock
    return answer(sock)


def answer(sock):
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    sock.close()
    return b"".join(chunks)


@pytest.fixture
def busy_server(tmp_path):
    """gunicorn, one sync worker, shedding after 300 ms, its access log and its own
    log (stderr) in files."""
    port = free_port()
    log = tmp_path / "access.log"
    errors = tmp_path / "server.log"
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "CACHE_URL": "locmemcache://",
        "LOAD_SHED_QUEUE_MS": "300",
        "LOAD_SHED_RETRY_AFTER": "3",
        "LOG_LEVEL": "INFO",
    }
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    process = subprocess.Popen(
        [gunicorn, "mstracker.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1",
         "--access-logfile", str(log), "--access-logformat", "%(U)s?%(q)s %(s)s"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors.open("wb"),
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            if b"200" in http(port, b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")[:20]:
                break
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("gunicorn did not start: " + errors.read_text()[-2000:])
        time.sleep(0.1)
    yield port, log, errors
    process.terminate()
    process.wait(timeout=10)


@linux_only
def test_a_request_that_waited_too_long_is_a_fast_503_and_a_left_one_is_skipped(busy_server):
    port, log, errors = busy_server
    # The worker reads this form's body, which arrives 0.9 s late: it is busy until then.
    slow = http(
        port,
        b"POST /accounts/login/ HTTP/1.0\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\n\r\n",
        read=False,
    )
    time.sleep(0.1)
    late = http(port, b"GET /api/v1/?who=late HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", read=False)
    gone = http(port, b"GET /api/v1/?who=gone HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", read=False)
    gone.close()  # this client gives up at once
    time.sleep(0.8)
    slow.sendall(b"a=b&c=")
    assert answer(slow).startswith(b"HTTP/1.0 403")  # no CSRF token: the form's own answer

    started = time.monotonic()
    shed = answer(late)
    head, _, body = shed.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 503")
    assert b"Retry-After: 3" in head
    assert b"nothing was done or saved" in body
    assert time.monotonic() - started < 1

    # A request that did not wait is served as usual.
    fresh = http(port, b"GET /api/v1/?who=fresh HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
    assert not fresh.startswith(b"HTTP/1.0 503")
    time.sleep(0.2)
    lines = log.read_text().splitlines()
    assert "/api/v1/?who=gone 499" in lines
    assert "/api/v1/?who=late 503" in lines
    assert any(
        line.startswith("/api/v1/?who=fresh ") and not line.endswith(" 503") for line in lines
    )

    # One line each, the middleware's: django.request does not log them again (a 503
    # at ERROR, a 499 as a warning), hundreds a second under overload.
    server_log = errors.read_text()
    assert server_log.count("shed GET /api/v1/ after") == 1
    assert server_log.count("client closed the connection before GET /api/v1/ began") == 1
    assert "Service Unavailable" not in server_log
    assert "Unknown Status Code" not in server_log
