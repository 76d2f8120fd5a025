"""The progression dashboard's headline figures, as pure functions over plain inputs.

No Django: the web page, the API (`GET /api/v1/progression/`), the clinician PDF and
the export compute the same numbers from the same functions. Inputs are dates,
numbers and the small dataclasses of `journal/dashboard_types.py`; every date is the
patient's local date. Each function's docstring names the measure's definition and,
where there is one, its clinical source.
"""

import calendar
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from journal import exercise_goals, vocabulary
from journal.dashboard_types import ExerciseSession, SmokingRecord, VitaminDLevel
from journal.progression import Classification, EventType, ProgressionResult
from journal.vocabulary import NMOL_PER_NG, SmokingStatus
from mstracker.wallclock import add_months

_V = TypeVar("_V")

# An onset less than this many days after the previous one belongs to the same relapse
# episode (DESIGN.md section 3); also the "after relapse" window of the symptom burden.
RELAPSE_WINDOW_DAYS = vocabulary.RECENT_DAYS
# Below this much follow-up an annualised rate is arithmetic, not a trend (one relapse
# in ten days is "36.5 per year"); the page says so next to the figure.
SHORT_FOLLOW_UP_YEARS = 0.5
# Default weekly aerobic goal (DESIGN.md section 3; `journal.vocabulary`).
AEROBIC_GOAL_MINUTES = vocabulary.AEROBIC_GOAL_MINUTES
AEROBIC_GOAL_SESSIONS = vocabulary.AEROBIC_GOAL_SESSIONS


# Relapse rate ----------------------------------------------------------------------


@dataclass(frozen=True)
class RelapseRate:
    """Relapse episodes per year of follow-up, for one calendar year (`year`) or overall
    (`year` None). `years` is the follow-up in years, prorated for partial years."""

    year: int | None
    relapses: int
    years: float
    first_day: date
    last_day: date

    @property
    def rate(self) -> float:
        """Annualised relapse rate: relapse episodes / years of follow-up."""
        return self.relapses / self.years

    @property
    def rounded(self) -> float:
        """The rate to two decimals, as shown (and pluralised) on the page."""
        return round(self.rate, 2)

    @property
    def is_short(self) -> bool:
        """Follow-up too short for the rate to describe a trend."""
        return self.years < SHORT_FOLLOW_UP_YEARS


@dataclass(frozen=True)
class RelapseRates:
    overall: RelapseRate
    per_year: tuple[RelapseRate, ...]


def follow_up_start(
    first_record: date | None, diagnosis: date | None = None, range_start: date | None = None
) -> date | None:
    """The first day of follow-up for the relapse rate within a dashboard range.

    Follow-up starts at the diagnosis or at the patient's first record of any kind
    (check-in, relapse onset, measure, ...), whichever is earlier: the relapse history a
    patient enters when they join covers the years since diagnosis, and relapses
    recorded before the diagnosis (the first attack usually precedes it) are followed
    from their own date. A range starting later moves the start to the range's start.
    None when there is neither a record nor a diagnosis.

    The profile holds only the diagnosis *year*: pass 1 July of that year (its middle,
    the unbiased guess) or the exact date when known.
    """
    known = [d for d in (first_record, diagnosis) if d is not None]
    if not known:
        return None
    start = min(known)
    return max(start, range_start) if range_start else start


def annualised_relapse_rates(
    episode_onsets: Iterable[date], start: date, end: date
) -> RelapseRates:
    """Annualised relapse rate (ARR) per calendar year and overall, from `start` to `end`.

    ARR = number of relapse episodes / years of follow-up, as in clinical trials
    (e.g. the ARR end point of the DMT trials). The caller passes episode onsets: one
    onset per episode (an onset less than 30 days after the previous one is the same
    episode), with possible pseudo-relapses already left out. Onsets outside
    `start`..`end` are not counted.

    Follow-up runs from `start` (see `follow_up_start`) to `end` (the end of the
    dashboard range, usually today), both days included. Each calendar year counts as
    the share of its days inside the follow-up, so a partial year is prorated and a
    leap year is 366 days: 1 January to 30 June 2024 is 182/366 = 0.497 years. The
    overall follow-up is the sum of these shares.
    """
    if end < start:
        raise ValueError(f"follow-up ends ({end}) before it starts ({start})")
    onsets = sorted(d for d in set(episode_onsets) if start <= d <= end)
    per_year = []
    for year in range(start.year, end.year + 1):
        first = max(start, date(year, 1, 1))
        last = min(end, date(year, 12, 31))
        share = ((last - first).days + 1) / (366 if calendar.isleap(year) else 365)
        count = sum(1 for d in onsets if first <= d <= last)
        per_year.append(RelapseRate(year, count, share, first, last))
    overall = RelapseRate(None, len(onsets), math.fsum(r.years for r in per_year), start, end)
    return RelapseRates(overall, tuple(per_year))


# Time since the last relapse -------------------------------------------------------


@dataclass(frozen=True)
class TimeSince:
    """Time from `onset` to `today`: `days` in all, and as whole calendar years and
    months plus the remaining days (so "1 year, 2 months" reads naturally)."""

    onset: date
    days: int
    years: int
    months: int
    remaining_days: int


def time_since_last_relapse(episode_onsets: Iterable[date], today: date) -> TimeSince | None:
    """Time since the latest relapse onset on or before `today`; None without one.

    Pass episode onsets without pseudo-relapses, as for the relapse rate. A relapse
    that began today is 0 days ago. Whole months are counted as on a calendar: from
    31 January one month is reached on the last day of February, and from 29 February
    a year is reached on 28 February of a common year.
    """
    past = [d for d in episode_onsets if d <= today]
    if not past:
        return None
    onset = max(past)
    months = (today.year - onset.year) * 12 + today.month - onset.month
    if add_months(onset, months) > today:
        months -= 1
    remaining = (today - add_months(onset, months)).days
    return TimeSince(onset, (today - onset).days, months // 12, months % 12, remaining)


# RAW, PIRA and disability change ---------------------------------------------------


@dataclass(frozen=True)
class EventCounts:
    """Confirmed events of one outcome: worsening (CDW) by classification, and
    improvements (CDI)."""

    raw: int
    pira: int
    unclassified: int
    improvements: int

    @property
    def worsenings(self) -> int:
        return self.raw + self.pira + self.unclassified


def event_counts(result: ProgressionResult) -> EventCounts:
    """How many CDWs are RAW, PIRA or unclassified, and how many CDIs, in one outcome.

    RAW and PIRA as classified by `journal.progression` (Müller et al., JAMA Neurology
    2023). Counts are per outcome: one worsening seen on EDSS and on the walk test is
    one event on each, so outcomes are never added together.
    """
    worsenings = result.worsenings
    return EventCounts(
        raw=sum(1 for e in worsenings if e.classification is Classification.RAW),
        pira=sum(1 for e in worsenings if e.classification is Classification.PIRA),
        unclassified=sum(1 for e in worsenings if e.classification is None),
        improvements=len(result.improvements),
    )


class AssessmentGap(StrEnum):
    """Why a measure's lasting change cannot be judged yet (never a reassuring 0)."""

    NONE_RECORDED = "no_assessments"
    ONE_ONLY = "one_assessment"
    TOO_CLOSE = "too_close"


def assessment_gap(
    assessment_dates: Iterable[date], confirmation_days: int = 84
) -> AssessmentGap | None:
    """Whether the measure's history can show a lasting (confirmed) change at all.

    A worsening counts only when it is still there at a check at least
    `confirmation_days` (12 weeks) later, so with no assessment, one, or several all
    closer together than that, "no worsening" would be a claim the data cannot make.
    None when there are two assessments at least `confirmation_days` apart.
    """
    dates = sorted(set(assessment_dates))
    if not dates:
        return AssessmentGap.NONE_RECORDED
    if len(dates) == 1:
        return AssessmentGap.ONE_ONLY
    if (dates[-1] - dates[0]).days < confirmation_days:
        return AssessmentGap.TOO_CLOSE
    return None


@dataclass(frozen=True)
class DisabilityChange:
    """Confirmed change of one outcome, in its own units (EDSS or PDDS steps, seconds
    for the timed tests), split by what happened around it.

    `relapse_free` sums PIRA worsenings, `around_relapses` RAW worsenings,
    `unclassified` the other worsenings (a relapse near the confirmation only);
    `improved` sums confirmed improvements (a negative number or 0). The four add up
    to the net confirmed change.
    """

    relapse_free: float
    around_relapses: float
    unclassified: float
    improved: float

    @property
    def net(self) -> float:
        return self.relapse_free + self.around_relapses + self.unclassified + self.improved


def disability_change(result: ProgressionResult) -> DisabilityChange:
    """Disability accumulated in relapse-free periods versus around relapses.

    Definition: each confirmed event contributes its confirmed step, the confirmation
    value minus the baseline value (not the onset value, which may be a bad day). A
    step counts as relapse-free when the engine classified the CDW as PIRA (no relapse
    from 90 days before to 30 days after its onset and its confirmation) and as around
    relapses when RAW (onset within 90 days after a relapse onset), the harmonised
    definitions of Müller et al., JAMA Neurology 2023. Only confirmed events count, so
    day-to-day fluctuation and the transient worsening of a relapse that recovered
    add nothing: the figure answers "how much lasting disability came without a
    relapse, and how much with one", with the same labels the chart shows. Because the
    baseline roves to each confirmation (Kappos 2020), the steps chain and their sum
    is the net confirmed change over the period.
    """
    sums: dict[str, float] = defaultdict(float)
    for event in result.events:
        step = event.confirmed_value - event.baseline_value
        if event.type is EventType.CDI:
            sums["improved"] += step
        elif event.classification is Classification.PIRA:
            sums["relapse_free"] += step
        elif event.classification is Classification.RAW:
            sums["around_relapses"] += step
        else:
            sums["unclassified"] += step
    return DisabilityChange(
        relapse_free=sums["relapse_free"],
        around_relapses=sums["around_relapses"],
        unclassified=sums["unclassified"],
        improved=sums["improved"],
    )


# Symptom burden --------------------------------------------------------------------


def checkin_burden(scores: Iterable[float | None]) -> float | None:
    """One check-in's symptom burden: the mean of its 0-10 symptom scores (skipped
    symptoms left out); None when no symptom was scored."""
    values = [float(s) for s in scores if s is not None]
    return math.fsum(values) / len(values) if values else None


@dataclass(frozen=True)
class SymptomBurden:
    """Mean symptom burden in the days after relapse onsets and in relapse-free time,
    with the number of check-in days behind each mean (None when there are none)."""

    after_relapse: float | None
    after_relapse_days: int
    relapse_free: float | None
    relapse_free_days: int


def symptom_burden_after_relapses(
    burden: Iterable[tuple[date, float]],
    relapse_onsets: Iterable[date],
    window_days: int = RELAPSE_WINDOW_DAYS,
) -> SymptomBurden:
    """Mean check-in burden in the 30 days after relapse onsets versus relapse-free time.

    "After a relapse" is the onset day and the 29 days after it (30 days in all); a
    check-in inside any such window counts once, even when windows of linked onsets
    overlap. Every other check-in is relapse-free time. `burden` holds one value per
    check-in date (see `checkin_burden`), already limited to the dashboard range;
    `relapse_onsets` are all non-pseudo onsets, including those before the range so
    that the first days of the range are placed correctly.
    """
    # The days inside some window, as a set: one look-up per check-in, however many
    # relapses (ten years of daily check-ins and 25 onsets stay a few milliseconds).
    after_days = {
        onset + timedelta(days=offset)
        for onset in set(relapse_onsets)
        for offset in range(window_days)
    }
    after: list[float] = []
    free: list[float] = []
    for day, value in _one_per_date(burden).items():
        (after if day in after_days else free).append(value)
    return SymptomBurden(
        after_relapse=math.fsum(after) / len(after) if after else None,
        after_relapse_days=len(after),
        relapse_free=math.fsum(free) / len(free) if free else None,
        relapse_free_days=len(free),
    )


# Daily series: rolling means and weekly downsampling --------------------------------


def rolling_mean(
    series: Iterable[tuple[date, float | None]],
    window_days: int,
    start: date | None = None,
    end: date | None = None,
) -> list[tuple[date, float | None]]:
    """Trailing rolling mean over `window_days` calendar days, for every day start..end.

    The value on day D is the mean of the values recorded from D - (window_days - 1)
    to D; missing days are left out (the mean of the days available), and a window with
    no value at all gives None. Values before `start` still feed the first windows, so
    pass 27 days of history before the range for a 28-day mean. `start` and `end`
    default to the first and last date of the series; an empty series without them
    gives an empty list. One value per date: a later duplicate replaces an earlier one.
    """
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    values = {d: v for d, v in dict(series).items() if v is not None}
    if start is None or end is None:
        if not values:
            return []
        start = start or min(values)
        end = end or max(values)
    means = rolling_means(values.items(), (window_days,), start, end)[window_days]
    first = start.toordinal()
    return [(date.fromordinal(first + i), mean) for i, mean in enumerate(means)]


def rolling_means(
    series: Iterable[tuple[date, float | None]],
    windows: Iterable[int],
    start: date,
    end: date,
) -> dict[int, list[float | None]]:
    """`rolling_mean` of one series for several windows: per window, the means of the
    days start..end as a plain list (index 0 is `start`), read from one dense array
    of the days, so ten years of daily means cost no date objects and no lookups."""
    by_day = {d.toordinal(): v for d, v in dict(series).items() if v is not None}
    windows = tuple(windows)
    first, last = start.toordinal(), end.toordinal()
    lead = max(windows, default=1) - 1
    low = first - lead  # the earliest day any window reads
    dense = [by_day.get(day) for day in range(low, last + 1)]
    means = {}
    for window in windows:
        if window < 1:
            raise ValueError(f"window_days must be at least 1, got {window}")
        result: list[float | None] = []
        total, count = 0.0, 0
        for value in dense[lead - (window - 1) : lead]:  # the days before start
            if value is not None:
                total, count = total + value, count + 1
        for index in range(lead, len(dense)):
            entering = dense[index]
            if entering is not None:
                total, count = total + entering, count + 1
            result.append(total / count if count else None)
            leaving = dense[index - (window - 1)]
            if leaving is not None:
                total, count = total - leaving, count - 1
        means[window] = result
    return means


def weekly_means_of_days(days: list[float | None]) -> list[float | None]:
    """`weekly_means` of consecutive daily values whose first is a Monday: one mean per
    ISO week (the last may be partial), None for a week without any value."""
    weeks: list[float | None] = []
    for monday in range(0, len(days), 7):
        values = [v for v in days[monday : monday + 7] if v is not None]
        weeks.append(math.fsum(values) / len(values) if values else None)
    return weeks


@dataclass(frozen=True)
class WeeklyMean:
    """The mean of the values recorded in one ISO week (Monday to Sunday)."""

    week_start: date
    mean: float
    days: int

    @property
    def iso_week(self) -> tuple[int, int]:
        """(ISO year, ISO week number); week 1 holds the year's first Thursday."""
        year, week, _ = self.week_start.isocalendar()
        return year, week


def iso_week_start(day: date) -> date:
    """The Monday that begins `day`'s ISO week (ISO 8601)."""
    return day - timedelta(days=day.weekday())


def weekly_means(series: Iterable[tuple[date, float | None]]) -> list[WeeklyMean]:
    """Downsample a daily series to ISO weeks: the mean of each week's available values.

    Days without a value (missing or None) are left out; weeks without any value are
    left out too, so a chart shows a gap rather than a zero. Weeks in date order.
    """
    weeks: dict[int, list[float]] = defaultdict(list)
    for day, value in dict(series).items():
        if value is not None:
            ordinal = day.toordinal()
            weeks[ordinal - (ordinal - 1) % 7].append(value)  # ordinal 1 is a Monday
    return [
        WeeklyMean(date.fromordinal(monday), math.fsum(values) / len(values), len(values))
        for monday, values in sorted(weeks.items())
    ]


# Exercise --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseWeek:
    """Aerobic minutes and sessions in one ISO week, against the weekly goal."""

    week_start: date
    minutes: float
    sessions: int
    goal_minutes: float
    goal_sessions: int

    @property
    def goal_met(self) -> bool:
        """Both parts of the goal: enough minutes, in enough sessions."""
        return self.minutes >= self.goal_minutes and self.sessions >= self.goal_sessions


def aerobic_weeks(
    sessions: Iterable[ExerciseSession],
    first_week: date,
    last_week: date,
    goal_minutes: float = AEROBIC_GOAL_MINUTES,
    goal_sessions: int = AEROBIC_GOAL_SESSIONS,
) -> list[ExerciseWeek]:
    """Aerobic minutes and session counts for every ISO week from the week holding
    `first_week` to the week holding `last_week`, weeks without exercise as 0.

    Only aerobic entries count, whatever their intensity; each entry is one session.
    Whole weeks are counted even where the range cuts one, since the goal is weekly.
    The counting is `exercise_goals.weekly_summaries`, the exercise page's and the
    weekly message's one rule.
    """
    first, last = iso_week_start(first_week), iso_week_start(last_week)
    summaries = exercise_goals.weekly_summaries(
        ((s.date, s.kind, s.minutes) for s in sessions),
        first,
        last + timedelta(days=6),
        goal_minutes,
        goal_sessions,
    )
    return [
        ExerciseWeek(w.start, w.aerobic_minutes, w.aerobic_sessions, goal_minutes, goal_sessions)
        for w in reversed(summaries)
    ]


@dataclass(frozen=True)
class AerobicSummary:
    """The last completed weeks of aerobic exercise against the goal, and the week in
    progress (shown apart: it is not over yet)."""

    weeks: tuple[ExerciseWeek, ...]
    current_week: ExerciseWeek

    @property
    def mean_minutes(self) -> float:
        return math.fsum(w.minutes for w in self.weeks) / len(self.weeks)

    @property
    def weeks_goal_met(self) -> int:
        return sum(1 for w in self.weeks if w.goal_met)


def aerobic_summary(
    sessions: Iterable[ExerciseSession],
    today: date,
    goal_minutes: float = AEROBIC_GOAL_MINUTES,
    goal_sessions: int = AEROBIC_GOAL_SESSIONS,
    weeks: int = 12,
) -> AerobicSummary:
    """Aerobic minutes per ISO week versus the goal over the last `weeks` (12) weeks.

    The weeks are the 12 completed ISO weeks before the current one, so the mean and the
    number of weeks meeting the goal do not dip every Monday; the current week is
    reported separately as `current_week`.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    this_monday = iso_week_start(today)
    all_weeks = aerobic_weeks(
        sessions,
        this_monday - timedelta(weeks=weeks),
        this_monday,
        goal_minutes,
        goal_sessions,
    )
    return AerobicSummary(tuple(all_weeks[:-1]), all_weeks[-1])


# Smoking ---------------------------------------------------------------------------


def quit_date(records: Iterable[SmokingRecord]) -> date | None:
    """The date the patient last stopped smoking, or None if they smoke now, never
    smoked, or stopped on an unknown date.

    The latest record decides: it must be "former". Its own `quit_date` wins when
    given; otherwise the quit date is the first "former" record after the last
    "current" one (an upper bound: they stopped by then).
    """
    ordered = sorted(records, key=lambda r: r.date)
    if not ordered or SmokingStatus(ordered[-1].status) is not SmokingStatus.FORMER:
        return None
    if ordered[-1].quit_date:
        return ordered[-1].quit_date
    last_current = None
    for index, record in enumerate(ordered):
        if SmokingStatus(record.status) is SmokingStatus.CURRENT:
            last_current = index
    if last_current is None:
        return None
    return ordered[last_current + 1].date


def smoke_free_streak(quit_on: date | None, today: date) -> int | None:
    """Smoke-free streak in days: days from the quit date to today (0 on the quit day
    itself); None without a quit date or when it lies in the future."""
    if quit_on is None or quit_on > today:
        return None
    return (today - quit_on).days


# Vitamin D -------------------------------------------------------------------------


class VitaminDBand(StrEnum):
    """Serum 25(OH)D bands of the Endocrine Society clinical practice guideline
    (Holick et al., J Clin Endocrinol Metab 2011;96:1911-30): deficiency below
    20 ng/mL, insufficiency 21-29 ng/mL (here 20 to under 30), sufficiency from
    30 ng/mL, with 100 ng/mL as the upper limit of the safe range. The 2024 update of
    the guideline no longer sets thresholds for healthy adults; these bands remain the
    ones MS clinics and trials report against."""

    DEFICIENT = "deficient"
    INSUFFICIENT = "insufficient"
    SUFFICIENT = "sufficient"
    HIGH = "high"

    @property
    def label(self) -> str:
        return {
            "deficient": "Deficient (below 20 ng/mL)",
            "insufficient": "Insufficient (20-29 ng/mL)",
            "sufficient": "Sufficient (30-100 ng/mL)",
            "high": "High (above 100 ng/mL)",
        }[self.value]


# Band edges in ng/mL, shared with the vitamin D chart's shading.
VITAMIN_D_BANDS: tuple[tuple[VitaminDBand, float, float | None], ...] = (
    (VitaminDBand.DEFICIENT, 0, 20),
    (VitaminDBand.INSUFFICIENT, 20, 30),
    (VitaminDBand.SUFFICIENT, 30, 100),
    (VitaminDBand.HIGH, 100, None),
)


def vitamin_d_band(ng_ml: float) -> VitaminDBand:
    """The Endocrine Society 2011 band of a 25(OH)D level in ng/mL: deficient < 20,
    insufficient 20 to < 30, sufficient 30 to 100, high > 100."""
    if ng_ml < 0 or not math.isfinite(ng_ml):
        raise ValueError(f"a 25(OH)D level must be a number >= 0, got {ng_ml!r}")
    if ng_ml < 20:
        return VitaminDBand.DEFICIENT
    if ng_ml < 30:
        return VitaminDBand.INSUFFICIENT
    if ng_ml <= 100:
        return VitaminDBand.SUFFICIENT
    return VitaminDBand.HIGH


@dataclass(frozen=True)
class VitaminDStatus:
    date: date
    ng_ml: float
    band: VitaminDBand

    @property
    def nmol_l(self) -> float:
        return self.ng_ml * NMOL_PER_NG


def latest_vitamin_d(levels: Iterable[VitaminDLevel]) -> VitaminDStatus | None:
    """The most recent 25(OH)D level in ng/mL with its band; of two on one date the
    later in the input wins. None without any level."""
    latest = None
    for level in levels:
        if latest is None or level.date >= latest.date:
            latest = level
    if latest is None:
        return None
    return VitaminDStatus(latest.date, latest.ng_ml, vitamin_d_band(latest.ng_ml))


def supplementation_days(
    dose_dates: Iterable[date], today: date, days: int = vocabulary.RECENT_DAYS
) -> int:
    """Days with at least one vitamin D supplement dose in the last `days` days, today
    included (today and the 29 days before it). A weekly regimen counts its dose days
    only: 4 or 5 in 30 days is full adherence to it."""
    first = today - timedelta(days=days - 1)
    return len({d for d in dose_dates if first <= d <= today})


# Helpers ---------------------------------------------------------------------------


def _one_per_date(series: Iterable[tuple[date, _V]]) -> dict[date, _V]:
    """A daily series as a date-ordered dict; a later duplicate date wins."""
    return dict(sorted(dict(series).items()))
