"""Rate limits for the browser's account forms, with the API's own throttle machinery.

The sign-up form shares the API register limit (``THROTTLE_REGISTER``, the same
counter per address), and the password-reset form has its own
(``THROTTLE_PASSWORD_RESET``), counted per address and per email address typed, so
neither a script nor a single victim's inbox can be flooded. Counters live in Django's
cache, like DRF's (Redis in production, shared by every web process).
"""

from rest_framework.throttling import SimpleRateThrottle

from mstracker.care.access import client_ip


class FormThrottle(SimpleRateThrottle):
    """DRF's sliding-window limit for ``scope``, keyed by ``ident`` (an address, an email)."""

    def __init__(self, scope, ident):
        self.scope = scope
        self.ident = ident
        super().__init__()

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.ident}


def retry_after(request, scope, *extra_idents):
    """Seconds to wait when this POST exceeds ``scope``'s rate, else None (and counted).

    Always keyed by the client's address (as the log-in lockout sees it); each of
    ``extra_idents`` (e.g. the normalised email) is a second, separate counter.
    """
    idents = [client_ip(request) or "unknown", *(i for i in extra_idents if i)]
    waits = []
    for ident in idents:
        throttle = FormThrottle(scope, ident)
        if not throttle.allow_request(request, None):
            waits.append(throttle.wait() or 1)
    return int(max(waits)) + 1 if waits else None
