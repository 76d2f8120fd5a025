"""A user's credentials besides the password: API tokens and browser sessions.

One place issues API tokens (hashed by django-rest-knox, one per device, expiring)
and ends tokens and sessions, so a password change (page or API), a reset and an
account deletion all revoke the same way. How long each lasts depends on the
account: clinicians and staff, who open other people's records, get the shorter
limits (settings ``API_TOKEN_*`` and ``SESSION_*``; README "Security").
"""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from .models import ApiToken, Role, SessionRecord


def is_privileged(user) -> bool:
    """Clinicians and staff: whose sessions and tokens get the stricter limits."""
    return user.role == Role.CLINICIAN or user.is_staff


def token_lifetime(user) -> timedelta:
    if is_privileged(user):
        return timedelta(hours=settings.API_TOKEN_HOURS_CLINICIAN)
    return timedelta(days=settings.API_TOKEN_DAYS)


def issue_token(user, label=""):
    """A new token for one device: ``(row, clear token)``; the clear one is shown once."""
    row, clear = ApiToken.objects.create(
        user=user,
        expiry=token_lifetime(user),
        label=(label or "")[:100],
        last_used_at=timezone.now(),  # handed to the device now
    )
    return row, clear


def session_limits(user) -> tuple[timedelta, timedelta]:
    """(idle, absolute) timeout of a browser session of ``user``."""
    if is_privileged(user):
        idle, absolute = settings.SESSION_IDLE_MINUTES_CLINICIAN, settings.SESSION_HOURS_CLINICIAN
    else:
        idle, absolute = settings.SESSION_IDLE_MINUTES_PATIENT, settings.SESSION_HOURS_PATIENT
    return timedelta(minutes=idle), timedelta(hours=absolute)


def end_sessions(user, keep_key=None) -> int:
    """Log ``user`` out of every browser session but ``keep_key``; how many ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    records = SessionRecord.objects.filter(user=user).exclude(session_key=keep_key or "")
    keys = list(records.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    records.delete()
    return len(keys)


def revoke_all(user, keep_token=None, keep_session=None):
    """Every token and session of ``user`` but the ones named (the request's own)."""
    tokens = ApiToken.objects.filter(user=user)
    if keep_token is not None:
        tokens = tokens.exclude(pk=keep_token.pk)
    tokens.delete()
    end_sessions(user, keep_key=keep_session)


def live_sessions(user, now=None):
    """The user's sessions that have not timed out, most recently used first."""
    now = now or timezone.now()
    idle, absolute = session_limits(user)
    return SessionRecord.objects.filter(
        user=user, last_seen_at__gt=now - idle, created_at__gt=now - absolute
    )
