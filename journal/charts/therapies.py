"""Therapy courses as horizontal bars on the shared time axis, each labelled with its
drug and, on a second line, its adherence ("96% of doses taken")."""

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import altair as alt

from journal.charts.base import (
    LAVENDER,
    ORANGE,
    SKY_BLUE,
    TEXT,
    Datasets,
    date_tooltip,
    finish,
    human_date,
    iso,
    label_anchor,
    skeleton,
    time_x,
    with_rows,
)
from journal.charts.figure import ChartFigure, DataTable
from journal.dashboard_types import DateRange, TherapyCourse

CATEGORIES = {
    "dmt": "Disease-modifying therapy",
    "symptomatic": "Symptomatic",
    "investigational": "Investigational",
}
# Fills that keep 3:1 against the white page and 4.5:1 under the dark label text.
CATEGORY_FILLS = [SKY_BLUE, ORANGE, LAVENDER]
ROW_HEIGHT = 40  # two lines of label


def adherence_text(course: TherapyCourse) -> str:
    """Adherence in a few words; the chart's subtitle says it is the share of doses."""
    if course.adherence_percent is None:
        return "adherence unknown"
    return f"{course.adherence_percent:.0f}% taken"


def _visible(courses: Iterable[TherapyCourse], span: DateRange) -> list[TherapyCourse]:
    return sorted(
        (c for c in courses if span.overlaps(c.start, c.stop or span.end)),
        key=lambda c: (c.start, c.name),
    )


def chart(courses: Iterable[TherapyCourse], span: DateRange) -> dict[str, Any]:
    """Vega-Lite spec: one bar per course from start to stop (to the range's end while
    ongoing), one row per drug, labelled inside the range with name and adherence."""
    shown = _visible(courses, span)
    data = Datasets("therapies")
    rows = []
    for c in shown:
        label_at, align = label_anchor(c.start, c.stop or span.end, span)
        rows.append(
            {
                "date": iso(c.start),
                "to": iso((c.stop or span.end) + timedelta(days=1)),
                "drug": c.name,
                "category": CATEGORIES.get(c.category, c.category),
                "label": f"{c.name}\n{adherence_text(c)}",
                "adherence": adherence_text(c),
                "label_at": label_at,
                "align": align,
                "status": "ongoing" if c.stop is None else f"stopped {human_date(c.stop)}",
                "aria": f"{c.name} from {human_date(c.start)} "
                + ("(ongoing)" if c.stop is None else f"to {human_date(c.stop)}")
                + f", {adherence_text(c)}",
            }
        )
    drugs = tuple(dict.fromkeys(c.name for c in shown))
    data("courses", rows)
    description = (
        f"Therapy courses from {human_date(span.start)} to {human_date(span.end)}: "
        + (
            "; ".join(
                f"{c.name} from {human_date(c.start)} "
                f"{'ongoing' if c.stop is None else 'to ' + human_date(c.stop)}, "
                f"{adherence_text(c)}"
                for c in shown
            )
            or "none"
        )
        + "."
    )
    return with_rows(_skeleton(drugs, span), data, description)


@skeleton
def _skeleton(drugs: tuple[str, ...], span: DateRange) -> dict[str, Any]:
    """The spec without its rows."""
    data = Datasets("therapies")
    base = alt.Chart(data("courses", [])).encode(
        y=alt.Y(
            "drug:N",
            sort=list(drugs),
            scale=alt.Scale(paddingInner=0.25),
            axis=alt.Axis(labels=False, ticks=False, domain=False),
        )
    )
    bars = base.mark_bar(clip=True, cornerRadius=3, stroke=TEXT, strokeWidth=0.5).encode(
        x=time_x(span, with_x2=True),
        x2="to:T",
        fill=alt.Fill(
            "category:N",
            scale=alt.Scale(domain=list(CATEGORIES.values()), range=CATEGORY_FILLS),
            title=None,
            legend=alt.Legend(columns=2),
        ),
        description="aria:N",
        tooltip=[
            alt.Tooltip("drug:N", title="Drug"),
            alt.Tooltip("category:N", title="Kind"),
            date_tooltip("date", "Started"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("adherence:N", title="Adherence"),
        ],
    )
    labels = [
        base.transform_filter(alt.datum.align == align)
        .mark_text(
            align=align, dx=dx, clip=True, color=TEXT, fontSize=12, lineBreak="\n", aria=False
        )
        .encode(x=time_x(span, field="label_at"), text="label:N")
        for align, dx in (("left", 6), ("right", -6))
    ]
    return finish(
        alt.layer(bars, *labels),
        data,
        title="Therapies",
        subtitle="With the share of scheduled doses taken",
        description="",  # the request's own, by with_rows()
        height=max(1, len(drugs)) * ROW_HEIGHT,
    )


def table(courses: Iterable[TherapyCourse], span: DateRange) -> DataTable:
    return DataTable(
        caption="Therapy courses in this period",
        columns=("Drug", "Kind", "Started", "Stopped", "Adherence"),
        rows=tuple(
            (
                c.name,
                CATEGORIES.get(c.category, c.category),
                human_date(c.start),
                human_date(c.stop) if c.stop else "ongoing",
                adherence_text(c),
            )
            for c in _visible(courses, span)
        ),
    )


def figure(
    courses: Iterable[TherapyCourse], span: DateRange, id: str = "chart-therapies"
) -> ChartFigure:
    courses = list(courses)
    spec = chart(courses, span)
    return ChartFigure(
        id=id,
        title="Therapies",
        caption=spec["description"],
        spec=spec,
        table=table(courses, span),
        empty_message="No therapy courses recorded in this period.",
    )
