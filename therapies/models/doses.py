"""Dose logs: what became of each expected dose (taken, late, missed), once per dose."""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from journal.models.base import collect, owner_today
from mstracker import date_range
from mstracker.versioning import VersionField
from therapies import adherence

from .courses import Course

# Clocks of phones and servers differ a little; a dose "taken now" may arrive
# stamped a moment ahead of the server.
CLOCK_SKEW = timedelta(minutes=5)


class DoseStatus(models.TextChoices):
    TAKEN = adherence.TAKEN, "Taken"
    LATE = adherence.LATE, "Taken late"
    MISSED = adherence.MISSED, "Missed"


class DoseLog(models.Model):
    """One scheduled dose of one course, logged once (unique per course and instant).

    ``scheduled_for`` is the instant ``schedules.expand`` gave for the dose, so a
    log always matches exactly one expected dose. A taken dose gets "late" when
    taken after its window closed (``adherence.status_for``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dose_logs"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="dose_logs")
    scheduled_for = models.DateTimeField()
    status = models.CharField(max_length=8, choices=DoseStatus.choices)
    taken_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = VersionField()

    class Meta:
        ordering = ["-scheduled_for"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "scheduled_for"],
                name="therapies_dose_logged_once",
                violation_error_message="This dose is already logged.",
            ),
        ]
        indexes = [models.Index(fields=["user", "scheduled_for"])]

    def __str__(self):
        return f"{self.course.drug.name} {self.scheduled_for:%Y-%m-%d %H:%M} {self.status}"

    def clean(self):
        """The dose must be one the course expects, be due, and have a consistent time."""
        errors = {}
        now = timezone.now()
        course = self.course if self.course_id else None
        today = owner_today(self)
        for name in ("scheduled_for", "taken_at"):
            instant = getattr(self, name)
            if instant is not None:
                collect(errors, partial(date_range.check_planned, instant.date(), today, name))
        if errors:
            raise ValidationError(errors)
        if course is not None and self.user_id and course.user_id != self.user_id:
            errors["course"] = "Choose one of your own courses."
        elif course is not None and self.scheduled_for:
            schedule = course.schedule
            if not course.is_scheduled_at(self.scheduled_for):
                errors["scheduled_for"] = "No dose of this course is scheduled at this time."
            elif self.scheduled_for - schedule.window > now:
                errors["scheduled_for"] = "This dose is not due yet."
            if self.status in (DoseStatus.TAKEN, DoseStatus.LATE):
                if self.taken_at is None:
                    errors["taken_at"] = "Give the time you took it."
                elif self.taken_at > now + CLOCK_SKEW:
                    errors["taken_at"] = "The time taken cannot be in the future."
                elif "scheduled_for" not in errors:
                    self.status = adherence.status_for(
                        self.scheduled_for, self.taken_at, schedule.window
                    )
        if self.status == DoseStatus.MISSED and self.taken_at is not None:
            errors["taken_at"] = "A missed dose has no time taken; choose taken or late instead."
        if errors:
            raise ValidationError(errors)

    @property
    def was_taken(self):
        return self.status in (DoseStatus.TAKEN, DoseStatus.LATE)

    def as_logged(self):
        """The pure-function view of this log (``adherence.Logged``)."""
        return adherence.Logged(self.status, self.taken_at)
