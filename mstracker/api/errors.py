"""JSON errors for everything under ``/api/``, with ``DEBUG`` on or off.

DRF answers its own errors in JSON; two kinds escape it and would reach the
client as Django's HTML pages (the technical ones when ``DEBUG`` is on):

- a path under ``/api/`` that matches no URL (Django's 404, before any view);
- a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (or with too many form fields),
  which Django raises as ``SuspiciousOperation`` while DRF parses it.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from mstracker.accounts.two_factor import TwoFactorRequired

API_PREFIX = "/api/"


def is_api(request):
    return request.path.startswith(API_PREFIX)


def exception_handler(exc, context):
    """DRF's handler, plus a JSON answer for a body Django refuses to read."""
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response(
            {"detail": f"The request body is larger than the {limit:,} bytes accepted."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, TwoFactorRequired):  # a client knows to enrol, or to send `otp`
        return Response({"detail": str(exc), "code": exc.code}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


class JsonNotFoundMiddleware:
    """An HTML 404 under ``/api/`` becomes ``{"detail": "Not found."}``.

    Placed before ``CommonMiddleware`` so a missing trailing slash still redirects.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and is_api(request)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return JsonResponse({"detail": "Not found."}, status=404)
        return response
