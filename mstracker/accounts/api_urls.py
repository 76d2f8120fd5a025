from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("auth/tokens", api.ApiTokenViewSet, basename="api-tokens")

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="api-token"),
    path("auth/password/", api.PasswordView.as_view(), name="api-password"),
    path("auth/2fa/totp/", api.TotpStartView.as_view(), name="api-totp"),
    path("auth/2fa/totp/confirm/", api.TotpConfirmView.as_view(), name="api-totp-confirm"),
    path("auth/register/", api.RegisterView.as_view(), name="api-register"),
    path("me/", api.MeView.as_view(), name="api-me"),
    *router.urls,
]
