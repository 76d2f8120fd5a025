"""Smoking status over time: one row per status, a bar for each period spent in it, so
the status reads from its row and its label as well as its colour."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import altair as alt

from journal import figures
from journal.charts.base import (
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
from journal.dashboard_types import DateRange, SmokingRecord, SmokingStatus

STATUS_NAMES = {
    SmokingStatus.CURRENT: "Smoking",
    SmokingStatus.FORMER: "Stopped",
    SmokingStatus.NEVER: "Never smoked",
}
# Tints of vermillion, green and grey, so the dark status label inside keeps 7:1.
STATUS_FILLS = ["#f5c9a8", "#b3e0cf", "#dddddd"]


@dataclass(frozen=True)
class StatusPeriod:
    """A run of records with one status, from `start` to `end` (both inclusive)."""

    status: SmokingStatus
    start: date
    end: date


def periods(records: Iterable[SmokingRecord], span: DateRange) -> list[StatusPeriod]:
    """Each status holds from its record's date until the next record with another
    status, or until the range's end; periods are clipped to the range.

    A "stopped" period starts on the quit date as the smoke-free streak reads it
    (`figures.quit_date` over the records up to that period's last one), so the
    chart and the card say the same day; it never reaches back before the day
    after the previous period began.
    """
    ordered = sorted(records, key=lambda r: r.date)
    runs: list[list] = []  # [status, start, index of the run's last record]
    for index, record in enumerate(ordered):
        status = SmokingStatus(record.status)
        if not runs or runs[-1][0] is not status:
            runs.append([status, record.date, index])
        else:
            runs[-1][2] = index
    for position, run in enumerate(runs):
        if run[0] is SmokingStatus.FORMER:
            quit_on = figures.quit_date(ordered[: run[2] + 1])
            floor = runs[position - 1][1] + timedelta(days=1) if position else None
            if quit_on is not None and quit_on < run[1]:
                run[1] = max(quit_on, floor) if floor else quit_on
    result = []
    for index, (status, start, _) in enumerate(runs):
        end = runs[index + 1][1] - timedelta(days=1) if index + 1 < len(runs) else span.end
        if span.overlaps(start, end):
            result.append(StatusPeriod(status, max(start, span.start), min(end, span.end)))
    return result


def chart(records: Iterable[SmokingRecord], span: DateRange) -> dict[str, Any]:
    """Vega-Lite spec of the smoking status periods in the range."""
    shown = periods(records, span)
    data = Datasets("smoking")
    rows = [
        {
            "date": iso(p.start),
            "to": iso(p.end + timedelta(days=1)),
            "status": STATUS_NAMES[p.status],
            "label_at": label_anchor(p.start, p.end, span)[0],
            "align": label_anchor(p.start, p.end, span)[1],
            "aria": f"{STATUS_NAMES[p.status]} from {human_date(p.start)} to {human_date(p.end)}",
        }
        for p in shown
    ]
    data("periods", rows)
    description = (
        f"Smoking status from {human_date(span.start)} to {human_date(span.end)}: "
        + (
            "; ".join(
                f"{STATUS_NAMES[p.status].lower()} from {human_date(p.start)} "
                f"to {human_date(p.end)}"
                for p in shown
            )
            or "not recorded"
        )
        + "."
    )
    return with_rows(_skeleton(span), data, description)


@skeleton
def _skeleton(span: DateRange) -> dict[str, Any]:
    """The spec without its rows."""
    data = Datasets("smoking")
    names = list(STATUS_NAMES.values())
    base = alt.Chart(data("periods", [])).encode(
        y=alt.Y(
            "status:N",
            scale=alt.Scale(domain=names, paddingInner=0.3),
            axis=alt.Axis(labels=False, ticks=False, domain=False),
        )
    )
    bars = base.mark_bar(clip=True, cornerRadius=2, stroke=TEXT, strokeWidth=0.5).encode(
        x=time_x(span, with_x2=True),
        x2="to:T",
        fill=alt.Fill("status:N", scale=alt.Scale(domain=names, range=STATUS_FILLS), legend=None),
        description="aria:N",
        tooltip=[
            alt.Tooltip("status:N", title="Status"),
            date_tooltip("date", "From"),
        ],
    )
    # The status written inside each period, at its start (or its end, late in the range).
    labels = [
        base.transform_filter(alt.datum.align == align)
        .mark_text(align=align, dx=dx, clip=True, color=TEXT, fontSize=12, aria=False)
        .encode(x=time_x(span, field="label_at"), text="status:N")
        for align, dx in (("left", 6), ("right", -6))
    ]
    return finish(
        alt.layer(bars, *labels),
        data,
        title="Smoking",
        description="",  # the request's own, by with_rows()
        height=84,
    )


def table(records: Iterable[SmokingRecord], span: DateRange) -> DataTable:
    return DataTable(
        caption="Smoking status in this period",
        columns=("From", "To", "Status"),
        rows=tuple(
            (human_date(p.start), human_date(p.end), STATUS_NAMES[p.status])
            for p in periods(records, span)
        ),
    )


def figure(
    records: Iterable[SmokingRecord], span: DateRange, id: str = "chart-smoking"
) -> ChartFigure:
    records = list(records)
    spec = chart(records, span)
    return ChartFigure(
        id=id,
        title="Smoking",
        caption=spec["description"],
        spec=spec,
        table=table(records, span),
        empty_message="No smoking status recorded in this period.",
    )
