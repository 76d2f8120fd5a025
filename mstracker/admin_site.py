"""The admin site: staff with two-factor only, at ``ADMIN_URL``; a 404 for anyone else.

django-otp's ``OTPAdminSite`` lets in only a session that passed two-factor (its log-in
asks for the code). Everyone who is not active staff (visitors, patients, clinicians)
gets the site's 404, log-in page included, so the admin's address tells nothing.
"""

from functools import update_wrapper

from django.http import Http404
from django_otp.admin import OTPAdminSite


def _staff_only(view):
    def guarded(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise Http404("Not found.")
        return view(request, *args, **kwargs)

    return update_wrapper(guarded, view)


class StaffOnlyOTPAdminSite(OTPAdminSite):
    def admin_view(self, view, cacheable=False):
        return _staff_only(super().admin_view(view, cacheable))

    def login(self, request, extra_context=None):
        return _staff_only(super().login)(request, extra_context)
