"""NEDA-3 (no evidence of disease activity) per calendar year and over a range, and
"silent progression": confirmed worsening independent of relapses while the MRI is quiet.

Pure Python, no Django: the dashboard, the progression API and the clinician pages
take the same answers. NEDA-3 (Havrdova et al., Lancet Neurol 2009; Giovannoni et al.,
Mult Scler Relat Disord 2015) has three parts, each judged on its own:

- no relapse: no relapse episode began in the period (onsets under 30 days apart are
  one episode; possible pseudo-relapses, with fever or infection, are left out);
- no MRI activity: at least one scan in the period, none with a new or enlarging T2
  lesion or a gadolinium-enhancing lesion (``journal.mri_rules.activity``);
- no worsening: at least one assessment of the measure in the period and no
  confirmed disability worsening (the progression engine's CDW) with its onset in it.

A part is None ("unknown") when the period has no scan, no assessment, or a scan whose
report does not say: missing data never makes a reassuring "yes". NEDA-3 is False as
soon as one part is False, True only when all three are True, otherwise None.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from journal.dashboard_types import DateRange
from journal.mri_rules import ACTIVE, QUIET, UNKNOWN
from journal.progression import Classification, EventType, ProgressionEvent


@dataclass(frozen=True)
class Scan:
    """One MRI as NEDA-3 reads it: its date and ``mri_rules.activity``."""

    date: date
    activity: str


def word(value: bool | None) -> str:
    """How a page says a part or NEDA-3 itself."""
    return "Unknown" if value is None else "Yes" if value else "No"


@dataclass(frozen=True)
class Part:
    """One of the three parts: True, False or None (unknown), and what it rests on."""

    value: bool | None
    basis: str

    @property
    def word(self) -> str:
        return word(self.value)


@dataclass(frozen=True)
class Period:
    """NEDA-3 over ``start``..``end``: a calendar year (``label`` "2025", clipped to the
    range) or the whole range (``label`` "2024-11-25/2026-11-24", ISO 8601)."""

    label: str
    start: date
    end: date
    relapse_free: Part
    mri_quiet: Part
    no_worsening: Part
    is_range: bool = False

    @property
    def neda(self) -> bool | None:
        parts = (self.relapse_free.value, self.mri_quiet.value, self.no_worsening.value)
        if False in parts:
            return False
        if None in parts:
            return None
        return True

    @property
    def word(self) -> str:
        return word(self.neda)

    @property
    def parts(self) -> tuple[Part, Part, Part]:
        return (self.relapse_free, self.mri_quiet, self.no_worsening)

    def to_dict(self) -> dict:
        return {
            "period": self.label,
            "start": self.start,
            "end": self.end,
            "relapse_free": self.relapse_free.value,
            "mri_quiet": self.mri_quiet.value,
            "no_worsening": self.no_worsening.value,
            "neda": self.neda,
        }


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _human(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def relapse_part(episode_onsets: Iterable[date], first: date, last: date) -> Part:
    onsets = [d for d in episode_onsets if first <= d <= last]
    if onsets:
        return Part(False, f"{_plural(len(onsets), 'relapse')} (first {_human(onsets[0])})")
    return Part(True, "no relapse recorded")


def mri_part(scans: Iterable[Scan], first: date, last: date) -> Part:
    inside = [s for s in scans if first <= s.date <= last]
    active = [s for s in inside if s.activity == ACTIVE]
    unknown = [s for s in inside if s.activity == UNKNOWN]
    if active:
        return Part(
            False, f"{_plural(len(active), 'active scan')} (first {_human(active[0].date)})"
        )
    if not inside:
        return Part(None, "no scan")
    if unknown:
        return Part(
            None,
            f"{_plural(len(inside), 'scan')}; {len(unknown)} without a stated count of new lesions",
        )
    return Part(True, f"{_plural(len(inside), 'scan')}, all quiet")


def worsening_part(
    assessment_dates: Sequence[date],
    events: Iterable[ProgressionEvent],
    first: date,
    last: date,
    measure_name: str,
) -> Part:
    worse = [e for e in events if e.type is EventType.CDW and first <= e.onset <= last]
    if worse:
        kinds = ", ".join(e.classification.value if e.classification else "CDW" for e in worse)
        return Part(
            False, f"confirmed {measure_name} worsening ({kinds}) from {_human(worse[0].onset)}"
        )
    count = sum(1 for d in assessment_dates if first <= d <= last)
    if not count:
        return Part(None, f"no {measure_name} assessment")
    return Part(True, f"{_plural(count, measure_name + ' assessment')}, no confirmed worsening")


def periods(
    span: DateRange,
    episode_onsets: Sequence[date],
    scans: Sequence[Scan],
    assessment_dates: Sequence[date],
    events: Sequence[ProgressionEvent],
    measure_name: str = "EDSS",
) -> tuple[Period, ...]:
    """One period per calendar year the range touches (clipped to it), then the range."""

    def period(label, first, last, is_range=False):
        return Period(
            label=label,
            start=first,
            end=last,
            relapse_free=relapse_part(episode_onsets, first, last),
            mri_quiet=mri_part(scans, first, last),
            no_worsening=worsening_part(assessment_dates, events, first, last, measure_name),
            is_range=is_range,
        )

    years = [
        period(str(year), max(span.start, date(year, 1, 1)), min(span.end, date(year, 12, 31)))
        for year in range(span.start.year, span.end.year + 1)
    ]
    whole = period(f"{span.start.isoformat()}/{span.end.isoformat()}", span.start, span.end, True)
    return (*years, whole)


@dataclass(frozen=True)
class SilentProgression:
    """A PIRA event whose scans, from its baseline to its confirmation, were all quiet."""

    event: ProgressionEvent
    scans: tuple[Scan, ...]


def silent_progression(
    events: Iterable[ProgressionEvent], scans: Sequence[Scan]
) -> tuple[SilentProgression, ...]:
    """The brief's case: disability worsened independently of relapses (PIRA) while the
    MRI showed nothing new. The scans that count lie from the event's baseline
    assessment to its confirmation, the time over which the worsening happened; at
    least one, and every one of them quiet (a scan whose report does not say makes no
    claim)."""
    found = []
    for event in events:
        if event.classification is not Classification.PIRA:
            continue
        inside = tuple(s for s in scans if event.baseline_date <= s.date <= event.confirmed)
        if inside and all(s.activity == QUIET for s in inside):
            found.append(SilentProgression(event, inside))
    return tuple(found)
