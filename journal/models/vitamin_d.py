"""Vitamin D supplement doses and serum 25(OH)D results (stored in nmol/L)."""

from django.db import models
from django.urls import reverse

from journal import units

from .base import JournalEntry, check_rules, observed_on


class Regimen(models.TextChoices):
    DAILY = "daily", "Daily dose"
    WEEKLY = "weekly", "Weekly dose"


class LevelUnit(models.TextChoices):
    NG_PER_ML = units.NG_PER_ML, "ng/mL"
    NMOL_PER_L = units.NMOL_PER_L, "nmol/L"


class VitaminDDose(JournalEntry):
    date = models.DateField()
    iu = models.PositiveIntegerField("dose (IU)", help_text="1 microgram = 40 IU.")
    regimen = models.CharField(max_length=8, choices=Regimen.choices, default=Regimen.DAILY)

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["user", "date"])]
        verbose_name = "vitamin D dose"

    def __str__(self):
        return f"{self.iu} IU on {self.date}"

    def get_absolute_url(self):
        return reverse("journal:vitd_dose_edit", args=[self.pk])

    def clean(self):
        check_rules(lambda: units.check_dose(self.iu), observed_on(self))

    @property
    def daily_equivalent(self):
        return units.daily_equivalent(self.iu, self.regimen)


class VitaminDLevel(JournalEntry):
    """A blood result. Stored in nmol/L; ``unit`` remembers what the lab reported."""

    date = models.DateField()
    nmol_per_l = models.FloatField("25(OH)D in nmol/L")
    unit = models.CharField(
        "unit on the lab report", max_length=8, choices=LevelUnit.choices, default=units.NMOL_PER_L
    )

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["user", "date"])]
        verbose_name = "vitamin D level"

    def __str__(self):
        return f"{self.value:g} {self.unit} on {self.date}"

    def get_absolute_url(self):
        return reverse("journal:vitd_level_edit", args=[self.pk])

    def clean(self):
        def level():
            if self.nmol_per_l is not None and self.unit in units.UNITS:
                units.check_level(self.value, self.unit)

        check_rules(level, observed_on(self))

    def set_value(self, value, unit):
        self.unit = unit
        self.nmol_per_l = units.to_nmol(value, unit)

    @property
    def value(self):
        """The result in the unit it was entered in, to one decimal."""
        if self.nmol_per_l is None:
            return None
        return round(units.from_nmol(self.nmol_per_l, self.unit), 1)

    @property
    def ng_per_ml(self):
        return round(units.from_nmol(self.nmol_per_l, units.NG_PER_ML), 1)

    @property
    def band(self):
        return units.level_band(self.nmol_per_l)
