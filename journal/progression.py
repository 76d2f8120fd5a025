"""Confirmed disability worsening and improvement, and their RAW/PIRA classification.

Pure Python, no Django: the dashboard, the API, the PDF and the export all call
`analyse_progression()` with one outcome series and the patient's relapse onsets.

The rules, with their clinical sources:

- Confirmed disability worsening (CDW) and improvement (CDI) against a roving
  baseline that moves to the confirmation assessment after each confirmed event
  (Kappos et al., JAMA Neurology 2020).
- Minimum clinically meaningful change (Lublin 2014; Kappos 2020): EDSS +1.5 from
  0, +1.0 from 0.5 up to the cut-off (5.0, or 5.5 in some studies), +0.5 above it;
  timed 25-foot walk and 9-hole peg test +20% of the baseline time; PDDS +1 step.
- Self-tests (`journal.selftest_rules`, provisional): symbol-digit a drop of 4 points or
  10% (Benedict et al. 2017, for the SDMT), tapping a drop of 20%. For these higher is
  better: the engine turns the series over, so a worsening is a fall.
- Relapse-associated worsening (RAW) and harmonised progression independent of
  relapse activity (PIRA) (Müller et al., JAMA Neurology 2023).

The engine reproduces `MSprog()` of the msprog tools (Montobbio et al.; Python
package `pymsprog`) called with `event="multiple"`, `baseline="roving"`,
`RAW_PIRA=True`, `conf_days=84`, `conf_tol_days=[7, 730.5]` (its default),
`require_sust_days=0`, `check_intermediate=True`, `relapse_to_bl=30`,
`relapse_to_event=0`, `relapse_to_conf=30`, `relapse_assoc=90` and
`relapse_indep={"prec": (0, 0), "event": (90, 30), "conf": (90, 30)}`.
Two further rules, off by default, give the other named definitions of
`journal/progression_definitions.py`: `rebaseline_after_relapse` (msprog
`relapse_rebl=True`) and `pira_relapse_free_span` (`relapse_indep` with
`"event": (90, None), "conf": (None, 30)`).
It is our own code; the test suite compares the two on generated histories, under
every named definition. Two deliberate differences, each pinned by a named test:

- Every relapse counts. pymsprog drops relapses more than `relapse_to_bl` (30) days
  before the first assessment, so a worsening 60 days after such a relapse could be
  called PIRA there, while DESIGN.md section 4 makes it RAW.
- A change of exactly the minimum always counts. pymsprog compares floats
  (`7.8 - 6.5 >= 6.5 / 5` is False), we allow a 1e-9 tolerance, so +20% entered
  with decimals (6.5 s to 7.8 s) is a worsening as the "+20%" rule says.
"""

import math
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from journal import selftest_rules

# Absolute tolerance on "change >= minimum change", so that decimal inputs exactly at
# the threshold count despite binary floating point. Far below any real resolution.
THRESHOLD_TOLERANCE = 1e-9


class Outcome(StrEnum):
    """The disability measures the journal records."""

    EDSS = "edss"
    PDDS = "pdds"
    T25FW = "t25fw"
    NHPT_DOMINANT = "nhpt_dominant"
    NHPT_NONDOMINANT = "nhpt_nondominant"
    SDT = selftest_rules.SDT
    TAP_DOMINANT = selftest_rules.TAP_DOMINANT
    TAP_NONDOMINANT = selftest_rules.TAP_NONDOMINANT


# Outcomes where a higher value is better (more correct answers, more taps).
HIGHER_IS_BETTER = frozenset({Outcome.SDT, Outcome.TAP_DOMINANT, Outcome.TAP_NONDOMINANT})


def orientation(kind: Outcome) -> float:
    """-1 for an outcome where higher is better: the engine reads it negated, so that a
    worsening is always a rise; 1 for the others."""
    return -1.0 if kind in HIGHER_IS_BETTER else 1.0


class EventType(StrEnum):
    CDW = "CDW"  # confirmed disability worsening
    CDI = "CDI"  # confirmed disability improvement


class Classification(StrEnum):
    RAW = "RAW"  # relapse-associated worsening
    PIRA = "PIRA"  # progression independent of relapse activity


@dataclass(frozen=True)
class ProgressionSettings:
    """Named windows and thresholds of the analysis; every duration is in days.

    The defaults are the harmonised definitions (Kappos 2020, Müller 2023) and match
    pymsprog's `MSprog()` options named in the comments.
    """

    # Confirmation after at least 12 weeks (168: 24 weeks). `conf_days`.
    confirmation_days: int = 84
    # The first eligible confirmation assessment lies between confirmation_days minus
    # the first and plus the second tolerance after the onset. pymsprog's default
    # `conf_tol_days=[7, 2 * 365.25]`: a 12-week confirmation may come from day 77 on.
    confirmation_tolerance_before_days: float = 7
    confirmation_tolerance_after_days: float = 2 * 365.25
    # EDSS needs +1.0 up to this baseline and +0.5 above it (5.5 in some studies).
    edss_cutoff: float = 5.0
    # An assessment less than this after a relapse onset is not a baseline. `relapse_to_bl`.
    relapse_to_baseline_days: int = 30
    # ... nor a confirmation. `relapse_to_conf`.
    relapse_to_confirmation_days: int = 30
    # A CDW whose onset is at most this long after a relapse onset is RAW. `relapse_assoc`.
    relapse_associated_days: int = 90
    # PIRA needs no relapse from this long before to this long after the onset ...
    # `relapse_indep["event"]`.
    pira_event_before_days: int = 90
    pira_event_after_days: int = 30
    # ... nor around an eligible confirmation. `relapse_indep["conf"]`.
    pira_confirmation_before_days: int = 90
    pira_confirmation_after_days: int = 30
    # Re-baseline after a relapse (Müller 2023: the reference "should also be reset if a
    # relapse causes residual disability"): once the search passes a relapse onset by
    # more than `relapse_associated_days`, the baseline moves past it. `relapse_rebl`.
    rebaseline_after_relapse: bool = False
    # PIRA needs no relapse over the whole span from `pira_event_before_days` before the
    # onset to `pira_confirmation_after_days` after the confirmation (the high-specificity
    # reading), not only around the two. `relapse_indep` {"event": (e0, None),
    # "conf": (None, c1)}.
    pira_relapse_free_span: bool = False
    # Self-tests' minimum meaningful changes, provisional (`journal.selftest_rules`):
    # symbol-digit the smaller of the points and the fraction of the baseline, tapping
    # the fraction. Not msprog options (its `delta_fun` would express them).
    sdt_minimum_points: float = selftest_rules.SDT_MINIMUM_POINTS
    sdt_minimum_fraction: float = selftest_rules.SDT_MINIMUM_FRACTION
    tap_minimum_fraction: float = selftest_rules.TAP_MINIMUM_FRACTION

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if value < 0:
                raise ValueError(f"ProgressionSettings.{name} must not be negative, got {value}")
        if self.confirmation_days <= 0:
            raise ValueError("ProgressionSettings.confirmation_days must be positive")

    @property
    def confirmation_window(self) -> tuple[float, float]:
        """Days after the onset in which a confirmation assessment may lie."""
        return (
            self.confirmation_days - self.confirmation_tolerance_before_days,
            self.confirmation_days + self.confirmation_tolerance_after_days,
        )


@dataclass(frozen=True)
class Baseline:
    """A reference assessment the engine compared later assessments with."""

    date: date
    value: float


@dataclass(frozen=True)
class ProgressionEvent:
    """One confirmed worsening (CDW) or improvement (CDI).

    `classification` is RAW or PIRA for a CDW, None for a CDI and for a CDW that is
    neither (an "unclassified CDW"). `pira_confirmed` is the first confirmation
    assessment free of relapses for PIRA; it can be later than `confirmed`.
    """

    type: EventType
    classification: Classification | None
    onset: date
    value: float
    confirmed: date
    confirmed_value: float
    baseline_date: date
    baseline_value: float
    pira_confirmed: date | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain values for JSON (dates stay `datetime.date`)."""
        return {
            "type": self.type.value,
            "classification": self.classification.value if self.classification else None,
            "onset": self.onset,
            "value": self.value,
            "confirmed": self.confirmed,
            "confirmed_value": self.confirmed_value,
            "baseline_date": self.baseline_date,
            "baseline_value": self.baseline_value,
            "pira_confirmed": self.pira_confirmed,
        }


@dataclass(frozen=True)
class ProgressionResult:
    """Every confirmed event in date order, and the baselines used to find them."""

    outcome: Outcome
    events: tuple[ProgressionEvent, ...] = ()
    baselines: tuple[Baseline, ...] = ()
    settings: ProgressionSettings = field(default_factory=ProgressionSettings)

    @property
    def worsenings(self) -> tuple[ProgressionEvent, ...]:
        return tuple(e for e in self.events if e.type is EventType.CDW)

    @property
    def improvements(self) -> tuple[ProgressionEvent, ...]:
        return tuple(e for e in self.events if e.type is EventType.CDI)

    def count(self, classification: Classification) -> int:
        """How many CDWs have this classification (RAW or PIRA)."""
        return sum(1 for e in self.events if e.classification is classification)

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "events": [e.to_dict() for e in self.events],
            "baselines": [{"date": b.date, "value": b.value} for b in self.baselines],
        }


def minimum_change(
    outcome: Outcome | str, baseline: float, settings: ProgressionSettings | None = None
) -> float:
    """The smallest change from `baseline` that is clinically meaningful.

    EDSS (Lublin 2014, Kappos 2020): +1.5 from 0, +1.0 up to `settings.edss_cutoff`,
    +0.5 above it. Timed 25-foot walk and 9-hole peg test: 20% of the baseline time.
    PDDS: one step. Symbol-digit: 4 points or 10%, whichever is smaller; tapping: 20%.
    The same size applies to improvements.
    """
    kind = Outcome(outcome)
    if kind is Outcome.EDSS:
        if baseline == 0:
            return 1.5
        cutoff = (settings or ProgressionSettings()).edss_cutoff
        return 1.0 if baseline <= cutoff else 0.5
    if kind is Outcome.PDDS:
        return 1.0
    if kind is Outcome.SDT:
        s = settings or ProgressionSettings()
        return selftest_rules.sdt_minimum_change(
            baseline, s.sdt_minimum_points, s.sdt_minimum_fraction
        )
    if kind in HIGHER_IS_BETTER:
        s = settings or ProgressionSettings()
        return selftest_rules.tap_minimum_change(baseline, s.tap_minimum_fraction)
    return baseline / 5  # written as pymsprog does, for the same rounding


def analyse_progression(
    outcome: Outcome | str,
    assessments: Iterable[tuple[date, float]],
    relapse_onsets: Iterable[date] = (),
    settings: ProgressionSettings | None = None,
) -> ProgressionResult:
    """Find every CDW and CDI in one outcome series, and classify each CDW.

    Assessments are (date, value) pairs in any order; of two on the same date the
    later one in the input wins. The rules, as in pymsprog's `MSprog()`:

    - Baseline: the first assessment at least `relapse_to_baseline_days` after the
      last relapse onset; after each confirmed event it roves to that event's
      confirmation assessment (Kappos 2020).
    - Onset: the first assessment after the baseline that differs from it by at
      least the minimum change, up or down.
    - Confirmation: the first later assessment within the confirmation window and at
      least `relapse_to_confirmation_days` after the last relapse onset; every
      assessment from the onset up to it must hold the change. Otherwise the search
      goes on from the next assessment against the same baseline.
    - RAW: a CDW whose onset is within `relapse_associated_days` after a relapse
      onset. PIRA (Müller 2023): otherwise, if no relapse lies around the onset and
      around some eligible confirmation assessment up to which the worsening held.

    - With `rebaseline_after_relapse`, a change found more than
      `relapse_associated_days` after the next relapse onset moves the baseline past
      that relapse instead (msprog `relapse_rebl`); with `pira_relapse_free_span`, PIRA
      needs no relapse from before the onset to after the confirmation.

    The cost is linear in the number of assessments (plus sorting them, and a
    binary search among the relapses per event): each assessment is looked at a
    bounded number of times as a baseline, an onset and a confirmation. Re-baselining
    after a relapse looks once more at the assessments of the
    `relapse_associated_days` after each relapse onset.
    """
    kind = Outcome(outcome)
    settings = settings or ProgressionSettings()
    series = _Series.build(kind, assessments, relapse_onsets)
    sign = orientation(kind)  # series values times sign: the values as recorded
    confirmations = _Confirmations(series, settings)
    n = len(series.days)
    events: list[ProgressionEvent] = []
    baselines: list[int] = []

    bl, search = 0, 1
    while (bl := _next_baseline(series, bl, settings)) < n:
        baselines.append(bl)
        threshold = minimum_change(kind, sign * series.values[bl], settings) - THRESHOLD_TOLERANCE
        limit = _rebaseline_limit(series, bl, settings)
        found = _first_confirmed_change(
            series, bl, max(search, bl + 1), threshold, confirmations, limit
        )
        if found is None:
            break
        if isinstance(found, _Rebaseline):
            bl = found.baseline
            if bl > n - 2:
                break
            search = bl + 1
            # The search goes back to just after the relapse: start the window again.
            confirmations = _Confirmations(series, settings)
            continue
        onset, conf, worse = found
        classification, pira_conf = None, None
        if worse:
            classification, pira_conf = _classify(series, bl, onset, conf, threshold, settings)
        events.append(
            ProgressionEvent(
                type=EventType.CDW if worse else EventType.CDI,
                classification=classification,
                onset=series.date_of(onset),
                value=sign * series.values[onset],
                confirmed=series.date_of(conf),
                confirmed_value=sign * series.values[conf],
                baseline_date=series.date_of(bl),
                baseline_value=sign * series.values[bl],
                pira_confirmed=None if pira_conf is None else series.date_of(pira_conf),
            )
        )
        bl, search = _after_event(series, bl, conf, limit, settings)
        if search is None:
            break

    return ProgressionResult(
        outcome=kind,
        events=tuple(events),
        baselines=tuple(Baseline(series.date_of(i), sign * series.values[i]) for i in baselines),
        settings=settings,
    )


@dataclass(frozen=True)
class _Series:
    """Assessments as day numbers and values in date order, with relapse onset days
    and, per assessment, the days since the latest relapse onset on or before it.

    `values` are oriented so that higher is worse: for `HIGHER_IS_BETTER` outcomes they
    are the assessments negated (`orientation(kind)` times the recorded value).
    """

    days: list[int]
    values: list[float]
    relapses: list[int]
    since_relapse: list[float]

    @classmethod
    def build(
        cls, kind: Outcome, assessments: Iterable[tuple[date, float]], onsets: Iterable[date]
    ) -> "_Series":
        """One value per date (the last given wins), each checked for its scale."""
        by_day: dict[int, float] = {}
        for when, raw in assessments:
            by_day[_to_date(when).toordinal()] = _checked(kind, when, raw)
        days = sorted(by_day)
        relapses = sorted({_to_date(d).toordinal() for d in onsets})
        since, latest, k = [], None, 0
        for day in days:  # one merge of two sorted lists
            while k < len(relapses) and relapses[k] <= day:
                latest, k = relapses[k], k + 1
            since.append(math.inf if latest is None else day - latest)
        sign = orientation(kind)
        return cls(days, [sign * by_day[d] for d in days], relapses, since)

    def date_of(self, i: int) -> date:
        return date.fromordinal(self.days[i])

    def days_since_relapse(self, i: int) -> float:
        """Days since the latest relapse onset on or before assessment i."""
        return self.since_relapse[i]

    def changed(self, i: int, bl: int, threshold: float, worse: bool | None = None) -> bool:
        """Whether assessment i differs from baseline bl by the threshold: up (worse),
        down (not worse) or either way (None)."""
        change = self.values[i] - self.values[bl]
        if worse is None:
            return abs(change) >= threshold
        return change >= threshold if worse else change <= -threshold


def _next_baseline(series: _Series, i: int, settings: ProgressionSettings) -> int:
    """The first assessment from i on that may be a baseline: at least
    `relapse_to_baseline_days` after the latest relapse onset (len(days) if none)."""
    n = len(series.days)
    while i < n and series.days_since_relapse(i) < settings.relapse_to_baseline_days:
        i += 1
    return i


@dataclass(frozen=True)
class _Rebaseline:
    """The search passed a relapse: go on from the baseline at `baseline`."""

    baseline: int


def _rebaseline_limit(series: _Series, bl: int, settings: ProgressionSettings) -> float:
    """With `rebaseline_after_relapse`, the last day a change from baseline bl may be
    found on before the baseline moves past the next relapse onset after it: that onset
    plus `relapse_associated_days` (so a worsening within them can still be RAW).

    As msprog's `relapse_rebl` (Müller et al. 2023: the reference "should also be
    reset if a relapse causes residual disability"); infinite when off or when no
    relapse follows the baseline.
    """
    if not settings.rebaseline_after_relapse:
        return math.inf
    k = bisect_right(series.relapses, series.days[bl])
    if k == len(series.relapses):
        return math.inf
    return series.relapses[k] + settings.relapse_associated_days


def _past_relapse(series: _Series, bl: int) -> _Rebaseline:
    """The baseline after the next relapse onset past baseline bl: the first
    assessment on or after it (`_next_baseline` then keeps it clear of the relapse)."""
    onset = series.relapses[bisect_right(series.relapses, series.days[bl])]
    return _Rebaseline(bisect_left(series.days, onset, lo=bl))


def _after_event(
    series: _Series, bl: int, conf: int, limit: float, settings: ProgressionSettings
) -> tuple[int, int | None]:
    """(baseline, search start) after an event confirmed at `conf` from baseline bl; a
    search start of None ends the analysis.

    The baseline roves to the confirmation (Kappos 2020). With
    `rebaseline_after_relapse`, if the relapse that set `limit` (the first after the
    old baseline) lies after the confirmation and the next assessment is past its
    limit, the baseline moves on to that assessment at once, as msprog does.
    """
    n = len(series.days)
    if (
        limit < math.inf
        and conf + 1 < n
        and series.days[conf] < limit - settings.relapse_associated_days
        and series.days[conf + 1] > limit
    ):
        return conf + 1, (conf + 2 if conf + 1 <= n - 2 else None)
    return conf, conf + 1


def _first_confirmed_change(
    series: _Series,
    bl: int,
    search: int,
    threshold: float,
    confirmations: "_Confirmations",
    limit: float = math.inf,
) -> tuple[int, int, bool] | _Rebaseline | None:
    """(onset, confirmation, worse) of the first change from baseline bl, at or after
    assessment `search`, that is confirmed and held at every assessment up to its
    confirmation; None if there is none.

    A change found after day `limit`, or an unconfirmed one followed by an assessment
    after it, moves the baseline past the relapse instead (`_Rebaseline`).
    """
    held = _HeldChange(series, bl, threshold)
    days, n = series.days, len(series.days)
    for onset in range(search, n):
        if not series.changed(onset, bl, threshold):
            continue
        if days[onset] > limit:
            return _past_relapse(series, bl)
        worse = series.values[onset] > series.values[bl]
        conf = confirmations.first(onset)
        if conf is not None and held.through(onset + 1, conf, worse):
            return onset, conf, worse
        if onset + 1 < n and days[onset + 1] > limit:
            return _past_relapse(series, bl)
    return None


class _Confirmations:
    """The first eligible confirmation of an onset: the first later assessment within
    the confirmation window and at least `relapse_to_confirmation_days` after the
    latest relapse onset.

    The engine asks about onsets in increasing order, so the start of the window and
    the first eligible assessment in it only move forward: linear in all.
    """

    def __init__(self, series: _Series, settings: ProgressionSettings) -> None:
        self.series = series
        self.settings = settings
        self.first_day, self.last_day = settings.confirmation_window
        self.start = 0  # the first assessment in the window of the latest onset
        self.eligible = 0  # the first eligible assessment from `start` on

    def first(self, onset: int) -> int | None:
        days, n = self.series.days, len(self.series.days)
        onset_day = days[onset]
        start = max(self.start, onset + 1)
        while start < n and days[start] - onset_day < self.first_day:
            start += 1
        eligible = max(self.eligible, start)
        while eligible < n and not self.is_eligible(eligible):
            eligible += 1
        self.start, self.eligible = start, eligible
        if eligible < n and days[eligible] - onset_day <= self.last_day:
            return eligible
        return None

    def is_eligible(self, i: int) -> bool:
        """An assessment this soon after a relapse onset confirms nothing."""
        return self.series.days_since_relapse(i) >= self.settings.relapse_to_confirmation_days


class _HeldChange:
    """Whether the change from baseline bl holds at every assessment of a range.

    Per direction it remembers a range known to hold and where it broke: for one
    baseline the ranges asked about only move forward, so each assessment is
    checked at most once per direction.
    """

    def __init__(self, series: _Series, bl: int, threshold: float) -> None:
        self.series, self.bl, self.threshold = series, bl, threshold
        # direction -> (lo, hi, broken): held on [lo, hi), and broke at hi if broken.
        self.known: dict[bool, tuple[int, int, bool]] = {}

    def through(self, start: int, end: int, worse: bool) -> bool:
        """Whether every assessment from `start` to `end` (inclusive) holds the change."""
        lo, hi, broken = self.known.get(worse, (start, start, False))
        if not lo <= start <= hi:
            lo, hi, broken = start, start, False
        if broken or hi > end:
            return hi > end
        for i in range(hi, end + 1):
            if not self.series.changed(i, self.bl, self.threshold, worse):
                self.known[worse] = (lo, i, True)
                return False
        self.known[worse] = (lo, end + 1, False)
        return True


def _classify(
    series: _Series,
    bl: int,
    onset: int,
    conf: int,
    threshold: float,
    settings: ProgressionSettings,
) -> tuple[Classification | None, int | None]:
    """RAW, PIRA (with its confirmation index) or unclassified, for one CDW.

    RAW: a relapse onset on the day of the onset or up to `relapse_associated_days`
    before it. PIRA, harmonised (Müller et al., JAMA Neurology 2023): no relapse from
    `pira_event_before_days` before to `pira_event_after_days` after the onset, nor
    around one of the eligible confirmations up to which the worsening held without
    a break (the first such one is returned).
    """
    onset_day = series.days[onset]
    if series.days_since_relapse(onset) <= settings.relapse_associated_days:
        return Classification.RAW, None
    if _relapse_near(
        series, onset_day, settings.pira_event_before_days, settings.pira_event_after_days
    ):
        return None, None
    last_day = settings.confirmation_window[1]
    for i in range(conf, len(series.days)):
        if series.days[i] - onset_day > last_day:
            break
        if i > conf and not series.changed(i, bl, threshold, True):
            break  # the worsening did not hold: no later confirmation counts
        eligible = series.days_since_relapse(i) >= settings.relapse_to_confirmation_days
        if eligible and not _relapse_near_confirmation(series, onset_day, series.days[i], settings):
            return Classification.PIRA, i
    return None, None


def _relapse_near_confirmation(
    series: _Series, onset_day: int, conf_day: int, settings: ProgressionSettings
) -> bool:
    """Whether a relapse onset bars PIRA confirmed on `conf_day`: one from
    `pira_confirmation_before_days` before to `pira_confirmation_after_days` after it
    (Müller 2023), or with `pira_relapse_free_span` one anywhere from
    `pira_event_before_days` before the onset to that after the confirmation (the
    high-specificity reading: no relapse between onset and confirmation).
    """
    after = settings.pira_confirmation_after_days
    if settings.pira_relapse_free_span:
        before = conf_day - onset_day + settings.pira_event_before_days
    else:
        before = settings.pira_confirmation_before_days
    return _relapse_near(series, conf_day, before, after)


def _relapse_near(series: _Series, day: int, before: int, after: int) -> bool:
    """Whether a relapse onset lies in [day - before, day + after]; an empty window is off."""
    if before + after <= 0:
        return False
    first = bisect_left(series.relapses, day - before)
    return first < len(series.relapses) and series.relapses[first] <= day + after


# The values an outcome's scale allows: lowest, highest, and whether 0 is possible.
_SCALES = {
    Outcome.EDSS: (0.0, 10.0, True),
    Outcome.PDDS: (0.0, 8.0, True),
    Outcome.T25FW: (0.0, sys.float_info.max, False),
    Outcome.NHPT_DOMINANT: (0.0, sys.float_info.max, False),
    Outcome.NHPT_NONDOMINANT: (0.0, sys.float_info.max, False),
    Outcome.SDT: (0.0, float(selftest_rules.SDT_ITEMS), True),
    Outcome.TAP_DOMINANT: (0.0, sys.float_info.max, True),
    Outcome.TAP_NONDOMINANT: (0.0, sys.float_info.max, True),
}


def _checked(kind: Outcome, when: date, raw: float) -> float:
    """The value as a float, refused loudly if impossible on the outcome's scale."""
    value = float(raw)
    low, high, zero_allowed = _SCALES[kind]
    if low <= value <= high and (value or zero_allowed):  # false for NaN
        return value
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{kind.value} value on {when} must be a number >= 0, got {raw!r}")
    if value == 0:
        raise ValueError(f"{kind.value} time on {when} must be positive, got {raw!r}")
    raise ValueError(f"{kind.value.upper()} on {when} must be 0-{high:g}, got {raw!r}")


def _to_date(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when
