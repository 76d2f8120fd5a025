"""What a locked-out client sees (django-axes' ``AXES_LOCKOUT_CALLABLE``)."""

from django.http import JsonResponse
from django.shortcuts import render

MESSAGE = "Too many failed log-ins. Try again in {minutes} minutes or reset your password."


def lockout_response(request, original_response=None, credentials=None):
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": MESSAGE.format(minutes=minutes)}, status=429)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
