"""``GET /api/v1/summary/?format=json|pdf``: the visit summary, as data or as the PDF.

The same summary as the page (`journal.visit_summary`), through the access gate:
``/api/v1/clinician/patients/{patient_pk}/summary/`` is a clinician's read of a patient
who shares with them (one access event per request; the PDF as an export). Sections
whose scope is not shared are null, and ``shared`` says which scopes are.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from journal import dashboard_text, visit_summary
from journal.views.summary import RESOURCE, pdf_response
from mstracker.care import access
from mstracker.care.access import SubjectViewSetMixin
from mstracker.care.models import Action
from mstracker.portability.api import JSONOnlyNegotiation

FORMATS = ("json", "pdf")


class SummaryView(SubjectViewSetMixin, APIView):
    """The visit summary of the period (default: since the last clinician EDSS)."""

    care_resource = RESOURCE
    content_negotiation_class = JSONOnlyNegotiation

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=list(FORMATS), default="json"),
            OpenApiParameter(
                "period",
                str,
                enum=list(visit_summary.PERIODS),
                default=visit_summary.SINCE_VISIT,
                description="; ".join(f"{k}: {v}" for k, v in visit_summary.PERIODS.items()),
            ),
        ],
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
        },
    )
    def get(self, request, patient_pk=None):
        code = request.query_params.get("format", "json")
        period = request.query_params.get("period", visit_summary.SINCE_VISIT)
        errors = {}
        if code not in FORMATS:
            errors["format"] = [f"Choose one of {', '.join(FORMATS)}."]
        if period not in visit_summary.PERIODS:
            errors["period"] = [f"Choose one of {', '.join(visit_summary.PERIODS)}."]
        if errors:
            raise ValidationError(errors)
        summary = visit_summary.build(self.access, period)
        if code == "pdf":
            access.record(request, self.access, RESOURCE, action=Action.EXPORT)
            return pdf_response(summary, self.subject)
        return Response(as_json(summary))


def _iso(day):
    return day.isoformat() if day else None


def as_json(summary: visit_summary.VisitSummary) -> dict:
    """The summary as JSON: numbers as numbers, dates ISO 8601, unshared sections null."""
    shared = summary.shared
    figures = summary.figures
    measures = shared["relapses_measures"]
    therapies = shared["therapies"]
    rates = figures.relapse_rates
    current = figures.adherence
    level = figures.vitamin_d
    gap = figures.assessment_gap
    return {
        "patient": {
            "name": summary.head.patient_name,
            "ms_course": summary.head.ms_course,
            "diagnosis_year": summary.head.diagnosis_year,
        },
        "period": {
            "key": summary.period.key,
            "label": summary.period.label,
            "start": _iso(summary.span.start),
            "end": _iso(summary.span.end),
            "last_clinician_edss": _iso(summary.period.last_visit) if measures else None,
        },
        "made_at": summary.head.made_at.isoformat(),
        "definition": summary.head.definition,
        "shared": shared,
        "current_dmt": (
            {"name": current.name, "start": _iso(current.start)} if therapies and current else None
        ),
        "relapses": None
        if not measures
        else {
            "episodes": summary.relapse_counts.episodes,
            "possible_pseudo_relapses": summary.relapse_counts.pseudo,
            "annualised_rate": rates.overall.rounded if rates else None,
            "follow_up_years": rates.overall.years if rates else None,
            # Too few EDSS assessments: null with the reason, never a reassuring 0.
            "edss_gap": None
            if gap is None
            else {"reason": gap.value, "message": dashboard_text.assessment_gap(figures)},
            "raw": None if gap else figures.events.raw,
            "pira": None if gap else figures.events.pira,
            "edss_change_relapse_free": None if gap else figures.disability_change.relapse_free,
            "edss_change_around_relapses": None
            if gap
            else figures.disability_change.around_relapses,
            "list": [
                {
                    "onset": _iso(r.onset),
                    "end": _iso(r.end),
                    "functions": list(r.functions),
                    "severity": r.severity,
                    "steroids": r.steroids,
                    "recovery": r.recovery,
                    "clinician_confirmed": r.confirmed,
                    "possible_pseudo_relapse": r.possible_pseudo_relapse,
                }
                for r in summary.relapses
            ],
            "timed_tests": [
                {
                    "test": t.name,
                    "baseline": t.baseline,
                    "baseline_date": _iso(t.baseline_date),
                    "latest": t.latest,
                    "latest_date": _iso(t.latest_date),
                    "change_percent": round(t.change_percent, 1),
                    "meaningful": t.meaningful,
                }
                for t in summary.timed_tests
            ],
        },
        "adherence_90_days": (current.percents.get(90) if current else None) if therapies else None,
        "therapy_changes": None
        if not therapies
        else [
            {"date": _iso(c.day), "change": c.what, "drug": c.drug, "reason": c.reason}
            for c in summary.therapy_changes
        ],
        "side_effects": None
        if not therapies
        else [
            {"date": _iso(s.day), "drug": s.drug, "effect": s.effect, "severity": s.severity}
            for s in summary.side_effects
        ],
        "mri": None
        if summary.scans is None
        else [
            {
                "date": _iso(m.date),
                "region": m.region,
                "activity": m.activity,
                "new_t2_lesions": m.new_t2_lesions,
                "enhancing_lesions": m.enhancing_lesions,
            }
            for m in summary.scans
        ],
        "labs": None
        if summary.labs is None
        else [
            {
                "date": _iso(lab.date),
                "kind": lab.kind,
                "result": lab.value_text,  # as on the report: value and unit
                "outside_reference": lab.outside_reference or None,
            }
            for lab in summary.labs
        ],
        "questionnaires": None
        if not shared["questionnaires"]
        else [
            {
                "name": q.name,
                "date": _iso(q.date),
                "score": q.score,
                "band": q.band,
                "item9_positive": q.item9_positive,
            }
            for q in summary.questionnaires
        ],
        "symptom_changes": None
        if not shared["symptoms"]
        else [
            {"symptom": s.name, "then": round(s.then, 2), "now": round(s.now, 2)}
            for s in summary.symptom_changes
        ],
        "lifestyle": None
        if not shared["lifestyle"]
        else {
            "aerobic_minutes_per_week": round(figures.aerobic.mean_minutes, 1),
            "aerobic_goal_minutes": summary.data.goal_minutes,
            "vitamin_d_ng_ml": round(level.ng_ml, 1) if level else None,
            "vitamin_d_date": _iso(level.date) if level else None,
            "smoking_status": figures.smoking_status.value if figures.smoking_status else None,
            "smoke_free_days": figures.smoke_free_days,
        },
        "note": summary.note.text,
    }
