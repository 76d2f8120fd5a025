"""One disability measure over time, with each confirmed change marked and labelled.

Values are points joined by a line. Each confirmed disability worsening (CDW) is
marked at its onset with a shape and a text label: RAW (relapse-associated, a
triangle), PIRA (independent of relapses, a diamond) or "CDW" (unclassified, a
square); confirmed improvements (CDI) get a downward triangle. Shape and label carry
the meaning, colour repeats it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt

from journal.charts.base import (
    BLUE,
    GREEN,
    GREY,
    PURPLE,
    TEXT,
    VERMILLION,
    Datasets,
    counted,
    date_tooltip,
    finish,
    human_date,
    iso,
    skeleton,
    time_x,
    with_rows,
)
from journal.charts.figure import ChartFigure, DataTable
from journal.dashboard_types import DateRange
from journal.progression import (
    Classification,
    EventType,
    Outcome,
    ProgressionEvent,
    ProgressionResult,
)


@dataclass(frozen=True)
class EventStyle:
    """How one kind of confirmed event is drawn: the label on the chart, the (short)
    legend entry, the marker's shape and colour, and the meaning in words."""

    label: str
    legend: str
    shape: str
    colour: str
    meaning: str


RAW = EventStyle(
    "RAW", "RAW: after relapse", "triangle-up", VERMILLION, "worsening after a relapse"
)
PIRA = EventStyle("PIRA", "PIRA: no relapse", "diamond", PURPLE, "worsening without a relapse")
UNCLASSIFIED = EventStyle("CDW", "CDW: unclassified", "square", GREY, "worsening, unclassified")
IMPROVEMENT = EventStyle("CDI", "CDI: improved", "triangle-down", GREEN, "improvement")
EVENT_KINDS = (RAW, PIRA, UNCLASSIFIED, IMPROVEMENT)

OUTCOME_UNITS = {
    Outcome.EDSS: "Score 0-10, higher is more disability",
    Outcome.PDDS: "Score 0-8, higher is more disability",
    Outcome.T25FW: "Seconds, higher is slower",
    Outcome.NHPT_DOMINANT: "Seconds, higher is slower",
    Outcome.NHPT_NONDOMINANT: "Seconds, higher is slower",
    Outcome.SDT: "Correct answers in 90 s, lower is slower",
    Outcome.TAP_DOMINANT: "Taps in 10 s, lower is slower",
    Outcome.TAP_NONDOMINANT: "Taps in 10 s, lower is slower",
}
OUTCOME_NAMES = {
    Outcome.EDSS: "EDSS",
    Outcome.PDDS: "PDDS",
    Outcome.T25FW: "Timed 25-foot walk",
    Outcome.NHPT_DOMINANT: "9-hole peg test (dominant hand)",
    Outcome.NHPT_NONDOMINANT: "9-hole peg test (other hand)",
    Outcome.SDT: "Symbol-digit self-test",
    Outcome.TAP_DOMINANT: "Tapping self-test (dominant hand)",
    Outcome.TAP_NONDOMINANT: "Tapping self-test (other hand)",
}
# Whole-scale y domains for the ordinal scores, so a step looks as big as it is.
SCALE_DOMAINS = {Outcome.EDSS: [0, 10], Outcome.PDDS: [0, 8]}


def event_kind(event: ProgressionEvent) -> EventStyle:
    """How one confirmed event is drawn."""
    if event.type is EventType.CDI:
        return IMPROVEMENT
    if event.classification is Classification.RAW:
        return RAW
    if event.classification is Classification.PIRA:
        return PIRA
    return UNCLASSIFIED


def _in_span(
    assessments: Iterable[tuple[date, float]], result: ProgressionResult, span: DateRange
) -> tuple[list[tuple[date, float]], list[ProgressionEvent]]:
    values = sorted({d: v for d, v in assessments if d in span}.items())
    events = [e for e in result.events if e.onset in span]
    return values, events


def chart(
    outcome: Outcome | str,
    assessments: Iterable[tuple[date, float]],
    result: ProgressionResult,
    span: DateRange,
) -> dict[str, Any]:
    """Vega-Lite spec of one outcome's values with its CDW/CDI events.

    `result` is `analyse_progression()` over the patient's whole history of this
    outcome (not only the range), so events near the range's start are classified
    with the relapses before it.
    """
    kind = Outcome(outcome)
    values, events = _in_span(assessments, result, span)
    data = Datasets(kind.value)
    name = OUTCOME_NAMES[kind]
    data(
        "values",
        [
            {"date": iso(d), "value": v, "aria": f"{name} {_number(v)} on {human_date(d)}"}
            for d, v in values
        ],
    )
    data(
        "events",
        [
            {
                "date": iso(e.onset),
                "value": e.value,
                "label": event_kind(e).label,
                "legend": event_kind(e).legend,
                "baseline": e.baseline_value,
                "confirmed": iso(e.confirmed),
                "confirmed_value": e.confirmed_value,
                "aria": f"{event_kind(e).label}, {event_kind(e).meaning}: from "
                f"{_number(e.baseline_value)} to {_number(e.value)} on {human_date(e.onset)}, "
                f"confirmed {human_date(e.confirmed)} at {_number(e.confirmed_value)}",
            }
            for e in events
        ],
    )
    counts = {k.label: sum(1 for e in events if event_kind(e) is k) for k in EVENT_KINDS}
    description = (
        f"{name} from {human_date(span.start)} to {human_date(span.end)}: "
        f"{counted(len(values), 'assessment')}; "
        f"{counted(counts['RAW'], 'worsening')} after a relapse (RAW), "
        f"{counted(counts['PIRA'], 'worsening')} without a relapse (PIRA), "
        f"{counted(counts['CDW'], 'unclassified worsening')} and "
        f"{counted(counts['CDI'], 'confirmed improvement')}."
    )
    return with_rows(_skeleton(kind, span), data, description)


@skeleton
def _skeleton(kind: Outcome, span: DateRange) -> dict[str, Any]:
    """The spec without its rows."""
    data = Datasets(kind.value)
    x = time_x(span)
    y_scale = alt.Scale(domain=SCALE_DOMAINS[kind]) if kind in SCALE_DOMAINS else alt.Scale()
    y = alt.Y("value:Q", scale=y_scale)
    measured = alt.Chart(data("values", [])).encode(x=x, y=y)
    line = measured.mark_line(clip=True, color=BLUE, aria=False)
    points = measured.mark_point(filled=True, size=36, color=BLUE, opacity=1, clip=True).encode(
        description="aria:N",
        tooltip=[date_tooltip("date", "Date"), alt.Tooltip("value:Q", title="Value")],
    )
    legend = [k.legend for k in EVENT_KINDS]
    event_base = alt.Chart(data("events", [])).encode(x=x, y=y)
    markers = event_base.mark_point(filled=True, size=170, opacity=1, clip=True).encode(
        shape=alt.Shape(
            "legend:N",
            scale=alt.Scale(domain=legend, range=[k.shape for k in EVENT_KINDS]),
            title=None,
            legend=alt.Legend(columns=2),
        ),
        color=alt.Color(
            "legend:N",
            scale=alt.Scale(domain=legend, range=[k.colour for k in EVENT_KINDS]),
            title=None,
        ),
        description="aria:N",
        tooltip=[
            alt.Tooltip("legend:N", title="Event"),
            date_tooltip("date", "Onset"),
            alt.Tooltip("value:Q", title="Value at onset"),
            alt.Tooltip("baseline:Q", title="Baseline"),
            date_tooltip("confirmed", "Confirmed"),
            alt.Tooltip("confirmed_value:Q", title="Confirmed value"),
        ],
    )
    # Labels above worsening markers and below improvement markers.
    label_style = {"fontWeight": "bold", "fontSize": 12, "clip": True, "color": TEXT, "aria": False}
    worse_labels = (
        event_base.transform_filter(alt.datum.label != IMPROVEMENT.label)
        .mark_text(dy=-15, **label_style)
        .encode(text="label:N")
    )
    better_labels = (
        event_base.transform_filter(alt.datum.label == IMPROVEMENT.label)
        .mark_text(dy=17, **label_style)
        .encode(text="label:N")
    )
    return finish(
        alt.layer(line, points, markers, worse_labels, better_labels),
        data,
        title=OUTCOME_NAMES[kind],
        subtitle=OUTCOME_UNITS[kind],
        description="",  # the request's own, by with_rows()
        height=180,
    )


def table(
    outcome: Outcome | str,
    assessments: Iterable[tuple[date, float]],
    result: ProgressionResult,
    span: DateRange,
) -> DataTable:
    """Every assessment, with the confirmed event (if any) whose onset it is."""
    values, events = _in_span(assessments, result, span)
    by_onset = {e.onset: e for e in events}
    rows = []
    for day, value in values:
        event = by_onset.get(day)
        note = ""
        if event:
            style = event_kind(event)
            note = (
                f"{style.label}, {style.meaning}: from {_number(event.baseline_value)}, "
                f"confirmed {human_date(event.confirmed)} at {_number(event.confirmed_value)}"
            )
        rows.append((human_date(day), _number(value), note))
    return DataTable(
        caption=f"{OUTCOME_NAMES[Outcome(outcome)]} assessments in this period",
        columns=("Date", "Value", "Confirmed change starting here"),
        rows=tuple(rows),
    )


def figure(
    outcome: Outcome | str,
    assessments: Iterable[tuple[date, float]],
    result: ProgressionResult,
    span: DateRange,
    id: str | None = None,
) -> ChartFigure:
    kind = Outcome(outcome)
    assessments = list(assessments)
    spec = chart(kind, assessments, result, span)
    return ChartFigure(
        id=id or f"chart-{kind.value.replace('_', '-')}",
        title=OUTCOME_NAMES[kind],
        caption=spec["description"],
        spec=spec,
        table=table(kind, assessments, result, span),
        empty_message=f"No {OUTCOME_NAMES[kind]} results in this period.",
    )


def _number(value: float) -> str:
    return f"{value:g}"
