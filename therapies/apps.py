from django.apps import AppConfig


class TherapiesConfig(AppConfig):
    """Disease-modifying therapies: catalogue, courses, doses, adherence."""

    name = "therapies"
