"""Aerobic minutes per ISO week as bars, against the weekly goal as a labelled rule."""

from collections.abc import Sequence
from typing import Any

import altair as alt

from journal.charts.base import (
    BLUE,
    TEXT,
    Datasets,
    date_tooltip,
    finish,
    human_date,
    iso,
    skeleton,
    span_layer,
    time_x,
    with_rows,
)
from journal.charts.figure import ChartFigure, DataTable
from journal.dashboard_types import DateRange
from journal.figures import AEROBIC_GOAL_MINUTES, AEROBIC_GOAL_SESSIONS, ExerciseWeek


def chart(weeks: Sequence[ExerciseWeek], span: DateRange) -> dict[str, Any]:
    """Vega-Lite spec of weekly aerobic minutes with the goal line.

    `weeks` comes from `journal.figures.aerobic_weeks(sessions, span.start, span.end,
    goal_minutes, goal_sessions)` and carries the goal; weeks without aerobic exercise
    draw no bar (and add no data).
    """
    goal_minutes, goal_sessions = _goal(weeks)
    data = Datasets("exercise")
    active = [w for w in weeks if w.minutes > 0]
    # Short field names keep ten years of weeks small; each bar ends 6 days after its
    # Monday, leaving a day's gap between weeks.
    rows = [{"w": iso(w.week_start), "m": round(w.minutes), "s": w.sessions} for w in active]
    goal_label = f"Goal {goal_minutes:g} min in {goal_sessions} sessions"
    data("weeks", rows)
    data("goal", [{"minutes": goal_minutes, "label": goal_label}])
    met = sum(1 for w in weeks if w.goal_met)
    description = (
        f"Aerobic exercise per week from {human_date(span.start)} to {human_date(span.end)}: "
        f"goal of {goal_minutes:g} minutes in {goal_sessions} sessions met in {met} of "
        f"{len(weeks)} weeks; {len(active)} weeks with any aerobic exercise."
    )
    return with_rows(_skeleton(span, goal_minutes, goal_sessions), data, description)


@skeleton
def _skeleton(span: DateRange, goal_minutes: float, goal_sessions: int) -> dict[str, Any]:
    """The spec without its rows (the goal's one row included)."""
    data = Datasets("exercise")
    bars = (
        alt.Chart(data("weeks", []))
        .transform_calculate(
            to=f"toDate(datum.w) + {6 * 86_400_000}",
            met=(f"datum.m >= {goal_minutes} && datum.s >= {goal_sessions} ? 'yes' : 'no'"),
        )
        .mark_rect(clip=True, color=BLUE, aria=False)
        .encode(
            x=time_x(span, field="w", with_x2=True),
            x2="to:T",
            y=alt.Y("m:Q", scale=alt.Scale(domainMin=0, nice=True)),
            y2=alt.datum(0),
            tooltip=[
                date_tooltip("w", "Week of"),
                alt.Tooltip("m:Q", title="Aerobic minutes"),
                alt.Tooltip("s:Q", title="Sessions"),
                alt.Tooltip("met:N", title="Goal met"),
            ],
        )
    )
    goal = alt.Chart(data("goal", []))
    rule = goal.mark_rule(color=TEXT, strokeDash=[6, 4], strokeWidth=2, aria=False).encode(
        y="minutes:Q"
    )
    # Pinned to the left edge of the plot, on a white halo over the bars.
    label_base = goal.encode(y="minutes:Q", x=alt.value(0), text="label:N")
    label_style = {"align": "left", "dx": 4, "dy": -10, "fontSize": 12, "aria": False}
    halo = label_base.mark_text(stroke="white", strokeWidth=4, strokeJoin="round", **label_style)
    rule_label = label_base.mark_text(color=TEXT, **label_style)
    return finish(
        alt.layer(bars, rule, halo, rule_label, span_layer(span, data)),
        data,
        title="Aerobic exercise",
        subtitle="Minutes per week",
        description="",  # the request's own, by with_rows()
        height=150,
    )


def table(weeks: Sequence[ExerciseWeek]) -> DataTable:
    """Weeks with aerobic exercise; weeks without any are left out (and said so)."""
    return DataTable(
        caption="Aerobic exercise per week (weeks without any are not listed)",
        columns=("Week of", "Minutes", "Sessions", "Goal met"),
        rows=tuple(
            (
                human_date(w.week_start),
                f"{w.minutes:g}",
                str(w.sessions),
                "yes" if w.goal_met else "no",
            )
            for w in weeks
            if w.minutes > 0
        ),
    )


def figure(
    weeks: Sequence[ExerciseWeek], span: DateRange, id: str = "chart-exercise"
) -> ChartFigure:
    spec = chart(weeks, span)
    return ChartFigure(
        id=id,
        title="Aerobic exercise",
        caption=spec["description"],
        spec=spec,
        table=table(weeks),
        empty_message="No aerobic exercise recorded in this period.",
    )


def _goal(weeks: Sequence[ExerciseWeek]) -> tuple[float, int]:
    if weeks:
        return weeks[-1].goal_minutes, weeks[-1].goal_sessions
    return AEROBIC_GOAL_MINUTES, AEROBIC_GOAL_SESSIONS
