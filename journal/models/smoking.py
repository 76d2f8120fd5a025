"""Smoking status over time, and the smoke-free streak."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from journal import smoking_rules

from .base import JournalEntry, check_rules, owner_today


class SmokingStatus(models.TextChoices):
    NEVER = smoking_rules.NEVER, "Never smoked"
    FORMER = smoking_rules.FORMER, "Former smoker (quit)"
    CURRENT = smoking_rules.CURRENT, "Current smoker"


class SmokingRecord(JournalEntry):
    """The patient's smoking as of a date; the latest record is the current status."""

    date = models.DateField(help_text="The date this status applies from.")
    status = models.CharField(max_length=8, choices=SmokingStatus.choices)
    cigarettes = models.PositiveSmallIntegerField(
        "cigarettes per day", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    vaping = models.BooleanField("uses e-cigarettes (vaping)", default=False)
    quit_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["user", "date"])]

    def __str__(self):
        return f"{self.get_status_display()} from {self.date}"

    def get_absolute_url(self):
        return reverse("journal:smoking_edit", args=[self.pk])

    def clean(self):
        check_rules(
            lambda: smoking_rules.check_record(
                self.status, self.cigarettes, self.quit_date, self.date, owner_today(self)
            )
        )

    def smoke_free_days(self, today):
        return smoking_rules.smoke_free_days(self.status, self.quit_date, today)
