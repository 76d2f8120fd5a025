"""The dashboard's figures in plain words, with correct plurals.

Pure functions over a `journal.headline.Headline`: the page's explanation ("what your
figures say"), the headline cards and, later, the clinician PDF say the same sentences.
Numbers are written as people read them: "1 point", "1.5 points", "no relapses".
"""

from dataclasses import replace

from journal.charts.base import human_date
from journal.figures import AssessmentGap, TimeSince
from journal.headline import Headline
from journal.progression import HIGHER_IS_BETTER, Classification, Outcome
from journal.progression_definitions import STANDARD, Definition
from journal.transition import PYRAMIDAL_NOTE, SOURCE, Status

# The unit a change of each measure is counted in (singular, plural).
CHANGE_UNITS = {
    Outcome.EDSS: ("point", "points"),
    Outcome.PDDS: ("step", "steps"),
    Outcome.T25FW: ("second", "seconds"),
    Outcome.NHPT_DOMINANT: ("second", "seconds"),
    Outcome.NHPT_NONDOMINANT: ("second", "seconds"),
    Outcome.SDT: ("point", "points"),
    Outcome.TAP_DOMINANT: ("tap", "taps"),
    Outcome.TAP_NONDOMINANT: ("tap", "taps"),
}
MEASURE_NAMES = {
    Outcome.EDSS: "EDSS",
    Outcome.PDDS: "PDDS",
    Outcome.T25FW: "timed 25-foot walk",
    Outcome.NHPT_DOMINANT: "9-hole peg test (dominant hand)",
    Outcome.NHPT_NONDOMINANT: "9-hole peg test (other hand)",
    Outcome.SDT: "symbol-digit self-test",
    Outcome.TAP_DOMINANT: "tapping self-test (dominant hand)",
    Outcome.TAP_NONDOMINANT: "tapping self-test (other hand)",
}


def number(value: float) -> str:
    """A figure to at most one decimal, without a trailing ".0": 1, 1.5, 0.3."""
    return f"{round(value, 1):g}"


def quantity(value: float, singular: str, plural: str | None = None) -> str:
    """A number with its noun: "1 point", "0.5 points", "2 relapses" (only exactly one
    takes the singular, as English does for decimals)."""
    shown = number(value)
    return f"{shown} {singular if shown == '1' else (plural or singular + 's')}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """A whole count in words for sentences: "no relapses", "1 relapse", "3 relapses"."""
    if n == 0:
        return f"no {plural or singular + 's'}"
    return quantity(n, singular, plural)


def duration(since: TimeSince) -> str:
    """Years, months and days as on a calendar: "1 year, 2 months and 5 days"; "today"
    for 0 days. Parts that are 0 are left out."""
    parts = [
        quantity(n, unit)
        for n, unit in (
            (since.years, "year"),
            (since.months, "month"),
            (since.remaining_days, "day"),
        )
        if n
    ]
    if not parts:
        return "today"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def signed_change(value: float, measure: Outcome) -> str:
    """A confirmed change with its sign and unit: "+1 point", "-0.5 points", "none"."""
    if round(value, 1) == 0:
        return "none"
    sign = "+" if value > 0 else "\u2212"
    return sign + quantity(abs(value), *CHANGE_UNITS[measure])


def assessment_gap(figures: Headline) -> str | None:
    """Why lasting change of the measure cannot be judged yet, in words; None when
    there are enough assessments. Said instead of "RAW 0 · PIRA 0" or "none"."""
    gap = figures.assessment_gap
    if gap is None:
        return None
    name = MEASURE_NAMES[figures.measure]
    weeks = figures.confirmation_days // 7
    needs = f"a lasting change needs two assessments at least {weeks} weeks apart"
    if gap is AssessmentGap.NONE_RECORDED:
        if figures.measure is Outcome.EDSS:
            return f"No EDSS recorded yet: add the one from your clinic letter ({needs})."
        return f"No {name} recorded yet: add one ({needs})."
    if gap is AssessmentGap.ONE_ONLY:
        return f"Only one {name} so far: {needs}, so no worsening can be judged yet."
    return (
        f"Your {figures.assessments} {name} results are all less than {weeks} weeks apart: "
        f"{needs}, so no worsening can be judged yet."
    )


def assessment_gap_short(figures: Headline) -> str | None:
    """The same reason in a few words, for a card that shows the full one beside it."""
    if figures.assessment_gap is None:
        return None
    return f"needs two assessments at least {figures.confirmation_days // 7} weeks apart"


def change_rows(figures: Headline) -> list[tuple[str, str]]:
    """The disability change card: (what, signed change) rows; "neither" and
    "improved" only when there is such a change. None of them (an empty list) when
    the change cannot be judged yet (`assessment_gap`)."""
    if figures.assessment_gap is not None:
        return []
    change = figures.disability_change
    rows = [
        ("Without relapses (PIRA)", change.relapse_free),
        ("Around relapses (RAW)", change.around_relapses),
    ]
    if change.unclassified:
        rows.append(("Neither label", change.unclassified))
    if change.improved:
        rows.append(("Improved", change.improved))
    return [(label, signed_change(value, figures.measure)) for label, value in rows]


def time_since_relapse(figures: Headline) -> str:
    """When the last relapse began, or that none is recorded up to the range's end."""
    since = figures.time_since_relapse
    if since is None:
        return "No relapse is recorded."
    if since.days == 0:
        return f"Your last relapse began today ({human_date(since.onset)})."
    return f"Your last relapse began {duration(since)} ago, on {human_date(since.onset)}."


def disability_change(figures: Headline) -> str | None:
    """How much lasting change of the measure came with and without relapses; None when
    there was no confirmed change in the range."""
    change = figures.disability_change
    events = figures.events
    if not events.worsenings and not events.improvements:
        return None
    name = MEASURE_NAMES[figures.measure]
    unit = CHANGE_UNITS[figures.measure]
    # Self-tests: higher is better, so a worsening is a fall, counted here as a size.
    sign, moved = (-1, "fell") if figures.measure in HIGHER_IS_BETTER else (1, "rose")
    change = replace(
        change,
        relapse_free=sign * change.relapse_free,
        around_relapses=sign * change.around_relapses,
        unclassified=sign * change.unclassified,
        improved=sign * change.improved,
    )
    sentences = []
    if events.worsenings:
        parts = []
        if change.relapse_free:
            parts.append(f"{quantity(change.relapse_free, *unit)} without a relapse (PIRA)")
        if change.around_relapses:
            parts.append(f"{quantity(change.around_relapses, *unit)} after relapses (RAW)")
        if change.unclassified:
            parts.append(f"{quantity(change.unclassified, *unit)} that fits neither label")
        total = change.relapse_free + change.around_relapses + change.unclassified
        joined = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        sentences.append(
            f"Your {name} {moved} lastingly by {quantity(total, *unit)} in this period: {joined}."
        )
    if events.improvements:
        sentences.append(
            f"It also improved lastingly by {quantity(-change.improved, *unit)} "
            f"({count(events.improvements, 'confirmed improvement')})."
        )
    return " ".join(sentences)


def symptom_burden(figures: Headline) -> str | None:
    """Mean symptom scores after relapse onsets versus other times; None without
    check-ins in the range."""
    burden = figures.symptom_burden
    after, free = burden.after_relapse, burden.relapse_free
    if after is None and free is None:
        return None
    if after is None:
        return (
            f"Your symptoms averaged {number(free)} out of 10 on "
            f"{count(burden.relapse_free_days, 'check-in day')}; none fell in the 30 days "
            "after a relapse began."
        )
    if free is None:
        return (
            f"Your symptoms averaged {number(after)} out of 10, all on "
            f"{count(burden.after_relapse_days, 'check-in day')} within 30 days of a "
            "relapse onset."
        )
    comparison = "higher than" if after > free else "lower than" if after < free else "the same as"
    return (
        f"In the 30 days after a relapse began your symptoms averaged {number(after)} out "
        f"of 10 ({count(burden.after_relapse_days, 'check-in day')}), {comparison} the "
        f"{number(free)} of other times ({count(burden.relapse_free_days, 'check-in day')})."
    )


def definition_sentence(definition: Definition) -> str:
    """Which definition of RAW and PIRA the labels follow, in words for a page: plain
    for the standard one (what patients see), with its rule and source for the others."""
    if definition is STANDARD:
        return (
            "These labels follow the standard definition used in research (Müller et al., "
            "JAMA Neurology 2023): a rise counts only when it is still there at least 12 "
            "weeks later, and it is PIRA only with no relapse from 90 days before to 30 "
            "days after the rise and after that check. Other definitions exist, and a "
            "stricter one can give fewer PIRA labels."
        )
    return f"These labels follow the {definition.name.lower()} definition. {definition.changes}"


def summary(figures: Headline) -> list[str]:
    """The sentences of "your figures for this period" beyond the RAW/PIRA counts and
    the relapse rate (which the explanation template words itself)."""
    sentences = [time_since_relapse(figures), disability_change(figures), symptom_burden(figures)]
    return [s for s in sentences if s]


def reclassifications(figures: Headline) -> list[str]:
    """What changed a label: once per worsening that was PIRA until back-dated
    relapses were recorded (`journal.reclassification`)."""
    name = MEASURE_NAMES[figures.measure]
    sentences = []
    for change in figures.reclassified:
        event = change.event
        onsets = [human_date(r.onset) for r in change.relapses]
        which = (
            f"the relapse that began on {onsets[0]}"
            if len(onsets) == 1
            else f"the relapses that began on {', '.join(onsets[:-1])} and {onsets[-1]}"
        )
        now = (
            "relapse-associated worsening (RAW)"
            if event.classification is Classification.RAW
            else "a worsening that fits neither label (CDW)"
        )
        sentences.append(
            f"Your {name} rise of {human_date(event.onset)} was labelled PIRA until "
            f"{human_date(change.entered)}, when you recorded {which}. A relapse this close "
            f"to a rise means it is no longer independent of relapses, so it now counts as "
            f"{now}. If that relapse date is wrong, correct it on the Relapses page."
        )
    return sentences


def silent_progression(figures: Headline) -> list[str]:
    """The brief's case in words, once per PIRA event whose scans were all quiet."""
    name = MEASURE_NAMES[figures.measure]
    sentences = []
    for found in figures.silent_progression:
        event = found.event
        scans = count(len(found.scans), "MRI scan")
        sentences.append(
            f"Silent progression: your {name} rose from {number(event.baseline_value)} to "
            f"{number(event.confirmed_value)} without a relapse (PIRA, confirmed on "
            f"{human_date(event.confirmed)}), while your {scans} from "
            f"{human_date(event.baseline_date)} to {human_date(event.confirmed)} "
            f"{'was' if len(found.scans) == 1 else 'were'} quiet. The MRI and the relapses "
            "do not explain it. This is worth raising with your neurologist."
        )
    return sentences


def transition(figures: Headline) -> str | None:
    """The possible-transition signal in words, only when it fires (never a diagnosis)."""
    signal = figures.transition
    if signal is None or signal.status is not Status.FIRES:
        return None
    return (
        f"Your EDSS rose from {number(signal.baseline_value)} to {number(signal.value)} "
        f"without a relapse from {human_date(signal.onset)} and was still "
        f"{number(signal.value)} on {human_date(signal.confirmed)}. Studies use this "
        f"pattern to spot a possible change from relapsing-remitting to secondary "
        f"progressive MS ({SOURCE}). It is not a diagnosis: it is something to discuss "
        f"with your neurologist. {PYRAMIDAL_NOTE}"
    )
