"""Relapse bands on the shared time axis: confirmed relapses solid, possible
pseudo-relapses (fever or infection) as dashed outlines in a row of their own."""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import altair as alt

from journal import relapse_rules, vocabulary
from journal.charts.base import (
    VERMILLION,
    Datasets,
    counted,
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
from journal.dashboard_types import DateRange, RelapsePeriod
from journal.figures import RELAPSE_WINDOW_DAYS

RELAPSE = "Relapse"
PSEUDO = "Possible pseudo-relapse"


def drawn_end(relapse: RelapsePeriod) -> date:
    """The last day a band covers: the end date, or 30 days from onset while open (the
    window in which a new onset would still belong to this episode)."""
    if relapse.end is not None:
        return relapse.end
    return relapse.onset + timedelta(days=RELAPSE_WINDOW_DAYS - 1)


def _visible(relapses: Iterable[RelapsePeriod], span: DateRange) -> list[RelapsePeriod]:
    return sorted(
        (r for r in relapses if span.overlaps(r.onset, drawn_end(r))), key=lambda r: r.onset
    )


def episode_count(
    relapses: Iterable[RelapsePeriod], span: DateRange, episode_onsets: Iterable[date] | None
) -> int:
    """Relapse episodes beginning in the range, as the headline counts them
    (`relapse_rules.counted_onsets`: linked onsets are one, pseudo-relapses left out)."""
    if episode_onsets is None:
        episode_onsets = relapse_rules.counted_onsets(
            relapse_rules.Period(key=i, onset=r.onset, pseudo=r.possible_pseudo_relapse)
            for i, r in enumerate(relapses)
        )
    return sum(1 for d in episode_onsets if d in span)


def caption_counts(onsets: int, episodes: int, pseudo: int) -> str:
    """Onsets and episodes, each named (the same fact reads the same as the headline)."""
    text = counted(onsets, *vocabulary.ONSET)
    if onsets:
        text += (
            f" in {counted(episodes, *vocabulary.EPISODE)} (onsets less than "
            f"{vocabulary.RECENT_DAYS} days apart are one episode)"
        )
    return f"{text} and {counted(pseudo, 'possible pseudo-relapse')}"


def chart(
    relapses: Iterable[RelapsePeriod],
    span: DateRange,
    episode_onsets: Iterable[date] | None = None,
) -> dict[str, Any]:
    """Vega-Lite spec: one band per relapse from onset to end (or +30 days if open)."""
    relapses = list(relapses)
    shown = _visible(relapses, span)
    data = Datasets("relapses")
    rows = [
        {
            "date": iso(r.onset),
            # Bands run to the end of their last day.
            "to": iso(drawn_end(r) + timedelta(days=1)),
            "kind": PSEUDO if r.possible_pseudo_relapse else RELAPSE,
            "status": "ongoing (drawn for 30 days)" if r.end is None else "ended",
            "aria": f"{PSEUDO if r.possible_pseudo_relapse else RELAPSE} from "
            f"{human_date(r.onset)} " + (f"to {human_date(r.end)}" if r.end else "(ongoing)"),
        }
        for r in shown
    ]
    data("bands", rows)
    count = sum(1 for r in shown if not r.possible_pseudo_relapse)
    pseudo = len(shown) - count
    description = (
        f"Relapses from {human_date(span.start)} to {human_date(span.end)}: "
        f"{caption_counts(count, episode_count(relapses, span, episode_onsets), pseudo)}, "
        "each a band from onset to end; pseudo-relapses dashed in the lower row."
    )
    return with_rows(_skeleton(span), data, description)


@skeleton
def _skeleton(span: DateRange) -> dict[str, Any]:
    """The spec without its rows."""
    data = Datasets("relapses")
    bands = (
        alt.Chart(data("bands", []))
        .mark_bar(clip=True, stroke=VERMILLION, strokeWidth=1.5, cornerRadius=2)
        .encode(
            x=time_x(span, with_x2=True),
            x2="to:T",
            y=alt.Y(
                "kind:N",
                scale=alt.Scale(domain=[RELAPSE, PSEUDO], paddingInner=0.3),
                axis=alt.Axis(labels=False, ticks=False, domain=False),
            ),
            fill=alt.Fill(
                "kind:N",
                scale=alt.Scale(domain=[RELAPSE, PSEUDO], range=[VERMILLION, "#fbe3d3"]),
                title=None,
            ),
            strokeDash=alt.StrokeDash(
                "kind:N",
                scale=alt.Scale(domain=[RELAPSE, PSEUDO], range=[[1, 0], [4, 3]]),
                title=None,
            ),
            description="aria:N",  # each band's accessible name
            tooltip=[
                alt.Tooltip("kind:N", title="Kind"),
                date_tooltip("date", "Onset"),
                alt.Tooltip("status:N", title="Status"),
            ],
        )
    )
    return finish(
        alt.layer(bands, span_layer(span, data)),
        data,
        title="Relapses",
        description="",  # the request's own, by with_rows()
        height=64,
    )


def table(relapses: Iterable[RelapsePeriod], span: DateRange) -> DataTable:
    return DataTable(
        caption="Relapses in this period",
        columns=("Onset", "End", "Kind"),
        rows=tuple(
            (
                human_date(r.onset),
                human_date(r.end) if r.end else "ongoing",
                PSEUDO if r.possible_pseudo_relapse else RELAPSE,
            )
            for r in _visible(relapses, span)
        ),
    )


def figure(
    relapses: Iterable[RelapsePeriod],
    span: DateRange,
    episode_onsets: Iterable[date] | None = None,
    id: str = "chart-relapses",
) -> ChartFigure:
    relapses = list(relapses)
    spec = chart(relapses, span, episode_onsets)
    return ChartFigure(
        id=id,
        title="Relapses",
        caption=spec["description"],
        spec=spec,
        table=table(relapses, span),
        empty_message="No relapses recorded in this period.",
    )
