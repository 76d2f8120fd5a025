"""Every touch point between reminders and the journal and therapies apps.

Reminders are built before and beside those apps, so nothing else in this
package imports them: the dispatcher, the sends, the signed dose link and the
weekly summary ask the functions below, and only this module changes when
journal and therapies are wired in. Each function looks its model up lazily
(``apps.is_installed`` and ``apps.get_model``) and behaves sensibly when it
is absent: no check-in model means a check-in is never "done", no therapies
means no doses, unknown figures in the weekly summary are ``None`` (shown as
"not recorded").

Wiring status (see ``checks.py``, which warns at start-up when an installed
app lacks what a function needs):

* journal: wired to ``journal.CheckIn`` (user, date), ``VitaminDDose`` (user,
  date), ``Measure`` (user, kind, date), ``QuestionnaireResponse`` (user, kind,
  date), ``ExerciseSession`` (user, date, kind, minutes), ``JournalSettings``
  (user, exercise_goal_minutes) and ``Relapse`` (user, onset), the names in
  the journal branch; verify them at merge.
* therapies: the dose functions (``due_doses``, ``next_dose_at``,
  ``dose_logged``, ``log_dose_taken``, ``_doses_taken``) are stubs that report
  "no therapies" until wired; their docstrings say what each must do with
  ``therapies.schedules.expand`` and the course and dose-log models.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.apps import apps
from django.urls import NoReverseMatch, reverse

log = logging.getLogger(__name__)

# --- model look-up ------------------------------------------------------------

# What each function needs from the journal: model name -> fields it reads.
JOURNAL_NEEDS = {
    "CheckIn": ("user", "date"),
    "VitaminDDose": ("user", "date"),
    "Measure": ("user", "kind", "date"),
    "QuestionnaireResponse": ("user", "kind", "date"),
    "ExerciseSession": ("user", "date", "kind", "minutes"),
    "JournalSettings": ("user", "exercise_goal_minutes"),
    "Relapse": ("user", "onset"),
}
DEFAULT_AEROBIC_GOAL_MINUTES = 90  # DESIGN.md section 3: 90 aerobic minutes a week


def model(app_label, name, fields=()):
    """The model ``app_label.name`` if its app is installed and has ``fields``, else None."""
    if not apps.is_installed(app_label):
        return None
    try:
        found = apps.get_model(app_label, name)
    except LookupError:
        return None
    names = {f.name for f in found._meta.get_fields()}
    if any(field not in names for field in fields):
        return None
    return found


def _journal(name):
    return model("journal", name, JOURNAL_NEEDS[name])


def _url(name, *args, default="/"):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return default


# --- journal ------------------------------------------------------------------


def checkin_done(user, local_date: date) -> bool:
    """Whether the patient has saved a check-in for their local date (no model: never)."""
    checkin = _journal("CheckIn")
    return bool(checkin) and checkin.objects.filter(user=user, date=local_date).exists()


def vitamin_d_logged(user, local_date: date) -> bool:
    """Whether a vitamin D dose is recorded for the local date (no model: never)."""
    dose = _journal("VitaminDDose")
    return bool(dose) and dose.objects.filter(user=user, date=local_date).exists()


def recorded_since(user, what: str, since: date) -> bool:
    """Whether a monthly self-report is recorded on or after local date ``since``.

    ``what`` is ``"pdds"`` (a ``Measure`` of kind pdds) or ``"mood"`` (both a
    PHQ-9 and a GAD-7 ``QuestionnaireResponse``). No model: never.
    """
    if what == "pdds":
        measure = _journal("Measure")
        return (
            bool(measure)
            and measure.objects.filter(user=user, kind="pdds", date__gte=since).exists()
        )
    if what == "mood":
        response = _journal("QuestionnaireResponse")
        if not response:
            return False
        kinds = set(
            response.objects.filter(user=user, date__gte=since, kind__in=["phq9", "gad7"])
            .values_list("kind", flat=True)
            .distinct()
        )
        return kinds == {"phq9", "gad7"}
    raise ValueError(f"unknown self-report {what!r}")


@dataclass(frozen=True)
class WeeklySummary:
    """A patient's week; ``None`` where the app that knows the figure is absent."""

    first_day: date
    last_day: date
    checkins_done: int | None = None
    aerobic_minutes: int | None = None
    aerobic_goal_minutes: int = DEFAULT_AEROBIC_GOAL_MINUTES
    doses_taken: int | None = None
    doses_scheduled: int | None = None
    new_relapses: int | None = None

    @property
    def days(self):
        return (self.last_day - self.first_day).days + 1


def weekly_summary(user, first_day: date, last_day: date) -> WeeklySummary:
    """Check-ins done, aerobic minutes against the goal, doses taken, new relapses.

    Counts the patient's local dates ``first_day`` to ``last_day`` inclusive;
    a relapse is new when its onset lies in the week.
    """
    figures = {}
    if checkin := _journal("CheckIn"):
        figures["checkins_done"] = checkin.objects.filter(
            user=user, date__range=(first_day, last_day)
        ).count()
    if exercise := _journal("ExerciseSession"):
        from django.db.models import Sum

        total = exercise.objects.filter(
            user=user, date__range=(first_day, last_day), kind="aerobic"
        ).aggregate(total=Sum("minutes"))["total"]
        figures["aerobic_minutes"] = total or 0
    if journal_settings := _journal("JournalSettings"):
        goal = (
            journal_settings.objects.filter(user=user)
            .values_list("exercise_goal_minutes", flat=True)
            .first()
        )
        if goal:
            figures["aerobic_goal_minutes"] = goal
    if relapse := _journal("Relapse"):
        figures["new_relapses"] = relapse.objects.filter(
            user=user, onset__range=(first_day, last_day)
        ).count()
    taken = _doses_taken(user, first_day, last_day)
    if taken is not None:
        figures["doses_taken"], figures["doses_scheduled"] = taken
    return WeeklySummary(first_day=first_day, last_day=last_day, **figures)


def links():
    """Where each reminder leads in the app (the home page until the app is there)."""
    return {
        "checkin": _url("journal:today"),
        "vitamin_d": _url("journal:vitd"),
        "pdds": _url("journal:measure_list"),
        "mood": _url("journal:questionnaire_list", default=_url("journal:history")),
        "doses": _url("therapies:doses", default=_url("therapies:index")),
        "dashboard": _url("journal:dashboard", default="/"),
    }


# --- therapies ----------------------------------------------------------------


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
    route: str = ""  # "oral", "injection", "infusion", … as the catalogue says
    long_interval: bool = False  # given weekly or less often: gets "due in 3 days / 1 day"

    @property
    def ref(self):
        return dose_ref(self.course_id, self.scheduled_for)


def dose_ref(course_id: int, scheduled_for: datetime) -> str:
    return f"{int(course_id)}@{scheduled_for.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"


def parse_dose_ref(ref: str) -> tuple[int, datetime]:
    """``(course_id, scheduled_for)`` from a ref; ValueError when malformed."""
    course, _, instant = str(ref).partition("@")
    return int(course), datetime.strptime(instant, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def therapies_wired() -> bool:
    """Whether the dose functions below read real courses (False until wired)."""
    return False


def due_doses(user, start: datetime, end: datetime) -> list[DueDose]:
    """Doses of the patient's active courses scheduled in ``[start, end)`` (UTC).

    To wire: for each of the user's courses overlapping the range (DMTs and
    any drug the patient wants reminders for), ``therapies.schedules.expand(
    course schedule, course.start, course.stop, start, end, user.zone)`` and
    one ``DueDose(course.id, instant, drug name, drug route, long_interval=
    schedule.nominal_gap() >= 7 days and route in (injection, infusion))``
    per instant, sorted by instant. No therapies: no doses.
    """
    return []


def next_dose_at(user, after: datetime) -> datetime | None:
    """The first scheduled dose of any active course strictly after ``after``, or None.

    To wire: ``due_doses(user, after + 1 µs, after + HORIZON)`` with a horizon
    of a year (yearly courses), first instant. No therapies: None.
    """
    return None


def dose_logged(user, ref: str) -> bool:
    """Whether the patient logged this dose (taken, late or missed).

    To wire: the dose-log model's row for (course id, scheduled_for) from
    ``parse_dose_ref``, scoped to the user's courses. No therapies: False.
    """
    return False


LOGGED, ALREADY_LOGGED, NOT_FOUND = "logged", "already_logged", "not_found"


def log_dose_taken(user, ref: str, taken_at: datetime) -> str:
    """Log the dose as taken at ``taken_at``, once. Returns LOGGED, ALREADY_LOGGED or NOT_FOUND.

    To wire: find the user's course by id (another user's course is
    NOT_FOUND), check ``scheduled_for`` is one of its expected doses
    (``expand`` over a minute around it), then create the dose log with
    status from ``therapies.adherence.status_for`` (taken or late) unless one
    exists (ALREADY_LOGGED), under the dose log's unique constraint.
    """
    return NOT_FOUND


def _doses_taken(user, first_day: date, last_day: date) -> tuple[int, int] | None:
    """(doses taken, doses scheduled) in the local week, or None without therapies.

    To wire: ``therapies.adherence`` over ``expand_days`` for the week.
    """
    return None


def watch_dose_changes(on_change):
    """Call ``on_change(user)`` whenever a patient's therapy courses change.

    To wire: connect ``post_save`` and ``post_delete`` of the course model
    (``dispatch_uid="reminders-course-changed"``) to a receiver that calls
    ``on_change(instance.user)``, so the dose reminder's next fire time
    follows a new, edited or stopped course at once. No therapies: nothing.
    """
