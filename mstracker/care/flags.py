"""The clinician panel's flags, as one plain function over a patient's summary facts.

No Django, no queries: the facts come from ``care.summary`` (stored per patient, one
row), the reading clinician's share gives the scopes and "last viewed", and today
is the patient's local date. Each flag says in words why it is raised.
"""

from dataclasses import dataclass
from datetime import date, datetime

RECENT_RELAPSE_DAYS = 90
ADHERENCE_DAYS = 90
ADHERENCE_BELOW = 80.0  # percent of due doses taken within their window
PHQ9_FLAG = 10  # moderate depression or more (Kroenke et al. 2001)
GAD7_FLAG = 10  # moderate anxiety or more (Spitzer et al. 2006)
NO_CHECKIN_DAYS = 14
SLOWER_BY = 0.20  # 20% slower than baseline: the clinically meaningful change of T25FW and 9HPT

TIMED_TESTS = {
    "t25fw": "Timed 25-foot walk",
    "nhpt_dominant": "9-hole peg test (dominant hand)",
    "nhpt_nondominant": "9-hole peg test (other hand)",
}
SELF_TESTS = {
    "sdt": "Symbol-digit self-test",
    "tap_dominant": "Tapping self-test (dominant hand)",
    "tap_nondominant": "Tapping self-test (other hand)",
}
MEASURE_NAMES = {"edss": "EDSS", "pdds": "PDDS", **TIMED_TESTS, **SELF_TESTS}

# Which shared scope each flag reveals: a flag from data not shared is never raised.
FLAG_SCOPES = {
    "recent_relapse": "relapses_measures",
    "new_cdw": "relapses_measures",
    "slower_timed_test": "relapses_measures",
    "low_adherence": "therapies",
    "phq9": "questionnaires",
    "gad7": "questionnaires",
    "no_checkin": "symptoms",
}


@dataclass(frozen=True)
class Flag:
    code: str
    text: str


def _day(value):
    return date.fromisoformat(value) if value else None


def _fmt(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def flags(
    facts: dict,
    today: date,
    scopes,
    last_viewed_at: datetime | None,
    definition: str = "standard",
    definition_name: str = "",
) -> list[Flag]:
    """The flags the facts raise for a clinician sharing ``scopes``, in panel order.

    ``definition`` is the key of the PIRA definition the clinician chose (its
    ``definition_name`` is said in the flag when it is not the standard one); facts
    computed before the definitions existed fall back to the standard worsenings.
    """
    raised = []

    onset = _day(facts.get("last_relapse_onset"))
    if onset and 0 <= (today - onset).days <= RECENT_RELAPSE_DAYS:
        raised.append(
            Flag(
                "recent_relapse",
                f"Relapse began {_fmt(onset)}, {(today - onset).days} days ago "
                f"(within {RECENT_RELAPSE_DAYS} days).",
            )
        )

    worsenings = facts.get("cdw", [])
    if definition != "standard":
        worsenings = facts.get("cdw_by_definition", {}).get(definition, worsenings)
    new = [
        event
        for event in worsenings
        if event.get("classification") in ("RAW", "PIRA")
        and (last_viewed_at is None or datetime.fromisoformat(event["first_seen"]) > last_viewed_at)
    ]
    if new:
        words = "; ".join(
            f"{event['classification']} on {MEASURE_NAMES.get(event['measure'], event['measure'])}"
            f" from {_fmt(_day(event['onset']))}, confirmed {_fmt(_day(event['confirmed']))}"
            for event in new
        )
        since = "since you last viewed this patient" if last_viewed_at else "not yet seen by you"
        named = f" ({definition_name} definition)" if definition_name else ""
        raised.append(
            Flag("new_cdw", f"New confirmed disability worsening {since}: {words}{named}.")
        )

    adherence = facts.get("adherence_90")
    if adherence is not None and adherence < ADHERENCE_BELOW:
        raised.append(
            Flag(
                "low_adherence",
                f"DMT adherence {adherence:g}% over the last {ADHERENCE_DAYS} days "
                f"(below {ADHERENCE_BELOW:g}%).",
            )
        )

    phq9 = facts.get("phq9")
    if phq9 and (phq9["score"] >= PHQ9_FLAG or phq9["item9"] > 0):
        reasons = []
        if phq9["score"] >= PHQ9_FLAG:
            reasons.append(f"score {phq9['score']} (10 or more)")
        if phq9["item9"] > 0:
            reasons.append("item 9 (thoughts of death or self-harm) answered above 0")
        raised.append(
            Flag("phq9", f"Last PHQ-9 on {_fmt(_day(phq9['date']))}: {' and '.join(reasons)}.")
        )

    gad7 = facts.get("gad7")
    if gad7 and gad7["score"] >= GAD7_FLAG:
        raised.append(
            Flag(
                "gad7",
                f"Last GAD-7 on {_fmt(_day(gad7['date']))}: score {gad7['score']} (10 or more).",
            )
        )

    last_checkin = _day(facts.get("last_checkin"))
    if last_checkin is None:
        raised.append(Flag("no_checkin", "No check-in recorded yet."))
    elif (today - last_checkin).days >= NO_CHECKIN_DAYS:
        raised.append(
            Flag(
                "no_checkin",
                f"No check-in for {(today - last_checkin).days} days "
                f"(last on {_fmt(last_checkin)}).",
            )
        )

    for kind, name in TIMED_TESTS.items():
        test = facts.get("timed", {}).get(kind)
        if not test or not test["baseline"]:
            continue
        slower = test["latest"] / test["baseline"] - 1
        if slower >= SLOWER_BY - 1e-9:
            raised.append(
                Flag(
                    "slower_timed_test",
                    f"{name} {test['latest']:g} s on {_fmt(_day(test['latest_date']))}, "
                    f"{round(slower * 100)}% slower than the baseline {test['baseline']:g} s "
                    f"of {_fmt(_day(test['baseline_date']))}.",
                )
            )

    return [flag for flag in raised if FLAG_SCOPES[flag.code] in scopes]
