"""When a reminder fires next: wall-clock rules in the patient's zone to UTC instants.

Pure Python, no Django, so the rules can be tested fast across every DST date.

A reminder is a local time of day on chosen weekdays (or on one day of the
month) in the patient's IANA zone. Each occurrence is a *slot*: a local date
and time, written ``"2025-03-30T20:00"``. A slot fires once, at one UTC
instant, found with ``zoneinfo``:

* A local time that does not exist (the hour skipped when clocks spring
  forward) fires at the first valid minute after it, the moment of the change:
  02:30 on 30 March 2025 in Berlin fires at 03:00 CEST.
* A local time that happens twice (clocks fall back) fires once, at its first
  occurrence (``fold=0``): 02:30 on 26 October 2025 in Berlin fires at 02:30
  CEST, not again an hour later at 02:30 CET.

Everything else keeps its wall-clock time: a 20:00 reminder is at 20:00 local
every day, so its UTC instant moves by an hour across each change.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from mstracker.wallclock import local_to_utc

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = 0b1111111  # bit n set: fires on weekday n (0 = Monday)


@dataclass(frozen=True)
class Fire:
    """One occurrence of a reminder: its local slot and the UTC instant it fires."""

    at: datetime  # aware, UTC
    local_date: date
    local_time: time

    @property
    def slot(self):
        """The scheduled local slot, the key that makes a delivery happen once."""
        return slot_key(self.local_date, self.local_time)


def slot_key(local_date, local_time):
    return f"{local_date.isoformat()}T{local_time.strftime('%H:%M')}"


def weekday_mask(days: Iterable[int]) -> int:
    """Bit mask of weekdays (0 = Monday … 6 = Sunday)."""
    mask = 0
    for day in days:
        if not 0 <= day <= 6:
            raise ValueError(f"weekday {day!r} is not 0 (Monday) to 6 (Sunday)")
        mask |= 1 << day
    return mask


def mask_weekdays(mask: int) -> tuple[int, ...]:
    """The weekdays (0 = Monday) set in ``mask``, in order."""
    return tuple(day for day in range(7) if mask & (1 << day))


def next_fire(
    local_time: time,
    tz: tzinfo,
    after: datetime,
    *,
    weekdays: int = EVERY_DAY,
    month_day: int | None = None,
) -> Fire | None:
    """The first occurrence strictly after ``after`` (an aware instant).

    Weekly reminders fire on the weekdays set in the ``weekdays`` mask; with
    ``month_day`` (1-31) the reminder is monthly instead, on that day or on
    the month's last day when the month is shorter. ``None`` when no weekday
    is chosen.
    """
    if after.tzinfo is None:
        raise ValueError("after must be an aware datetime")
    start = after.astimezone(tz).date() - timedelta(days=1)
    if month_day is not None:
        if not 1 <= month_day <= 31:
            raise ValueError("month_day must be 1 to 31")
        for offset in range(15):
            year, month = divmod(start.month - 1 + offset, 12)
            year, month = start.year + year, month + 1
            day = date(year, month, min(month_day, calendar.monthrange(year, month)[1]))
            fire = _fire(day, local_time, tz)
            if fire.at > after:
                return fire
        return None  # pragma: no cover - a month always comes within 15
    if not weekdays & EVERY_DAY:
        return None
    for offset in range(9):
        day = start + timedelta(days=offset)
        if weekdays & (1 << day.weekday()):
            fire = _fire(day, local_time, tz)
            if fire.at > after:
                return fire
    return None  # pragma: no cover - some chosen weekday comes within 9 days


def _fire(day, local_time, tz):
    return Fire(at=local_to_utc(day, local_time, tz), local_date=day, local_time=local_time)


def in_quiet_hours(moment: time, start: time | None, end: time | None) -> bool:
    """Whether a local time of day lies in quiet hours ``[start, end)``.

    Quiet hours may wrap midnight (22:00 to 07:00). Without both ends, or with
    equal ends, there are none.
    """
    if start is None or end is None or start == end:
        return False
    moment = moment.replace(second=0, microsecond=0)
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end
