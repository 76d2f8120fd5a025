"""Questionnaire responses (PHQ-9, GAD-7), scored by ``journal.questionnaires``."""

from django.db import models
from django.urls import reverse

from journal import questionnaires

from .base import JournalEntry, check_rules, observed_on


class QuestionnaireKind(models.TextChoices):
    PHQ9 = questionnaires.PHQ9, "PHQ-9 (depression)"
    GAD7 = questionnaires.GAD7, "GAD-7 (anxiety)"


class QuestionnaireResponse(JournalEntry):
    """The patient's answers; score and band are derived on save and never typed in."""

    kind = models.CharField(max_length=8, choices=QuestionnaireKind.choices)
    date = models.DateField()
    answers = models.JSONField(help_text="One answer 0-3 per item, in order.")
    score = models.PositiveSmallIntegerField(editable=False)
    band = models.CharField(max_length=24, editable=False)

    class Meta:
        ordering = ["-date", "kind"]
        indexes = [models.Index(fields=["user", "kind", "date"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date}: {self.score}"

    def save(self, *args, **kwargs):
        self.derive_score()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("journal:questionnaire_detail", args=[self.pk])

    def derive_score(self):
        """Score and band from the answers (also for rows made by ``bulk_create``)."""
        self.score = questionnaires.score(self.kind, self.answers)
        self.band = questionnaires.band(self.kind, self.score).code

    def clean(self):
        check_rules(
            lambda: questionnaires.check_answers(self.kind, self.answers),
            observed_on(self),
        )

    @property
    def instrument(self):
        return questionnaires.INSTRUMENTS[self.kind]

    @property
    def band_label(self):
        return questionnaires.band(self.kind, self.score).label

    @property
    def needs_crisis_resources(self):
        return questionnaires.needs_crisis_resources(self.kind, self.answers)

    def items_with_answers(self):
        options = dict(questionnaires.OPTIONS)
        return [
            (text, answer, options[answer])
            for text, answer in zip(self.instrument.items, self.answers, strict=True)
        ]
