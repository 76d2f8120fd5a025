"""Self-test sessions: issue one, take its single upload, turn a counted run into a measure.

The database glue around the pure rules of `journal.selftest_rules`; the API and the
pages call these. Which runs count, in one place (`counts`):

- the first `PRACTICE_RUNS` completed runs of a test with one input (touch, mouse,
  pen, keyboard) are practice: kept and shown, never a measure;
- the trend follows one input per test, the one the patient's first run used, so
  results from different inputs are never mixed in a series;
- a day has at most one measure per test (the first counted run of the day).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from journal import selftest_rules as rules
from journal.models import Measure, SelfTestKind, SelfTestRun, Source
from journal.rules import RuleViolation


def issue(subject, kind: str, now=None) -> SelfTestRun:
    """A new session of ``kind`` for ``subject``: a fresh random key and item sequence
    for the symbol-digit test, nothing to draw for tapping."""
    if kind not in SelfTestKind.values:
        raise RuleViolation("kind", "Choose one of: " + ", ".join(SelfTestKind.values), "invalid")
    run = SelfTestRun(user=subject, kind=kind, issued_at=now or timezone.now())
    if kind == SelfTestKind.SDT:
        run.pairing = rules.new_pairing()
        run.practice_items = rules.new_items(rules.SDT_PRACTICE_ITEMS)
        run.items = rules.new_items(rules.SDT_ITEMS)
    run.save()
    return run


@dataclass(frozen=True)
class Upload:
    input: str
    trials: list
    practice_trials: list


def submit(run_id, subject, upload: Upload, now=None) -> SelfTestRun:
    """Score the one upload of session ``run_id`` and store it with its raw trials.

    Refused (`RuleViolation`): a session already uploaded (a replay), one issued more
    than `SESSION_MINUTES` ago, an unknown input, and implausible trials
    (`selftest_rules.check_sdt` / `check_tapping`). The run row is locked, so two
    uploads of one session at once store one. Raises `SelfTestRun.DoesNotExist` for a
    session that is not the subject's.
    """
    now = now or timezone.now()
    with transaction.atomic():
        run = SelfTestRun.objects.select_for_update().get(pk=run_id, user=subject)
        if run.completed_at is not None:
            raise RuleViolation(
                "session",
                "This session was already uploaded; start a new one for another run.",
                "replayed",
            )
        if now - run.issued_at > timedelta(minutes=rules.SESSION_MINUTES):
            raise RuleViolation(
                "session",
                f"This session expired ({rules.SESSION_MINUTES} minutes); start a new one.",
                "expired",
            )
        if upload.input not in rules.INPUTS:
            raise RuleViolation("input", "Choose one of: " + ", ".join(rules.INPUTS), "invalid")
        if run.kind == SelfTestKind.SDT:
            answers = rules.check_sdt(run.items, upload.trials, upload.practice_trials)
            result = rules.score_sdt(run.items, run.pairing, answers)
            run.score, run.errors, run.median_ms = result.correct, result.errors, result.median_ms
            run.cv = None
        else:
            taps = rules.check_tapping(upload.trials)
            result = rules.score_tapping(taps)
            run.score, run.errors, run.cv = result.taps, result.misses, result.cv
            run.median_ms = result.mean_interval_ms
        run.input = upload.input
        run.trials = [list(t) for t in upload.trials]
        run.practice_trials = [list(t) for t in upload.practice_trials]
        run.completed_at = now
        run.date = subject.local_today()
        counted = counts(run)
        run.practice = counted is Practice
        if counted is True:
            run.measure = Measure.objects.create(
                user=subject,
                recorded_by=subject,
                kind=run.kind,
                date=run.date,
                value=run.score,
                source=Source.SELF,
                note=f"MS Tracker self-test ({run.get_input_display().lower()})",
            )
        run.save()
    return run


class Practice:
    """`counts()`: the run is practice."""


def counts(run: SelfTestRun):
    """Whether a just-completed run becomes a measure: True, `Practice`, or a reason it
    is kept apart (another input than the trend's, a measure already that day)."""
    done = SelfTestRun.objects.filter(
        user_id=run.user_id, kind=run.kind, completed_at__isnull=False
    ).exclude(pk=run.pk)
    same_input = done.filter(input=run.input).count()
    if rules.is_practice(same_input):
        return Practice
    if series_input(run.user_id, run.kind, default=run.input) != run.input:
        return "other input"
    if Measure.objects.filter(user_id=run.user_id, kind=run.kind, date=run.date).exists():
        return "one a day"
    return True


def series_input(user_id, kind: str, default: str = "") -> str:
    """The input a test's trend follows: the one of the patient's first completed run."""
    first = (
        SelfTestRun.objects.filter(user_id=user_id, kind=kind, completed_at__isnull=False)
        .order_by("completed_at", "pk")
        .values_list("input", flat=True)
        .first()
    )
    return first or default


def status(run: SelfTestRun) -> str:
    """How a completed run counts, in words for the page and the API."""
    if run.completed_at is None:
        return "not uploaded"
    if run.practice:
        return "practice"
    if run.measure_id:
        return "counted"
    return "kept apart"
