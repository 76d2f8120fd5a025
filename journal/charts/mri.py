"""MRI activity on the shared time axis: one mark per scan, active, quiet or unknown.

Shape, position and label carry the meaning as well as the colour: an active scan is
a filled triangle in the top row, a quiet one an open circle in the middle row, an
unknown one (the report does not state the count of new lesions) a grey square below.
"""

from collections.abc import Iterable
from typing import Any

import altair as alt

from journal.charts.base import (
    BLUE,
    GREY,
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
from journal.mri_rules import ACTIVE, QUIET, UNKNOWN
from journal.neda import Scan

NAMES = {ACTIVE: "Active", QUIET: "Quiet", UNKNOWN: "Not stated"}
ORDER = [NAMES[ACTIVE], NAMES[QUIET], NAMES[UNKNOWN]]
EXPLAIN = {
    ACTIVE: "new or enhancing lesions",
    QUIET: "no new lesions",
    UNKNOWN: "the report does not say",
}


def _visible(scans: Iterable[Scan], span: DateRange) -> list[Scan]:
    return sorted((s for s in scans if s.date in span), key=lambda s: s.date)


def chart(scans: Iterable[Scan], span: DateRange) -> dict[str, Any]:
    """Vega-Lite spec: a point per scan, in the row of its activity."""
    shown = _visible(scans, span)
    data = Datasets("mri")
    rows = [
        {
            "date": iso(s.date),
            "activity": NAMES[s.activity],
            "meaning": EXPLAIN[s.activity],
            "aria": f"MRI on {human_date(s.date)}: {NAMES[s.activity].lower()}, "
            f"{EXPLAIN[s.activity]}",
        }
        for s in shown
    ]
    data("scans", rows)
    active = sum(1 for s in shown if s.activity == ACTIVE)
    quiet = sum(1 for s in shown if s.activity == QUIET)
    unknown = len(shown) - active - quiet
    description = (
        f"MRI scans from {human_date(span.start)} to {human_date(span.end)}: "
        f"{counted(active, 'active scan')}, {counted(quiet, 'quiet scan')} and "
        f"{counted(unknown, 'scan')} whose report does not state new lesions."
    )
    return with_rows(_skeleton(span), data, description)


@skeleton
def _skeleton(span: DateRange) -> dict[str, Any]:
    """The spec without its rows."""
    data = Datasets("mri")
    points = (
        alt.Chart(data("scans", []))
        .mark_point(size=140, strokeWidth=2, opacity=1, clip=True)
        .encode(
            x=time_x(span),
            y=alt.Y("activity:N", scale=alt.Scale(domain=ORDER), axis=alt.Axis(title=None)),
            shape=alt.Shape(
                "activity:N",
                scale=alt.Scale(domain=ORDER, range=["triangle-up", "circle", "square"]),
                legend=None,
            ),
            color=alt.Color(
                "activity:N",
                scale=alt.Scale(domain=ORDER, range=[VERMILLION, BLUE, GREY]),
                legend=None,
            ),
            fill=alt.Fill(
                "activity:N",
                scale=alt.Scale(domain=ORDER, range=[VERMILLION, "white", GREY]),
                legend=None,
            ),
            description="aria:N",
            tooltip=[
                date_tooltip("date", "Scan"),
                alt.Tooltip("activity:N", title="Activity"),
                alt.Tooltip("meaning:N", title="Meaning"),
            ],
        )
    )
    return finish(
        points,
        data,
        title="MRI activity",
        subtitle="Active: new or enhancing lesions",
        description="",  # the request's own, by with_rows()
        height=90,
    )


def table(scans: Iterable[Scan], span: DateRange) -> DataTable:
    return DataTable(
        caption="MRI scans in this period",
        columns=("Date", "Activity", "Meaning"),
        rows=tuple(
            (human_date(s.date), NAMES[s.activity], EXPLAIN[s.activity])
            for s in _visible(scans, span)
        ),
    )


def figure(scans: Iterable[Scan], span: DateRange, id: str = "chart-mri") -> ChartFigure:
    scans = list(scans)
    spec = chart(scans, span)
    return ChartFigure(
        id=id,
        title="MRI activity",
        caption=spec["description"],
        spec=spec,
        table=table(scans, span),
        empty_message="No MRI scans recorded in this period.",
    )
