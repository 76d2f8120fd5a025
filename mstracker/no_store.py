"""``Cache-Control: no-store`` on every answer of the app (ASVS 14.3.2).

Nearly every page and API answer carries someone's health data, and the few that do
not (log-in, sign-up, the API schema) gain nothing from a cache, so one rule for all
is safer than a list. Static files are answered by whitenoise before this runs and
keep their long cache lifetimes.
"""

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
