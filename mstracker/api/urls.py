"""``/api/v1/``: each app adds its resources through its own ``api_urls`` module."""

from django.urls import include, path

urlpatterns = [
    path("", include("mstracker.accounts.api_urls")),
    path("", include("journal.api_urls")),
    path("", include("therapies.api_urls")),
    path("", include("mstracker.reminders.api_urls")),
    path("", include("mstracker.care.api_urls")),
    path("", include("mstracker.portability.api_urls")),
    path("", include("mstracker.health_links.api_urls")),
]
