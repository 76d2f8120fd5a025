"""The progression dashboard: relapses, disability, symptoms, therapies and lifestyle
on one time axis, with the headline figures and a plain-language explanation."""

from django.http import QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.vary import vary_on_headers

from journal import dashboard, dashboard_cache, dashboard_text, vocabulary
from journal.charts.base import human_date
from journal.charts.disability import OUTCOME_NAMES
from journal.dashboard_charts import rendered_charts
from journal.forms.dashboard import DashboardForm
from journal.headline import headline
from journal.progression import HIGHER_IS_BETTER
from journal.views.selftests import explained as selftest_explained
from mstracker import gzip_splice
from mstracker.care.access import display_name
from mstracker.mixins import PatientRequiredMixin


@method_decorator(vary_on_headers("HX-Request"), name="dispatch")
class DashboardView(PatientRequiredMixin, View):
    """GET /journal/progression/?range=2y&measure=edss&symptom=fatigue...

    Works without JavaScript (links and a GET form); with htmx, a new choice swaps
    only the dashboard's body and charts.js draws the new charts.
    """

    care_resource = "progression"

    def get(self, request, **kwargs):
        user = self.subject
        form = DashboardForm(request.GET, symptoms=dashboard.symptom_choices(user))
        choices = form.choices()
        # A clinician's body differs only in the patient's own "add a result" links.
        name = "page" if self.access.is_owner else "page-shared"
        if form.errors:  # the body shows the messages: not worth caching
            period, body = self.body(user, form, choices)[0]
        else:
            period, body = dashboard_cache.cached(
                user, name, choices, lambda: self.body(user, form, choices)
            )
        partial = request.htmx and not request.htmx.history_restore_request
        template = "journal/_dashboard_swap.html" if partial else "journal/dashboard.html"
        # The page's HTML carries its chart data inline, so it is gzipped on the way
        # out, the body compressed once with the cache entry; only validated choices
        # are echoed back, and the CSRF token is masked per response.
        context = {"period": period, "body": gzip_splice.PLACEHOLDER}
        if not self.access.is_owner:  # a clinician through a share: the same body
            context.update(patient=user, patient_name=display_name(user))
        page = render(request, template, context)
        return gzip_splice.splice(request, page, body)

    def body(self, user, form, choices):
        """((period, the body's HTML), when the clock next changes it)."""
        range_key, measure, symptom_codes = choices
        first = dashboard.first_record(user)
        span = dashboard.preset_range(range_key, user.local_today(), first)
        data = dashboard.gather(user, span, measure, symptom_codes, first=first)
        figures = headline(data)
        rates = figures.relapse_rates
        period = f"{human_date(span.start)} to {human_date(span.end)}"
        context = {
            "form": form,
            "form_fields": form.shown_fields(),
            "own": self.access.is_owner,  # the patient's own links (a clinician has others)
            "data": data,
            "figures": figures,
            "charts": rendered_charts(data),
            "summary": dashboard_text.summary(figures),
            "definition": data.definition,
            "definition_text": dashboard_text.definition_sentence(data.definition),
            "time_since": dashboard_text.time_since_relapse(figures),
            "change_rows": dashboard_text.change_rows(figures),
            "gap_text": dashboard_text.assessment_gap(figures),
            "recent_days": vocabulary.RECENT_DAYS,
            "gap_reason_short": dashboard_text.assessment_gap_short(figures),
            "neda3": figures.neda3,
            "silent_progression": dashboard_text.silent_progression(figures),
            "reclassifications": dashboard_text.reclassifications(figures),
            "transition": dashboard_text.transition(figures),
            "range_key": range_key,
            "range_links": self.range_links(choices),
            "period": period,
            "measure": measure.value,
            "measure_name": OUTCOME_NAMES[measure],
            "self_test": selftest_explained() if measure in HIGHER_IS_BETTER else None,
            "symptom_codes": symptom_codes,
            # journal/_progression_explainer.html
            "raw_count": figures.events.raw,
            "pira_count": figures.events.pira,
            "arr": rates.overall.rounded if rates else None,
            "arr_years": rates.overall.years if rates else None,
            "arr_short": rates.overall.is_short if rates else False,
        }
        body = render_to_string("journal/_dashboard_body.html", context)
        return (period, gzip_splice.fragment(body)), data.changes_at

    @staticmethod
    def range_links(choices):
        """One link per range preset, keeping the shown measure and symptoms."""
        current, measure, symptom_codes = choices
        links = []
        for key, (label, _) in dashboard.RANGES.items():
            query = QueryDict(mutable=True)
            query["range"] = key
            query["measure"] = measure.value
            query.setlist("symptom", symptom_codes)
            links.append(
                {"key": key, "label": label, "query": query.urlencode(), "current": key == current}
            )
        return links
