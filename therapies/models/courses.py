"""A patient's therapy courses (drug, dates, dose, schedule) and the side effects they note."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from journal.models.base import collect, owner_today
from mstracker import date_range
from mstracker.versioning import VersionField
from therapies.schedules import Schedule, expand

from .catalogue import Drug
from .validators import parse_schedule, validate_schedule

POSITIVE_DOSE = MinValueValidator(Decimal("0.001"), message="Enter a dose above zero.")


class StopReason(models.TextChoices):
    SIDE_EFFECTS = "side_effects", "Side effects"
    LACK_OF_EFFICACY = "lack_of_efficacy", "Not working well enough"
    PREGNANCY_PLANNING = "pregnancy_planning", "Pregnancy or planning one"
    COST = "cost", "Cost or access"
    OTHER = "other", "Other"


class DoseUnit(models.TextChoices):
    MG = "mg", "mg"
    MCG = "mcg", "micrograms (mcg)"
    G = "g", "g"
    MG_M2 = "mg/m2", "mg/m² (body surface)"
    IU = "IU", "IU"
    ML = "mL", "mL"
    TABLET = "tablet", "tablet(s)"


class CourseQuerySet(models.QuerySet):
    def running_on(self, day):
        """Courses that had started by ``day`` and had not stopped before it."""
        return self.filter(start__lte=day).filter(Q(stop__isnull=True) | Q(stop__gte=day))

    def overlapping(self, first, last):
        return self.filter(start__lte=last).filter(Q(stop__isnull=True) | Q(stop__gte=first))


class Course(models.Model):
    """One stretch on one drug. ``stop`` is the last day on it (inclusive)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapy_courses"
    )
    # RESTRICT, not PROTECT: a drug with courses cannot be deleted on its own, but
    # deleting the account deletes its custom drugs and the courses on them together.
    drug = models.ForeignKey(Drug, on_delete=models.RESTRICT, related_name="courses")
    start = models.DateField("first day")
    stop = models.DateField(
        "last day", null=True, blank=True, help_text="Leave empty while you are on it."
    )
    stop_reason = models.CharField(
        "reason for stopping", max_length=24, choices=StopReason.choices, blank=True
    )
    dose = models.DecimalField(max_digits=10, decimal_places=3, validators=[POSITIVE_DOSE])
    dose_unit = models.CharField(max_length=16, choices=DoseUnit.choices, default=DoseUnit.MG)
    schedule_override = models.JSONField(
        null=True,
        blank=True,
        validators=[validate_schedule],
        help_text="Your own schedule, when it differs from the catalogue's.",
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = VersionField()

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stop__isnull=True) | Q(stop__gte=F("start")),
                name="therapies_course_stop_not_before_start",
                violation_error_message="The last day cannot be before the first day.",
            ),
        ]
        indexes = [models.Index(fields=["user", "start"])]

    def __str__(self):
        return f"{self.drug.name} from {self.start:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("therapies:course_edit", args=[self.pk])

    def clean(self):
        errors = {}
        today = owner_today(self)
        collect(errors, lambda: date_range.check_planned(self.start, today, "start"))
        collect(errors, lambda: date_range.check_planned(self.stop, today, "stop"))
        if self.drug_id and self.user_id and self.drug.owner_id not in (None, self.user_id):
            errors["drug"] = "Choose a drug from the catalogue or one of your own."
        if self.stop and self.start and self.stop < self.start:
            errors.setdefault("stop", "The last day cannot be before the first day.")
        if self.stop_reason and not self.stop:
            errors["stop_reason"] = "Give the last day too, or leave the reason empty."
        if errors:
            raise ValidationError(errors)

    @property
    def schedule(self) -> Schedule:
        """The schedule in force: the patient's override, else the catalogue's."""
        return parse_schedule(self.schedule_override or self.drug.schedule)

    @property
    def clinic_administered(self):
        return self.drug.clinic_administered

    def is_running_on(self, day):
        return self.start <= day and (self.stop is None or self.stop >= day)

    def expected_doses(self, range_start, range_end, tz=None):
        """Expected instants in ``[range_start, range_end)`` in the owner's zone."""
        return expand(
            self.schedule, self.start, self.stop, range_start, range_end, tz or self.user.zone
        )

    def is_scheduled_at(self, instant, tz=None):
        """Whether a dose of this course is due at exactly ``instant``."""
        window = timedelta(seconds=1)
        return bool(self.expected_doses(instant, instant + window, tz))


class Severity(models.TextChoices):
    MILD = "mild", "Mild: noticeable, no need to change anything"
    MODERATE = "moderate", "Moderate: gets in the way of daily life"
    SEVERE = "severe", "Severe: needed medical help or stopping the drug"


class SideEffect(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="side_effects"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="side_effects")
    date = models.DateField()
    effect = models.CharField("what happened", max_length=120)
    severity = models.CharField(max_length=12, choices=Severity.choices, default=Severity.MILD)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = VersionField()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["user", "date"])]

    def __str__(self):
        return f"{self.effect} on {self.date:%Y-%m-%d}"

    def clean(self):
        errors = {}
        if self.course_id and self.user_id and self.course.user_id != self.user_id:
            errors["course"] = "Choose one of your own courses."
        elif self.course_id and self.date and self.date < self.course.start:
            errors["date"] = (
                f"This course started on {self.course.start:%d %B %Y}; "
                "a side effect of it cannot come earlier."
            )
        today = owner_today(self)
        collect(errors, lambda: date_range.check_observed(self.date, today, "date"))
        if errors:
            raise ValidationError(errors)
