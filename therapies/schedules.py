"""Dose schedules and their expansion into expected doses. Pure Python, no Django.

A ``Schedule`` says when a drug is due: on which local days, at which local
times, with which loading doses, and how far from the scheduled instant a dose
still counts as "taken on time" (its window). ``expand`` turns a schedule and a
course (start and optional stop date) into the exact instants that are
expected in a range; the calendar, adherence, the Today card and reminders all
ask ``expand`` and nothing else, so they never disagree.

Time rules (one patient, one IANA zone):

* Doses are wall-clock times in the patient's zone: "08:00 and 20:00" stays
  08:00 and 20:00 local across daylight-saving changes; the UTC instant moves.
* A wall-clock time that does not exist (the hour skipped when clocks spring
  forward) moves to the first valid instant after it, the moment of the change:
  02:30 on 31 March 2024 in Berlin becomes 03:00 CEST.
* A wall-clock time that happens twice (clocks fall back) is due once, at its
  first occurrence (``fold=0``).
* Dates are local dates; a course's ``stop`` is the last day on the drug
  (inclusive), so stopping a course ends its expected doses after that day.

Serialised form (``to_dict``/``from_dict``, stored in the catalogue and in a
course's override, and used as-is by the API)::

    {"kind": "daily", "times": ["08:00", "20:00"], "window_hours": 2}
    {"kind": "weekdays", "weekdays": ["mon", "wed", "fri"], "times": ["20:00"], ...}
    {"kind": "every_n_days", "interval": 14, ...}
    {"kind": "monthly", "interval": 6, "loading_days": [0, 14], "window_hours": 336}
    {"kind": "courses", "loading_days": [0, 1, 2, 3, 4, 365, 366, 367]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta

from mstracker.wallclock import add_months, local_day_bounds, local_to_utc

DAILY = "daily"
WEEKDAYS = "weekdays"
EVERY_N_DAYS = "every_n_days"
MONTHLY = "monthly"
COURSES = "courses"

KINDS = {
    DAILY: "Every day",
    WEEKDAYS: "On chosen weekdays",
    EVERY_N_DAYS: "Every N days",
    MONTHLY: "Every N months",
    COURSES: "Fixed treatment days only",
}
SERIES_KINDS = (EVERY_N_DAYS, MONTHLY)
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

MAX_TIMES_PER_DAY = 6
MIN_MINUTES_APART = 120
MAX_INTERVAL = {EVERY_N_DAYS: 730, MONTHLY: 60}
MAX_LOADING_DAY = 3 * 366
MAX_WINDOW_HOURS = 60 * 24


class ScheduleError(ValueError):
    """An invalid schedule; ``field`` names the key at fault (for form and API errors)."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Schedule:
    """When doses are due.

    kind
        ``daily`` (every day at each of ``times``), ``weekdays`` (on the chosen
        ``weekdays``, 0 = Monday), ``every_n_days`` (every ``interval`` days),
        ``monthly`` (every ``interval`` calendar months, on the start's day of
        the month or the month's last day when shorter), ``courses`` (only the
        ``loading_days``: yearly treatment courses such as cladribine tablets or
        alemtuzumab).
    times
        Local times of day of each dose; loading doses and series doses use them too.
    loading_days
        Extra doses on these day offsets from the course start (day 0 = start).
        With loading doses a series (``every_n_days``/``monthly``) starts one
        interval after the course start, as the labels say: ocrelizumab 6 months
        after the first half-dose, ublituximab 24 weeks after the first infusion,
        ofatumumab monthly from week 4.
    window
        A dose counts as taken on time when taken within ``window`` either side
        of its scheduled instant (see ``default_window`` for the values and why).
    max_doses
        Total doses a course may have (loading doses included), for drugs with
        a lifetime limit such as mitoxantrone. Only for series kinds.
    """

    kind: str
    times: tuple[time, ...] = (time(8, 0),)
    weekdays: tuple[int, ...] = ()
    interval: int = 1
    loading_days: tuple[int, ...] = ()
    window: timedelta = field(default=timedelta(hours=2))
    max_doses: int | None = None

    def __post_init__(self):
        validate(self)

    # --- (de)serialisation ---------------------------------------------------

    def to_dict(self):
        data = {
            "kind": self.kind,
            "times": [t.strftime("%H:%M") for t in self.times],
            "window_hours": _window_hours(self.window),
        }
        if self.kind == WEEKDAYS:
            data["weekdays"] = [WEEKDAY_NAMES[d] for d in self.weekdays]
        if self.kind in SERIES_KINDS:
            data["interval"] = self.interval
        if self.loading_days:
            data["loading_days"] = list(self.loading_days)
        if self.max_doses is not None:
            data["max_doses"] = self.max_doses
        return data

    @classmethod
    def from_dict(cls, data):
        """Build and validate a schedule from its serialised form.

        Raises ``ScheduleError`` naming the key at fault, with a message a
        patient can act on.
        """
        if not isinstance(data, dict):
            raise ScheduleError("schedule", "A schedule must be an object with a 'kind'.")
        unknown = set(data) - {
            "kind",
            "times",
            "weekdays",
            "interval",
            "loading_days",
            "window_hours",
            "max_doses",
        }
        if unknown:
            raise ScheduleError(sorted(unknown)[0], "This schedule field is not known.")
        kind = data.get("kind")
        if kind not in KINDS:
            raise ScheduleError("kind", f"Choose one of: {', '.join(KINDS)}.")
        times = tuple(_parse_time(v) for v in _as_list(data.get("times", ["08:00"]), "times"))
        weekdays = tuple(_parse_weekday(v) for v in _as_list(data.get("weekdays", []), "weekdays"))
        interval = _as_int(data.get("interval", 1), "interval")
        loading = tuple(
            _as_int(v, "loading_days")
            for v in _as_list(data.get("loading_days", []), "loading_days")
        )
        window_hours = data.get("window_hours")
        if window_hours is None:
            window = default_window(kind, interval, len(times))
        else:
            window = timedelta(hours=_as_hours(window_hours, "window_hours"))
        max_doses = data.get("max_doses")
        if max_doses is not None:
            max_doses = _as_int(max_doses, "max_doses")
        return cls(
            kind=kind,
            times=times,
            weekdays=weekdays,
            interval=interval,
            loading_days=loading,
            window=window,
            max_doses=max_doses,
        )

    # --- reading -------------------------------------------------------------

    @property
    def is_series(self):
        return self.kind in SERIES_KINDS

    def window_bounds(self, scheduled_for):
        """The instants between which a dose due at ``scheduled_for`` is on time."""
        return scheduled_for - self.window, scheduled_for + self.window

    def nominal_gap(self):
        """The longest usual gap between two doses, for looking back one dose."""
        if self.kind == DAILY:
            return timedelta(days=1)
        if self.kind == WEEKDAYS:
            return timedelta(days=7)
        if self.kind == EVERY_N_DAYS:
            return timedelta(days=self.interval)
        if self.kind == MONTHLY:
            return timedelta(days=31 * self.interval)
        return timedelta(days=366)

    def describe(self):
        """A short sentence for people: "Twice daily at 08:00 and 20:00"."""
        times = _join([t.strftime("%H:%M") for t in self.times])
        if self.kind == DAILY:
            per_day = {1: "Daily", 2: "Twice daily", 3: "Three times daily"}.get(
                len(self.times), f"{len(self.times)} times daily"
            )
            text = f"{per_day} at {times}"
        elif self.kind == WEEKDAYS:
            days = _join([WEEKDAY_NAMES[d].capitalize() for d in self.weekdays])
            text = f"{len(self.weekdays)}× weekly ({days}) at {times}"
        elif self.kind == EVERY_N_DAYS:
            text = {1: "Daily", 2: "Every other day", 7: "Weekly"}.get(
                self.interval,
                f"Every {self.interval // 7} weeks"
                if self.interval % 7 == 0
                else f"Every {self.interval} days",
            )
            text += f" at {times}"
        elif self.kind == MONTHLY:
            text = "Monthly" if self.interval == 1 else f"Every {self.interval} months"
        else:
            text = "Treatment courses"
        if self.loading_days:
            days = _join(_day_ranges([d + 1 for d in self.loading_days]))
            text += (
                f" on days {days} from the start"
                if self.kind == COURSES
                else f", after first doses on days {days}"
            )
        if self.max_doses:
            text += f"; at most {self.max_doses} doses"
        return text


def default_window(kind, interval=1, times_per_day=1):
    """How far from its scheduled time a dose still counts as on time.

    There is no single clinical standard for "on time"; electronic-monitoring
    studies of timing adherence (Vrijens et al., Br J Clin Pharmacol 2012,
    ABC taxonomy) judge a dose against a fraction of its dosing interval,
    commonly a quarter. We use:

    * twice (or more) daily oral drugs: ±2 hours, the product decision for
      fumarates and dalfampridine, which keeps doses 8-16 h apart (dalfampridine
      must be taken about 12 h apart; its label warns against extra doses);
    * once daily: ±6 hours (a quarter of 24 h);
    * every other day and 3× weekly or weekly injections: ±1 day, the
      flexibility the interferon and glatiramer labels allow (40 mg glatiramer
      3× weekly only needs doses at least 48 h apart);
    * every N days (14-day peginterferon, 4-weekly natalizumab): a quarter of
      the interval, at most 14 days;
    * every N months (infusions given by a clinic): ±14 days, the scheduling
      tolerance infusion centres commonly plan within for 6-monthly anti-CD20
      therapy; monthly self-injections ±7 days;
    * fixed treatment days (cladribine, alemtuzumab courses): ±1 day.
    """
    if kind == DAILY:
        return timedelta(hours=2) if times_per_day > 1 else timedelta(hours=6)
    if kind == WEEKDAYS:
        return timedelta(days=1)
    if kind == EVERY_N_DAYS:
        if interval <= 7:
            return timedelta(days=1)
        return timedelta(days=min(interval / 4, 14))  # min first: 10**30 days overflow
    if kind == MONTHLY:
        return timedelta(days=7) if interval == 1 else timedelta(days=14)
    return timedelta(days=1)


def validate(schedule):
    """Check a schedule's parts fit together; raise ``ScheduleError`` on the first fault."""
    s = schedule
    if s.kind not in KINDS:
        raise ScheduleError("kind", f"Choose one of: {', '.join(KINDS)}.")
    if not s.times:
        raise ScheduleError("times", "Give at least one time of day.")
    if len(s.times) > MAX_TIMES_PER_DAY:
        raise ScheduleError("times", f"Give at most {MAX_TIMES_PER_DAY} times a day.")
    if len(set(s.times)) != len(s.times):
        raise ScheduleError("times", "Each time of day may appear only once.")
    object.__setattr__(s, "times", tuple(sorted(s.times)))
    minutes = [t.hour * 60 + t.minute for t in s.times]
    if any(b - a < MIN_MINUTES_APART for a, b in zip(minutes, minutes[1:], strict=False)):
        # Also what keeps doses distinct when a DST gap moves a time to the change.
        raise ScheduleError("times", "Doses on one day must be at least 2 hours apart.")
    if s.kind == WEEKDAYS:
        if not s.weekdays:
            raise ScheduleError("weekdays", "Choose at least one weekday.")
        if any(d not in range(7) for d in s.weekdays) or len(set(s.weekdays)) != len(s.weekdays):
            raise ScheduleError("weekdays", "Choose each weekday at most once.")
        object.__setattr__(s, "weekdays", tuple(sorted(s.weekdays)))
    if s.kind in SERIES_KINDS and not 1 <= s.interval <= MAX_INTERVAL[s.kind]:
        unit = "days" if s.kind == EVERY_N_DAYS else "months"
        raise ScheduleError("interval", f"The interval must be 1 to {MAX_INTERVAL[s.kind]} {unit}.")
    if any(not 0 <= d <= MAX_LOADING_DAY for d in s.loading_days):
        raise ScheduleError(
            "loading_days", f"Loading days are offsets from the start, 0 to {MAX_LOADING_DAY}."
        )
    if len(set(s.loading_days)) != len(s.loading_days):
        raise ScheduleError("loading_days", "Each loading day may appear only once.")
    object.__setattr__(s, "loading_days", tuple(sorted(s.loading_days)))
    if s.kind == COURSES and not s.loading_days:
        raise ScheduleError("loading_days", "A treatment-course schedule needs its days.")
    if not timedelta(0) <= s.window <= timedelta(hours=MAX_WINDOW_HOURS):
        raise ScheduleError(
            "window_hours", f"The window must be 0 to {MAX_WINDOW_HOURS} hours either side."
        )
    if s.max_doses is not None:
        if s.kind not in SERIES_KINDS:
            raise ScheduleError("max_doses", "A dose limit only applies to every-N schedules.")
        if s.max_doses < 1:
            raise ScheduleError("max_doses", "The dose limit must be at least 1.")


# --- expansion ----------------------------------------------------------------


def expand(schedule, course_start, course_stop, range_start, range_end, tz):
    """The instants (aware, UTC) at which doses are due in ``[range_start, range_end)``.

    ``course_start`` and ``course_stop`` are the patient's local dates (the stop
    is the last day on the drug, or ``None`` while the course runs); ``tz`` is
    the patient's zone (a ``tzinfo``, e.g. ``ZoneInfo("Europe/Berlin")``). The
    result is sorted and has no duplicates. Cost grows with the doses in the
    range, not with the course's age, so reminders may call it every minute.
    """
    if range_start.tzinfo is None or range_end.tzinfo is None:
        raise ValueError("range_start and range_end must be aware datetimes")
    if range_end <= range_start:
        return []
    # Local dates that can hold an instant of the range (a day either side covers
    # offsets up to ±24 h), clipped to the course.
    first = max(course_start, range_start.astimezone(tz).date() - timedelta(days=1))
    last = range_end.astimezone(tz).date() + timedelta(days=1)
    if course_stop is not None:
        last = min(last, course_stop)
    if last < first:
        return []
    instants = []
    for day in _dose_days(schedule, course_start, first, last):
        for t in schedule.times:
            instant = local_to_utc(day, t, tz)
            if range_start <= instant < range_end:
                instants.append(instant)
    # Days and times come in order, so the instants usually do; only a clock change
    # can move a skipped time onto (or past) the next dose's instant.
    if any(b <= a for a, b in zip(instants, instants[1:], strict=False)):
        instants = sorted(set(instants))
    return instants


def expand_days(schedule, course_start, course_stop, first_day, last_day, tz):
    """``expand`` over whole local days ``first_day`` to ``last_day``, inclusive."""
    start, _ = local_day_bounds(first_day, tz)
    _, end = local_day_bounds(last_day, tz)
    return expand(schedule, course_start, course_stop, start, end, tz)


def _dose_days(schedule, course_start, first, last):
    """Local dates from ``first`` to ``last`` (inclusive) on which doses are due."""
    s = schedule
    days = set()
    for offset in s.loading_days:
        day = course_start + timedelta(days=offset)
        if first <= day <= last:
            days.add(day)
    if s.kind == DAILY:
        days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    elif s.kind == WEEKDAYS:
        days.update(
            d
            for d in (first + timedelta(days=n) for n in range((last - first).days + 1))
            if d.weekday() in s.weekdays
        )
    elif s.kind in SERIES_KINDS:
        days.update(_series_days(s, course_start, first, last))
    return sorted(days)


def _series_days(s, course_start, first, last):
    """Dates of an every-N-days or every-N-months series between ``first`` and ``last``."""
    k0 = 1 if s.loading_days else 0
    k_end = None  # exclusive bound from the lifetime dose limit
    if s.max_doses is not None:
        k_end = k0 + max(0, s.max_doses - len(s.loading_days))
    if s.kind == EVERY_N_DAYS:
        # Smallest k with start + k*interval >= first.
        k = max(k0, -(-(first - course_start).days // s.interval))
        while True:
            if k_end is not None and k >= k_end:
                return
            day = course_start + timedelta(days=k * s.interval)
            if day > last:
                return
            yield day
            k += 1
    else:
        months = (first.year - course_start.year) * 12 + first.month - course_start.month
        k = max(k0, months // s.interval - 1)
        while True:
            if k_end is not None and k >= k_end:
                return
            day = add_months(course_start, k * s.interval)
            if day > last:
                return
            if day >= first:
                yield day
            k += 1


# --- parsing helpers ----------------------------------------------------------


def _as_list(value, key):
    if not isinstance(value, list | tuple):
        raise ScheduleError(key, "Give a list.")
    return value


def _as_int(value, key):
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            try:
                return int(value)
            except ValueError:  # "²" is a digit to isdigit(); 5,000 digits pass Python's limit
                pass
        raise ScheduleError(key, "Give a whole number.")
    return value


def _as_hours(value, key):
    """A window in hours, checked against its range before it becomes a
    ``timedelta``: 1e20, "inf" or "nan" would overflow or fail there."""
    if isinstance(value, bool):
        raise ScheduleError(key, "Give a number of hours.")
    try:
        hours = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ScheduleError(key, "Give a number of hours.") from None
    if not 0 <= hours <= MAX_WINDOW_HOURS:  # also False for NaN
        raise ScheduleError(key, f"The window must be 0 to {MAX_WINDOW_HOURS} hours either side.")
    return hours


def _parse_time(value):
    if isinstance(value, time):
        return value
    try:
        hours, minutes = str(value).split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ScheduleError("times", f"{value!r} is not a time; use HH:MM, e.g. 08:00.") from None


def _parse_weekday(value):
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    name = str(value).strip().lower()[:3]
    if name in WEEKDAY_NAMES:
        return WEEKDAY_NAMES.index(name)
    raise ScheduleError("weekdays", f"{value!r} is not a weekday; use mon, tue, … sun.")


def _window_hours(window):
    hours = window.total_seconds() / 3600
    return int(hours) if hours == int(hours) else hours


def _day_ranges(days):
    """[1, 2, 3, 5] → ["1-3", "5"]: consecutive days read as one stretch."""
    ranges = []
    for day in days:
        if ranges and day == ranges[-1][1] + 1:
            ranges[-1][1] = day
        else:
            ranges.append([day, day])
    return [str(a) if a == b else f"{a}-{b}" for a, b in ranges]


def _join(items):
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
