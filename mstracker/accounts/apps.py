from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users with their profile (time zone, MS course, role), sign-up and API auth."""

    name = "mstracker.accounts"
    label = "accounts"

    def ready(self):
        from . import sessions  # noqa: F401  (its log-in and log-out receivers)
