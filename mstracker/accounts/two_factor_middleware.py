"""Where the browser goes for two-factor: the code after the password, or enrolment.

A session logged in by password whose user has two-factor on reaches nothing but the
code page (and log-out) until a code is entered; the API by that session answers 403
``two_factor_required``. A clinician or staff member without two-factor who opens a
patient's data (``TwoFactorRequired`` from the access gate) is sent to enrolment.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from mstracker.api.errors import is_api

from .two_factor import PENDING, TwoFactorRequired, has_two_factor

TWO_FACTOR = TwoFactorRequired.code
OPEN_PATHS = ("/accounts/two-factor/verify/", "/accounts/logout/", "/static/")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(PENDING) and not request.path.startswith(OPEN_PATHS):
            if request.user.is_authenticated and request.user.is_verified():
                session.pop(PENDING, None)
            elif is_api(request):
                body = {"detail": "Enter your two-factor code first.", "code": TWO_FACTOR}
                return JsonResponse(body, status=403)
            else:
                return redirect_to(request, "accounts:two_factor_verify")
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, TwoFactorRequired) or is_api(request):
            return None
        if request.user.is_authenticated and has_two_factor(request.user):
            return redirect_to(request, "accounts:two_factor_verify")
        return redirect_to(request, "accounts:two_factor")


def redirect_to(request, name):
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
