from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views
from .accounts import views as account_views
from .accounts.forms import (
    BootstrapPasswordChangeForm,
    BootstrapPasswordResetForm,
    BootstrapSetPasswordForm,
    LoginForm,
)

handler500 = "mstracker.views.server_failure"

auth_urls = [
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        account_views.PasswordChangeView.as_view(form_class=BootstrapPasswordChangeForm),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        account_views.PasswordResetView.as_view(form_class=BootstrapPasswordResetForm),
        name="password_reset",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=BootstrapSetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers and tools ask for /favicon.ico whatever the page links (whitenoise has it).
    path("favicon.ico", views.FaviconRedirect.as_view(), name="favicon"),
    path("accounts/", include(auth_urls)),
    path("accounts/", include("mstracker.accounts.urls")),
    path("accounts/", include("mstracker.portability.urls")),
    path("journal/", include("journal.urls")),
    path("therapies/", include("therapies.urls")),
    path("", include("mstracker.reminders.urls")),
    path("care/", include("mstracker.care.urls")),
    path("clinician/", include("mstracker.care.clinician_urls")),
    path("", include("mstracker.health_links.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/v1/", include("mstracker.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its set-up script as a file: no inline script under the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
]
