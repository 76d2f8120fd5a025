"""Every touch point between reminders and the journal and therapies apps.

Nothing else in this package imports those apps: the dispatcher, the sends,
the signed dose link and the weekly summary ask the functions below. The
journal is read through its models; therapies through its own services, so
a reminder, the Today card, the calendar and adherence agree on which doses
are expected (``therapies.schedules.expand``) and how a dose is logged
(``therapies.services.log_dose``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone

from journal import exercise_goals
from journal.models import (
    CheckIn,
    ExerciseSession,
    JournalSettings,
    Measure,
    MeasureKind,
    QuestionnaireKind,
    QuestionnaireResponse,
    Relapse,
    SelfTestKind,
    SelfTestRun,
    VitaminDDose,
)
from therapies import adherence
from therapies import services as therapy_services
from therapies.models import Course, DoseLog, Route
from therapies.schedules import WEEKDAYS, expand

log = logging.getLogger(__name__)

# --- journal ------------------------------------------------------------------


def checkin_done(user, local_date: date) -> bool:
    """Whether the patient has saved a check-in for their local date."""
    return CheckIn.objects.filter(user=user, date=local_date).exists()


def vitamin_d_logged(user, local_date: date) -> bool:
    """Whether a vitamin D dose is recorded for the local date."""
    return VitaminDDose.objects.filter(user=user, date=local_date).exists()


MOOD_QUESTIONNAIRES = {QuestionnaireKind.PHQ9, QuestionnaireKind.GAD7}


def recorded_since(user, what: str, since: date) -> bool:
    """Whether a monthly self-report is recorded on or after local date ``since``.

    ``what`` is ``"pdds"`` (a PDDS ``Measure``) or ``"mood"`` (both a PHQ-9
    and a GAD-7 ``QuestionnaireResponse``).
    """
    if what == "pdds":
        return Measure.objects.filter(user=user, kind=MeasureKind.PDDS, date__gte=since).exists()
    if what == "mood":
        kinds = set(
            QuestionnaireResponse.objects.filter(
                user=user, date__gte=since, kind__in=MOOD_QUESTIONNAIRES
            )
            .values_list("kind", flat=True)
            .distinct()
        )
        return kinds == MOOD_QUESTIONNAIRES
    raise ValueError(f"unknown self-report {what!r}")


def self_tests_done_since(user, since: date) -> bool:
    """Whether the patient completed each self-test (symbol-digit, both hands' tapping)
    on or after local date ``since``."""
    kinds = set(
        SelfTestRun.objects.filter(user=user, date__gte=since, completed_at__isnull=False)
        .values_list("kind", flat=True)
        .distinct()
    )
    return kinds >= set(SelfTestKind.values)


@dataclass(frozen=True)
class WeeklySummary:
    """A patient's week, local dates ``first_day`` to ``last_day`` inclusive."""

    first_day: date
    last_day: date
    checkins_done: int = 0
    aerobic_minutes: int = 0
    aerobic_goal_minutes: int = exercise_goals.DEFAULT_GOAL_MINUTES
    # The ISO week the aerobic minutes are counted in (the exercise page's rule), up to
    # last_day; first_day itself when the summary goes out on a Sunday.
    aerobic_week_start: date | None = None
    doses_taken: int = 0
    doses_due: int = 0
    new_relapses: int = 0

    @property
    def days(self):
        return (self.last_day - self.first_day).days + 1


def weekly_summary(user, first_day: date, last_day: date, now=None) -> WeeklySummary:
    """Check-ins done, aerobic minutes against the goal, doses taken, new relapses.

    A relapse is new when its onset lies in the week; doses count as in
    ``_doses_taken``. Aerobic minutes follow the one weekly rule of the exercise
    page, the Today card and the dashboard (``exercise_goals.weekly_summaries``:
    the ISO week holding ``last_day``), so the message never says "95 of 90" where
    the exercise page says 90.
    """
    week = (first_day, last_day)
    monday = exercise_goals.week_start(last_day)
    goal_minutes, goal_sessions = (
        JournalSettings.objects.filter(user=user)
        .values_list("exercise_goal_minutes", "exercise_goal_sessions")
        .first()
    ) or (exercise_goals.DEFAULT_GOAL_MINUTES, exercise_goals.DEFAULT_GOAL_SESSIONS)
    aerobic = exercise_goals.weekly_summaries(
        ExerciseSession.objects.filter(user=user, date__range=(monday, last_day)).values_list(
            "date", "kind", "minutes"
        ),
        monday,
        last_day,
        goal_minutes,
        goal_sessions,
    )[0].aerobic_minutes
    taken, due = _doses_taken(user, first_day, last_day, now or timezone.now())
    return WeeklySummary(
        first_day=first_day,
        last_day=last_day,
        checkins_done=CheckIn.objects.filter(user=user, date__range=week).count(),
        aerobic_minutes=aerobic,
        aerobic_goal_minutes=goal_minutes,
        aerobic_week_start=monday,
        doses_taken=taken,
        doses_due=due,
        new_relapses=Relapse.objects.filter(user=user, onset__range=week).count(),
    )


def links():
    """Where each reminder leads in the app."""
    return {
        "checkin": reverse("journal:today"),
        "vitamin_d": reverse("journal:vitd"),
        "pdds": reverse("journal:measure_list"),
        "mood": reverse("journal:questionnaire_list"),
        "doses": reverse("therapies:overview"),
        "dashboard": reverse("journal:dashboard"),
        "labs": reverse("journal:lab_list"),
        "self_tests": reverse("journal:selftests"),
    }


def labs_due(user, local_date: date):
    """The monitoring blood tests due for the patient's running DMTs on that day."""
    return therapy_services.due_lab_tests(user, local_date)


# --- therapies ----------------------------------------------------------------

# A dose given weekly or less often, by injection or infusion, is announced
# 3 days and 1 day ahead (kinds.TREATMENT_NOTICE_DAYS).
LONG_INTERVAL = timedelta(days=7)
# ``next_dose_at`` looks this far ahead, one span after another, so a
# twice-daily course is found in the first span without expanding a year.
NEXT_DOSE_SPANS = (timedelta(days=2), timedelta(days=40), timedelta(days=400))


@dataclass(frozen=True)
class DueDose:
    """One expected dose of one therapy course.

    ``ref`` is its identity everywhere in reminders (the delivery slot, the
    signed "taken" link): the course id and the scheduled UTC instant, which
    is how therapies keys a dose log.
    """

    course_id: int
    scheduled_for: datetime  # aware, UTC
    drug: str
    route: str = ""  # as the catalogue says it: "Oral", "Intravenous infusion", …
    long_interval: bool = False  # weekly or rarer, injected or infused: announced ahead
    self_administered: bool = True  # False: given by a clinic, so no "take it now" reminder
    logged: bool = False  # taken, late or missed already

    @property
    def ref(self):
        return dose_ref(self.course_id, self.scheduled_for)


def dose_ref(course_id: int, scheduled_for: datetime) -> str:
    return f"{int(course_id)}@{scheduled_for.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"


def parse_dose_ref(ref: str) -> tuple[int, datetime]:
    """``(course_id, scheduled_for)`` from a ref; ValueError when malformed."""
    course, _, instant = str(ref).partition("@")
    return int(course), datetime.strptime(instant, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def is_long_interval(schedule, route) -> bool:
    """Whether a dose is an infusion or an injection given weekly or less often.

    These get the "due in 3 days / 1 day" notice (DESIGN.md section 5): weekly
    interferon beta-1a, monthly ofatumumab, 6-monthly ocrelizumab. A
    three-times-weekly injection is not weekly, though its longest gap is.
    """
    if route == Route.ORAL:
        return False
    if schedule.kind == WEEKDAYS:
        return len(schedule.weekdays) == 1
    return schedule.nominal_gap() >= LONG_INTERVAL


def _load(user, start: datetime, end: datetime):
    """The patient's courses that can have a dose in ``[start, end)``, and their logs.

    Two queries (``therapies.services.load``), however many courses and doses.
    """
    tz = user.zone
    return therapy_services.load(user, start.astimezone(tz).date(), end.astimezone(tz).date())


def _expand(courses, logs, start, end, tz) -> list[DueDose]:
    doses = []
    for course in courses:
        schedule, drug = course.schedule, course.drug
        facts = {
            "drug": drug.name,
            "route": drug.get_route_display(),
            "long_interval": is_long_interval(schedule, drug.route),
            "self_administered": not drug.clinic_administered,
        }
        for instant in expand(schedule, course.start, course.stop, start, end, tz):
            doses.append(DueDose(course.pk, instant, logged=(course.pk, instant) in logs, **facts))
    doses.sort(key=lambda dose: (dose.scheduled_for, dose.drug))
    return doses


def due_doses(user, start: datetime, end: datetime) -> list[DueDose]:
    """Doses of the patient's courses scheduled in ``[start, end)`` (UTC), by time.

    Every course counts, self-administered or given by a clinic (the caller
    filters); two queries whatever the number of courses.
    """
    courses, logs = _load(user, start, end)
    return _expand(courses, logs, start, end, user.zone)


def next_dose_at(user, after: datetime) -> datetime | None:
    """The first self-administered dose strictly after ``after``, or None within 400 days.

    This is when the dose reminder fires next. Two queries; the schedules are
    expanded over 2 days first, then 40, then 400, so a twice-daily course
    costs a handful of instants, not a year of them, on every call.
    """
    start = after + timedelta(microseconds=1)
    courses, _ = _load(user, start, start + NEXT_DOSE_SPANS[-1])
    tz = user.zone
    for span in NEXT_DOSE_SPANS:
        end = after + span
        doses = [d for d in _expand(courses, {}, start, end, tz) if d.self_administered]
        if doses:
            return doses[0].scheduled_for
        start = end
    return None


def dose_logged(user, ref: str) -> bool:
    """Whether the patient logged this dose (taken, late or missed)."""
    try:
        course_id, scheduled_for = parse_dose_ref(ref)
    except ValueError:
        return False
    return DoseLog.objects.filter(
        user=user, course_id=course_id, scheduled_for=scheduled_for
    ).exists()


LOGGED, LOGGED_LATE = "logged", "logged_late"
ALREADY_LOGGED, NOT_FOUND = "already_logged", "not_found"


def log_dose_taken(user, ref: str, taken_at: datetime) -> str:
    """Log the dose as taken at ``taken_at``, once: LOGGED (or LOGGED_LATE), ALREADY_LOGGED
    or NOT_FOUND.

    Only the patient's own course, and only a dose it expects at exactly that
    instant (a course edited since may not). The status is "late" when taken
    after the dose's window (``therapies.adherence.status_for``). Logging goes
    through ``therapies.services.log_dose``, the app's one way in, so a
    second tap, or the app's own button at the same moment, finds the first
    log at the unique (course, scheduled_for) constraint.
    """
    try:
        course_id, scheduled_for = parse_dose_ref(ref)
    except ValueError:
        return NOT_FOUND
    course = Course.objects.select_related("drug").filter(user=user, pk=course_id).first()
    if course is None:
        return NOT_FOUND
    course.user = user
    if not course.is_scheduled_at(scheduled_for):
        return NOT_FOUND
    status = adherence.status_for(scheduled_for, taken_at, course.schedule.window)
    try:
        dose_log, created = therapy_services.log_dose(user, course, scheduled_for, status, taken_at)
    except ValidationError as exc:
        log.warning("reminders: dose %s of user %s not logged: %s", ref, user.pk, exc)
        return NOT_FOUND
    if not created:
        return ALREADY_LOGGED
    return LOGGED_LATE if dose_log.status == adherence.LATE else LOGGED


def _doses_taken(user, first_day: date, last_day: date, now: datetime) -> tuple[int, int]:
    """(doses taken, doses due) on the local dates, counted as therapies counts them.

    A dose is due once logged or once its window has closed
    (``therapies.adherence.is_due``): the Sunday 20:00 pill is not held
    against the patient in a summary sent at 18:00. Taken includes late.
    """
    taken = due = 0
    for row in therapy_services.expected_doses(user, first_day, last_day):
        window = row.window_end - row.scheduled_for
        if adherence.is_due(row.scheduled_for, window, row.log, now):
            due += 1
            taken += row.log is not None and row.log.was_taken
    return taken, due


def watch_dose_changes(on_change):
    """Call ``on_change(user)`` whenever one of a patient's therapy courses is saved or deleted.

    So the dose reminder's next fire time follows a new, edited or stopped
    course at once. A course deleted with its patient's account is left alone.
    """

    def course_changed(sender, instance, origin=None, raw=False, **kwargs):
        if raw:
            return  # loading fixtures: the rows are not all there yet
        if origin is not None and getattr(origin, "model", type(origin)) is not Course:
            return
        on_change(instance.user)

    for signal in (post_save, post_delete):
        # weak=False: the receiver is a closure that nothing else keeps alive.
        signal.connect(
            course_changed, sender=Course, weak=False, dispatch_uid="reminders-course-changed"
        )
