"""``{{ instant|when }}``: a moment as "3 Dec 2026, 14:02" in the reader's time zone.

The same text as ``|date:"j M Y, H:i"`` for the English the app is written in, at a
tenth of the cost: Django's filter looks the format up and translates the month name
on every call, which for the clinician panel's two moments per patient was a quarter
of the page's time at 200 patients (``bench/panel.py``).
"""

from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def when(value):
    """``value`` (already in the active time zone) as day, month, year and time."""
    if not value:
        return ""
    return f"{value.day} {value:%b %Y, %H:%M}"
