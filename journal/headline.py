"""The dashboard's headline figures for one patient and range, from gathered data.

No queries here: `headline()` takes the `DashboardData` of `journal.dashboard.gather`
and applies the pure functions of `journal.figures`, so the page, the API and the PDF
show the same numbers. Range figures (relapse rate, RAW/PIRA counts, disability
change, symptom burden) cover the range; "now" figures (time since the last relapse,
adherence, exercise, vitamin D, smoking) are as of the range's last day.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter

from journal import figures, neda
from journal.dashboard_types import DateRange, SmokingStatus
from journal.progression import Outcome
from journal.reclassification import Reclassification, reclassified
from journal.transition import TransitionSignal, transition_signal

# How NEDA-3 names the measure its "no worsening" part rests on.
MEASURE_SHORT = {
    Outcome.EDSS: "EDSS",
    Outcome.PDDS: "PDDS",
    Outcome.T25FW: "walk test",
    Outcome.NHPT_DOMINANT: "peg test",
    Outcome.NHPT_NONDOMINANT: "peg test",
    Outcome.SDT: "symbol-digit test",
    Outcome.TAP_DOMINANT: "tapping test",
    Outcome.TAP_NONDOMINANT: "tapping test",
}


@dataclass(frozen=True)
class CurrentAdherence:
    """Adherence for the disease-modifying therapy running at the range's end:
    `percents` maps 30/90/365 days to the share of scheduled doses taken within their
    window (`therapies.adherence`; None before any dose was due). For clinic-given
    drugs the doses are infusions."""

    name: str
    start: date
    clinic_administered: bool
    percents: dict[int, float | None]


@dataclass(frozen=True)
class Headline:
    span: DateRange
    measure: Outcome
    relapse_rates: figures.RelapseRates | None
    time_since_relapse: figures.TimeSince | None
    events: figures.EventCounts
    disability_change: figures.DisabilityChange
    symptom_burden: figures.SymptomBurden
    adherence: CurrentAdherence | None
    aerobic: figures.AerobicSummary
    vitamin_d: figures.VitaminDStatus | None
    supplementation_days: int
    smoking_status: SmokingStatus | None
    quit_date: date | None
    smoke_free_days: int | None
    # NEDA-3 per calendar year, then over the range (`journal.neda`); PIRA while the
    # scans were quiet; the possible-transition signal (`journal.transition`).
    neda3: tuple[neda.Period, ...] = ()
    silent_progression: tuple[neda.SilentProgression, ...] = ()
    transition: TransitionSignal | None = None
    scans_in_span: int = 0
    # Why RAW/PIRA counts and the disability change cannot be judged yet
    # (`figures.assessment_gap`); None when there are enough assessments.
    assessment_gap: figures.AssessmentGap | None = None
    assessments: int = 0
    confirmation_days: int = 84
    # Worsenings that were PIRA until a back-dated relapse was recorded.
    reclassified: tuple[Reclassification, ...] = ()

    @property
    def as_of(self) -> date:
        return self.span.end


def headline(data) -> Headline:
    """All headline figures of a `journal.dashboard.DashboardData`.

    The relapse rate counts episodes without possible pseudo-relapses from the start
    of follow-up (`figures.follow_up_start`: diagnosis or first record, not before the
    range) to the range's end; None when follow-up has not begun by then.
    """
    span = data.span
    start = figures.follow_up_start(data.first_record, data.diagnosis, span.start)
    rates = None
    if start is not None and start <= span.end:
        rates = figures.annualised_relapse_rates(data.episode_onsets, start, span.end)
    in_span = data.events_in_span
    smoking = [r for r in data.smoking if r.date <= span.end]
    quit_on = figures.quit_date(smoking)
    assessed = [d for d, _ in data.assessments if d <= span.end]
    confirmation = data.definition.settings.confirmation_days
    return Headline(
        span=span,
        measure=data.measure,
        relapse_rates=rates,
        time_since_relapse=figures.time_since_last_relapse(data.episode_onsets, span.end),
        events=figures.event_counts(in_span),
        disability_change=figures.disability_change(in_span),
        symptom_burden=figures.symptom_burden_after_relapses(
            _within(data.burden, span), data.relapse_onsets
        ),
        adherence=data.current_dmt,
        aerobic=data.aerobic,
        vitamin_d=figures.latest_vitamin_d(data.vitamin_d_levels),
        supplementation_days=figures.supplementation_days(data.vitamin_d_dose_dates, span.end),
        smoking_status=SmokingStatus(smoking[-1].status) if smoking else None,
        quit_date=quit_on,
        smoke_free_days=figures.smoke_free_streak(quit_on, span.end),
        neda3=neda.periods(
            span,
            data.episode_onsets,
            data.scans,
            [d for d, _ in data.assessments],
            data.progression.events,
            MEASURE_SHORT[data.measure],
        ),
        silent_progression=neda.silent_progression(in_span.events, data.scans),
        transition=transition_signal(
            [(d, v) for d, v in data.edss if d <= span.end],
            [d for d in data.relapse_onsets if d <= span.end],
            data.ms_course,
        ),
        scans_in_span=sum(1 for s in data.scans if s.date in span),
        assessment_gap=figures.assessment_gap(assessed, confirmation),
        assessments=len(assessed),
        confirmation_days=confirmation,
        reclassified=tuple(
            r
            for r in reclassified(data.progression, data.assessments, data.relapse_entries)
            if r.event.onset in span
        ),
    )


def _within(series: Sequence[tuple[date, float]], span: DateRange) -> Sequence[tuple[date, float]]:
    """The part of a date-ordered series inside the range, cut by bisection: ten years
    of daily values were 3,650 range tests per page."""
    lo = bisect_left(series, span.start, key=itemgetter(0))
    return series[lo : bisect_right(series, span.end, lo, key=itemgetter(0))]
