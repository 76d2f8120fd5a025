"""``{% today_doses user %}``: the Today card with one-tap dose logging and adherence;
``{% labs_due user %}``: the blood tests a running DMT's label asks for, when due."""

from django import template

from therapies import services
from therapies.views.today import card_context

register = template.Library()


@register.inclusion_tag("therapies/_today_doses.html", takes_context=True)
def today_doses(context, user):
    """Today's expected doses (patient's local date) with Taken/Missed buttons.

    Needs ``request`` in the context (the request context processor) for the
    CSRF token and the return address. Renders nothing for non-patients.
    Two queries, however long the history.
    """
    return card_context(context.get("request"), user, csrf_token=context.get("csrf_token"))


@register.filter
def percent(value):
    """85.0 → "85%", 84.53 → "84.5%", None → "–"."""
    if value is None:
        return "–"
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


@register.inclusion_tag("therapies/_today_labs.html")
def labs_due(user):
    """The Today card of monitoring blood tests due for the running DMTs (two queries;
    nothing for non-patients or when nothing is due)."""
    if user is None or not user.is_authenticated or not user.is_patient:
        return {"due": []}
    today = user.local_today()
    due = services.due_lab_tests(user, today)
    return {"due": [(test, test.overdue_on(today)) for test in due]}
