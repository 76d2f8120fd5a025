"""Glue between the database and the pure modules: expected doses, adherence, logging.

Pages, the Today card and the API all call these, so they show the same
figures. Each loads a patient's courses and logs in a fixed number of queries
(two), however long the history, then hands plain values to
``therapies.schedules`` and ``therapies.adherence``.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from journal.models import LabResult
from mstracker.wallclock import local_day_bounds

from . import adherence, monitoring
from .adherence import DaysCovered, DoseAdherence, InfusionDue
from .models import Course, DoseLog
from .schedules import expand_days

PERIODS = adherence.PERIODS
LOOK_BACK_DAYS = 190  # a 6-monthly interval and a little more


@dataclass
class ExpectedDose:
    """One expected dose of a course and its log, if any (for the card and the calendar)."""

    course: Course
    scheduled_for: datetime
    log: DoseLog | None
    window_end: datetime

    @property
    def opens_at(self):
        """Doses can be logged from the start of their window."""
        return self.scheduled_for - (self.window_end - self.scheduled_for)

    @property
    def can_log(self):
        return self.log is None and timezone.now() >= self.opens_at

    @property
    def is_open(self):
        """Not logged yet and its window has not closed."""
        return self.log is None and timezone.now() < self.window_end

    @property
    def state(self):
        if self.log is not None:
            return self.log.status
        if timezone.now() < self.scheduled_for:
            return "upcoming"
        return "due" if self.is_open else "unlogged"


@dataclass
class PeriodFigures:
    days: int
    doses: DoseAdherence
    pdc: DaysCovered | None = None  # self-administered drugs only


@dataclass
class CourseAdherence:
    course: Course
    periods: list[PeriodFigures]
    infusions: list[InfusionDue] = field(default_factory=list)
    # The first moment after `now` at which a dose falls due or its window closes,
    # so a figure may change without a write (None: nothing more is expected).
    next_change: datetime | None = None

    @property
    def clinic(self):
        return self.course.clinic_administered

    def period(self, days):
        return next(p for p in self.periods if p.days == days)

    @property
    def next_infusion(self):
        return next((row for row in self.infusions if row.state == "upcoming"), None)


@dataclass
class AdherenceReport:
    as_of: date
    courses: list[CourseAdherence]
    overall: list[PeriodFigures]

    @property
    def next_change(self) -> datetime | None:
        """Until then (and the end of the local day) the figures hold, unless a dose
        is logged: what a cache of them may rely on."""
        return min((c.next_change for c in self.courses if c.next_change), default=None)

    def overall_for(self, days):
        return next(p for p in self.overall if p.days == days)


def load(user, first_day, last_day, course_id=None, logged_only=False):
    """The user's courses overlapping the local dates and their logs (two queries).

    With ``logged_only`` the logs are ``adherence.Logged`` values read with
    ``values_list`` (all the adherence figures need), not model instances: ten
    years of daily doses then load in milliseconds rather than a tenth of a second.
    """
    courses = (
        Course.objects.filter(user=user)
        .overlapping(first_day, last_day)
        .select_related("drug")
        .order_by("start", "id")
    )
    if course_id is not None:
        courses = courses.filter(pk=course_id)
    courses = list(courses)
    for course in courses:
        course.user = user  # the zone comes from here; no query per course
    logs = {}
    if courses:
        start, _ = local_day_bounds(first_day, user.zone)
        _, end = local_day_bounds(last_day, user.zone)
        rows = DoseLog.objects.filter(
            user=user,
            course__in=[c.pk for c in courses],
            scheduled_for__gte=start,
            scheduled_for__lt=end,
        )
        if logged_only:
            for course_id, scheduled_for, status, taken_at in rows.values_list(
                "course_id", "scheduled_for", "status", "taken_at"
            ):
                logs[(course_id, scheduled_for)] = adherence.Logged(status, taken_at)
        else:
            for log in rows:
                logs[(log.course_id, log.scheduled_for)] = log
    return courses, logs


def expected_doses(user, first_day, last_day, course_id=None):
    """Every expected dose of every course on the local dates, with its log, by time."""
    courses, logs = load(user, first_day, last_day, course_id)
    return _expected_rows(courses, logs, first_day, last_day, user.zone)


def _expected_rows(courses, logs, first_day, last_day, tz):
    rows = []
    for course in courses:
        schedule = course.schedule
        for instant in expand_days(schedule, course.start, course.stop, first_day, last_day, tz):
            log = logs.get((course.pk, instant))
            rows.append(ExpectedDose(course, instant, log, instant + schedule.window))
    rows.sort(key=lambda row: (row.scheduled_for, row.course.drug.name))
    return rows


def today_card(user, now=None):
    """Today's expected doses and the 30-day overall figure, from one load (two queries)."""
    now = now or timezone.now()
    today = now.astimezone(user.zone).date()
    first = today - timedelta(days=29)
    courses, logs = load(user, first - timedelta(days=LOOK_BACK_DAYS), today)
    doses = _expected_rows(courses, logs, today, today, user.zone)
    logged = {key: log.as_logged() for key, log in logs.items()}
    report = _report(courses, logged, (30,), today, now, user.zone)
    return doses, report.overall_for(30)


def adherence_report(user, periods=PERIODS, now=None, course_id=None):
    """Adherence per course and overall for each period (days ending today).

    Self-administered courses get dose adherence (taken within window / due)
    and PDC over the completed days; clinic-given courses get infusions given
    within window / due and the state of each infusion. "Overall" pools the
    doses of all courses (and the days of the self-administered ones for PDC).
    """
    now = now or timezone.now()
    today = now.astimezone(user.zone).date()
    first_day = today - timedelta(days=max(periods) - 1)
    # Logs reach back one long dose interval so PDC credits the dose before the period.
    courses, logs = load(
        user, first_day - timedelta(days=LOOK_BACK_DAYS), today, course_id, logged_only=True
    )
    return _report(courses, logs, periods, today, now, user.zone)


def _report(courses, logs, periods, today, now, tz):
    """``logs`` maps (course id, scheduled instant) to ``adherence.Logged``."""
    first_day = today - timedelta(days=max(periods) - 1)
    courses = [c for c in courses if c.stop is None or c.stop >= first_day]
    by_course = defaultdict(dict)
    for (course_id, instant), logged in logs.items():
        by_course[course_id][instant] = logged
    results = []
    for course in courses:
        results.append(_course_adherence(course, by_course[course.pk], periods, today, now, tz))
    overall = []
    for days in periods:
        figures = [r.period(days) for r in results]
        doses = sum((f.doses for f in figures), DoseAdherence())
        pdcs = [f.pdc for f in figures if f.pdc is not None]
        overall.append(PeriodFigures(days, doses, sum(pdcs, DaysCovered()) if pdcs else None))
    return AdherenceReport(today, results, overall)


def _course_adherence(course, course_logs, periods, today, now, tz):
    """One course's figures. Its doses are expanded and dated once and each period
    cut from them, so ten years cost one pass over ten years of doses, not one per
    period (the progression dashboard asks for 30, 90, 365 days and its range)."""
    schedule = course.schedule
    margin = schedule.nominal_gap().days + 1
    first = max(course.start, today - timedelta(days=max(periods) - 1 + margin))
    expected = expand_days(
        schedule, course.start, course.stop, first, today + timedelta(days=margin), tz
    )
    dated = _DatedDoses(expected, [instant.astimezone(tz).date() for instant in expected])
    coverage = None
    figures = []
    infusions = []
    for days in periods:
        span = adherence.period_days(today, days, course.start, course.stop)
        if span is None:
            figures.append(PeriodFigures(days, DoseAdherence(), None))
            continue
        in_period = dated.between(*span)
        if course.clinic_administered:
            rows = adherence.infusion_schedule(in_period, course_logs, schedule.window, now, tz)
            doses = adherence.infusion_adherence(rows, schedule.window, now)
            figures.append(PeriodFigures(days, doses, None))
            continue
        doses = adherence.dose_adherence(in_period, course_logs, schedule.window, now)
        completed = adherence.completed_days(*span, today)
        pdc = None
        if completed and schedule.kind != "courses":
            if coverage is None:
                coverage = adherence.Coverage(expected, dated.dates, course_logs)
            pdc = coverage.over(*completed)
        figures.append(PeriodFigures(days, doses, pdc))
    if course.clinic_administered:
        span_first = max(course.start, today - timedelta(days=max(periods) - 1))
        shown = dated.between(span_first, date.max)
        infusions = adherence.infusion_schedule(shown, course_logs, schedule.window, now, tz)
    # A dose counts once its window closes; an infusion turns from upcoming to due:
    # the next dose after now, or the next window to close after now.
    closing = _first_after(expected, now - schedule.window)
    changes = (_first_after(expected, now), closing and closing + schedule.window)
    next_change = min((t for t in changes if t is not None), default=None)
    return CourseAdherence(course, figures, infusions, next_change)


def _first_after(instants, moment):
    """The first of the sorted ``instants`` later than ``moment``, or ``None``."""
    index = bisect_right(instants, moment)
    return instants[index] if index < len(instants) else None


class _DatedDoses:
    """A course's expected instants (sorted) with the local date of each."""

    def __init__(self, instants, dates):
        self.instants = instants
        self.dates = dates
        # Dates follow the instants (a dose is due at the first occurrence of its
        # time); were a zone's changes ever to break that, periods are filtered.
        self._sorted = all(a <= b for a, b in zip(dates, dates[1:], strict=False))

    def between(self, first_day, last_day):
        """The instants on local dates ``first_day`` to ``last_day`` (inclusive), in order."""
        if self._sorted:
            low = bisect_left(self.dates, first_day)
            return self.instants[low : bisect_right(self.dates, last_day, low)]
        pairs = zip(self.instants, self.dates, strict=True)
        return [instant for instant, day in pairs if first_day <= day <= last_day]


def log_dose(user, course, scheduled_for, status, taken_at=None, note=""):
    """Log one dose in one tap; a repeated tap returns the first log unchanged.

    Returns ``(log, created)``. Raises ``ValidationError`` (from the model's
    ``clean``) for a dose the course does not expect or a time that does not fit.
    A concurrent second submit loses the race at the unique constraint and gets
    the winner's row, so the dose is never logged twice.
    """
    existing = DoseLog.objects.filter(course=course, scheduled_for=scheduled_for).first()
    if existing is not None:
        return existing, False
    if status != adherence.MISSED and taken_at is None:
        taken_at = timezone.now()
    log = DoseLog(
        user=user,
        course=course,
        scheduled_for=scheduled_for,
        status=status,
        taken_at=taken_at,
        note=note,
    )
    log.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            log.save()
    except IntegrityError:
        return DoseLog.objects.get(course=course, scheduled_for=scheduled_for), False
    return log, True


def due_lab_tests(user, today=None):
    """The monitoring blood tests due for the patient's running DMTs (``monitoring``):
    two queries, the courses and the latest result date of each test kind."""
    today = today or user.local_today()
    courses = [
        monitoring.RunningCourse(code, name, start, stop)
        for code, name, start, stop in Course.objects.filter(
            user=user, start__lte=today, drug__code__in=list(monitoring.MONITORING)
        )
        .exclude(stop__lt=today)
        .values_list("drug__code", "drug__name", "start", "stop")
    ]
    if not courses:
        return []
    latest = dict(
        LabResult.objects.filter(user=user, date__lte=today)
        .values("kind")
        .order_by("kind")
        .annotate(last=Max("date"))
        .values_list("kind", "last")
    )
    return monitoring.due_tests(courses, latest, today)
