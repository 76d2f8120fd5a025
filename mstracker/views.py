"""Project-level pages: the home page, a health check, and the API's JSON 500
(its JSON 404 is ``mstracker.api.errors.JsonNotFoundMiddleware``)."""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error
from django.views.generic import RedirectView

from . import health
from .api.errors import is_api


def home(request):
    if request.user.is_authenticated and request.user.is_patient:
        return redirect("journal:today")
    return render(request, "home.html")


@never_cache
def healthz(request):
    """For load balancers and operators: 200 while the database answers (the only part
    a save needs), else 503; the body gives each part's state and names the degraded."""
    checks = health.report()
    degraded = [name for name, state in checks.items() if state != health.OK]
    down = any(checks[name] != health.OK for name in health.REQUIRED)
    status = "down" if down else "degraded" if degraded else "ok"
    body = {"status": status, "checks": checks, "degraded": degraded}
    return JsonResponse(body, status=503 if down else 200)


# Only what is true after any failure: the request may have stopped before or after
# its save committed (requests are not one transaction), so we cannot say which.
SERVER_ERROR = (
    "Server error: the request could not be completed, and whether what it sent was "
    "saved is not known. Read the record back before sending it again."
)


def server_failure(request):
    if is_api(request):
        return JsonResponse({"detail": SERVER_ERROR}, status=500)
    return server_error(request)


class FaviconRedirect(RedirectView):
    """``/favicon.ico`` to the hashed static file, looked up per request: at import
    the static files' manifest may not exist yet (``collectstatic`` runs after)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")
