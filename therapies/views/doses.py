"""The dose calendar: a month of expected doses against what was logged."""

import calendar
from datetime import date, timedelta
from itertools import groupby

from django.views.generic import TemplateView

from mstracker import date_range
from mstracker.mixins import PatientRequiredMixin
from therapies import services
from therapies.models import Course


def parse_month(value, today):
    """``YYYY-MM`` → the month's first day, or None when it is not a month of
    ``date_range.filter_window`` (1900 to five years ahead)."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        return None
    earliest, latest = date_range.filter_window(today)
    if not earliest <= first <= latest:
        return None
    return first


class CalendarView(PatientRequiredMixin, TemplateView):
    template_name = "therapies/calendar.html"

    def get_context_data(self, **kwargs):
        user = self.subject
        today = user.local_today()
        asked = self.request.GET.get("month")
        first = parse_month(asked, today)
        refused = bool(asked) and first is None
        first = first or today.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        courses = list(Course.objects.filter(user=user).select_related("drug"))
        course_id = self.request.GET.get("course")
        selected = next((c for c in courses if str(c.pk) == course_id), None)
        rows = services.expected_doses(user, first, last, selected.pk if selected else None)
        tz = user.zone
        days = [
            (day, list(doses))
            for day, doses in groupby(rows, key=lambda r: r.scheduled_for.astimezone(tz).date())
        ]
        states = [row.state for row in rows]
        return super().get_context_data(
            month=first,
            month_refused=refused,
            window=date_range.filter_window(today),
            previous=(first - timedelta(days=1)).strftime("%Y-%m"),
            following=(last + timedelta(days=1)).strftime("%Y-%m"),
            days=days,
            today=today,
            courses=courses,
            selected=selected,
            summary={
                "expected": sum(1 for s in states if s != "upcoming"),
                "taken": states.count("taken"),
                "late": states.count("late"),
                "missed": states.count("missed"),
                "unlogged": states.count("unlogged"),
            },
            **kwargs,
        )
