"""Wall-clock dates and times in a patient's zone, as UTC instants. Pure, no Django.

One place for the rules every feature must agree on: when a local time that
a clock change skips or repeats happens (dose schedules, reminders), where a
local day starts and ends, and what "a month later" means on the 31st.
"""

import calendar
from datetime import UTC, date, datetime, time, timedelta, tzinfo


def local_to_utc(day: date, at: time, tz: tzinfo) -> datetime:
    """The UTC instant at which wall-clock ``day`` ``at`` happens in ``tz``.

    A skipped wall-clock time (spring forward) becomes the first valid instant
    after it, which is the instant of the change; a repeated one (fall back)
    is its first occurrence (``fold=0``).
    """
    # Aware datetimes with the same tzinfo compare by their wall-clock fields, so
    # this is the round trip "the instant reads as the time asked for", in two
    # conversions (the common case: schedules and reports make thousands).
    local = datetime.combine(day, at.replace(fold=0) if at.fold else at, tz)
    instant = local.astimezone(UTC)
    if instant.astimezone(tz) == local:
        return instant
    naive = local.replace(tzinfo=None)
    # In a gap, fold=1 reads the time with the offset after the change (the
    # earlier instant) and fold=0 with the offset before it (the later one):
    # the change lies between. Find it to the second.
    low = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    after = instant.astimezone(tz).utcoffset()
    lo, hi = 0, int((instant - low).total_seconds())  # seconds after ``low``
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if (low + timedelta(seconds=mid)).astimezone(tz).utcoffset() == after:
            hi = mid
        else:
            lo = mid
    return low + timedelta(seconds=hi)


def local_day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants at which local ``day`` begins and the next day begins."""
    return local_to_utc(day, time(0), tz), local_to_utc(day + timedelta(days=1), time(0), tz)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months (negative: back), clamped to the end
    of a shorter month: a month after 31 January is 28 or 29 February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
