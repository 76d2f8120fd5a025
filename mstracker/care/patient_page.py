"""What the clinician's page of one patient holds, section by section, as far as the
share allows: each section is read only when its scope is shared (the template says
"not shared" for the rest), each with a bounded number of rows, so the page's query
count does not grow with the length of the history."""

from datetime import timedelta

from django.db.models import Sum

from journal.models import (
    CheckIn,
    ExerciseSession,
    LabKind,
    LabResult,
    Measure,
    MriReport,
    QuestionnaireResponse,
    Relapse,
    SmokingRecord,
    VitaminDLevel,
)
from therapies import services

from .models import ClinicalNote, VisitNote
from .scopes import Scope

ROWS = 12  # rows per table: the latest; the full history is in the API and the export
LIFESTYLE_DAYS = 28


def shared(access, scope) -> bool:
    return access.is_owner or access.share.allows(scope)


def sections(access, reader) -> dict:
    """The template context of the page for ``access`` (a clinician's share)."""
    subject = access.subject
    today = subject.local_today()
    context = {
        "shared": {scope.value: shared(access, scope) for scope in Scope},
        "visit_note": VisitNote.objects.filter(patient=subject).first(),
        "my_notes": ClinicalNote.objects.filter(patient=subject, clinician=reader)[:ROWS],
    }
    if shared(access, Scope.RELAPSES_MEASURES):
        context["relapses"] = list(
            Relapse.objects.filter(user=subject)
            .select_related("recorded_by", "confirmed_by")
            .order_by("-onset")[:ROWS]
        )
        context["measures"] = list(
            Measure.objects.filter(user=subject)
            .select_related("recorded_by")
            .order_by("-date", "kind")[:ROWS]
        )
        context["scans"] = list(MriReport.objects.filter(user=subject)[:ROWS])
    if shared(access, Scope.QUESTIONNAIRES):
        context["questionnaires"] = list(
            QuestionnaireResponse.objects.filter(user=subject).order_by("-date", "kind")[:ROWS]
        )
    if shared(access, Scope.THERAPIES):
        report = services.adherence_report(subject)
        context["adherence"] = report
        context["periods"] = services.PERIODS
        context["running"] = [r for r in report.courses if r.course.is_running_on(today)]
        context["labs"] = latest_labs(subject)
    if shared(access, Scope.LIFESTYLE):
        since = today - timedelta(days=LIFESTYLE_DAYS - 1)
        context["exercise_minutes"] = (
            ExerciseSession.objects.filter(user=subject, date__gte=since).aggregate(
                total=Sum("minutes")
            )["total"]
            or 0
        )
        context["lifestyle_days"] = LIFESTYLE_DAYS
        context["vitamin_d"] = VitaminDLevel.objects.filter(user=subject).order_by("-date").first()
        smoking, _, context["smoke_free_days"] = SmokingRecord.objects.smoke_free(subject, today)
        context["smoking"] = smoking
    if shared(access, Scope.SYMPTOMS):
        context["checkin_notes"] = list(
            CheckIn.objects.filter(user=subject).exclude(note="").order_by("-date")[:ROWS]
        )
    return context


def latest_labs(subject):
    """The latest result of each monitoring test: one query per test kind (four)."""
    rows = LabResult.objects.filter(user=subject).order_by("-date", "-created_at")
    found = (rows.filter(kind=kind).first() for kind in LabKind.values)
    return [lab for lab in found if lab is not None]
