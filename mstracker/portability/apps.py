from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    """Export, import and deletion of a whole account; it owns no tables."""

    name = "mstracker.portability"
    label = "portability"
    verbose_name = "Your data"
