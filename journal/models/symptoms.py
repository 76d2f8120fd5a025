"""The symptom catalogue, patients' own symptoms, and per-patient journal settings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import slugify

from journal import exercise_goals
from mstracker.versioning import VersionField


class SymptomQuerySet(models.QuerySet):
    def for_user(self, user):
        """The catalogue plus the patient's own symptoms."""
        return self.filter(Q(owner__isnull=True) | Q(owner=user))

    def visible_for(self, user):
        """What the patient scores on their check-in: without the ones they hid."""
        hidden = JournalSettings.hidden_symptoms.through.objects.filter(
            journalsettings__user=user
        ).values("symptom_id")
        return self.for_user(user).exclude(pk__in=hidden)


class Symptom(models.Model):
    """A symptom scored 0 (none) to 10 (worst). No owner: the shared catalogue."""

    code = models.SlugField(max_length=64)
    name = models.CharField(max_length=80)
    anchor_low = models.CharField("what 0 means", max_length=120, default="None")
    anchor_high = models.CharField("what 10 means", max_length=120, default="Worst imaginable")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty for the catalogue; the patient for their own symptoms.",
    )
    position = models.PositiveSmallIntegerField(default=100)
    version = VersionField()

    objects = SymptomQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(owner__isnull=True), name="journal_catalogue_code"
            ),
            models.UniqueConstraint(fields=["owner", "code"], name="journal_own_symptom_code"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_custom(self):
        return self.owner_id is not None

    @classmethod
    def custom_code(cls, owner, name):
        """A code for a patient's own symptom: ``my_`` + slug, never a catalogue code."""
        base = "my_" + (slugify(name).replace("-", "_")[:50] or "symptom")
        code, n = base, 2
        taken = set(
            cls.objects.filter(owner=owner, code__startswith=base).values_list("code", flat=True)
        )
        while code in taken:
            code, n = f"{base}_{n}", n + 1
        return code


class JournalSettingsManager(models.Manager):
    def for_user(self, user):
        obj, _ = self.get_or_create(user=user)
        return obj


class JournalSettings(models.Model):
    """A patient's journal preferences: weekly exercise goal, hidden symptoms."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_settings"
    )
    exercise_goal_minutes = models.PositiveSmallIntegerField(
        "aerobic minutes per week",
        default=exercise_goals.DEFAULT_GOAL_MINUTES,
        validators=[MinValueValidator(10), MaxValueValidator(1500)],
    )
    exercise_goal_sessions = models.PositiveSmallIntegerField(
        "aerobic sessions per week",
        default=exercise_goals.DEFAULT_GOAL_SESSIONS,
        validators=[MinValueValidator(1), MaxValueValidator(21)],
    )
    hidden_symptoms = models.ManyToManyField(Symptom, blank=True, related_name="+")

    objects = JournalSettingsManager()

    class Meta:
        verbose_name_plural = "journal settings"

    def __str__(self):
        return f"Journal settings of {self.user}"
