"""A link's period: the visit summary's periods, applied to the bundle by its dates.

"Since the last visit" (the last EDSS a clinician entered, else 12 months) and the
dashboard's presets, chosen when the link is made and worked out at each request (or
once, for a snapshot). A resource is kept by its own date: an observation, a report, a
dose or an answer on a day of the period; a condition or a course that overlaps it (MS
itself and a relapse still going on always). A report and its findings, a total and its
answers share their day, so the references inside the bundle still resolve.
"""

from journal.visit_summary import choose_period

CHOICES = [
    ("", "The whole history"),
    ("visit", "Since the last EDSS a clinician entered (else the last 12 months)"),
    ("6m", "The last 6 months"),
    ("1y", "The last year"),
    ("2y", "The last 2 years"),
    ("5y", "The last 5 years"),
]
KEYS = tuple(key for key, _ in CHOICES if key)


def _day(value):
    return value[:10] if value else None


def keeper(subject, key, today=None):
    """``keep(resource)`` for the period ``key`` ending today; None: the whole history."""
    if not key:
        return None
    span = choose_period(subject, key, today=today).span
    start, end = span.start.isoformat(), span.end.isoformat()

    def overlaps(first, last):
        return (first is None or first <= end) and (last is None or last >= start)

    def keep(resource):
        kind = resource["resourceType"]
        if kind == "Patient":
            return True
        if kind == "Condition":
            onset = _day(resource.get("onsetDateTime"))
            return overlaps(onset, _day(resource.get("abatementDateTime")))
        if kind == "MedicationStatement":
            period = resource.get("effectivePeriod", {})
            return overlaps(_day(period.get("start")), _day(period.get("end")))
        day = _day(resource.get("effectiveDateTime") or resource.get("authored"))
        return day is not None and start <= day <= end

    return keep
