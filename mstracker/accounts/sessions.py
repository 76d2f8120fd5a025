"""Browser sessions: idle and absolute timeouts, and the record behind "your sessions".

The session keeps when it logged in and when it was last used (to the minute, so a
busy page writes the session at most once a minute). A session idle for longer than
its limit, or older than its absolute limit, is logged out on its next request: pages
go to the log-in page, the API answers 401. The limits are the account's
(``credentials.session_limits``): stricter for clinicians and staff.
"""

import time
from datetime import UTC, datetime

from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout, user_logged_in, user_logged_out
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import JsonResponse
from django.utils import timezone

from .credentials import session_limits
from .models import SessionRecord
from .two_factor import PENDING, has_two_factor

STARTED = "_mst_started"
SEEN = "_mst_seen"
RECORDED = "_mst_record"  # the session key the SessionRecord row was written for
TOUCH_SECONDS = 60
TIMED_OUT = "You were logged out after a time without activity. Log in again."


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session and session.get(SESSION_KEY):
            if timed_out(session, user):
                logout(request)
                return self.timed_out(request)
            touch(request)
        return self.get_response(request)

    def timed_out(self, request):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": TIMED_OUT}, status=401)
        messages.info(request, TIMED_OUT)
        return redirect_to_login(request.get_full_path())


def timed_out(session, user, now=None) -> bool:
    now = time.time() if now is None else now
    idle, absolute = session_limits(user)
    started = session.get(STARTED, now)
    seen = session.get(SEEN, now)
    return now - seen > idle.total_seconds() or now - started > absolute.total_seconds()


def touch(request):
    """Note this request's moment (once a minute) and keep the session's record."""
    session, now = request.session, time.time()
    recorded = session.get(RECORDED)
    if recorded is None or recorded != session.session_key:
        record(request)  # a key cycled by a password change: the row follows the key
    elif now - session.get(SEEN, 0) >= TOUCH_SECONDS:
        session[SEEN] = now
        SessionRecord.objects.filter(session_key=recorded).update(last_seen_at=timezone.now())


def record(request, user=None):
    """Write the session's ``SessionRecord`` (at log-in, so no page pays for it)."""
    session = request.session
    if session.session_key is None:
        session.save()
    session.setdefault(STARTED, time.time())
    session[SEEN] = time.time()
    old = session.get(RECORDED)
    if old:
        SessionRecord.objects.filter(session_key=old).delete()
    SessionRecord.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user or request.user,
            "created_at": datetime.fromtimestamp(session[STARTED], tz=UTC),
            "last_seen_at": timezone.now(),
            "ip": _ip(request),
            "user_agent": request.headers.get("User-Agent", "")[:300],
        },
    )
    session[RECORDED] = session.session_key


def _ip(request):
    from mstracker.care.access import client_ip

    return client_ip(request)


@receiver(user_logged_in)
def _start(sender, request, user, **kwargs):
    if hasattr(request, "session"):
        now = time.time()
        request.session[STARTED] = now
        request.session[SEEN] = now
        request.session.pop(RECORDED, None)
        record(request, user)
        if has_two_factor(user):
            request.session[PENDING] = True  # the code comes next (two_factor_middleware)


@receiver(user_logged_out)
def _end(sender, request, user, **kwargs):
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        SessionRecord.objects.filter(session_key=key).delete()
