"""Server-side outputs of the chart specs: SVG for the PDF, print and email, and a
vertical stack of charts on one shared time axis.

The browser renders the same specs with vega-embed (`journal/static/journal/charts.js`);
here `vl-convert` renders them offline, with no browser and no network.
"""

import copy
import html
import re
from collections.abc import Sequence
from typing import Any

import altair as alt
import vl_convert

from journal.charts.base import DEFAULT_WIDTH

# Keys that only a top-level spec may carry.
_TOP_LEVEL_ONLY = ("$schema", "config", "autosize", "datasets", "padding", "background")


def vega_lite_version() -> str:
    """The Vega-Lite version Altair writes ("6.4"), passed to vl-convert so that both
    read the spec the same way."""
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"{major}.{minor}"


def with_width(spec: dict[str, Any], width: int) -> dict[str, Any]:
    """A copy of the spec with every container width replaced by `width` pixels."""
    spec = copy.deepcopy(spec)

    def fix(node: dict[str, Any]) -> None:
        if node.get("width") == "container":
            node["width"] = width
        for key in ("vconcat", "hconcat", "concat"):
            for child in node.get(key, []):
                fix(child)

    fix(spec)
    return spec


def to_svg(spec: dict[str, Any], width: int = DEFAULT_WIDTH) -> str:
    """Render a Vega-Lite spec to a standalone SVG string with vl-convert (offline).

    A container width becomes `width` pixels. The SVG root gets `role="img"`, the
    spec's title and description as its accessible name (`<title>`, `aria-label`) and
    `<desc>`, as the browser's renderer does with the description.
    """
    svg = vl_convert.vegalite_to_svg(with_width(spec, width), vl_version=vega_lite_version())
    return _label_svg(svg, _title_text(spec), spec.get("description", ""))


def stack(
    specs: Sequence[dict[str, Any]],
    *,
    title: str | None = None,
    description: str | None = None,
    width: int = DEFAULT_WIDTH,
) -> dict[str, Any]:
    """Charts one above the other with one shared x (time) scale, as a single spec.

    Meant for the PDF and print, where one SVG is handier than seven; on the page each
    chart stays its own figure with its own caption and table. The first spec's config
    (the same for every dashboard chart) applies to all. The result is validated.
    """
    if not specs:
        raise ValueError("stack() needs at least one chart spec")
    parts = []
    for spec in specs:
        part = {k: v for k, v in with_width(spec, width).items() if k not in _TOP_LEVEL_ONLY}
        parts.append(part)
    combined: dict[str, Any] = {
        "$schema": specs[0].get("$schema", alt.SCHEMA_URL),
        "config": specs[0].get("config", {}),
        "vconcat": parts,
        "spacing": 24,
        "resolve": {
            "scale": {
                "x": "shared",
                "color": "independent",
                "fill": "independent",
                "shape": "independent",
                "strokeDash": "independent",
                "strokeWidth": "independent",
                "y": "independent",
            },
            "legend": {
                "color": "independent",
                "fill": "independent",
                "shape": "independent",
                "strokeDash": "independent",
                "strokeWidth": "independent",
            },
        },
    }
    datasets = {}
    for spec in specs:
        datasets.update(spec.get("datasets", {}))
    if datasets:
        combined["datasets"] = datasets
    if title:
        combined["title"] = {"text": title, "anchor": "start"}
    combined["description"] = (
        description or " ".join(s.get("description", "") for s in specs).strip()
    )
    alt.VConcatChart.from_dict(combined, validate=True)
    return combined


def _title_text(spec: dict[str, Any]) -> str:
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    return " ".join(title) if isinstance(title, list) else str(title)


def _label_svg(svg: str, title: str, description: str) -> str:
    """Give the SVG root an accessible name and description."""
    name = html.escape(description or title, quote=True)
    head = re.match(r"<svg\b[^>]*>", svg)
    if head is None:
        return svg
    opening = head.group(0)[:-1] + f' role="img" aria-label="{name}">'
    inner = f"<title>{html.escape(title)}</title><desc>{html.escape(description)}</desc>"
    return opening + inner + svg[head.end() :]
