from django.apps import AppConfig


class HealthLinksConfig(AppConfig):
    """SMART Health Links: an encrypted FHIR bundle behind a link or QR code."""

    name = "mstracker.health_links"
    label = "health_links"
    verbose_name = "Health links"
