"""The visit summary's one timeline: relapse bands, the disability measure with its
RAW/PIRA marks, and the disease-modifying therapies, on one time axis.

No chart of its own: it stacks the dashboard's relapse, disability and therapy specs
(`journal.charts.relapses`, `.disability`, `.therapies`) with `render.stack`, so the
page, print and the PDF draw the same definitions; `svg()` renders it with vl-convert.
Parts whose sharing scope the reader may not see are left out by the caller.

vl-convert takes about half a second or more for this SVG, so `svg()` keeps it in
Django's cache under a digest of exactly its inputs and of the chart code (as
`journal.dashboard_charts` does for the page's charts): the key names no patient, and
equal inputs draw an equal chart.
"""

import hashlib
import pickle
from typing import Any

from django.core.cache import cache

from journal.charts import disability, relapses, therapies
from journal.charts.base import quick_altair
from journal.charts.render import stack, to_svg
from journal.dashboard_cache import code_version

# Drawn wider than the A4 column and scaled down to it, with heights that leave room
# for the tables on one page.
WIDTH = 860
DISABILITY_HEIGHT = 64
RELAPSE_HEIGHT = 18
CACHE_SECONDS = 24 * 60 * 60
FONT = "DejaVu Sans"


def _inputs(data, measures: bool, therapy: bool) -> tuple:
    dmts = tuple(c for c in data.courses if c.category == "dmt") if therapy else None
    if not measures:
        return (data.span, None, None, None, None, dmts)
    return (data.span, data.relapses, data.measure, data.assessments, data.progression, dmts)


def spec(data, *, measures: bool = True, therapy: bool = True) -> dict[str, Any] | None:
    """The stacked spec for a `journal.dashboard.DashboardData`; None with no part."""
    return _spec(*_inputs(data, measures, therapy))


def _spec(span, relapse_rows, measure, assessments, progression, dmts):
    parts = []
    with quick_altair():
        if measure is not None:
            parts.append(_height(relapses.chart(relapse_rows, span), RELAPSE_HEIGHT))
            parts.append(
                _height(
                    disability.chart(measure, assessments, progression, span),
                    DISABILITY_HEIGHT,
                )
            )
        if dmts is not None:
            # Every bar is a DMT here: the chart's category legend would say nothing.
            parts.append(_without_legends(therapies.chart(dmts, span)))
    if not parts:
        return None
    combined = stack(parts, width=WIDTH)
    # The summary's own font (Debian's fonts-dejavu-core), so the PDF embeds one family.
    combined["config"] = {**combined["config"], "font": FONT}
    return combined


def svg(data, *, measures: bool = True, therapy: bool = True) -> str | None:
    """The timeline as a standalone SVG (vector), or None with nothing to draw; from
    the cache when the same inputs were drawn before."""
    inputs = _inputs(data, measures, therapy)
    digest = hashlib.blake2b(pickle.dumps(inputs, protocol=5), digest_size=20).hexdigest()
    key = f"summary-timeline:{code_version()}:{digest}"
    drawn = cache.get(key)
    if drawn is None:
        combined = _spec(*inputs)
        drawn = "" if combined is None else to_svg(combined, width=WIDTH)
        cache.set(key, drawn, CACHE_SECONDS)
    return drawn or None


def _height(part: dict[str, Any], height: int) -> dict[str, Any]:
    return {**part, "height": height}


def _without_legends(node: Any) -> Any:
    """A copy of a spec with every channel's legend turned off."""
    if isinstance(node, list):
        return [_without_legends(item) for item in node]
    if not isinstance(node, dict):
        return node
    copied = {key: _without_legends(value) for key, value in node.items()}
    encoding = copied.get("encoding")
    if isinstance(encoding, dict):
        for channel in ("fill", "color", "shape", "strokeDash"):
            if isinstance(encoding.get(channel), dict):
                encoding[channel] = {**encoding[channel], "legend": None}
    return copied
