"""The visit summary page and its PDF, for the patient and for a clinician they share with.

Both go through the access gate (`SubjectMixin`, resource "visit-summary"): a clinician
reads the patient of the URL's ``patient_id`` while their share is active, and each of
their requests writes one access event (the PDF as an export).
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from journal import summary_pdf, visit_summary
from journal.forms.summary import SummaryForm
from mstracker.care import access
from mstracker.care.access import SubjectMixin
from mstracker.care.models import Action

RESOURCE = "visit-summary"


class SummaryView(SubjectMixin, View):
    """GET /journal/summary/?period=visit (and /clinician/patients/<id>/summary/)."""

    care_resource = RESOURCE

    def get(self, request, patient_id=None):
        form = SummaryForm(request.GET)
        if patient_id is None:
            pdf_url, back_url = reverse("journal:summary_pdf"), None
        else:
            pdf_url = reverse("clinician:summary_pdf", args=[patient_id])
            back_url = reverse("clinician:patient", args=[patient_id])
        context = {
            **summary_pdf.page_context(self.access, form.period_key()),
            "periods": list(visit_summary.PERIODS.items()),
            "period_error": form.error(),
            "pdf_url": pdf_url,
            "back_url": back_url,
        }
        status = 400 if form.error() else 200
        return render(request, "journal/summary.html", context, status=status)


class SummaryPdfView(SubjectMixin, View):
    """GET /journal/summary.pdf?period=visit (and /clinician/patients/<id>/summary.pdf)."""

    care_resource = RESOURCE

    def get(self, request, patient_id=None):
        form = SummaryForm(request.GET)
        if form.error():  # the page shows the message next to the choice
            return SummaryView.get(self, request, patient_id)
        summary = visit_summary.build(self.access, form.period_key())
        response = pdf_response(summary, self.subject)
        access.record(request, self.access, RESOURCE, action=Action.EXPORT)
        return response


def pdf_response(summary, subject) -> HttpResponse:
    name = summary_pdf.filename(summary, subject.username)
    return HttpResponse(
        summary_pdf.pdf(summary),
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
