"""MRI reports: one row per scan, entered from the report letter or by a clinician."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from journal import mri_rules

from .base import JournalEntry, check_rules, observed_on


class Region(models.TextChoices):
    BRAIN = mri_rules.BRAIN, "Brain"
    SPINE = mri_rules.SPINE, "Spinal cord"
    BOTH = mri_rules.BOTH, "Brain and spinal cord"


class MriSource(models.TextChoices):
    REPORT_LETTER = mri_rules.REPORT_LETTER, "From the report letter"
    CLINICIAN = mri_rules.CLINICIAN, "Entered by my clinician"


class MriReport(JournalEntry):
    """A scan's findings as the report states them; a count not stated is NULL."""

    date = models.DateField("date of the scan")
    region = models.CharField(max_length=8, choices=Region.choices, default=Region.BRAIN)
    contrast = models.BooleanField("contrast (gadolinium) given", default=False)
    new_t2_lesions = models.PositiveSmallIntegerField(
        "new or enlarging T2 lesions",
        null=True,
        blank=True,
        help_text="0 when the report says none; empty when it does not say.",
    )
    enhancing_lesions = models.PositiveSmallIntegerField(
        "gadolinium-enhancing lesions",
        null=True,
        blank=True,
        help_text="0 when the report says none; empty when it does not say.",
    )
    brain_volume_change = models.FloatField(
        "brain volume change (% per year)",
        null=True,
        blank=True,
        help_text="Only if the report states it, e.g. -0.4.",
    )
    summary = models.TextField("summary", max_length=4000, blank=True)
    source = models.CharField(
        max_length=16, choices=MriSource.choices, default=MriSource.REPORT_LETTER
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The account that entered it (the patient or a clinician).",
    )

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["user", "date"])]
        verbose_name = "MRI report"

    def __str__(self):
        return f"{self.get_region_display()} MRI on {self.date}"

    def get_absolute_url(self):
        return reverse("journal:mri_edit", args=[self.pk])

    def clean(self):
        check_rules(
            observed_on(self),
            lambda: mri_rules.check_count("new_t2_lesions", self.new_t2_lesions),
            lambda: mri_rules.check_count("enhancing_lesions", self.enhancing_lesions),
            lambda: mri_rules.check_volume_change(self.brain_volume_change),
            lambda: mri_rules.check_enhancing_needs_contrast(self.contrast, self.enhancing_lesions),
        )

    @property
    def activity(self):
        """``active``, ``quiet`` or ``unknown`` (``mri_rules.activity``)."""
        return mri_rules.activity(self.new_t2_lesions, self.enhancing_lesions)
