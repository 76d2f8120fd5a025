"""The log-in lockout (django-axes): whose failures count together, and the answer.

Log-in accepts a username or an email address in any letter case, so django-axes
must not count the spelling typed: ``account_key`` (``AXES_USERNAME_CALLABLE``) turns
every spelling of one account into that account's key, for the log-in form, the API
token endpoint and the reset on success alike.
"""

from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render

MESSAGE = "Too many failed log-ins. Try again in {minutes} minutes or reset your password."


def lockout_response(request, original_response=None, credentials=None):
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": MESSAGE.format(minutes=minutes)}, status=429)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def account_key(request, credentials):
    """The account a log-in attempt is for: its username in lower case, whatever was typed
    (username or email, any case); for no account, the typed text in lower case."""
    from .models import User

    typed = ((credentials or {}).get("username") or "").strip()
    if not typed:
        return ""
    username = (
        User.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed))
        .values_list("username", flat=True)
        .first()
    )
    return (username or typed).lower()
