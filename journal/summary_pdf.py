"""The visit summary as HTML and as a PDF (WeasyPrint), from one template.

The sheet (`journal/_summary_sheet.html`) is a header and the note, read on every
request, around a body of figures, chart and tables (`journal/_summary_body.html`).
`page_context()` takes the body from `journal.dashboard_cache` (the patient's records
token, local date, the period and the reader's shared scopes are in its key), so a
repeat view costs a few queries and no computing; `pdf()` renders it afresh with a URL
fetcher that fetches nothing from the network or the disk (`data:` URLs only): the
chart is inline SVG, the CSS inline, and the one font is the system's DejaVu Sans
(Debian's ``fonts-dejavu-core``, found through fontconfig).
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from journal import dashboard_cache, summary_text, visit_summary
from journal.charts import timeline
from mstracker.care.scopes import Scope

PDF_TEMPLATE = "journal/summary_pdf.html"
BODY_TEMPLATE = "journal/_summary_body.html"


def body(summary: visit_summary.VisitSummary) -> str:
    """The figures, the timeline and the tables as HTML."""
    svg = timeline.svg(
        summary.data,
        measures=summary.shared[Scope.RELAPSES_MEASURES],
        therapy=summary.shared[Scope.THERAPIES],
    )
    context = {
        "summary": summary,
        "rows": summary_text.figure_rows(summary),
        "dmt": summary_text.current_dmt(summary),
        # vl-convert's own SVG of our spec: text in it (a drug's name) is escaped by it.
        "chart_svg": mark_safe(svg) if svg else None,
    }
    return render_to_string(BODY_TEMPLATE, context)


def context(summary: visit_summary.VisitSummary) -> dict:
    """Template context of the whole sheet, computed now."""
    return {"head": summary.head, "note": summary.note, "body": mark_safe(body(summary))}


def page_context(access, period_key: str) -> dict:
    """The sheet's context for the page, its body from the cache when nothing changed."""
    subject = access.subject
    shared = visit_summary.shared_scopes(access)
    period = visit_summary.choose_period(
        subject, period_key, measures=shared[Scope.RELAPSES_MEASURES]
    )

    def compute():
        summary = visit_summary.build(access, period=period)
        return body(summary), summary.data.changes_at

    choices = (period.key, period.span, tuple(sorted(shared.items())))
    html = dashboard_cache.cached(subject, "visit-summary", choices, compute)
    return {
        "head": visit_summary.head(access, period),
        "note": visit_summary.note(subject),
        "body": mark_safe(html),  # our template's own, escaped output
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
