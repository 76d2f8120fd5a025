"""The visit summary as HTML and as a PDF (WeasyPrint), from one template.

`context()` is what both templates read; `pdf()` renders the PDF template with a URL
fetcher that fetches nothing from the network or the disk (`data:` URLs only): the
chart is inline SVG, the CSS inline, and the fonts are the system's DejaVu (Debian's
``fonts-dejavu-core``, found through fontconfig).
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from journal import summary_text, visit_summary
from journal.charts import timeline
from mstracker.care.scopes import Scope

PDF_TEMPLATE = "journal/summary_pdf.html"


def context(summary: visit_summary.VisitSummary) -> dict:
    """Template context of the summary sheet (`journal/_summary_sheet.html`)."""
    svg = timeline.svg(
        summary.data,
        measures=summary.shared[Scope.RELAPSES_MEASURES],
        therapy=summary.shared[Scope.THERAPIES],
    )
    return {
        "summary": summary,
        "rows": summary_text.figure_rows(summary),
        "dmt": summary_text.current_dmt(summary),
        "made_at": summary.made_at,
        # vl-convert's own SVG of our spec: text in it (a drug's name) is escaped by it.
        "chart_svg": mark_safe(svg) if svg else None,
    }


def pdf(summary: visit_summary.VisitSummary) -> bytes:
    """The summary as a PDF document (A4, vector chart)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(PDF_TEMPLATE, context(summary))
    fetcher = URLFetcher(allowed_protocols=("data",))
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def filename(summary: visit_summary.VisitSummary, username: str) -> str:
    return f"mstracker-summary-{username}-{summary.span.end.isoformat()}.pdf"
