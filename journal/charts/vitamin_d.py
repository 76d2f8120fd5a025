"""Serum 25(OH)D levels over time, on shaded and named reference bands (Endocrine
Society 2011: deficient, insufficient, sufficient, high)."""

from collections.abc import Iterable
from typing import Any

import altair as alt

from journal.charts.base import (
    BLUE,
    GREY,
    Datasets,
    date_tooltip,
    finish,
    human_date,
    iso,
    skeleton,
    time_x,
    with_rows,
)
from journal.charts.figure import ChartFigure, DataTable
from journal.dashboard_types import NMOL_PER_NG, DateRange, VitaminDLevel
from journal.figures import VITAMIN_D_BANDS, VitaminDBand, vitamin_d_band

# Pale tints: the band name is written in each band, the shade only repeats it.
BAND_FILLS = {
    VitaminDBand.DEFICIENT: "#fbe3d3",
    VitaminDBand.INSUFFICIENT: "#fdf3c4",
    VitaminDBand.SUFFICIENT: "#d9f0e6",
    VitaminDBand.HIGH: "#e8e8e8",
}
BAND_NAMES = {
    VitaminDBand.DEFICIENT: "Deficient",
    VitaminDBand.INSUFFICIENT: "Insufficient",
    VitaminDBand.SUFFICIENT: "Sufficient",
    VitaminDBand.HIGH: "High",
}
# The y axis shows at least 0-60 ng/mL (all bands a patient usually meets).
MIN_TOP = 60


def _visible(levels: Iterable[VitaminDLevel], span: DateRange) -> list[VitaminDLevel]:
    by_date = {level.date: level for level in levels if level.date in span}
    return [by_date[d] for d in sorted(by_date)]


def chart(levels: Iterable[VitaminDLevel], span: DateRange) -> dict[str, Any]:
    """Vega-Lite spec: levels in ng/mL as points and a line over the band shading."""
    shown = _visible(levels, span)
    data = Datasets("vitamin-d")
    top = max([MIN_TOP, *(round(level.ng_ml * 1.15) for level in shown)])
    bands = [
        {
            "low": low,
            "high": min(high if high is not None else top, top),
            "band": BAND_NAMES[band],
            "label_y": (low + min(high if high is not None else top, top)) / 2,
        }
        for band, low, high in VITAMIN_D_BANDS
        if low < top
    ]
    rows = [
        {
            "date": iso(level.date),
            "value": round(level.ng_ml, 1),
            "band": BAND_NAMES[vitamin_d_band(level.ng_ml)],
            "aria": f"{level.ng_ml:.0f} ng/mL on {human_date(level.date)}, "
            f"{vitamin_d_band(level.ng_ml).value}",
        }
        for level in shown
    ]
    data("bands", bands)
    data("levels", rows)
    latest = shown[-1] if shown else None
    description = (
        f"Vitamin D (serum 25(OH)D, ng/mL) from {human_date(span.start)} to "
        f"{human_date(span.end)}: {len(shown)} results"
        + (
            f"; latest {latest.ng_ml:.0f} ng/mL on {human_date(latest.date)}, "
            f"{vitamin_d_band(latest.ng_ml).value}"
            if latest
            else ""
        )
        + ". Bands: deficient below 20, insufficient 20-29, sufficient 30-100, high above 100."
    )
    return with_rows(_skeleton(span, top), data, description)


@skeleton
def _skeleton(span: DateRange, top: int) -> dict[str, Any]:
    """The spec without its rows."""
    data = Datasets("vitamin-d")
    y_scale = alt.Scale(domain=[0, top], nice=False)
    band_base = alt.Chart(data("bands", []))
    shading = band_base.mark_rect(aria=False).encode(
        y=alt.Y("low:Q", scale=y_scale),
        y2="high:Q",
        fill=alt.Fill(
            "band:N",
            scale=alt.Scale(
                domain=[BAND_NAMES[b] for b in BAND_FILLS], range=list(BAND_FILLS.values())
            ),
            legend=None,
        ),
    )
    band_names = band_base.mark_text(
        align="right", baseline="middle", dx=-4, color=GREY, fontSize=11, aria=False
    ).encode(y=alt.Y("label_y:Q", scale=y_scale), x=alt.value("width"), text="band:N")
    measured = alt.Chart(data("levels", [])).encode(
        x=time_x(span), y=alt.Y("value:Q", scale=y_scale)
    )
    line = measured.mark_line(color=BLUE, clip=True, aria=False)
    points = measured.mark_point(filled=True, size=50, color=BLUE, opacity=1, clip=True).encode(
        description="aria:N",
        tooltip=[
            date_tooltip("date", "Date"),
            alt.Tooltip("value:Q", title="25(OH)D (ng/mL)"),
            alt.Tooltip("band:N", title="Band"),
        ],
    )
    return finish(
        alt.layer(shading, band_names, line, points),
        data,
        title="Vitamin D",
        subtitle=["Serum 25(OH)D in ng/mL", "Bands: Endocrine Society 2011"],
        description="",  # the request's own, by with_rows()
        height=160,
    )


def table(levels: Iterable[VitaminDLevel], span: DateRange) -> DataTable:
    return DataTable(
        caption="Vitamin D results in this period",
        columns=("Date", "ng/mL", "nmol/L", "Band"),
        rows=tuple(
            (
                human_date(level.date),
                f"{level.ng_ml:.0f}",
                f"{level.ng_ml * NMOL_PER_NG:.0f}",
                vitamin_d_band(level.ng_ml).label,
            )
            for level in _visible(levels, span)
        ),
    )


def figure(
    levels: Iterable[VitaminDLevel], span: DateRange, id: str = "chart-vitamin-d"
) -> ChartFigure:
    levels = list(levels)
    spec = chart(levels, span)
    return ChartFigure(
        id=id,
        title="Vitamin D",
        caption=spec["description"],
        spec=spec,
        table=table(levels, span),
        empty_message="No vitamin D results recorded in this period.",
    )
