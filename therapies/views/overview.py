"""The therapies overview: today's doses, adherence per course, the courses running."""

from django.views.generic import TemplateView

from mstracker.mixins import PatientRequiredMixin
from therapies import services


class OverviewView(PatientRequiredMixin, TemplateView):
    template_name = "therapies/overview.html"

    def get_context_data(self, **kwargs):
        report = services.adherence_report(self.subject)
        today = report.as_of
        return super().get_context_data(
            report=report,
            periods=services.PERIODS,
            running=[r for r in report.courses if r.course.is_running_on(today)],
            **kwargs,
        )
