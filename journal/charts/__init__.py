"""Dashboard charts: one module per chart, each building a Vega-Lite spec with Altair.

Every chart module offers `chart(...) -> dict` (the spec), `table(...) -> DataTable`
(the same data for screen readers and no-JavaScript) and `figure(...) -> ChartFigure`
(both, with a caption, for `journal/_chart.html`). All take the dashboard's one
`DateRange`, so the charts share a time axis. `render.to_svg()` draws any spec
offline for the PDF and email; `render.stack()` joins specs on one time scale.
"""

from journal.charts.base import quick_altair
from journal.charts.figure import ChartFigure, DataTable
from journal.charts.render import stack, to_svg

__all__ = ["ChartFigure", "DataTable", "quick_altair", "stack", "to_svg"]
