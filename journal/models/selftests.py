"""Self-test runs: a symbol-digit or tapping session, issued by the server, uploaded once."""

from django.db import models

from journal import selftest_rules

from .base import JournalEntry
from .measures import Measure


class SelfTestKind(models.TextChoices):
    SDT = selftest_rules.SDT, "Symbol-digit test"
    TAP_DOMINANT = selftest_rules.TAP_DOMINANT, "Tapping test, dominant hand"
    TAP_NONDOMINANT = selftest_rules.TAP_NONDOMINANT, "Tapping test, other hand"


class InputKind(models.TextChoices):
    TOUCH = "touch", "Touch screen"
    MOUSE = "mouse", "Mouse or trackpad"
    PEN = "pen", "Pen"
    KEYBOARD = "keyboard", "Keyboard"


class SelfTestRun(JournalEntry):
    """One session of a self-test, from the moment the server issues it.

    The server draws the symbol-digit key (`pairing`) and the symbols to show
    (`items`, `practice_items`) for this session only; the page uploads the raw trials
    once (`completed_at`), and they are kept as sent so the run can be re-scored. The
    scores are derived by `journal.selftest_rules`; a completed run that is not
    practice becomes the day's `Measure` of its kind (`journal.selftests`).
    """

    kind = models.CharField(max_length=24, choices=SelfTestKind.choices)
    issued_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    date = models.DateField(null=True, blank=True, help_text="The patient's local day of the run.")
    pairing = models.JSONField(default=list, blank=True, help_text="Digit of symbol 0-8.")
    items = models.JSONField(default=list, blank=True, help_text="Symbols to show, in order.")
    practice_items = models.JSONField(default=list, blank=True)
    input = models.CharField(max_length=12, choices=InputKind.choices, blank=True)
    trials = models.JSONField(
        default=list, blank=True, help_text="As uploaded: [answer or target, ms] pairs."
    )
    practice_trials = models.JSONField(default=list, blank=True)
    score = models.PositiveIntegerField(null=True, blank=True)
    errors = models.PositiveIntegerField(null=True, blank=True)
    median_ms = models.FloatField(null=True, blank=True)
    cv = models.FloatField(null=True, blank=True)
    practice = models.BooleanField(default=False)
    measure = models.OneToOneField(
        Measure, on_delete=models.SET_NULL, null=True, blank=True, related_name="self_test"
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["user", "kind", "completed_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} issued {self.issued_at:%Y-%m-%d %H:%M}"

    @property
    def is_tapping(self):
        return self.kind != SelfTestKind.SDT
