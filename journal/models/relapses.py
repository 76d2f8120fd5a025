"""Relapses (attacks): their dates, what they affected, and the clinical rules."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.urls import reverse

from journal import relapse_rules
from mstracker.accounts import records_version

from .base import JournalEntry, check_rules, owner_today


class Function(models.TextChoices):
    """Functional systems an attack can affect, in the patient's words (after Kurtzke's FS)."""

    VISION = "vision", "Vision (eyes)"
    BRAINSTEM = "brainstem", "Speech, swallowing, double vision, facial feeling"
    STRENGTH = "strength", "Strength (arms or legs)"
    COORDINATION = "coordination", "Coordination and balance"
    SENSATION = "sensation", "Feeling (numbness, tingling, pain)"
    BLADDER_BOWEL = "bladder_bowel", "Bladder or bowel"
    THINKING = "thinking", "Thinking, memory, mood"
    WALKING = "walking", "Walking"
    FATIGUE = "fatigue", "Fatigue"
    OTHER = relapse_rules.OTHER_FUNCTION, "Other (describe it in the note)"


class Severity(models.TextChoices):
    MILD = "mild", "Mild: noticeable, daily life goes on"
    MODERATE = "moderate", "Moderate: daily life is harder"
    SEVERE = "severe", "Severe: cannot manage daily life without help"


class Recovery(models.TextChoices):
    COMPLETE = "complete", "Complete"
    PARTIAL = "partial", "Partial"
    NONE = "none", "None"
    UNKNOWN = "unknown", "Not known yet"


def validate_functions(value):
    allowed = set(Function.values)
    if not isinstance(value, list) or any(item not in allowed for item in value):
        raise ValidationError(
            "Choose affected functions from the list: %(choices)s.",
            params={"choices": ", ".join(Function.values)},
            code="bad_function",
        )


class RelapseQuerySet(models.QuerySet):
    def counted(self):
        """Relapses that count: one per episode, possible pseudo-relapses excluded."""
        return self.filter(episode_of__isnull=True, fever_or_infection=False)


class Relapse(JournalEntry):
    """An attack the patient lived through; the rules live in ``journal.relapse_rules``."""

    onset = models.DateField(help_text="The day the symptoms began.")
    end = models.DateField(
        null=True, blank=True, help_text="Leave empty while the relapse goes on."
    )
    lasted_hours = models.PositiveIntegerField(
        "how many hours the symptoms lasted",
        null=True,
        blank=True,
        validators=[MaxValueValidator(24 * 366)],
        help_text="Only needed when the symptoms ended on the day after they began.",
    )
    functions = models.JSONField(
        "affected functions", default=list, blank=True, validators=[validate_functions]
    )
    severity = models.CharField(max_length=16, choices=Severity.choices, default=Severity.MODERATE)
    fever_or_infection = models.BooleanField(
        "fever or infection at the time",
        default=False,
        help_text="Fever or an infection can bring old symptoms back (a pseudo-relapse).",
    )
    steroids = models.BooleanField("treated with steroids", default=False)
    hospitalised = models.BooleanField(default=False)
    recovery = models.CharField(max_length=16, choices=Recovery.choices, default=Recovery.UNKNOWN)
    clinician_confirmed = models.BooleanField("confirmed by a clinician", default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The clinician who last confirmed or un-confirmed it through a share.",
    )
    note = models.TextField(blank=True, max_length=4000)
    episode_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="linked",
        help_text="The first relapse of the episode when the onset is under 30 days after it.",
    )

    objects = RelapseQuerySet.as_manager()

    class Meta:
        ordering = ["-onset"]
        indexes = [models.Index(fields=["user", "onset"])]

    def __str__(self):
        return f"Relapse from {self.onset}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.episode_of_id = relink_episodes(self.user).get(self.pk)

    def delete(self, *args, **kwargs):
        user = self.user
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            relink_episodes(user)
        return result

    def get_absolute_url(self):
        return reverse("journal:relapse_edit", args=[self.pk])

    def clean(self):
        today = owner_today(self)
        others = []
        if self.user_id:
            others = [
                relapse_rules.Period(key=r.pk, onset=r.onset, end=r.end)
                for r in Relapse.objects.filter(user_id=self.user_id).exclude(pk=self.pk)
            ]
        check_rules(
            lambda: relapse_rules.check_dates(self.onset, self.end, today),
            lambda: relapse_rules.check_functions(self.functions, self.note),
            lambda: relapse_rules.check_minimum_duration(
                self.onset, self.end, self.lasted_hours, today
            ),
            lambda: relapse_rules.check_no_overlap(self.onset, self.end, others),
        )

    @property
    def possible_pseudo_relapse(self):
        return relapse_rules.is_possible_pseudo_relapse(self.fever_or_infection)

    @property
    def is_open(self):
        return self.end is None

    def function_labels(self):
        labels = dict(Function.choices)
        return [labels.get(code, code) for code in self.functions]


def relink_episodes(user):
    """Recompute ``episode_of`` for all of a patient's relapses after a change.

    Editing or deleting one relapse can change which episode later ones belong
    to, so the whole (short) list is relinked; only changed rows are written.
    """
    relapses = list(
        Relapse.objects.filter(user=user).only("id", "onset", "fever_or_infection", "episode_of")
    )
    links = relapse_rules.link_episodes(
        relapse_rules.Period(key=r.pk, onset=r.onset, pseudo=r.possible_pseudo_relapse)
        for r in relapses
    )
    changed = []
    for relapse in relapses:
        if relapse.episode_of_id != links[relapse.pk]:
            relapse.episode_of_id = links[relapse.pk]
            changed.append(relapse)
    if changed:
        Relapse.objects.bulk_update(changed, ["episode_of"])
        records_version.changed(user.pk, therapies=False)  # relapses only: the history
    return links
