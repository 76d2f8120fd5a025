"""The progression dashboard's data: one patient's rows turned into plain inputs.

`gather()` reads everything the page, the API (`GET /api/v1/progression/`) and later
the clinician PDF need, in a fixed number of queries however long the history is:
each kind of record is one `values_list` over the columns needed, a day's symptom
burden is its check-in's score sum over their number (both kept on write), and
adherence comes from `therapies.services` (two queries).
Nothing is queried per row. The result holds only dates, numbers and the dataclasses
of `journal.dashboard_types`, which `journal.figures` and `journal.charts` take.

Progression is analysed over the patient's whole history of the chosen measure and
all relapse onsets (a relapse before the range still makes a worsening inside it
relapse-associated, and the roving baseline starts at the first assessment), then
the events are filtered to the range for display and for the range's figures.
"""

import functools
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from itertools import compress, repeat
from operator import is_not, itemgetter, truediv

from django.db import connection
from django.db.models import DateField, FilteredRelation, Q
from django.utils import timezone

from journal import dashboard_cache, figures, models, mri_rules, relapse_rules
from journal.dashboard_types import (
    DateRange,
    ExerciseSession,
    RelapsePeriod,
    SmokingRecord,
    SmokingStatus,
    TherapyCourse,
    VitaminDLevel,
)
from journal.headline import CurrentAdherence
from journal.neda import Scan
from journal.progression import Outcome, ProgressionResult, analyse_progression
from journal.progression_definitions import STANDARD, Definition
from journal.reclassification import RelapseEntry
from journal.transition import TransitionSettings
from mstracker import date_range
from mstracker.wallclock import add_months
from therapies import services as therapy_services

# Date-range presets of the page: key -> (label, months back; None: all records).
RANGES = {
    "6m": ("6 months", 6),
    "1y": ("1 year", 12),
    "2y": ("2 years", 24),
    "5y": ("5 years", 60),
    "all": ("All", None),
}
# Two years: long enough for a 12-week confirmed worsening and the relapses around it.
DEFAULT_RANGE = "2y"
# "Overall burden" is the mean of all of a check-in's scores (`figures.checkin_burden`),
# offered in the symptom chooser next to the symptoms themselves.
BURDEN = "burden"
BURDEN_NAME = "Overall burden"
DEFAULT_SYMPTOMS = (BURDEN, "fatigue", "walking")
# Rolling means need this many days before the range (a 28-day mean on its first day).
SYMPTOM_HISTORY_DAYS = 27
# The daily scores before the Monday this many days before the current ISO week are
# kept across the daily check-in (`archive_end`).
ARCHIVE_LAG_DAYS = 14
# Adherence periods of the headline figure (days ending at the range's end).
ADHERENCE_PERIODS = therapy_services.PERIODS


def preset_range(key: str, today: date, first_record: date | None) -> DateRange:
    """The dashboard range of a preset, ending today.

    "6m" ... "5y" reach back that many calendar months (6 months before 10 May is
    11 November to 10 May); "all" starts at the first record, or covers a year when
    there is none yet (or only today's).
    """
    _, months = RANGES[key]
    if months is None:
        if first_record is None or first_record >= today:
            return DateRange.ending(today, 365)
        return DateRange(first_record, today)
    return DateRange(months_before(today, months) + timedelta(days=1), today)


def months_before(day: date, months: int) -> date:
    """`day` moved back whole calendar months, clamped to the end of a shorter month
    (6 months before 31 August is 28 or 29 February)."""
    return add_months(day, -months)


@dataclass(frozen=True)
class SymptomChoice:
    code: str
    name: str


def symptom_choices(user) -> list[SymptomChoice]:
    """What the symptom chooser offers: overall burden, the catalogue and the patient's
    own symptoms (hidden ones too: their history still counts). One query."""
    rows = (
        models.Symptom.objects.for_user(user)
        .order_by("position", "name")
        .values_list("code", "name")
    )
    return [SymptomChoice(BURDEN, BURDEN_NAME), *(SymptomChoice(c, n) for c, n in rows)]


@dataclass(frozen=True)
class DashboardData:
    """Everything the dashboard shows for one patient, measure and range.

    `assessments`, `relapses` and `progression` cover the whole history; `burden` and
    `symptoms`, in date order, start `SYMPTOM_HISTORY_DAYS` before the range (for
    rolling means);
    `courses` carry their adherence over the range (doses due before its end).
    """

    span: DateRange
    measure: Outcome
    first_record: date | None
    diagnosis: date | None
    relapses: tuple[RelapsePeriod, ...]
    episode_onsets: tuple[date, ...]
    relapse_onsets: tuple[date, ...]
    assessments: tuple[tuple[date, float], ...]
    progression: ProgressionResult
    burden: tuple[tuple[date, float], ...]
    symptoms: dict[str, list[tuple[date, float]]]
    courses: tuple[TherapyCourse, ...]
    current_dmt: CurrentAdherence | None
    # Aerobic exercise against the weekly goal: the headline's last 12 weeks and this one.
    aerobic: figures.AerobicSummary
    goal_minutes: int
    goal_sessions: int
    vitamin_d_levels: tuple[VitaminDLevel, ...]
    vitamin_d_dose_dates: tuple[date, ...]
    smoking: tuple[SmokingRecord, ...]
    # MRI scans up to the range's end (NEDA-3 and the MRI chart), the patient's MS course
    # and the EDSS series (the possible-transition signal reads EDSS whatever the measure).
    scans: tuple[Scan, ...] = ()
    ms_course: str = ""
    edss: tuple[tuple[date, float], ...] = ()
    # When the clock alone next changes a figure (a dose falling due or its window
    # closing); None when the range ends before today or nothing more is expected.
    changes_at: datetime | None = None
    # The named PIRA definition `progression` follows (patients see the standard one).
    definition: Definition = STANDARD
    # Each relapse onset with the local date it was recorded (`journal.reclassification`).
    relapse_entries: tuple[RelapseEntry, ...] = ()
    # Aerobic minutes per ISO week over the range, against the goal (the exercise chart).
    # Both are counted with the history part, which a check-in leaves cached, and the
    # years of sessions are not kept (unpickling them took longer than counting).
    aerobic_weeks: tuple[figures.ExerciseWeek, ...] = ()

    @property
    def as_of(self) -> date:
        """The day the "now" figures refer to: the range's end."""
        return self.span.end

    @property
    def events_in_span(self) -> ProgressionResult:
        """The whole-history analysis with only the events whose onset is in the range."""
        events = tuple(e for e in self.progression.events if e.onset in self.span)
        return replace(self.progression, events=events)


# Where `first_record` looks: (model, its date field).
FIRST_RECORD_SOURCES = (
    (models.CheckIn, "date"),
    (models.Relapse, "onset"),
    (models.Measure, "date"),
    (models.QuestionnaireResponse, "date"),
    (models.ExerciseSession, "date"),
    (models.VitaminDDose, "date"),
    (models.VitaminDLevel, "date"),
)


def first_record(user) -> date | None:
    """The date of the patient's first record of any kind (check-in, relapse onset,
    measure, questionnaire, exercise, vitamin D), in one query; None without any.
    Smoking records are left out: a status "since" a date may predate the journal.

    Each source is its earliest row (`ORDER BY date LIMIT 1`), which the (user, date)
    indexes find without reading the patient's years of rows, as a MIN would. The
    SQL is written out (names from the models): the ORM took 5 ms of CPU to compile
    seven correlated subqueries, the database 0.3 ms to run them."""
    sql, earliest = _first_record_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, earliest] * len(FIRST_RECORD_SOURCES))
        (first,) = cursor.fetchone()
    return DateField().to_python(first)


@functools.cache
def _first_record_query() -> tuple[str, object]:
    """`first_record`'s SQL and its earliest-date parameter as the database takes it:
    the same for every patient, so written once per process."""
    quote = connection.ops.quote_name
    parts = []
    for model, field in FIRST_RECORD_SOURCES:
        column = quote(model._meta.get_field(field).column)
        user_column = quote(model._meta.get_field("user").column)
        parts.append(
            f"SELECT (SELECT {column} FROM {quote(model._meta.db_table)} "
            f"WHERE {user_column} = %s AND {column} >= %s ORDER BY {column} LIMIT 1) AS earliest"
        )
    sql = f"SELECT MIN(earliest) FROM ({' UNION ALL '.join(parts)}) AS firsts"  # noqa: S608 (names from the models)
    return sql, connection.ops.adapt_datefield_value(date_range.EARLIEST)


def diagnosis_date(user) -> date | None:
    """1 July of the diagnosis year (the profile keeps only the year), as
    `figures.follow_up_start` asks."""
    return date(user.diagnosis_year, 7, 1) if user.diagnosis_year else None


def gather(
    user,
    span: DateRange,
    measure: Outcome | str = Outcome.EDSS,
    symptom_codes: tuple[str, ...] = (),
    first: date | None = None,
    course_adherence: bool = True,
    definition: Definition = STANDARD,
) -> DashboardData:
    """Read one patient's dashboard inputs for `span` in a fixed number of queries.

    `first` is the patient's first record when the caller already has it (it chose
    the range with it); otherwise one more query finds it. `symptom_codes` are the
    chosen symptoms' codes (`BURDEN` for the overall burden), already checked against
    `symptom_choices`; their names come from the catalogue. Without
    `course_adherence` (the API, which draws no bars) `courses` hold only the courses
    of the last 365 days with their adherence over that year, which reads a year of
    dose logs instead of the range's. `definition` is the PIRA definition to analyse
    progression with.
    """
    measure = Outcome(measure)
    if first is None:
        first = first_record(user)
    history = _history(user, span, measure, definition)
    burden, symptoms = _daily_scores(user, span, symptom_codes)
    courses, current, changes_at = _therapies(user, span, course_adherence)
    return DashboardData(
        span=span,
        measure=measure,
        first_record=first,
        diagnosis=diagnosis_date(user),
        burden=burden,
        symptoms=symptoms,
        courses=courses,
        current_dmt=current,
        ms_course=user.ms_course,
        changes_at=changes_at,
        definition=definition,
        **history,
    )


def _history(user, span, measure, definition):
    """Every input but check-ins and therapies, as `DashboardData` fields: kept under
    the history token (`dashboard_cache.history_part`), which a check-in leaves alone."""
    return dashboard_cache.history_part(
        user,
        (span, measure, definition),
        lambda: (_computed_history(user, span, measure, definition), None),
    )


def _computed_history(user, span, measure, definition):
    # Rows saved before the date rules existed may lie outside them (0001-01-01,
    # 9999-12-31): the dashboard reads only dates something can have happened on.
    stored = date_range.stored_window(user.local_today())

    relapse_rows = list(
        models.Relapse.objects.filter(user=user, onset__range=stored)
        .order_by("onset")
        .values_list("pk", "onset", "end", "fever_or_infection", "created_at")
    )
    relapses = tuple(
        RelapsePeriod(onset, end if end is None or end <= stored[1] else None, bool(fever))
        for _, onset, end, fever, _ in relapse_rows
    )
    relapse_entries = tuple(
        RelapseEntry(onset, timezone.localtime(created, user.zone).date())
        for _, onset, _, fever, created in relapse_rows
        if not fever
    )
    episode_onsets = tuple(
        relapse_rules.counted_onsets(
            relapse_rules.Period(key=pk, onset=onset, pseudo=fever)
            for pk, onset, _, fever, _ in relapse_rows
        )
    )
    # The engine sees every onset but possible pseudo-relapses: a linked onset inside an
    # episode still bars baselines and confirmations for 30 days.
    relapse_onsets = tuple(r.onset for r in relapses if not r.possible_pseudo_relapse)

    assessments = tuple(
        models.Measure.objects.filter(user=user, kind=measure.value, date__range=stored)
        .order_by("date")
        .values_list("date", "value")
    )
    progression = analyse_progression(measure, assessments, relapse_onsets, definition.settings)
    exercise, goal = _exercise(user, span)
    levels, dose_dates = _vitamin_d(user, span)
    smoking_rows = (
        models.SmokingRecord.objects.filter(user=user, date__range=stored)
        .order_by("date", "created_at")
        .values_list("date", "status", "quit_date", "cigarettes", "vaping")
    )
    smoking = tuple(
        SmokingRecord(day, SmokingStatus(status), quit_on, cigarettes, vaping)
        for day, status, quit_on, cigarettes, vaping in smoking_rows
    )
    scans = tuple(
        Scan(day, mri_rules.activity(new_t2, enhancing))
        for day, new_t2, enhancing in models.MriReport.objects.filter(
            user=user, date__gte=date_range.EARLIEST, date__lte=span.end
        )
        .order_by("date", "created_at")
        .values_list("date", "new_t2_lesions", "enhancing_lesions")
    )
    return {
        "relapses": relapses,
        "episode_onsets": episode_onsets,
        "relapse_onsets": relapse_onsets,
        "assessments": assessments,
        "progression": progression,
        "aerobic": figures.aerobic_summary(exercise, span.end, *goal),
        "goal_minutes": goal[0],
        "goal_sessions": goal[1],
        "aerobic_weeks": tuple(figures.aerobic_weeks(exercise, span.start, span.end, *goal)),
        "vitamin_d_levels": levels,
        "vitamin_d_dose_dates": dose_dates,
        "smoking": smoking,
        "scans": scans,
        "edss": _edss(user, measure, assessments, stored),
        "relapse_entries": relapse_entries,
    }


def _edss(user, measure, assessments, stored):
    """The EDSS series for the transition signal: the measure's own when it is EDSS,
    nothing when the signal is off for the patient's course, else one query."""
    if measure is Outcome.EDSS:
        return assessments
    if user.ms_course not in TransitionSettings().courses:
        return ()
    return tuple(
        models.Measure.objects.filter(user=user, kind=Outcome.EDSS.value, date__range=stored)
        .order_by("date")
        .values_list("date", "value")
    )


def archive_end(today: date) -> date:
    """The first day whose check-ins the dashboard reads afresh on every visit: the
    Monday two weeks before this ISO week (14 to 20 days before today). The days before
    it are kept under the older check-ins' token, which a check-in of the last
    `records_version.RECENT_DAYS` days leaves alone (see there why that is enough)."""
    return figures.iso_week_start(today) - timedelta(days=ARCHIVE_LAG_DAYS)


def _daily_scores(user, span, symptom_codes):
    """Daily mean burden and each chosen symptom's daily score, from
    `SYMPTOM_HISTORY_DAYS` before the (ISO-week aligned) range to its end: one query
    over the check-ins, whose scores' sum and number are kept on write, joined to
    the chosen symptoms' scores alone (one row per check-in day).

    The days before `archive_end` are kept under the older check-ins' token
    (`dashboard_cache.older_checkins_part`), so after the daily check-in only the
    last weeks are read: one query either way."""
    first = figures.iso_week_start(span.start) - timedelta(days=SYMPTOM_HISTORY_DAYS)
    split = min(max(archive_end(user.local_today()), first), span.end + timedelta(days=1))
    fetched = []  # the later rows, when the build read the whole range

    def build():
        symptoms = _chosen_symptoms(user, symptom_codes)
        rows = _score_rows(user, symptoms, first, span.end)
        cut = bisect_left(rows, split, key=itemgetter(0))
        fetched.append(rows[cut:])
        return (symptoms, _series(rows[:cut], symptom_codes, symptoms)), None

    choices = ("daily scores", first, split, tuple(symptom_codes))
    symptoms, (burden, series) = dashboard_cache.older_checkins_part(user, choices, build)
    if fetched:
        recent = fetched[0]
    elif split <= span.end:  # the older days came from the cache
        recent = _score_rows(user, symptoms, split, span.end)
    else:
        recent = []
    later_burden, later_series = _series(recent, symptom_codes, symptoms)
    return (
        (*burden, *later_burden),
        {name: [*values, *later_series[name]] for name, values in series.items()},
    )


def _chosen_symptoms(user, symptom_codes) -> dict[str, tuple[int, str]]:
    """{code: (id, name)} of the chosen symptoms but the overall burden (one query)."""
    wanted = [c for c in symptom_codes if c != BURDEN]
    if not wanted:
        return {}
    return {
        code: (pk, name)
        for pk, code, name in models.Symptom.objects.for_user(user)
        .filter(code__in=wanted)
        .values_list("pk", "code", "name")
    }


def _score_rows(user, symptoms, first, last) -> list[tuple]:
    """(date, score total, scored, each chosen symptom's score or None) per scored
    check-in from `first` to `last`, in date order: one query."""
    joins = {
        f"s{pk}": FilteredRelation("scores", condition=Q(scores__symptom_id=pk))
        for pk, _ in symptoms.values()
    }
    return list(
        models.CheckIn.objects.filter(user=user, date__gte=first, date__lte=last, scored__gt=0)
        .annotate(**joins)
        .order_by("date")
        .values_list("date", "score_total", "scored", *(f"{alias}__score" for alias in joins))
    )


def _series(rows, symptom_codes, symptoms):
    """`_score_rows` as (burden, {name: daily scores}) in the chosen order."""
    burden: list[tuple[date, float]] = []
    series: dict[str, list[tuple[date, float]]] = {}
    names = {code: name for code, (_, name) in symptoms.items()}
    for code in symptom_codes:
        if code == BURDEN:
            series[BURDEN_NAME] = burden
        elif code in names:
            series[names[code]] = []
    chosen = [series[name] for _, name in symptoms.values()]
    # Column by column: ten years of rows in C-level zips rather than a loop per row.
    columns = list(zip(*rows, strict=True)) or [()] * (3 + len(symptoms))
    days, totals, counts, *scores = columns
    burden.extend(zip(days, map(truediv, totals, counts), strict=True))
    for values, column in zip(chosen, scores, strict=True):
        scored = list(map(is_not, column, repeat(None)))  # the days this symptom has a score
        kept = zip(compress(days, scored), map(float, compress(column, scored)), strict=True)
        values.extend(kept)
    return burden, series


def _therapies(user, span, over_span=True):
    """Courses in the range with their adherence over it, the DMT running at its end
    with 30/90/365-day adherence, and when a dose next falls due: from
    `therapies.services.adherence_report` (two queries), computed as of the end of
    the range's last day. Kept under the therapies token (`dashboard_cache`), which a
    check-in leaves alone: ten years of doses are not reduced again after one."""
    return dashboard_cache.therapies_part(
        user, (span, over_span), lambda: _computed_therapies(user, span, over_span)
    )


def _computed_therapies(user, span, over_span):
    """(`_therapies`' value, when the clock next changes it)."""
    today = user.local_today()
    latest_stop = date_range.latest_planned(today)
    live = span.end >= today
    if live:
        now = timezone.now()
    else:
        end_of_day = datetime.combine(span.end + timedelta(days=1), time.min, tzinfo=user.zone)
        now = end_of_day - timedelta(microseconds=1)
    bars = span.days if over_span else max(ADHERENCE_PERIODS)
    periods = tuple(sorted({*ADHERENCE_PERIODS, bars}))
    report = therapy_services.adherence_report(user, periods=periods, now=now)
    courses = []
    current = None
    for row in report.courses:
        course = row.course
        if not span.overlaps(course.start, course.stop or span.end):
            continue
        # A last day beyond any plan (9999-12-31 from before the rules) draws as ongoing.
        stop = course.stop if course.stop is None or course.stop <= latest_stop else None
        courses.append(
            TherapyCourse(
                name=course.drug.name,
                start=course.start,
                stop=stop,
                adherence_percent=row.period(bars).doses.percent,
                category=course.drug.category,
            )
        )
        running_dmt = course.drug.category == "dmt" and course.is_running_on(span.end)
        if running_dmt and (current is None or course.start >= current.start):
            current = CurrentAdherence(
                name=course.drug.name,
                start=course.start,
                clinic_administered=course.clinic_administered,
                percents={d: row.period(d).doses.percent for d in ADHERENCE_PERIODS},
            )
    next_change = report.next_change if live else None
    return (tuple(courses), current, next_change), next_change


def _exercise(user, span):
    """Exercise entries of the range and of the 12 completed weeks before its end
    (one query), and the weekly goal (one query; the defaults without settings)."""
    first = min(
        figures.iso_week_start(span.start),
        figures.iso_week_start(span.end) - timedelta(weeks=12),
    )
    sessions = tuple(
        ExerciseSession(day, minutes, kind)
        for day, minutes, kind in models.ExerciseSession.objects.filter(
            user=user, date__gte=first, date__lte=span.end
        ).values_list("date", "minutes", "kind")
    )
    goal = (
        models.JournalSettings.objects.filter(user=user)
        .values_list("exercise_goal_minutes", "exercise_goal_sessions")
        .first()
    ) or (figures.AEROBIC_GOAL_MINUTES, figures.AEROBIC_GOAL_SESSIONS)
    return sessions, goal


def _vitamin_d(user, span):
    """Every 25(OH)D result up to the range's end (a few a year) and the days with a
    supplement dose in the 30 days up to it: two queries."""
    levels = tuple(
        VitaminDLevel(day, nmol, "nmol/L")
        for day, nmol in models.VitaminDLevel.objects.filter(
            user=user, date__gte=date_range.EARLIEST, date__lte=span.end
        )
        .order_by("date", "created_at")
        .values_list("date", "nmol_per_l")
    )
    dose_dates = tuple(
        models.VitaminDDose.objects.filter(
            user=user, date__gte=span.end - timedelta(days=29), date__lte=span.end
        )
        .order_by()
        .values_list("date", flat=True)
        .distinct()
    )
    return levels, dose_dates
