"""What every dashboard chart shares: the time axis, the palette, the look, the size rules.

Every chart spans the same `DateRange` on a UTC time scale with the same fixed
y-axis width, so charts stacked on the page (or in the PDF) line up day for day.
Dates travel as ISO strings ("2024-03-10"), which Vega reads as UTC midnight; the UTC
scale then labels them with the same calendar date in every browser time zone.
"""

import copy
import functools
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import altair as alt
from altair.utils import schemapi

from journal.dashboard_types import DateRange

# The palette, the one place chart colours are chosen. Okabe & Ito's (2008) colour-blind
# safe hues, darkened where needed so that every line, bar and marker keeps 3:1 against
# the white background (WCAG 1.4.11; tests/journal/test_chart_palette.py checks it), and
# with at least the Okabe-Ito palette's own distance between any two colours under
# simulated deuteranopia, protanopia and tritanopia. Meaning never rests on colour alone:
# every coloured mark also differs in shape, dash, position or label.
BLACK = "#000000"
BLUE = "#0072B2"  # 5.2:1 on white
ORANGE = "#CC7700"  # 3.4:1 (Okabe-Ito #E69F00 is 2.3:1)
GREEN = "#009E73"  # 3.4:1
PURPLE = "#C0609A"  # 3.9:1 (Okabe-Ito #CC79A7 is 3.06:1)
VERMILLION = "#D55E00"  # 3.9:1
WINE = "#882255"  # 8.7:1 (Paul Tol's muted wine)
OLIVE = "#665500"  # 7.3:1
# Fills with dark label text on them: 3:1 against white and 4.5:1 against TEXT.
SKY_BLUE = "#5092C4"  # 3.4:1 on white, 4.6:1 under TEXT (Okabe-Ito #56B4E9 is 2.3:1)
LAVENDER = "#9878F8"  # 3.4:1 on white, 4.6:1 under TEXT; apart from both under tritanopia
GREY = "#595959"  # 7:1 on white, for secondary text and unclassified marks
TEXT = "#212529"  # body text colour of the site
PALETTE = [BLUE, ORANGE, GREEN, PURPLE, WINE, OLIVE, BLACK]

# Ranges longer than this are drawn from ISO-weekly means, so a 10-year page stays light.
DAILY_LIMIT_DAYS = 366
# Fixed space for y-axis ticks and labels, the same in every chart so the plots align.
Y_AXIS_EXTENT = 44
# Width used where no container gives one (SVG for the PDF and email).
DEFAULT_WIDTH = 720
# Validate every spec against the Vega-Lite schema as it is built (see `finish`).
VALIDATE = False
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# The look every chart shares (Vega-Lite's top-level `config`).
CONFIG: dict[str, Any] = {
    "font": FONT,
    "background": "white",
    "view": {"stroke": None},
    "range": {"category": PALETTE},
    "title": {"anchor": "start", "fontSize": 15, "subtitleFontSize": 12, "subtitleColor": GREY},
    "axis": {
        "labelFontSize": 12,
        "labelColor": TEXT,
        "titleFontSize": 12,
        "gridColor": "#e4e4e4",
        "domainColor": GREY,
        "tickColor": GREY,
    },
    "axisY": {"title": None, "minExtent": Y_AXIS_EXTENT, "maxExtent": Y_AXIS_EXTENT},
    "legend": {
        "orient": "top",
        "labelFontSize": 12,
        "titleFontSize": 12,
        "labelLimit": 0,
        "symbolStrokeWidth": 2,
        "direction": "horizontal",
    },
}


def iso(day: date) -> str:
    return day.isoformat()


def human_date(day: date) -> str:
    """A date as people read it in tables and captions: 6 Jan 2024."""
    return f"{day.day} {day:%b %Y}"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """A count in words for captions: "no relapses", "1 relapse", "3 relapses"."""
    word = noun if n == 1 else (plural or f"{noun}s")
    return f"{'no' if n == 0 else n} {word}"


def one_decimal(value: float | None) -> float | None:
    """Values travel to the browser with one decimal: enough for 0-10 scores and
    minutes, and it keeps the inline data small."""
    return None if value is None else round(value, 1)


def weekly(span: DateRange) -> bool:
    """Whether a daily series over `span` is drawn as ISO-weekly means."""
    return span.days > DAILY_LIMIT_DAYS


def _utc(day: date) -> alt.DateTime:
    return alt.DateTime(year=day.year, month=day.month, date=day.day, utc=True)


def time_scale(span: DateRange) -> alt.Scale:
    """The shared time scale: from the first day's start to the last day's end."""
    return alt.Scale(type="utc", domain=[_utc(span.start), _utc(span.end + timedelta(days=1))])


def time_ticks(span: DateRange) -> dict[str, Any]:
    """Calendar ticks that stay legible on a phone: months for up to about half a year,
    quarters up to about two years, then years."""
    if span.days <= 200:
        return {"interval": "month", "step": 1}
    if span.days <= 800:
        return {"interval": "month", "step": 3}
    return {"interval": "year", "step": 1 if span.days <= 12 * 366 else 2}


def time_x(span: DateRange, field: str = "date", *, with_x2: bool = False, **kwargs: Any) -> alt.X:
    """The x encoding every chart uses, over the shared domain.

    A layer that also encodes ``x2`` (bands, bars from start to end) leaves the domain
    to another layer of its chart (``span_layer`` where there is none): Vega-Lite 6
    unions the explicit domain it reads through ``x2`` with the parsed one, and Vega
    then warns "Infinite extent" on every draw.
    """
    axis = alt.Axis(tickCount=time_ticks(span), labelOverlap="greedy", labelSeparation=8)
    scale = alt.Scale(type="utc") if with_x2 else time_scale(span)
    return alt.X(f"{field}:T", scale=scale, title=None, axis=axis, **kwargs)


# The dataset of `span_layer`: rows that follow from a skeleton's structure (the range).
SPAN_ROWS = "span"


def span_layer(span: DateRange, data: "Datasets") -> alt.Chart:
    """An invisible layer at the range's two ends: it carries the shared x domain for
    a chart whose marks all use ``x2`` (see ``time_x``)."""
    ends = [{"date": iso(span.start)}, {"date": iso(span.end + timedelta(days=1))}]
    return (
        alt.Chart(data(SPAN_ROWS, ends))
        .mark_point(opacity=0, aria=False)
        .encode(x=time_x(span), tooltip=alt.value(None))
    )


def date_tooltip(field: str, title: str) -> alt.Tooltip:
    """A tooltip showing the UTC calendar date of an ISO date field."""
    return alt.Tooltip(f"{field}:T", title=title, timeUnit="utcyearmonthdate", format="%d %b %Y")


class Datasets:
    """The rows a chart draws, as named top-level `datasets` of its spec.

    Layers refer to rows by name and `finish()` adds the rows after Altair validated
    the spec: validating thousands of plain rows against the schema took most of the
    build time and proves nothing. Names start with the chart's prefix, so `stack()`
    can merge the datasets of several charts. Keys whose value is None are left out
    (Vega reads a missing value as invalid: a gap in a line).
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.rows: dict[str, list[dict[str, Any]]] = {}

    def __call__(self, name: str, rows: Iterable[Mapping[str, Any]]) -> alt.NamedData:
        key = f"{self.prefix}-{name}"
        self.rows[key] = [{k: v for k, v in row.items() if v is not None} for row in rows]
        return alt.NamedData(name=key)


def finish(
    chart: alt.TopLevelMixin,
    datasets: Datasets,
    *,
    title: str,
    description: str,
    height: int,
    subtitle: str | list[str] | None = None,
) -> dict[str, Any]:
    """Title, accessible description, size and the shared look; returns the spec dict.

    Titles stay short and subtitles come in short lines (Vega does not wrap text), so
    both fit a phone about 320 pixels wide; legends are laid out in columns for the same
    reason.

    `description` becomes the SVG's aria-label, so it says in words what the chart
    shows. Width follows the container in the browser (`to_svg` fixes it for SVG).
    The spec is not validated against the Vega-Lite schema here: its structure comes
    from code, not data (rows join after), and validating took about half of a page's
    chart time on every request. `tests/journal/test_charts.py` validates every chart
    against the full schema instead, and `VALIDATE` turns it back on while debugging.
    """
    title_params = alt.TitleParams(text=title, subtitle=subtitle or alt.Undefined)
    chart = chart.properties(
        title=title_params,
        description=description,
        width="container",
        height=height,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
    spec = chart.to_dict(validate=VALIDATE)
    # The shared look as a plain dict: Altair's configure_* would deep-copy the whole
    # chart once per call, which cost more than drawing it.
    spec["config"] = copy.deepcopy(CONFIG)
    spec["datasets"] = datasets.rows  # empty in a skeleton: `with_rows()` fills them
    return spec


def _hide_empty_marks(node: dict[str, Any], rows: Mapping[str, list], data: str = "") -> None:
    """Marks drawing an empty dataset leave the accessibility tree: Vega would give each
    an unlabelled, empty group with an image role (WCAG 1.1.1; axe's svg-img-alt)."""
    data = node.get("data", {}).get("name", data) if isinstance(node.get("data"), dict) else data
    if "mark" in node and data in rows and not rows[data]:
        mark = node["mark"] if isinstance(node["mark"], dict) else {"type": node["mark"]}
        node["mark"] = {**mark, "aria": False}
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in node.get(key, ()):
            _hide_empty_marks(child, rows, data)


def skeleton(build):
    """Memoise a chart's Vega-Lite spec without its rows, per process (so per code
    version): `build` takes only the chart's structure (hashable: the range, the
    series' names, a scale's top) and returns `finish()`'s spec, its datasets named but
    empty. `with_rows()` puts a request's rows and description in. Building with Altair
    costs milliseconds per chart; a structure seen before (any patient's chart of the
    same kind over the same range) costs a copy."""
    return functools.lru_cache(maxsize=256)(build)


def with_rows(
    spec: dict[str, Any], datasets: Datasets, description: str | None = None
) -> dict[str, Any]:
    """A copy of a `skeleton()` spec with the rows of `datasets` (the same names) and,
    when given, its own description (the accessible text, which counts the rows).

    A skeleton's own rows (the range's ends of `span_layer`, which follow from its
    structure) stay; marks whose dataset is empty in this request leave the
    accessibility tree (`_hide_empty_marks`)."""
    own = {
        name: rows
        for name, rows in spec.get("datasets", {}).items()
        if name.endswith(f"-{SPAN_ROWS}")
    }
    if set(spec.get("datasets", {})) != set(datasets.rows) | set(own):
        raise ValueError("the rows do not match the skeleton's datasets")
    spec = copy.deepcopy({k: v for k, v in spec.items() if k != "datasets"})
    if description is not None:
        spec["description"] = description
    spec["datasets"] = {**own, **datasets.rows}
    _hide_empty_marks(spec, spec["datasets"])
    return spec


def quick_altair():
    """Build charts without Altair validating every object as it is made (its "debug
    mode", on by default): that took most of a chart's build time. The specs are
    validated against the full schema by `tests/journal/test_charts.py` instead, and
    `VALIDATE` turns both back on while debugging."""
    return schemapi.debug_mode(VALIDATE)


_CLASS_DICTS: dict[tuple[type, ...], dict[int, list[type]]] = {}
_from_dict_init = schemapi._FromDict.__init__


def _reused_class_dict(self, wrapper_classes, /) -> None:
    """Altair's `_FromDict` hashes the JSON of every one of its ~570 schema classes
    each time an encoding shorthand ("value:Q") becomes a channel object: a third of a
    chart's build time, for a table that depends only on the classes. It is built
    once per set of classes here; lookups are the same, so the specs are too."""
    classes = tuple(wrapper_classes)
    table = _CLASS_DICTS.get(classes)
    if table is None:
        _from_dict_init(self, classes)
        table = _CLASS_DICTS.setdefault(classes, self.class_dict)
    self.class_dict = table


schemapi._FromDict.__init__ = _reused_class_dict


def label_anchor(first: date, last: date, span: DateRange) -> tuple[str, str]:
    """Where a bar's text label goes: (ISO date, "left"/"right").

    At the bar's visible start, reading rightwards; but for a bar that starts in the
    last 45% of the range, at its visible end reading leftwards, so that the label stays
    inside the plot.
    """
    start, end = max(first, span.start), min(last, span.end)
    if (start - span.start).days <= 0.55 * span.days:
        return iso(start), "left"
    return iso(end + timedelta(days=1)), "right"
