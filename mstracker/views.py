"""Project-level pages: the home page, a health check, and JSON errors for the API."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found, server_error


def home(request):
    if request.user.is_authenticated and request.user.is_patient:
        return redirect("journal:today")
    return render(request, "home.html")


@never_cache
def healthz(request):
    """For load balancers: the process is up and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _is_api(request):
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


def server_failure(request):
    if _is_api(request):
        return JsonResponse({"detail": "Server error. Nothing you sent was lost."}, status=500)
    return server_error(request)
