from django.urls import path

from . import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("profile/", views.profile, name="profile"),
    path("sessions/", views.sessions, name="sessions"),
    path("two-factor/", two_factor_views.setup, name="two_factor"),
    path("two-factor/verify/", two_factor_views.verify, name="two_factor_verify"),
]
