"""Why a label changed: a worsening shown as PIRA until a back-dated relapse was
recorded, and RAW (or neither) since. No Django.

The labels follow from the records, so entering an old relapse after the fact can
turn a PIRA into a RAW, and the marker on the chart changes with no other word.
Without storing past pages, the change is found from the records themselves: a
relapse entered after a worsening was confirmed could not have been seen when it
was first labelled, so the analysis is run again with only the relapses entered by
then; if the worsening was PIRA then and is not now, the relapses entered since
near it are what changed it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from journal.progression import (
    Classification,
    ProgressionEvent,
    ProgressionResult,
    analyse_progression,
)


@dataclass(frozen=True)
class RelapseEntry:
    """A relapse onset (pseudo-relapses left out) and the local date it was recorded."""

    onset: date
    entered: date


@dataclass(frozen=True)
class Reclassification:
    """`event` (as now classified) was PIRA until `relapses` were entered."""

    event: ProgressionEvent
    relapses: tuple[RelapseEntry, ...]

    @property
    def entered(self) -> date:
        return max(r.entered for r in self.relapses)


def reclassified(
    result: ProgressionResult,
    assessments: Sequence[tuple[date, float]],
    entries: Iterable[RelapseEntry],
) -> tuple[Reclassification, ...]:
    """The worsenings of `result` that were PIRA before relapses recorded after their
    confirmation, and are not PIRA now."""
    entries = list(entries)
    settings = result.settings
    found = []
    for event in result.worsenings:
        if event.classification is Classification.PIRA:
            continue
        late = [r for r in entries if r.entered > event.confirmed]
        if not late:
            continue
        seen = [r.onset for r in entries if r.entered <= event.confirmed]
        before = analyse_progression(result.outcome, assessments, seen, settings)
        was = next((e for e in before.worsenings if e.onset == event.onset), None)
        if was is None or was.classification is not Classification.PIRA:
            continue
        first = event.onset - timedelta(days=settings.pira_event_before_days)
        last = event.confirmed + timedelta(days=settings.pira_confirmation_after_days)
        near = tuple(r for r in late if first <= r.onset <= last) or tuple(late)
        found.append(Reclassification(event, tuple(sorted(near, key=lambda r: r.onset))))
    return tuple(found)
