from django.apps import AppConfig


class JournalConfig(AppConfig):
    """What a patient records about their body and life, and the progression analysis."""

    name = "journal"
