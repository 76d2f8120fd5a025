"""Smoking status over time, and the smoke-free streak."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from journal import dashboard_types, figures, smoking_rules

from .base import JournalEntry, check_rules, owner_today


class SmokingStatus(models.TextChoices):
    NEVER = smoking_rules.NEVER, "Never smoked"
    FORMER = smoking_rules.FORMER, "Former smoker (quit)"
    CURRENT = smoking_rules.CURRENT, "Current smoker"


class SmokingQuerySet(models.QuerySet):
    def smoke_free(self, user, today):
        """(latest record, quit date, smoke-free days) from the patient's whole smoking
        history in one query, by the dashboard's one rule (`figures.quit_date`,
        `figures.smoke_free_streak`): the Today card, the smoking page, the
        clinician's page and the dashboard agree. None for what does not apply."""
        records = list(self.filter(user=user))  # newest first; a few rows in a lifetime
        quit_on = figures.quit_date(
            dashboard_types.SmokingRecord(r.date, r.status, r.quit_date)
            for r in records
            if r.date <= today
        )
        latest = records[0] if records else None
        return latest, quit_on, figures.smoke_free_streak(quit_on, today)


class SmokingRecord(JournalEntry):
    """The patient's smoking as of a date; the latest record is the current status."""

    date = models.DateField(help_text="The date this status applies from.")
    status = models.CharField(max_length=8, choices=SmokingStatus.choices)
    cigarettes = models.PositiveSmallIntegerField(
        "cigarettes per day", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    vaping = models.BooleanField("uses e-cigarettes (vaping)", default=False)
    quit_date = models.DateField(null=True, blank=True)

    objects = SmokingQuerySet.as_manager()

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
        """Days since this record's own quit date (the API's per-record figure), by
        the same rule as the streak (`figures.smoke_free_streak`)."""
        quit_on = self.quit_date if self.status == smoking_rules.FORMER else None
        return figures.smoke_free_streak(quit_on, today)
