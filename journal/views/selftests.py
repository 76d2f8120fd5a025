"""The self-test pages: the overview with past runs, the symbol-digit test and the
tapping test. The tests themselves run in static scripts against /api/v1/self-tests/."""

from django.http import Http404
from django.templatetags.static import static
from django.views.generic import TemplateView

from journal import selftest_rules, selftests
from journal.models import InputKind, SelfTestKind, SelfTestRun
from mstracker.mixins import PatientRequiredMixin

HANDS = {"dominant": SelfTestKind.TAP_DOMINANT, "nondominant": SelfTestKind.TAP_NONDOMINANT}
RUNS_SHOWN = 30


def explained():
    """The rules every self-test page explains, from their one place."""
    r = selftest_rules
    return {
        "practice_runs": r.PRACTICE_RUNS,
        "sdt_points": f"{r.SDT_MINIMUM_POINTS:g}",
        "sdt_percent": f"{r.SDT_MINIMUM_FRACTION * 100:g}",
        "tap_percent": f"{r.TAP_MINIMUM_FRACTION * 100:g}",
        "sdt_seconds": r.SDT_SECONDS,
        "sdt_practice_items": r.SDT_PRACTICE_ITEMS,
        "tap_seconds": r.TAP_SECONDS,
    }


class SelfTestListView(PatientRequiredMixin, TemplateView):
    template_name = "journal/selftest_list.html"
    care_resource = "self-tests"

    def get_context_data(self, **kwargs):
        runs = list(
            SelfTestRun.objects.filter(user=self.subject, completed_at__isnull=False)
            .defer("items", "practice_items", "trials", "practice_trials")
            .order_by("-completed_at")[:RUNS_SHOWN]
        )
        inputs = dict(InputKind.choices)
        groups = []
        for kind, label in SelfTestKind.choices:
            mine = [r for r in runs if r.kind == kind]
            groups.append(
                {
                    "kind": kind,
                    "label": label,
                    "series_input": inputs.get(selftests.series_input(self.subject.pk, kind)),
                    "runs": [(r, selftests.status(r)) for r in mine],
                }
            )
        return super().get_context_data(groups=groups, **explained(), **kwargs)


class SymbolDigitView(PatientRequiredMixin, TemplateView):
    template_name = "journal/selftest_sdt.html"
    care_resource = "self-tests"

    def get_context_data(self, **kwargs):
        symbols = [
            (i, name, static(f"selftest/symbol-{i}.svg"))
            for i, name in enumerate(selftest_rules.SYMBOL_NAMES)
        ]
        return super().get_context_data(
            symbols=symbols, digits=range(1, 10), **explained(), **kwargs
        )


class TappingView(PatientRequiredMixin, TemplateView):
    template_name = "journal/selftest_tap.html"
    care_resource = "self-tests"

    def get_context_data(self, **kwargs):
        hand = kwargs.pop("hand")
        if hand not in HANDS:
            raise Http404
        kind = HANDS[hand]
        return super().get_context_data(
            hand=hand, kind=kind, label=kind.label, **explained(), **kwargs
        )
