"""A possible-transition signal: worsening independent of relapses that may mean a
move from relapsing-remitting to secondary progressive MS, worded as something to
discuss with the neurologist, never a diagnosis.

The rule follows the objective SPMS definition of Lorscheider et al. (Brain
2016;139:2395-2405): an EDSS rise of 1.0 from a baseline of 5.5 or less, or 0.5
from 6.0 or more, in the absence of a relapse, reaching EDSS 4.0 or more,
confirmed at least 3 months later. Their definition also asks for a pyramidal
functional-system score of at least 2, which MS Tracker does not record: the signal
says so.

Pure Python, no Django. One implementation of each rule: the confirmed worsening
and "independent of relapses" are the progression engine's (`analyse_progression`,
roving baseline, PIRA after Müller et al. 2023), run with the definition's step
(the EDSS cut-off at 5.5) and its confirmation (3 months, no earlier tolerance).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from journal.progression import (
    Classification,
    EventType,
    Outcome,
    ProgressionSettings,
    analyse_progression,
)

SOURCE = "Lorscheider et al., Brain 2016"
PYRAMIDAL_NOTE = (
    "The published definition also needs a pyramidal functional-system score of 2 or "
    "more, which MS Tracker does not record, so that part cannot be checked here."
)


@dataclass(frozen=True)
class TransitionSettings:
    """The named settings of the signal, with the published values as defaults."""

    # MS courses the signal is for (accounts.MSCourse values): relapsing-remitting MS.
    # Off for CIS (not MS yet) and for a course already called progressive.
    courses: frozenset = field(default_factory=lambda: frozenset({"rrms"}))
    minimum_edss: float = 4.0
    # A rise of 1.0 is needed from a baseline up to this, 0.5 above it.
    step_cutoff: float = 5.5
    confirmation_days: int = 91  # 3 months

    def progression_settings(self) -> ProgressionSettings:
        return ProgressionSettings(
            edss_cutoff=self.step_cutoff,
            confirmation_days=self.confirmation_days,
            confirmation_tolerance_before_days=0,
        )


class Status(StrEnum):
    OFF = "off"  # not a relapsing course: the signal does not apply
    TOO_FEW = "too_few"  # fewer than two EDSS assessments
    QUIET = "quiet"
    FIRES = "fires"


@dataclass(frozen=True)
class TransitionSignal:
    status: Status
    baseline_date: date | None = None
    baseline_value: float | None = None
    onset: date | None = None
    confirmed: date | None = None
    value: float | None = None

    @property
    def fires(self) -> bool:
        return self.status is Status.FIRES


def transition_signal(
    edss: Iterable[tuple[date, float]],
    relapse_onsets: Iterable[date],
    ms_course: str,
    settings: TransitionSettings | None = None,
) -> TransitionSignal:
    """The first EDSS worsening that meets the objective SPMS definition: a PIRA event
    (confirmed at least `confirmation_days` later, the step by `step_cutoff`) whose
    value at onset and at confirmation is at least `minimum_edss`. OFF unless
    `ms_course` is one of `settings.courses`."""
    settings = settings or TransitionSettings()
    if ms_course not in settings.courses:
        return TransitionSignal(Status.OFF)
    edss = list(edss)
    if len({day for day, _ in edss}) < 2:
        return TransitionSignal(Status.TOO_FEW)
    result = analyse_progression(
        Outcome.EDSS, edss, relapse_onsets, settings.progression_settings()
    )
    for event in result.events:
        if (
            event.type is EventType.CDW
            and event.classification is Classification.PIRA
            and min(event.value, event.confirmed_value) >= settings.minimum_edss
        ):
            return TransitionSignal(
                Status.FIRES,
                baseline_date=event.baseline_date,
                baseline_value=event.baseline_value,
                onset=event.onset,
                confirmed=event.pira_confirmed or event.confirmed,
                value=event.confirmed_value,
            )
    return TransitionSignal(Status.QUIET)
