"""A chart as the page shows it: the spec, a caption, and the same data as a table.

`journal/_chart.html` renders a `ChartFigure`: a `<figure>` that vega-embed fills
from the spec, a `<figcaption>`, and the `DataTable` for screen readers and for
browsers without JavaScript.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class DataTable:
    """A real table of the chart's data; cells are display strings. The first cell of
    each row is its header (`<th scope="row">`)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def body_html(self) -> SafeString:
        """The `<tbody>` rows, every cell escaped: joined here rather than in a template
        loop, which took most of a page's chart rendering for years of weekly rows.
        Plain strings are escaped once per distinct value (a ten-year table repeats a
        hundred scores over 4,000 cells); anything else through `conditional_escape`."""
        seen: dict[str, str] = {}

        def escaped(cell) -> str:
            if type(cell) is not str:  # a SafeString keeps its markup, a number is str()'d
                return conditional_escape(cell)
            text = seen.get(cell)
            if text is None:
                text = seen[cell] = conditional_escape(cell)
            return text

        lines = [
            f'<tr><th scope="row">{escaped(row[0])}</th>'
            + "".join(f"<td>{escaped(cell)}</td>" for cell in row[1:])
            + "</tr>\n            "
            for row in self.rows
        ]
        return mark_safe("".join(lines))  # noqa: S308 - every cell is escaped above


@dataclass(frozen=True)
class ChartFigure:
    """One chart with its text alternatives. `id` must be unique on the page."""

    id: str
    title: str
    caption: str
    spec: dict[str, Any]
    table: DataTable
    empty_message: str = "Nothing recorded in this period."

    @property
    def spec_id(self) -> str:
        """The id of the `json_script` element holding the spec."""
        return f"{self.id}-spec"

    @property
    def is_empty(self) -> bool:
        return not self.table.rows
