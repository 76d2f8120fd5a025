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
        hundred scores over 4,000 cells), looked up in C for a row of them alone;
        anything else through `conditional_escape`."""
        escaped = _EscapedOnce()
        lines = []
        for row in self.rows:
            if all(map(_is_plain, row)):
                cells = map(escaped.__getitem__, row)
            else:  # a SafeString keeps its markup, a number is str()'d
                cells = map(conditional_escape, row)
            head = next(cells)
            data = f"<td>{'</td><td>'.join(cells)}</td>" if len(row) > 1 else ""
            lines.append(f'<tr><th scope="row">{head}</th>{data}</tr>\n            ')
        return mark_safe("".join(lines))  # noqa: S308 - every cell is escaped above


class _EscapedOnce(dict):
    """Plain string -> its escaped HTML, escaped on first use."""

    def __missing__(self, cell: str) -> str:
        text = self[cell] = conditional_escape(cell)
        return text


def _is_plain(cell) -> bool:
    return type(cell) is str


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
