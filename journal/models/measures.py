"""Disability measures: EDSS, PDDS, timed 25-foot walk, 9-hole peg test."""

from django.db import models
from django.urls import reverse

from journal import measure_rules
from journal.rules import RuleViolation

from .base import JournalEntry, check_rules, owner_today


class MeasureKind(models.TextChoices):
    EDSS = measure_rules.EDSS, "EDSS"
    PDDS = measure_rules.PDDS, "PDDS"
    T25FW = measure_rules.T25FW, "Timed 25-foot walk (seconds)"
    NHPT_DOMINANT = measure_rules.NHPT_DOMINANT, "9-hole peg test, dominant hand (seconds)"
    NHPT_NONDOMINANT = measure_rules.NHPT_NONDOMINANT, "9-hole peg test, other hand (seconds)"
    SDT = measure_rules.SDT, "Symbol-digit self-test (correct in 90 s)"
    TAP_DOMINANT = measure_rules.TAP_DOMINANT, "Tapping self-test, dominant hand (taps in 10 s)"
    TAP_NONDOMINANT = measure_rules.TAP_NONDOMINANT, "Tapping self-test, other hand (taps in 10 s)"


class Source(models.TextChoices):
    SELF = "self", "Measured or rated by me"
    CLINICIAN = "clinician", "Entered by my clinician"
    VISIT_LETTER = "visit_letter", "From a clinic visit letter"


class Measure(JournalEntry):
    """One assessment on one scale: a plain number the progression engine reads."""

    kind = models.CharField(max_length=24, choices=MeasureKind.choices)
    date = models.DateField()
    value = models.FloatField()
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.SELF)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-date", "kind"]
        indexes = [models.Index(fields=["user", "kind", "date"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value:g} on {self.date}"

    def get_absolute_url(self):
        return reverse("journal:measure_edit", args=[self.pk])

    def clean(self):
        check_rules(
            lambda: measure_rules.check_value(self.kind, self.value),
            lambda: measure_rules.check_date(self.date, owner_today(self)),
            self._check_one_per_day,
        )

    def _check_one_per_day(self):
        """One value per scale per day keeps the progression series unambiguous."""
        if not (self.user_id and self.kind and self.date):
            return
        duplicate = (
            Measure.objects.filter(user_id=self.user_id, kind=self.kind, date=self.date)
            .exclude(pk=self.pk)
            .exists()
        )
        if duplicate:
            raise RuleViolation(
                "date",
                f"You already have a {self.get_kind_display()} for {self.date:%d %b %Y}. "
                "Edit that one instead.",
                "duplicate",
            )

    @property
    def scale(self):
        return measure_rules.SCALES[self.kind]

    def display_value(self):
        unit = self.scale.unit
        return f"{self.value:g} {unit}".strip()
