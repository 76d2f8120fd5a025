"""The per-patient summary row behind the clinician panel (``PatientSummary.facts``).

Computed from the patient's records with the journal's and therapies' own domain
functions (the progression engine, the relapse episode rule, the adherence report),
in a fixed handful of queries, once per write (``care.summary_refresh``) and nightly
(``care.tasks.sweep_summaries``), never while a clinician waits for the panel.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from journal.models import CheckIn, Measure, QuestionnaireResponse, Relapse
from journal.progression import EventType, Outcome, analyse_progression
from journal.progression_definitions import DEFINITIONS, STANDARD
from journal.questionnaires import GAD7, PHQ9
from therapies import services as therapies

from .flags import ADHERENCE_DAYS, TIMED_TESTS
from .models import PatientSummary


def compute(patient, previous: dict | None = None, now: datetime | None = None) -> dict:
    """The facts of ``patient``'s record. ``previous`` facts keep each CDW's first-seen moment,
    so "new since you last looked" survives recomputation.

    ``cdw`` holds the worsenings under the standard PIRA definition and
    ``cdw_by_definition`` those under each other named definition, so a clinician's
    panel flags follow the definition they chose.
    """
    now = now or timezone.now()
    previous = previous or {}
    onsets = sorted(Relapse.objects.filter(user=patient).counted().values_list("onset", flat=True))
    series: dict[str, list] = {}
    for kind, day, value in (
        Measure.objects.filter(user=patient).order_by("date").values_list("kind", "date", "value")
    ):
        series.setdefault(kind, []).append((day, value))

    by_definition = {}
    for key, definition in DEFINITIONS.items():
        before = previous.get("cdw", []) if definition is STANDARD else None
        if before is None:
            before = previous.get("cdw_by_definition", {}).get(key, [])
        by_definition[key] = _worsenings(series, onsets, definition, before, now)

    timed = {}
    for kind in TIMED_TESTS:
        points = series.get(kind)
        if points and len(points) >= 2:
            (first_day, first), (last_day, last) = points[0], points[-1]
            timed[kind] = {
                "baseline": first,
                "baseline_date": first_day.isoformat(),
                "latest": last,
                "latest_date": last_day.isoformat(),
            }

    report = therapies.adherence_report(patient, periods=(ADHERENCE_DAYS,), now=now)
    adherence = report.overall_for(ADHERENCE_DAYS).doses.percent if report.courses else None

    questionnaires = {}
    for kind in (PHQ9, GAD7):
        last = (
            QuestionnaireResponse.objects.filter(user=patient, kind=kind)
            .order_by("-date", "-pk")
            .values("date", "score", "answers")
            .first()
        )
        if last:
            questionnaires[kind] = {"date": last["date"].isoformat(), "score": last["score"]}
            if kind == PHQ9:
                answers = last["answers"] or []
                questionnaires[kind]["item9"] = answers[8] if len(answers) == 9 else 0

    last_checkin = (
        CheckIn.objects.filter(user=patient)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    return {
        "last_relapse_onset": onsets[-1].isoformat() if onsets else None,
        "cdw": by_definition.pop(STANDARD.key),
        "cdw_by_definition": by_definition,
        "timed": timed,
        "adherence_90": adherence,
        "phq9": questionnaires.get(PHQ9),
        "gad7": questionnaires.get(GAD7),
        "last_checkin": last_checkin.isoformat() if last_checkin else None,
    }


def _worsenings(series, onsets, definition, before, now) -> list[dict]:
    """Every CDW of every measure under ``definition``; ``before`` (the previous facts'
    list for it) keeps when each was first seen."""
    seen = {(e["measure"], e["onset"]): e["first_seen"] for e in before}
    cdw = []
    for kind, points in series.items():
        for event in analyse_progression(Outcome(kind), points, onsets, definition.settings).events:
            if event.type is not EventType.CDW:
                continue
            key = (kind, event.onset.isoformat())
            cdw.append(
                {
                    "measure": kind,
                    "onset": event.onset.isoformat(),
                    "confirmed": event.confirmed.isoformat(),
                    "classification": event.classification.value if event.classification else None,
                    "first_seen": seen.get(key, now.isoformat()),
                }
            )
    return cdw


def refresh(patient) -> PatientSummary:
    """Recompute and store the patient's summary row (safe to run twice, or concurrently:
    the row is locked while the previous facts are read and replaced)."""
    with transaction.atomic():
        current = PatientSummary.objects.select_for_update().filter(patient=patient).first()
        now = timezone.now()
        facts = compute(patient, current.facts if current else None, now)
        summary, _ = PatientSummary.objects.update_or_create(
            patient=patient, defaults={"facts": facts, "computed_at": now}
        )
    return summary
