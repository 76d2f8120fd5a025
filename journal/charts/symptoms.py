"""Symptom burden over time: rolling 7-day and 28-day means of chosen symptoms.

Each symptom has its own colour and its name written at the end of its line; the
7-day mean is a thin dashed line, the 28-day mean a thick solid one. Ranges longer
than a year are drawn from ISO-weekly means of the daily rolling means, and the data
travel as one compact row per day or week, so ten years stay a few tens of kilobytes.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

import altair as alt

from journal.charts.base import (
    PALETTE,
    TEXT,
    Datasets,
    finish,
    human_date,
    iso,
    one_decimal,
    skeleton,
    time_scale,
    time_x,
    weekly,
    with_rows,
)
from journal.charts.figure import ChartFigure, DataTable
from journal.dashboard_types import DailySeries, DateRange
from journal.figures import iso_week_start, rolling_means, weekly_means_of_days

WINDOWS = (7, 28)
# How far before the range's last ISO week `lines` starts its second part (`prefix_end`).
PREFIX_LAG_DAYS = 14
# At most this many symptoms on one chart: more lines are unreadable.
MAX_SYMPTOMS = 4


@dataclass(frozen=True)
class LinesPrefix:
    """`lines` before `until` (`prefix_end`): the rounded means per (symptom, window),
    the number of points they make, and those points' chart and table rows."""

    until: date
    names: tuple[str, ...]
    windows: tuple[int, ...]
    columns: dict[tuple[str, int], list[float | None]]
    steps: int
    rows: tuple[dict[str, Any], ...]
    table_rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SymptomLines:
    """The rolling means of each symptom, per day or per ISO week over the range.

    `points[i]` is (date, {(symptom, window): mean or None}); `step` is "day" or
    "week" (then the date is the week's Monday and each mean the week's mean).
    """

    symptoms: tuple[str, ...]
    windows: tuple[int, ...]
    step: str
    points: tuple[tuple[date, dict[tuple[str, int], float | None]], ...]
    # The first points' chart and table rows, made with them (`lines_prefix`).
    prefix: LinesPrefix | None = None


def lines(
    symptoms: Mapping[str, DailySeries],
    span: DateRange,
    windows: Sequence[int] = WINDOWS,
    prefix: LinesPrefix | None = None,
) -> SymptomLines:
    """Rolling means of each symptom over the range, weekly for ranges over a year.

    Each series holds one 0-10 score per check-in date, in date order; pass at least 27
    days before the range so the first 28-day means are full. Missing days are left out
    of each window (see `journal.figures.rolling_mean`).

    The means before `prefix_end(span)` and those from it on are computed apart, so
    that the first part can come from a cache (`prefix`, made by `lines_prefix` from
    the same series) when only the last weeks changed: a check-in changes the means
    of its own day and the 27 after it. Both parts are always computed this way, so a
    cached prefix gives exactly the floats a fresh one does.
    """
    names = tuple(symptoms)[:MAX_SYMPTOMS]
    by_week = weekly(span)
    first = _first_drawn(span)
    split = prefix_end(span)
    if prefix is None or (prefix.until, prefix.names, prefix.windows) != (
        split,
        names,
        tuple(windows),
    ):
        prefix = lines_prefix(symptoms, span, windows)
    tail = _columns(symptoms, names, windows, split, span.end, by_week)
    columns = {key: means + tail[key] for key, means in prefix.columns.items()}
    points = _points(first, span.end, by_week, columns)
    return SymptomLines(names, tuple(windows), "week" if by_week else "day", points, prefix)


def prefix_end(span: DateRange) -> date:
    """The first day of `lines`' second part: the Monday two weeks before the range's
    last ISO week (a check-in of the last days leaves what comes before it alone),
    kept inside the drawn days."""
    monday = iso_week_start(span.end) - timedelta(days=PREFIX_LAG_DAYS)
    return min(max(monday, _first_drawn(span)), span.end + timedelta(days=1))


def lines_prefix(
    symptoms: Mapping[str, DailySeries], span: DateRange, windows: Sequence[int] = WINDOWS
) -> LinesPrefix:
    """`lines`' means before `prefix_end(span)`: they read only the scores before it."""
    names = tuple(symptoms)[:MAX_SYMPTOMS]
    windows = tuple(windows)
    split, by_week = prefix_end(span), weekly(span)
    last = split - timedelta(days=1)
    columns = _columns(symptoms, names, windows, _first_drawn(span), last, by_week)
    points = _points(_first_drawn(span), last, by_week, columns)
    return LinesPrefix(
        split,
        names,
        windows,
        columns,
        len(points),
        tuple(_chart_rows(points, names, windows)),
        tuple(_table_rows(points, names, windows, by_week)),
    )


def _points(first: date, last: date, by_week: bool, columns):
    """(date, {key: mean}) per day or week from `first` to `last`: every step, so a gap
    in the data breaks the line."""
    days = range(first.toordinal(), last.toordinal() + 1, 7 if by_week else 1)
    return tuple(
        (date.fromordinal(day), {key: means[index] for key, means in columns.items()})
        for index, day in enumerate(days)
    )


def _first_drawn(span: DateRange) -> date:
    # A weekly chart covers whole ISO weeks, so the first week's mean has all its days.
    return iso_week_start(span.start) if weekly(span) else span.start


def _columns(symptoms, names, windows, start, end, by_week):
    """Each (symptom, window)'s rounded rolling means from `start` to `end` (a Monday
    when `by_week`), per day or per ISO week; empty lists when `end` is before `start`."""
    columns: dict[tuple[str, int], list[float | None]] = {}
    lead = timedelta(days=max(windows, default=1) - 1)
    for name in names:
        series = symptoms[name]
        # Only the days these windows read (the series are in date order).
        low = bisect_left(series, start - lead, key=itemgetter(0))
        high = bisect_right(series, end, key=itemgetter(0))
        means_by_window = (
            rolling_means(series[low:high], windows, start, end)
            if start <= end
            else {window: [] for window in windows}
        )
        for window, daily in means_by_window.items():
            means = weekly_means_of_days(daily) if by_week else daily
            columns[(name, window)] = [one_decimal(mean) for mean in means]
    return columns


def _key(index: int, window: int) -> str:
    """Short field names ("s0w7") keep a ten-year series small."""
    return f"s{index}w{window}"


def chart(
    symptoms: Mapping[str, DailySeries], span: DateRange, windows: Sequence[int] = WINDOWS
) -> dict[str, Any]:
    """Vega-Lite spec of the rolling means of up to four symptoms (0-10)."""
    return _chart(lines(symptoms, span, windows), span)


def table(
    symptoms: Mapping[str, DailySeries], span: DateRange, windows: Sequence[int] = WINDOWS
) -> DataTable:
    """One row per day (or ISO week) with a mean, one column per symptom and window."""
    return _table(lines(symptoms, span, windows))


def figure(
    symptoms: Mapping[str, DailySeries],
    span: DateRange,
    windows: Sequence[int] = WINDOWS,
    id: str = "chart-symptoms",
    prefix: LinesPrefix | None = None,
) -> ChartFigure:
    """The chart with its caption and table; `prefix` as in `lines`."""
    data = lines(symptoms, span, windows, prefix)
    spec = _chart(data, span)
    return ChartFigure(
        id=id,
        title="Symptoms",
        caption=spec["description"],
        spec=spec,
        table=_table(data),
        empty_message="No check-ins recorded in this period.",
    )


def _chart(drawn: SymptomLines, span: DateRange) -> dict[str, Any]:
    data = Datasets("symptoms")
    names = drawn.symptoms
    prefix, later = _split(drawn)
    data("means", [*prefix.rows, *_chart_rows(later, names, drawn.windows)])
    data("names", _end_labels(drawn))
    return with_rows(_skeleton(names, drawn.windows, drawn.step, span), data)


@skeleton
def _skeleton(
    names: tuple[str, ...], windows: tuple[int, ...], step: str, span: DateRange
) -> dict[str, Any]:
    """The spec without its rows: the same for every page with these symptoms,
    windows and range."""
    data = Datasets("symptoms")
    keys = {_key(i, w): (name, f"{w}-day mean") for i, name in enumerate(names) for w in windows}
    window_labels = [f"{w}-day mean" for w in windows]
    x = time_x(span)
    y = alt.Y("value:Q", scale=alt.Scale(domain=[0, 10]))
    colour = alt.Color(
        "symptom:N",
        scale=alt.Scale(domain=list(names), range=PALETTE[: len(names)]),
        title=None,
        legend=alt.Legend(columns=2),
    )
    symptom_lines = (
        alt.Chart(data("means", []))
        .transform_fold(list(keys), as_=["key", "value"])
        .transform_lookup(
            lookup="key",
            from_=alt.LookupData(
                data=alt.Data(
                    values=[{"key": k, "symptom": s, "window": w} for k, (s, w) in keys.items()]
                ),
                key="key",
                fields=["symptom", "window"],
            ),
        )
        .mark_line(clip=True, interpolate="monotone", aria=False)
        .encode(
            x=x,
            y=y,
            color=colour,
            detail="key:N",
            strokeDash=alt.StrokeDash(
                "window:N",
                scale=alt.Scale(
                    domain=window_labels, range=[[4, 3], [1, 0]][-len(window_labels) :]
                ),
                legend=None,  # said in the subtitle, to keep the legend narrow
            ),
            strokeWidth=alt.StrokeWidth(
                "window:N",
                scale=alt.Scale(domain=window_labels, range=[1.5, 3][-len(window_labels) :]),
                legend=None,
            ),
        )
    )
    # The symptom's name at the end of its longest-window line (direct labels, so the
    # lines are told apart without colour), on a white halo, nudged apart so that close
    # lines keep readable names.
    label_base = alt.Chart(data("names", [])).encode(
        x=alt.X("date:T", scale=time_scale(span)),
        y=alt.Y("label_y:Q", scale=alt.Scale(domain=[0, 10])),
        text="symptom:N",
    )
    label_style = {"align": "right", "dx": -4, "fontWeight": "bold", "fontSize": 12, "aria": False}
    halo = label_base.mark_text(stroke="white", strokeWidth=4, strokeJoin="round", **label_style)
    end_labels = label_base.mark_text(color=TEXT, **label_style)  # dark text: 4.5:1 and more
    means = "weekly means of the" if step == "week" else "the"
    description = (
        f"Symptom scores (0-10) from {human_date(span.start)} to {human_date(span.end)}, "
        f"{means} rolling {' and '.join(window_labels)}s of: {', '.join(names) or 'no symptom'}."
    )
    return finish(
        alt.layer(symptom_lines, halo, end_labels),
        data,
        title="Symptoms",
        subtitle=[
            "Score 0-10, higher is worse",
            ", ".join(f"{'dashed' if w != windows[-1] else 'solid'}: {w}-day" for w in windows)
            + " mean"
            + (", weekly" if step == "week" else ""),
        ],
        description=description,
        height=200,
    )


def _end_labels(data: SymptomLines, gap: float = 0.9) -> list[dict[str, Any]]:
    """Where each symptom's name goes: at the last mean of its longest window, moved up
    or down so that no two names are closer than `gap` score points."""
    window = data.windows[-1]
    ends = []
    for name in data.symptoms:
        last = next(
            (
                (d, m[(name, window)])
                for d, m in reversed(data.points)
                if m.get((name, window)) is not None
            ),
            None,
        )
        if last is not None:
            ends.append({"date": iso(last[0]), "symptom": name, "value": last[1]})
    ends.sort(key=lambda e: e["value"])
    floor = 0.4
    for end in ends:
        end["label_y"] = max(end["value"] + 0.6, floor)
        floor = end["label_y"] + gap
    overflow = (ends[-1]["label_y"] - 9.8) if ends else 0
    for end in ends:
        end["label_y"] = round(end["label_y"] - max(overflow, 0), 2)
    return ends


def _table(data: SymptomLines) -> DataTable:
    columns = [f"{name}, {w}-day mean" for name in data.symptoms for w in data.windows]
    prefix, later = _split(data)
    by_week = data.step == "week"
    rows = (*prefix.table_rows, *_table_rows(later, data.symptoms, data.windows, by_week))
    return DataTable(
        caption="Symptom scores (0-10), rolling means",
        columns=("Week" if by_week else "Date", *columns),
        rows=rows,
    )


_NO_PREFIX = LinesPrefix(date.min, (), (), {}, 0, (), ())


def _split(data: SymptomLines):
    """(the prefix whose rows `data` starts with, the points after it)."""
    prefix = data.prefix or _NO_PREFIX
    return prefix, data.points[prefix.steps :]


def _chart_rows(points, names, windows) -> list[dict[str, Any]]:
    fields = [(_key(i, w), (n, w)) for i, n in enumerate(names) for w in windows]
    return [
        {"date": iso(day), **{field: means.get(key) for field, key in fields}}
        for day, means in points
    ]


def _table_rows(points, names, windows, by_week: bool) -> list[tuple[str, ...]]:
    """One row per point with a mean."""
    keys = [(name, w) for name in names for w in windows]
    label = "Week of {}" if by_week else "{}"
    rows = []
    for day, means in points:
        cells = [means.get(key) for key in keys]
        if cells.count(None) < len(cells):
            rows.append(
                (label.format(human_date(day)), *("" if c is None else f"{c:.1f}" for c in cells))
            )
    return rows
