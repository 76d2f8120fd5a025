"""Monitoring blood tests for DMT safety, each stored in one unit per kind."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from journal import lab_rules

from .base import JournalEntry, check_rules, observed_on


def _number(value):
    return f"{round(value, 3):g}"


class LabKind(models.TextChoices):
    LYMPHOCYTES = lab_rules.LYMPHOCYTES, "Lymphocyte count"
    JCV_INDEX = lab_rules.JCV_INDEX, "JCV antibody index"
    IGG = lab_rules.IGG, "Immunoglobulin G (IgG)"
    ALT = lab_rules.ALT, "ALT (alanine aminotransferase)"


class LabUnit(models.TextChoices):
    PER_NL = lab_rules.PER_NL, "x 10^9/L"
    PER_UL = lab_rules.PER_UL, "cells/uL"
    INDEX = lab_rules.INDEX, "index"
    G_PER_L = lab_rules.G_PER_L, "g/L"
    MG_PER_DL = lab_rules.MG_PER_DL, "mg/dL"
    U_PER_L = lab_rules.U_PER_L, "U/L"
    UKAT_PER_L = lab_rules.UKAT_PER_L, "ukat/L"


class LabResult(JournalEntry):
    """One result. ``value`` and the reference range are in the kind's stored unit
    (``lab_rules.KINDS[kind].unit``); ``unit`` remembers what the report used."""

    date = models.DateField()
    kind = models.CharField(max_length=16, choices=LabKind.choices)
    value = models.FloatField("result, in the stored unit")
    unit = models.CharField("unit on the lab report", max_length=12, choices=LabUnit.choices)
    reference_low = models.FloatField("reference range from", null=True, blank=True)
    reference_high = models.FloatField("reference range to", null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The account that entered it.",
    )

    class Meta:
        ordering = ["-date", "kind", "-created_at"]
        indexes = [models.Index(fields=["user", "kind", "date"])]
        verbose_name = "lab result"

    def __str__(self):
        return f"{self.get_kind_display()} {self.shown_value:g} {self.unit_label} on {self.date}"

    def get_absolute_url(self):
        return reverse("journal:lab_edit", args=[self.pk])

    def clean(self):
        def value():
            if self.kind in lab_rules.KINDS:
                lab_rules.unit_for(self.kind, self.unit)
                lab_rules.check_value(self.kind, self.value)

        def reference():
            if self.kind in lab_rules.KINDS:
                lab_rules.check_value(self.kind, self.reference_low, "reference_low")
                lab_rules.check_value(self.kind, self.reference_high, "reference_high")
            lab_rules.check_reference(self.reference_low, self.reference_high)

        check_rules(value, reference, observed_on(self))

    def set_values(self, value, unit, low=None, high=None):
        """Store a result and its reference range entered in ``unit``."""
        unit = lab_rules.unit_for(self.kind, unit)
        self.unit = unit
        self.value = lab_rules.to_stored(self.kind, value, unit)
        self.reference_low = lab_rules.to_stored(self.kind, low, unit)
        self.reference_high = lab_rules.to_stored(self.kind, high, unit)

    def in_unit(self, stored):
        """A stored value in the unit the report used, rounded for display."""
        if stored is None or self.kind not in lab_rules.KINDS:
            return stored
        return round(lab_rules.from_stored(self.kind, stored, self.unit), 6)

    @property
    def shown_value(self):
        return self.in_unit(self.value)

    @property
    def shown_low(self):
        return self.in_unit(self.reference_low)

    @property
    def shown_high(self):
        return self.in_unit(self.reference_high)

    @property
    def value_text(self):
        """The result as on the report: "9.8 g/L", "650 cells/uL"."""
        return f"{_number(self.shown_value)} {self.unit_label}"

    @property
    def reference_text(self):
        """The report's range in its unit, or "" without one."""
        low, high = self.shown_low, self.shown_high
        if low is not None and high is not None:
            return f"{_number(low)} to {_number(high)} {self.unit_label}"
        if low is not None:
            return f"{_number(low)} {self.unit_label} or more"
        if high is not None:
            return f"up to {_number(high)} {self.unit_label}"
        return ""

    @property
    def unit_label(self):
        return lab_rules.UNIT_LABELS.get(self.unit, self.unit)

    @property
    def stored_unit(self):
        return lab_rules.KINDS[self.kind].unit

    @property
    def outside_reference(self):
        """``low``, ``high`` or None (inside the report's range, or none given)."""
        return lab_rules.outside_reference(self.value, self.reference_low, self.reference_high)
