from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Reminders at the patient's local time: rows, a minute-tick dispatcher, inbox, email."""

    name = "mstracker.reminders"
    label = "reminders"
    verbose_name = "Reminders"

    def ready(self):
        from . import sources
        from .services import reschedule_doses

        sources.watch_dose_changes(reschedule_doses)
