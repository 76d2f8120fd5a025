"""Exercise sessions; the weekly goal lives in ``JournalSettings``."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from .base import JournalEntry, check_rules, observed_on


class ExerciseKind(models.TextChoices):
    AEROBIC = "aerobic", "Aerobic (walking, cycling, swimming…)"
    STRENGTH = "strength", "Strength"
    BALANCE = "balance", "Balance"
    STRETCHING = "stretching", "Stretching"
    OTHER = "other", "Other"


class Intensity(models.TextChoices):
    LIGHT = "light", "Light: easy to talk"
    MODERATE = "moderate", "Moderate: can talk, not sing"
    VIGOROUS = "vigorous", "Vigorous: hard to talk"


MINUTES_MIN_MESSAGE = "Enter at least 1 minute."
MINUTES_MAX_MESSAGE = "A session can be at most 600 minutes (10 hours)."


class ExerciseSession(JournalEntry):
    date = models.DateField()
    kind = models.CharField(
        max_length=16, choices=ExerciseKind.choices, default=ExerciseKind.AEROBIC
    )
    minutes = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(1, MINUTES_MIN_MESSAGE),
            MaxValueValidator(600, MINUTES_MAX_MESSAGE),
        ]
    )
    intensity = models.CharField(
        max_length=16, choices=Intensity.choices, default=Intensity.MODERATE
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["user", "date"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.minutes} min on {self.date}"

    def get_absolute_url(self):
        return reverse("journal:exercise_edit", args=[self.pk])

    def clean(self):
        check_rules(observed_on(self))
