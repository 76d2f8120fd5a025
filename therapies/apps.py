from django.apps import AppConfig


class TherapiesConfig(AppConfig):
    """Disease-modifying therapies: catalogue, courses, doses, adherence."""

    name = "therapies"

    def ready(self):
        from mstracker.accounts import records_version

        from . import models

        records_version.track(
            models.Course, models.DoseLog, models.SideEffect, therapies=True, history=False
        )
        records_version.track(models.Drug, owner="owner_id", therapies=True, history=False)
