"""The dashboard's charts for gathered data, in page order, all on one time axis.

`chart_figures()` is pure: it takes a `journal.dashboard.DashboardData` and returns
`ChartFigure`s (spec, caption and table); the clinician PDF can `stack()` the same
specs and render them to SVG. `rendered_charts()` is what the page uses: each chart's
`<figure>` HTML, kept in Django's cache under a digest of exactly the inputs it was
drawn from (and of the chart code), so a chart is rebuilt only when its own data,
range or code changed. Building a chart with Altair takes tens of milliseconds, most
of a ten-year page; a cached chart costs the hashing of its inputs. The key says
nothing about whose data it is, and equal inputs draw an equal chart, so nothing can
be served stale or to the wrong person.
"""

import hashlib
import pickle
from array import array
from bisect import bisect_left
from collections.abc import Callable

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from journal.charts import (
    ChartFigure,
    disability,
    exercise,
    mri,
    quick_altair,
    relapses,
    smoking,
    symptoms,
    therapies,
    vitamin_d,
)
from journal.dashboard_cache import code_version

TEMPLATE = "journal/_chart.html"
# A day: entries are content-addressed, so expiry only frees space.
CACHE_SECONDS = 24 * 60 * 60


def _builders(data) -> list[tuple[str, tuple, Callable[..., ChartFigure]]]:
    """(name, inputs, figure function) per chart, in page order."""
    span = data.span
    return [
        ("relapses", (data.relapses, span, data.episode_onsets), relapses.figure),
        ("mri", (data.scans, span), mri.figure),
        (
            "disability",
            (data.measure, data.assessments, data.progression, span),
            disability.figure,
        ),
        ("symptoms", (data.symptoms, span), symptoms.figure),
        ("therapies", (data.courses, span), therapies.figure),
        ("exercise", (data.aerobic_weeks, span), exercise.figure),
        ("vitamin_d", (data.vitamin_d_levels, span), vitamin_d.figure),
        ("smoking", (data.smoking, span), smoking.figure),
    ]


def chart_figures(data) -> list[ChartFigure]:
    """Relapses, MRI activity, the chosen disability measure with its RAW/PIRA events, symptoms,
    therapies, aerobic exercise, vitamin D and smoking, over `data.span`."""
    with quick_altair():
        return [build(*inputs) for _, inputs, build in _builders(data)]


def rendered_charts(data) -> list[SafeString]:
    """Each chart's `journal/_chart.html` output, from the cache when the same inputs
    were drawn before (one `get_many` and at most one `set_many` per page)."""
    builders = _builders(data)
    compact = [_compact(name, inputs) for name, inputs, _ in builders]
    keys = [_key(name, digested) for (name, _, _), digested in zip(builders, compact, strict=True)]
    cached = cache.get_many(keys)
    fresh = {}
    html = []
    for key, digested, (name, inputs, build) in zip(keys, compact, builders, strict=True):
        fragment = cached.get(key)
        if fragment is None:
            with quick_altair():
                if name == "symptoms":
                    figure = build(*inputs, prefix=_symptom_prefix(*inputs, digested))
                else:
                    figure = build(*inputs)
            fragment = render_to_string(TEMPLATE, {"figure": figure})
            fresh[key] = fragment
        html.append(mark_safe(fragment))  # the template's own, escaped output
    if fresh:
        cache.set_many(fresh, CACHE_SECONDS)
    return html


def _symptom_prefix(series, span, digested) -> symptoms.LinesPrefix | None:
    """The symptom chart's means before its last weeks (`symptoms.lines_prefix`), from
    the cache when the scores before them are unchanged: after the daily check-in only
    the last weeks' means are computed again. Keyed by the scores it reads, as the
    chart is by all of them; None for inputs `_compact` could not pack."""
    packed, _ = digested
    if not isinstance(packed, tuple):
        return None
    split = symptoms.prefix_end(span)
    before = split.toordinal()
    key = _key("symptom-lines", (tuple(_cut(p, before) for p in packed), span, split))
    prefix = cache.get(key)
    if prefix is None:
        prefix = symptoms.lines_prefix(series, span)
        cache.set(key, prefix, CACHE_SECONDS)
    return prefix


def _cut(packed: tuple, before: int) -> tuple:
    """One packed series (`_compact`) cut to the days before the ordinal `before`."""
    symptom, days, scores = packed
    ordinals = array("l")
    ordinals.frombytes(days)
    count = bisect_left(ordinals, before)  # the days are in date order
    return symptom, days[: count * ordinals.itemsize], scores[: count * array("d").itemsize]


def _compact(name: str, inputs: tuple) -> tuple:
    """What the key digests: the inputs, with the symptom series (years of (date,
    score) pairs, which took 16 ms to pickle) as two packed arrays each, the same
    values in a tenth of the time."""
    if name != "symptoms":
        return inputs
    series, span = inputs
    try:
        packed = tuple(
            (
                symptom,
                array("l", [day.toordinal() for day, _ in values]).tobytes(),
                array("d", [score for _, score in values]).tobytes(),
            )
            for symptom, values in series.items()
        )
    except (TypeError, AttributeError):  # not dates and numbers: digest them as they are
        return inputs
    return packed, span


def _key(name: str, inputs: tuple) -> str:
    digest = hashlib.blake2b(pickle.dumps(inputs, protocol=5), digest_size=20).hexdigest()
    return f"dashboard-chart:{code_version()}:{name}:{digest}"
