"""PHQ-9 and GAD-7: their exact items, answer options, scoring and severity bands.

Both instruments are free to use (developed by Drs. Spitzer, Williams, Kroenke
and colleagues with an educational grant from Pfizer; "no permission required
to reproduce, translate, display or distribute"). Sources:
PHQ-9: Kroenke, Spitzer, Williams, J Gen Intern Med 2001;16:606-613.
GAD-7: Spitzer, Kroenke, Williams, Löwe, Arch Intern Med 2006;166:1092-1097.
No Django here: forms, API, dashboard and export share these.
"""

from dataclasses import dataclass

from .rules import RuleViolation

PHQ9 = "phq9"
GAD7 = "gad7"

OPTIONS = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    code: str
    label: str


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    title: str
    stem: str
    items: tuple
    bands: tuple

    @property
    def max_score(self):
        return 3 * len(self.items)


INSTRUMENTS = {
    PHQ9: Instrument(
        code=PHQ9,
        name="PHQ-9",
        title="Depression (PHQ-9)",
        stem="Over the last 2 weeks, how often have you been bothered by any of the "
        "following problems?",
        items=(
            "Little interest or pleasure in doing things",
            "Feeling down, depressed, or hopeless",
            "Trouble falling or staying asleep, or sleeping too much",
            "Feeling tired or having little energy",
            "Poor appetite or overeating",
            "Feeling bad about yourself — or that you are a failure or have let yourself "
            "or your family down",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "Moving or speaking so slowly that other people could have noticed? Or the "
            "opposite — being so fidgety or restless that you have been moving around a lot "
            "more than usual",
            "Thoughts that you would be better off dead or of hurting yourself in some way",
        ),
        # Kroenke et al. 2001: 5, 10, 15 and 20 mark mild, moderate,
        # moderately severe and severe depression.
        bands=(
            Band(0, 4, "minimal", "Minimal or none"),
            Band(5, 9, "mild", "Mild"),
            Band(10, 14, "moderate", "Moderate"),
            Band(15, 19, "moderately_severe", "Moderately severe"),
            Band(20, 27, "severe", "Severe"),
        ),
    ),
    GAD7: Instrument(
        code=GAD7,
        name="GAD-7",
        title="Anxiety (GAD-7)",
        stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
        items=(
            "Feeling nervous, anxious, or on edge",
            "Not being able to stop or control worrying",
            "Worrying too much about different things",
            "Trouble relaxing",
            "Being so restless that it is hard to sit still",
            "Becoming easily annoyed or irritable",
            "Feeling afraid, as if something awful might happen",
        ),
        # Spitzer et al. 2006: 5, 10 and 15 mark mild, moderate and severe anxiety.
        bands=(
            Band(0, 4, "minimal", "Minimal"),
            Band(5, 9, "mild", "Mild"),
            Band(10, 14, "moderate", "Moderate"),
            Band(15, 21, "severe", "Severe"),
        ),
    ),
}

CRISIS_RESOURCES = {
    "message": (
        "You said you have had thoughts that you would be better off dead or of hurting "
        "yourself. You are not alone, and help is available now. Please talk to someone "
        "today: a crisis line, your doctor or MS nurse, or someone you trust."
    ),
    "emergency": "If you are in danger right now, call your local emergency number "
    "(112 in Europe, 911 in the US and Canada, 999 in the UK).",
    # The same numbers, each dialled by a tap (`tel:` links on the page).
    "emergency_numbers": [
        {"number": "112", "where": "in Europe"},
        {"number": "911", "where": "in the US and Canada"},
        {"number": "999", "where": "in the UK"},
    ],
    # `phone`: the number to dial (a `tel:` link), where the line has one.
    "lines": [
        {
            "region": "Germany",
            "name": "TelefonSeelsorge",
            "contact": "0800 111 0 111",
            "phone": "+498001110111",
        },
        {"region": "UK and Ireland", "name": "Samaritans", "contact": "116 123", "phone": "116123"},
        {
            "region": "US",
            "name": "988 Suicide & Crisis Lifeline",
            "contact": "Call or text 988",
            "phone": "988",
        },
        {
            "region": "Other countries",
            "name": "Find a Helpline",
            "contact": "https://findahelpline.com",
        },
    ],
}


def instrument(kind):
    try:
        return INSTRUMENTS[kind]
    except KeyError:
        raise RuleViolation(
            "kind", f"Unknown questionnaire {kind!r}: use phq9 or gad7.", "unknown_kind"
        ) from None


def check_answers(kind, answers):
    """One whole-number answer 0-3 per item, in item order."""
    tool = instrument(kind)
    if not isinstance(answers, list | tuple) or len(answers) != len(tool.items):
        raise RuleViolation(
            "answers",
            f"{tool.name} needs exactly {len(tool.items)} answers, one per question.",
            "wrong_length",
        )
    for number, answer in enumerate(answers, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 3:
            raise RuleViolation(
                "answers",
                f"Answer {number} must be 0, 1, 2 or 3 (from 'Not at all' to 'Nearly every day').",
                "bad_answer",
            )


def score(kind, answers):
    """The total: the sum of the item answers (PHQ-9 0-27, GAD-7 0-21)."""
    check_answers(kind, answers)
    return sum(answers)


def band(kind, total):
    """The severity band of a total score, after the instrument's authors."""
    for candidate in instrument(kind).bands:
        if candidate.low <= total <= candidate.high:
            return candidate
    raise RuleViolation("answers", f"{total} is outside the score range.", "bad_score")


def open_item9(responses):
    """The latest PHQ-9 of ``responses`` (newest first) if its item 9 is above 0: the
    Today page keeps offering help until the next PHQ-9 says otherwise."""
    latest = next((r for r in responses if r.kind == PHQ9), None)
    return latest if latest and needs_crisis_resources(latest.kind, latest.answers) else None


def needs_crisis_resources(kind, answers):
    """Any PHQ-9 item 9 answer above 0 (thoughts of death or self-harm) shows help at once.

    Source: PHQ-9 instructions (Kroenke et al. 2001): a positive item 9 needs
    immediate attention, whatever the total score.
    """
    return kind == PHQ9 and len(answers) == 9 and answers[8] > 0
