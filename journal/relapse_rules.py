"""Clinical rules for recording a relapse (attack), as plain functions.

No Django here: the model's ``clean()`` (and through it the form and the API),
the dashboard, the export and the progression engine all use these functions.
Each names its source. Dates are the patient's local dates.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from mstracker import date_range

from . import vocabulary
from .rules import RuleViolation

MINIMUM_DURATION_HOURS = 24
EPISODE_WINDOW_DAYS = vocabulary.RECENT_DAYS


def check_minimum_duration(onset, end, lasted_hours, today):
    """Refuse symptoms that lasted under 24 hours: they are not a relapse.

    Source: McDonald criteria 2017 (Thompson et al., Lancet Neurol 2018;17:162-173):
    an attack is a monophasic clinical episode "lasting at least 24 hours, with
    or without recovery, in the absence of fever or infection".

    With dates only, the duration is known from them when the end lies two or
    more days after the onset. Otherwise the patient gives the hours:
    ``lasted_hours`` under 24 is refused; an episode that ended on its onset
    day necessarily lasted under 24 hours; one still open that began today
    cannot yet have lasted 24 hours.
    """
    if onset is None:
        return
    if lasted_hours is not None:
        if lasted_hours < MINIMUM_DURATION_HOURS:
            raise RuleViolation(
                "lasted_hours",
                f"Symptoms that last less than 24 hours ({lasted_hours} h here) are not "
                "counted as a relapse. Short episodes are common with heat, tiredness or "
                "stress. If new symptoms last 24 hours or more, record them then, and "
                "contact your MS team if you are worried.",
                "too_short",
            )
        latest = end or today
        if latest is not None and lasted_hours > ((latest - onset).days + 1) * 24:
            raise RuleViolation(
                "lasted_hours",
                f"{lasted_hours} hours is longer than the time from the onset "
                f"{'to the end' if end else 'until today'}. Check the hours or the dates.",
                "hours_exceed_dates",
            )
        return
    if end is not None and end == onset:
        raise RuleViolation(
            "end",
            "Symptoms that began and ended on the same day lasted less than 24 hours, "
            "so they are not counted as a relapse. If they lasted longer, correct the end date.",
            "too_short",
        )
    if end is not None and end - onset == timedelta(days=1):
        raise RuleViolation(
            "lasted_hours",
            "The symptoms ended the day after they began: tell us how many hours they "
            "lasted (a relapse lasts at least 24 hours).",
            "hours_needed",
        )
    if end is None and onset == today:
        raise RuleViolation(
            "onset",
            "Symptoms that began today have not yet lasted 24 hours, the minimum for a "
            "relapse. If they are still there tomorrow, record them then. Contact your MS "
            "team or emergency services if they are severe.",
            "too_short",
        )


OTHER_FUNCTION = "other"


def check_functions(functions, note):
    """At least one affected function is ticked; "other" alone needs words in the note.

    An attack is defined by the neurological symptoms it brings (McDonald criteria
    2017: "symptoms ... typical of an acute inflammatory demyelinating event"), so
    an entry naming none cannot be told from a bad day, and the clinician reading it
    needs to know what "other" was.
    """
    if not isinstance(functions, list):
        return  # the field's own validator explains the shape
    if not functions:
        raise RuleViolation(
            "functions",
            "Tick at least one function the relapse affected. If none fits, tick Other "
            "and describe it in the note.",
            "no_function",
        )
    if functions == [OTHER_FUNCTION] and not (note or "").strip():
        raise RuleViolation(
            "note", "Describe in the note what the relapse affected (you ticked Other).", "other"
        )


def is_possible_pseudo_relapse(fever_or_infection):
    """Fever or infection can bring old symptoms back for a while (pseudo-relapse).

    Source: McDonald criteria 2017 (an attack occurs "in the absence of fever or
    infection"); Uthoff's phenomenon and infection-related worsening, see
    Thompson et al., Lancet Neurol 2018. Such an entry is kept and flagged,
    and not counted as a relapse.
    """
    return bool(fever_or_infection)


def check_dates(onset, end, today):
    """Onset and end in the range of ``mstracker.date_range`` (not in the future),
    end not before onset."""
    date_range.check_observed(
        onset,
        today,
        "onset",
        future_message="The onset date cannot be in the future.",
        future_code="future_onset",
    )
    date_range.check_observed(
        end,
        today,
        "end",
        future_message="The end date cannot be in the future. "
        "Leave it empty while the relapse goes on.",
        future_code="future_end",
    )
    if onset is not None and end is not None and end < onset:
        raise RuleViolation(
            "end", "The end date cannot be before the onset date.", "end_before_onset"
        )


@dataclass(frozen=True)
class Period:
    """A recorded relapse as the rules see it: any key, its onset and end (None = open)."""

    key: object
    onset: date
    end: date | None = None
    pseudo: bool = False


def check_no_overlap(onset, end, others):
    """Two relapses may not cover the same days, and an open one blocks later onsets.

    A relapse without an end date is still going on, so it runs to the present;
    recording a second one over it would count one attack twice. New symptoms
    during an attack belong to it (see ``link_episodes``); close the first one
    (enter its end date) before recording the next.
    Source: McDonald criteria 2017 (one attack = one monophasic episode).
    """
    if onset is None:
        return
    far = date.max
    mine_end = end or far
    for other in others:
        other_end = other.end or far
        if onset <= other_end and other.onset <= mine_end:
            if other.end is None:
                raise RuleViolation(
                    "onset",
                    f"Your relapse that began on {other.onset:%d %b %Y} is still open. Enter "
                    "its end date before recording another one.",
                    "overlaps_open",
                )
            if end is None:
                raise RuleViolation(
                    "end",
                    f"An open relapse from this onset would overlap the one from "
                    f"{other.onset:%d %b %Y} to {other.end:%d %b %Y}. Enter an end date.",
                    "overlaps_open",
                )
            raise RuleViolation(
                "onset",
                f"These dates overlap your relapse from {other.onset:%d %b %Y} to "
                f"{other.end:%d %b %Y}.",
                "overlaps",
            )


def link_episodes(periods):
    """Map each relapse key to the key of the episode it belongs to (None = its own).

    An onset less than 30 days after a previous onset is part of the same
    relapse episode, and the episode is named by its first relapse; a chain of
    onsets each under 30 days apart is one episode. At exactly 30 days a new
    episode begins. Possible pseudo-relapses are neither linked nor linked to.
    Source: Poser et al., Ann Neurol 1983;13:227-231 (separate attacks are at
    least 30 days apart); McDonald criteria 2001 onward; Kappos et al. (the
    30-day rule in the EDSS-confirmation conventions used by msprog).
    """
    links = {}
    head = None
    periods = list(periods)
    previous_onset = None
    for period in sorted(periods, key=lambda p: (p.onset, str(p.key))):
        if period.pseudo:
            links[period.key] = None
            continue
        if (
            previous_onset is not None
            and (period.onset - previous_onset).days < EPISODE_WINDOW_DAYS
        ):
            links[period.key] = head
        else:
            links[period.key] = None
            head = period.key
        previous_onset = period.onset
    return links


def counted_onsets(periods):
    """Onsets that count as relapses: one per episode, pseudo-relapses excluded."""
    periods = list(periods)
    links = link_episodes(periods)
    return sorted(p.onset for p in periods if not p.pseudo and links[p.key] is None)
