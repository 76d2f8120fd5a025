"""The visit summary: one page of the period since the last visit, for patient and clinician.

`build(access, period_key)` reads one patient's summary in a fixed number of queries
(`journal.dashboard.gather` plus one query per table), whatever the history's length,
and returns plain dataclasses the HTML page, the PDF and the API all show. The
headline figures are the dashboard's own (`journal.headline`), for the same range, so
the summary and the Progression page never disagree.

Each section belongs to one sharing scope (`mstracker.care.scopes.Scope`): for a
clinician, a section whose scope the patient did not share is None and the page says
"not shared": its table is not read, and nothing of it is shown (the default period
then falls back to 12 months too, since its start would tell an EDSS's date).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Avg, FloatField, Max, Min, Q
from django.utils import timezone

from journal import dashboard, models, questionnaires
from journal.dashboard_types import DateRange
from journal.headline import Headline, headline
from journal.models.measures import MeasureKind, Source
from journal.progression import Outcome, minimum_change
from mstracker import date_range
from mstracker.care.access import display_name
from mstracker.care.models import VisitNote
from mstracker.care.scopes import Scope
from therapies.models import Course, SideEffect

# The default period: since the last EDSS a clinician entered (the last visit).
SINCE_VISIT = "visit"
# Without such an EDSS the default period is the last 12 months.
FALLBACK_RANGE = "1y"
PERIODS = {
    SINCE_VISIT: "Since the last clinician EDSS",
    **{key: label for key, (label, _) in dashboard.RANGES.items()},
}
# Mean symptom scores are compared over the 28 days ending at each end of the period.
SYMPTOM_WINDOW_DAYS = 28
SYMPTOMS_SHOWN = 5
TIMED_TESTS = {
    MeasureKind.T25FW: "Timed 25-foot walk",
    MeasureKind.NHPT_DOMINANT: "9-hole peg, dominant hand",
    MeasureKind.NHPT_NONDOMINANT: "9-hole peg, other hand",
}


def definition_name(access) -> str:
    """The name of the RAW/PIRA definition the summary's figures use.

    One place to switch it (issue 19 adds named definitions to the progression engine);
    today every reader sees the engine's standard definition (Müller et al. 2023).
    """
    return "standard"


def allowed(access, scope: Scope) -> bool:
    """Whether the reader may see a section of this scope (the owner sees all)."""
    return access.is_owner or access.share.allows(scope)


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    span: DateRange
    last_visit: date | None  # the last clinician-entered EDSS, when there is one


def choose_period(
    subject, key: str = SINCE_VISIT, today: date | None = None, measures: bool = True
) -> Period:
    """The summary's period for a preset key (`PERIODS`), ending today.

    "visit" starts on the day of the last EDSS a clinician entered (source "clinician";
    one query) and falls back to the last 12 months without one, or for a reader who
    may not see `measures`; the other keys are the dashboard's presets.
    """
    if key not in PERIODS:
        raise ValueError(f"unknown period {key!r}")
    today = today or subject.local_today()
    last_visit = None
    if measures:
        last_visit = _last_clinician_edss(subject, today)
    if key == SINCE_VISIT and last_visit is not None:
        # The period starts on that EDSS's day, printed right after the label.
        return Period(key, PERIODS[key], DateRange(last_visit, today), last_visit)
    preset = FALLBACK_RANGE if key == SINCE_VISIT else key
    first = dashboard.first_record(subject)
    span = dashboard.preset_range(preset, today, first)
    label = PERIODS[key]
    if key == SINCE_VISIT:
        label = "The last 12 months" + (" (no clinician EDSS yet)" if measures else "")
    return Period(key, label, span, last_visit)


def _last_clinician_edss(subject, today: date) -> date | None:
    return (
        models.Measure.objects.filter(
            user=subject,
            kind=MeasureKind.EDSS,
            source=Source.CLINICIAN,
            date__range=(date_range.EARLIEST, today),
        )
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )


# Sections --------------------------------------------------------------------------


@dataclass(frozen=True)
class RelapseRow:
    onset: date
    end: date | None
    functions: tuple[str, ...]
    severity: str
    steroids: bool
    hospitalised: bool
    recovery: str
    confirmed: bool
    possible_pseudo_relapse: bool


@dataclass(frozen=True)
class TimedTest:
    """The latest value of a timed test against its first recorded one (the baseline)."""

    name: str
    baseline_date: date
    baseline: float
    latest_date: date
    latest: float

    @property
    def change_percent(self) -> float:
        return (self.latest / self.baseline - 1) * 100 if self.baseline else 0.0

    @property
    def meaningful(self) -> bool:
        """20% or more slower (or faster): the engine's minimum change for timed tests."""
        threshold = minimum_change(Outcome.T25FW, self.baseline)
        return abs(self.latest - self.baseline) >= threshold - 1e-9


@dataclass(frozen=True)
class SymptomChange:
    name: str
    then: float
    now: float

    @property
    def change(self) -> float:
        return self.now - self.then


@dataclass(frozen=True)
class Questionnaire:
    name: str
    date: date
    score: int
    band: str
    item9_positive: bool


@dataclass(frozen=True)
class TherapyChange:
    day: date
    what: str  # "started" or "stopped"
    drug: str
    reason: str


@dataclass(frozen=True)
class SideEffectRow:
    day: date
    drug: str
    effect: str
    severity: str


@dataclass(frozen=True)
class RelapseCounts:
    episodes: int
    pseudo: int


@dataclass(frozen=True)
class Head:
    """The summary's header: who, which period, when, by which definition."""

    patient_name: str
    ms_course: str
    diagnosis_year: int | None
    made_at: object  # an aware datetime
    period: Period
    definition: str

    @property
    def span(self) -> DateRange:
        return self.period.span


@dataclass(frozen=True)
class Note:
    """The patient's "what I want my neurologist to know" (written for every reader)."""

    text: str
    updated_at: object


@dataclass(frozen=True)
class VisitSummary:
    """Everything the summary shows; a section is None when its scope is not shared."""

    head: Head
    figures: Headline
    data: dashboard.DashboardData
    shared: dict[str, bool]
    relapse_counts: RelapseCounts | None
    relapses: tuple[RelapseRow, ...] | None
    timed_tests: tuple[TimedTest, ...] | None
    symptom_changes: tuple[SymptomChange, ...] | None
    questionnaires: tuple[Questionnaire, ...] | None
    therapy_changes: tuple[TherapyChange, ...] | None
    side_effects: tuple[SideEffectRow, ...] | None
    note: Note

    @property
    def period(self) -> Period:
        return self.head.period

    @property
    def span(self) -> DateRange:
        return self.head.period.span


def shared_scopes(access) -> dict[str, bool]:
    """Scope name -> whether this reader sees its sections."""
    return {scope.value: allowed(access, scope) for scope in Scope}


def head(access, period: Period, now=None) -> Head:
    subject = access.subject
    return Head(
        patient_name=display_name(subject),
        ms_course=subject.get_ms_course_display(),
        diagnosis_year=subject.diagnosis_year,
        made_at=now or timezone.now(),
        period=period,
        definition=definition_name(access),
    )


def note(subject) -> Note:
    """The patient's note for the neurologist (one query); empty before the first save."""
    row = VisitNote.objects.filter(patient=subject).values_list("text", "updated_at").first()
    return Note(*row) if row else Note("", None)


def build(access, period_key: str = SINCE_VISIT, now=None, period=None) -> VisitSummary:
    """The summary of `access.subject` for the period `period_key` (or an already chosen
    `period`), as `access` may see it."""
    subject = access.subject
    shared = shared_scopes(access)
    period = period or choose_period(subject, period_key, measures=shared[Scope.RELAPSES_MEASURES])
    span = period.span
    data = dashboard.gather(subject, span, Outcome.EDSS)
    measures = shared[Scope.RELAPSES_MEASURES]
    therapies = shared[Scope.THERAPIES]
    return VisitSummary(
        head=head(access, period, now),
        figures=headline(data),
        data=data,
        shared=shared,
        relapse_counts=_relapse_counts(data) if measures else None,
        relapses=_relapses(subject, span) if measures else None,
        timed_tests=_timed_tests(subject, span) if measures else None,
        symptom_changes=_symptom_changes(subject, span) if shared[Scope.SYMPTOMS] else None,
        questionnaires=(_questionnaires(subject, span) if shared[Scope.QUESTIONNAIRES] else None),
        therapy_changes=_therapy_changes(subject, span) if therapies else None,
        side_effects=_side_effects(subject, span) if therapies else None,
        note=note(subject),
    )


def _relapse_counts(data) -> RelapseCounts:
    """Episodes (onsets under 30 days apart are one) and possible pseudo-relapses apart."""
    return RelapseCounts(
        episodes=sum(1 for onset in data.episode_onsets if onset in data.span),
        pseudo=sum(1 for r in data.relapses if r.possible_pseudo_relapse and r.onset in data.span),
    )


def _relapses(subject, span) -> tuple[RelapseRow, ...]:
    rows = (
        models.Relapse.objects.filter(user=subject, onset__range=(span.start, span.end))
        .order_by("onset")
        .only(
            "onset",
            "end",
            "functions",
            "severity",
            "steroids",
            "hospitalised",
            "recovery",
            "clinician_confirmed",
            "fever_or_infection",
        )  # fmt: skip
    )
    return tuple(
        RelapseRow(
            onset=r.onset,
            end=r.end,
            functions=tuple(r.function_labels()),
            severity=r.get_severity_display(),
            steroids=r.steroids,
            hospitalised=r.hospitalised,
            recovery=r.get_recovery_display(),
            confirmed=r.clinician_confirmed,
            possible_pseudo_relapse=r.possible_pseudo_relapse,
        )
        for r in rows
    )


def _timed_tests(subject, span) -> tuple[TimedTest, ...]:
    """Each timed test's first value and its latest up to the period's end: two queries,
    the second reading only those two rows per test."""
    kinds = [k.value for k in TIMED_TESTS]
    window = (date_range.EARLIEST, span.end)
    ends = {
        kind: (first, last)
        for kind, first, last in models.Measure.objects.filter(
            user=subject, kind__in=kinds, date__range=window
        )
        .values("kind")
        .order_by("kind")
        .annotate(first=Min("date"), last=Max("date"))
        .values_list("kind", "first", "last")
    }
    if not ends:
        return ()
    wanted = Q()
    for kind, (first, last) in ends.items():
        wanted |= Q(kind=kind, date__in=(first, last))
    values = {
        (kind, day): value
        for kind, day, value in models.Measure.objects.filter(wanted, user=subject).values_list(
            "kind", "date", "value"
        )
    }
    tests = []
    for kind, name in TIMED_TESTS.items():
        if kind not in ends:
            continue
        first, last = ends[kind]
        tests.append(TimedTest(name, first, values[kind, first], last, values[kind, last]))
    return tuple(tests)


def _symptom_changes(subject, span) -> tuple[SymptomChange, ...]:
    """The symptoms whose 28-day mean changed most between the period's start and its
    end (one aggregate query); symptoms without scores in both windows are left out."""
    back = timedelta(days=SYMPTOM_WINDOW_DAYS - 1)
    then = Q(checkin__date__range=(span.start - back, span.start))
    now = Q(checkin__date__range=(span.end - back, span.end))
    rows = (
        models.SymptomScore.objects.filter(then | now, checkin__user=subject)
        .values("symptom__name")
        .order_by("symptom__name")
        .annotate(
            then=Avg("score", filter=then, output_field=FloatField()),
            now=Avg("score", filter=now, output_field=FloatField()),
        )
        .values_list("symptom__name", "then", "now")
    )
    changes = [
        SymptomChange(name, before, after)
        for name, before, after in rows
        if before is not None and after is not None and round(after - before, 1) != 0
    ]
    changes.sort(key=lambda c: (-abs(c.change), c.name))
    return tuple(changes[:SYMPTOMS_SHOWN])


def _questionnaires(subject, span) -> tuple[Questionnaire, ...]:
    """The latest PHQ-9 and GAD-7 on or before the period's end (one query each)."""
    found = []
    for kind in (questionnaires.PHQ9, questionnaires.GAD7):
        row = (
            models.QuestionnaireResponse.objects.filter(
                user=subject, kind=kind, date__range=(date_range.EARLIEST, span.end)
            )
            .order_by("-date", "-pk")
            .values_list("date", "score", "answers")
            .first()
        )
        if row is None:
            continue
        day, score, answers = row
        found.append(
            Questionnaire(
                name=questionnaires.INSTRUMENTS[kind].name,
                date=day,
                score=score,
                band=questionnaires.band(kind, score).label,
                item9_positive=questionnaires.needs_crisis_resources(kind, answers),
            )
        )
    return tuple(found)


def _therapy_changes(subject, span) -> tuple[TherapyChange, ...]:
    rows = (
        Course.objects.filter(user=subject)
        .filter(Q(start__range=(span.start, span.end)) | Q(stop__range=(span.start, span.end)))
        .select_related("drug")
        .order_by("start")
    )
    changes = []
    for course in rows:
        if course.start in span:
            changes.append(TherapyChange(course.start, "started", course.drug.name, ""))
        if course.stop and course.stop in span:
            reason = course.get_stop_reason_display() if course.stop_reason else ""
            changes.append(TherapyChange(course.stop, "stopped", course.drug.name, reason))
    changes.sort(key=lambda c: c.day)
    return tuple(changes)


def _side_effects(subject, span) -> tuple[SideEffectRow, ...]:
    rows = (
        SideEffect.objects.filter(user=subject, date__range=(span.start, span.end))
        .select_related("course__drug")
        .order_by("date", "pk")
    )
    return tuple(
        SideEffectRow(s.date, s.course.drug.name, s.effect, s.get_severity_display()) for s in rows
    )
