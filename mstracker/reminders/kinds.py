"""What each kind of reminder is: its defaults, how late it may still go out, what it says.

``compose(delivery)`` decides at send time whether a reminder is still
needed (a check-in already saved, a dose already logged) and, if so, what it
says; it reads the other apps only through ``sources``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from mstracker.wallclock import local_day_bounds

from . import sources
from .models import Channel, Kind
from .schedule import EVERY_DAY, weekday_mask

SUNDAY = weekday_mask([6])
MONDAY = weekday_mask([0])


@dataclass(frozen=True)
class KindSpec:
    """A kind's defaults for new patients, and how long after its slot a send is still useful.

    ``expiry`` is why a 20:00 check-in reminder never goes out at 03:00 after
    an outage: past it, a delivery is recorded as expired instead of sent.
    """

    local_time: time | None
    expiry: timedelta
    weekdays: int = EVERY_DAY
    month_day: int | None = None
    channel: str = Channel.BOTH
    enabled: bool = True
    help: str = ""


SPECS = {
    Kind.CHECKIN: KindSpec(
        time(20, 0),
        timedelta(hours=2),
        help="Skipped on days you have already checked in.",
    ),
    Kind.DOSE: KindSpec(
        None,
        timedelta(hours=2),
        help="At each dose you take yourself, unless you already logged it. "
        "The email has a one-tap “I took it” link.",
    ),
    Kind.TREATMENT_DUE: KindSpec(
        time(9, 0),
        timedelta(hours=12),
        help="Three days and one day before an infusion or a weekly-or-rarer injection.",
    ),
    Kind.VITAMIN_D: KindSpec(
        time(9, 0),
        timedelta(hours=6),
        channel=Channel.IN_APP,
        enabled=False,
        help="Turn on if you take vitamin D. Skipped on days you logged a dose.",
    ),
    Kind.WEEKLY_SUMMARY: KindSpec(
        time(18, 0),
        timedelta(hours=24),
        weekdays=SUNDAY,
        channel=Channel.EMAIL,
        help="Check-ins, aerobic minutes against your goal, doses taken, any new relapse.",
    ),
    Kind.PDDS: KindSpec(
        time(10, 0),
        timedelta(hours=24),
        month_day=1,
        help="A one-question disability scale (PDDS), once a month.",
    ),
    Kind.MOOD: KindSpec(
        time(10, 0),
        timedelta(hours=24),
        month_day=2,
        help="The PHQ-9 and GAD-7 questionnaires on mood and anxiety, once a month.",
    ),
    Kind.LABS_DUE: KindSpec(
        time(9, 0),
        timedelta(hours=24),
        weekdays=MONDAY,
        channel=Channel.IN_APP,
        enabled=False,
        help="On Mondays, when a blood test your therapy's label asks for is due "
        "(for example the JCV index on natalizumab). Skipped when none is due.",
    ),
    Kind.SELF_TESTS: KindSpec(
        time(10, 0),
        timedelta(hours=24),
        month_day=3,
        channel=Channel.IN_APP,
        enabled=False,
        help="Once a month, the symbol-digit and tapping self-tests (a few minutes). "
        "Skipped when you did all three in the last four weeks.",
    ),
}

DOSE_ALREADY_LOGGED = "This dose is already logged."
MONTHLY_SELF_REPORT = {Kind.PDDS: "pdds", Kind.MOOD: "mood"}
TREATMENT_NOTICE_DAYS = (3, 1)


@dataclass(frozen=True)
class Skip:
    reason: str


@dataclass(frozen=True)
class Message:
    """What a reminder says, for the inbox and the email alike."""

    title: str
    lines: list[str] = field(default_factory=list)
    url: str = "/"  # a path in the app
    action: str = "Open MS Tracker"

    @property
    def body(self):
        return "\n".join(self.lines)


def slot_date(delivery) -> date:
    """The patient's local date of a timed delivery's slot (``"2025-03-30T20:00"``)."""
    try:
        return date.fromisoformat(delivery.slot[:10])
    except ValueError:
        return delivery.scheduled_for.astimezone(delivery.reminder.user.zone).date()


def compose(delivery) -> Message | Skip:
    """The message for a delivery, or why it is not needed any more."""
    reminder = delivery.reminder
    user = reminder.user
    links = sources.links()
    if delivery.slot.startswith("test:"):
        return Message(
            title=f"Test: {reminder.get_kind_display()}",
            lines=["This is how your reminders arrive. Nothing else to do."],
            url="/reminders/",
            action="See your reminders",
        )
    kind = reminder.kind
    if kind == Kind.DOSE:
        return _dose(delivery, user)
    day = slot_date(delivery)
    if kind == Kind.CHECKIN:
        if sources.checkin_done(user, day):
            return Skip("Today's check-in is already saved.")
        return Message(
            "Time for today's check-in",
            ["How was your day? It takes under a minute."],
            links["checkin"],
            "Check in now",
        )
    if kind == Kind.VITAMIN_D:
        if sources.vitamin_d_logged(user, day):
            return Skip("Today's vitamin D is already logged.")
        return Message(
            "Vitamin D",
            ["Time for your vitamin D. Log it so your dashboard shows it."],
            links["vitamin_d"],
            "Log vitamin D",
        )
    if kind == Kind.TREATMENT_DUE:
        return _treatment_due(user, day, links)
    if kind == Kind.WEEKLY_SUMMARY:
        return _weekly_summary(user, day, links)
    if kind == Kind.LABS_DUE:
        return _labs_due(user, day, links)
    if kind == Kind.SELF_TESTS:
        if sources.self_tests_done_since(user, day - timedelta(days=27)):
            return Skip("All three self-tests were done in the last four weeks.")
        return Message(
            "Monthly self-tests",
            [
                "The symbol-digit and tapping tests take a few minutes and show change in "
                "thinking speed and hand function between visits."
            ],
            links["self_tests"],
            "Start the self-tests",
        )
    if kind in MONTHLY_SELF_REPORT:
        if sources.recorded_since(user, MONTHLY_SELF_REPORT[kind], day - timedelta(days=27)):
            return Skip("Already recorded in the last four weeks.")
        if kind == Kind.PDDS:
            return Message(
                "Monthly check: how is your walking?",
                ["One question (PDDS) helps you and your team see change between relapses."],
                links["pdds"],
                "Answer now",
            )
        return Message(
            "Monthly check: mood and anxiety",
            [
                "Two short questionnaires (PHQ-9 and GAD-7). "
                "Low mood is common with MS, and treatable."
            ],
            links["mood"],
            "Answer now",
        )
    raise ValueError(f"unknown reminder kind {kind!r}")


def _dose(delivery, user):
    dose = delivery.dose or {}
    ref = dose.get("ref", "")
    if sources.dose_logged(user, ref):
        return Skip(DOSE_ALREADY_LOGGED)
    at = datetime.fromisoformat(dose["scheduled_for"]).astimezone(user.zone)
    from .links import dose_link_path

    return Message(
        f"Time for your {dose.get('drug') or 'dose'}",
        [f"Scheduled for {at:%H:%M} on {at:%A %d %B}. Tap below once you have taken it."],
        dose_link_path(delivery),
        "I took it",
    )


def _treatment_due(user, day, links):
    """Infusions and weekly-or-rarer injections due in 3 days or in 1 day, clinic-given or not."""
    tz = user.zone
    drugs, lines = [], []
    for days in TREATMENT_NOTICE_DAYS:
        start, end = local_day_bounds(day + timedelta(days=days), tz)
        for dose in sources.due_doses(user, start, end):
            if dose.long_interval:
                when = dose.scheduled_for.astimezone(tz)
                drugs.append(dose.drug)
                lines.append(
                    f"{dose.drug}: your {dose.route.lower()} is due in {days} "
                    f"day{'s' if days > 1 else ''}, on {when:%A %d %B at %H:%M}."
                )
    if not lines:
        return Skip("No infusion or injection due in 1 or 3 days.")
    title = "Treatment coming up" if len(lines) > 1 else f"{drugs[0]} coming up"
    return Message(title, lines, links["doses"], "See your treatments")


def _weekly_summary(user, day, links):
    first = day - timedelta(days=6)
    s = sources.weekly_summary(user, first, day)
    lines = [
        f"Check-ins: {s.checkins_done} of {s.days} days",
        f"Aerobic exercise: {s.aerobic_minutes} of {s.aerobic_goal_minutes} minutes"
        + (
            f" (this week from {s.aerobic_week_start:%a %-d %b})"
            if s.aerobic_week_start and s.aerobic_week_start != first
            else ""
        ),
        f"Therapy doses taken: {s.doses_taken} of {s.doses_due}"
        if s.doses_due
        else "Therapy doses: none were due this week",
    ]
    if s.new_relapses:
        lines.append(
            f"New relapse recorded this week: {s.new_relapses}. "
            "If you have not yet, tell your MS team."
        )
    else:
        lines.append("No new relapse recorded this week.")
    return Message(
        f"Your week, {first:%d %b} to {day:%d %b}", lines, links["dashboard"], "See your dashboard"
    )


def _labs_due(user, day, links):
    """Monitoring blood tests due by ``day`` (or within two weeks) for running DMTs."""
    due = sources.labs_due(user, day)
    if not due:
        return Skip("No blood test is due for your therapies.")
    lines = [
        f"{test.test_name} for {', '.join(test.drugs)}: "
        + (f"due since {test.due_on:%d %B %Y}." if test.overdue_on(day) else
           f"due on {test.due_on:%d %B %Y}.")
        for test in due
    ]  # fmt: skip
    lines.append("Ask your clinic if it is not booked yet, and record the result when you have it.")
    title = "A blood test is due" if len(due) == 1 else "Blood tests are due"
    return Message(title, lines, links["labs"], "See your blood tests")
