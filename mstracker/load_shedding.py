"""Shed load instead of working on requests nobody waits for (issue 15).

Under overload a sync worker's requests wait in the listening socket's queue, each
longer than the last; the ones whose client has given up are still served in full,
so the server spends its time on answers nobody reads and goodput collapses. Before
any other work (first in ``MIDDLEWARE``), this middleware:

- answers a request whose client has already closed the connection with nothing
  (status 499, nginx's "client closed request"; no view, no database);
- answers a request that waited longer than ``LOAD_SHED_QUEUE_MS`` with a fast
  ``503`` and ``Retry-After``: nothing was done, so the client may safely retry,
  and the requests behind it are answered in time.

How long a request waited is read from the kernel, not guessed: on Linux,
``TCP_INFO``'s ``tcpi_last_data_recv`` is the milliseconds since the request's last
bytes arrived on the connection (gunicorn passes the socket as ``gunicorn.socket``).
Behind a reverse proxy it measures the wait at this server, which is where the
queue is. Elsewhere (another OS or server, the test client) both checks are off.
``/healthz`` is never shed: it is how the load balancer sees this server.

Each shed or skipped request is logged once, by this middleware (with how long it
waited), and marked so that ``django.request`` does not log it again: there it would
be a second line, for a 503 at ERROR (an e-mail to ``ADMINS`` each), for a 499 a
warning, under overload hundreds a second for an answer that is working as designed.
"""

import logging
import socket
import struct

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse, JsonResponse

from mstracker.api.errors import is_api

log = logging.getLogger(__name__)

CLIENT_CLOSED = 499
# struct tcp_info: eight one-byte fields, then 32-bit fields; tcpi_last_data_recv is
# the twelfth of those (linux/tcp.h).
_LAST_DATA_RECV = struct.Struct("=I")
_LAST_DATA_RECV_OFFSET = 8 + 11 * 4
_TCP_INFO = getattr(socket, "TCP_INFO", None)
NEVER_SHED = ("/healthz",)
RETRY_MESSAGE = (
    "The server is too busy to answer in time, so nothing was done or saved. "
    "Please try again in a few seconds."
)


def waited_ms(sock) -> int | None:
    """Milliseconds since the request's last bytes arrived (None: not measurable)."""
    if _TCP_INFO is None or sock is None:
        return None
    try:
        info = sock.getsockopt(socket.IPPROTO_TCP, _TCP_INFO, 104)
        return _LAST_DATA_RECV.unpack_from(info, _LAST_DATA_RECV_OFFSET)[0]
    except (OSError, struct.error):
        return None


def client_gone(sock) -> bool:
    """The client closed the connection (its end of file is waiting to be read)."""
    if sock is None:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False  # connected, nothing more sent: the usual case
    except OSError:
        return True  # reset by the peer


def logged(response):
    """Mark ``response`` as logged already (Django's own flag, read by ``log_response``)."""
    response._has_been_logged = True
    return response


class LoadSheddingMiddleware:
    def __init__(self, get_response):
        if not settings.LOAD_SHEDDING:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.budget_ms = settings.LOAD_SHED_QUEUE_MS
        self.retry_after = settings.LOAD_SHED_RETRY_AFTER

    def __call__(self, request):
        sock = request.META.get("gunicorn.socket")
        if sock is None or request.path in NEVER_SHED:
            return self.get_response(request)
        if client_gone(sock):
            log.info(
                "client closed the connection before %s %s began", request.method, request.path
            )
            return logged(HttpResponse(status=CLIENT_CLOSED))
        if self.budget_ms:
            waited = waited_ms(sock)
            if waited is not None and waited > self.budget_ms:
                log.warning(
                    "shed %s %s after %d ms in the queue", request.method, request.path, waited
                )
                return logged(self.too_busy(request))
        return self.get_response(request)

    def too_busy(self, request):
        headers = {"Retry-After": str(self.retry_after), "Cache-Control": "no-store"}
        if is_api(request):
            return JsonResponse({"detail": RETRY_MESSAGE}, status=503, headers=headers)
        body = f"<!doctype html><html lang=en><title>Busy</title><p>{RETRY_MESSAGE}</p>"
        return HttpResponse(body, status=503, headers=headers)
