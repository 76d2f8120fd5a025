"""Disability measures: what each scale allows, and the PDDS step descriptions.

No Django here; the ``Measure`` model, its form and serializer, the progression
engine and the export all read these. Values are plain numbers.
"""

from dataclasses import dataclass

from mstracker import date_range

from . import selftest_rules
from .rules import RuleViolation

EDSS = "edss"
PDDS = "pdds"
T25FW = "t25fw"
NHPT_DOMINANT = "nhpt_dominant"
NHPT_NONDOMINANT = "nhpt_nondominant"
# Self-tests in the browser (journal.selftest_rules): higher is better.
SDT = selftest_rules.SDT
TAP_DOMINANT = selftest_rules.TAP_DOMINANT
TAP_NONDOMINANT = selftest_rules.TAP_NONDOMINANT
SELF_TESTS = frozenset(selftest_rules.KINDS)


@dataclass(frozen=True)
class Scale:
    code: str
    label: str
    unit: str
    low: float
    high: float
    help: str


SCALES = {
    EDSS: Scale(
        EDSS,
        "EDSS",
        "",
        0,
        10,
        "Expanded Disability Status Scale, 0 (normal) to 10, in steps of 0.5 from 1.0 on.",
    ),
    PDDS: Scale(
        PDDS, "PDDS", "", 0, 8, "Patient Determined Disease Steps: pick the step that fits."
    ),
    T25FW: Scale(
        T25FW,
        "Timed 25-foot walk",
        "s",
        1.5,
        180,
        "Seconds to walk 25 feet (7.6 m) as quickly as safely possible.",
    ),
    NHPT_DOMINANT: Scale(
        NHPT_DOMINANT,
        "9-hole peg test, dominant hand",
        "s",
        5,
        300,
        "Seconds to place and remove all nine pegs with your dominant hand.",
    ),
    NHPT_NONDOMINANT: Scale(
        NHPT_NONDOMINANT,
        "9-hole peg test, non-dominant hand",
        "s",
        5,
        300,
        "Seconds to place and remove all nine pegs with your other hand.",
    ),
    SDT: Scale(
        SDT,
        "Symbol-digit test",
        "correct",
        0,
        selftest_rules.SDT_ITEMS,
        "Correct answers in 90 seconds in MS Tracker's symbol-digit self-test.",
    ),
    TAP_DOMINANT: Scale(
        TAP_DOMINANT,
        "Tapping test, dominant hand",
        "taps",
        0,
        500,
        "Alternate taps in 10 seconds with your dominant hand (MS Tracker's self-test).",
    ),
    TAP_NONDOMINANT: Scale(
        TAP_NONDOMINANT,
        "Tapping test, non-dominant hand",
        "taps",
        0,
        500,
        "Alternate taps in 10 seconds with your other hand (MS Tracker's self-test).",
    ),
}

# Hohol, Orav, Weiner, Mult Scler 1995;1:181; NARCOMS wording (free to use).
PDDS_STEPS = (
    (
        0,
        "Normal",
        "I may have some mild symptoms, mostly sensory due to MS, but they do not "
        "limit my activity. If I do have an attack, I return to normal when the attack has passed.",
    ),
    (
        1,
        "Mild disability",
        "I have some noticeable symptoms from my MS but they are minor and "
        "have only a small effect on my lifestyle.",
    ),
    (
        2,
        "Moderate disability",
        "I don't have any limitations in my walking ability. However, I "
        "do have significant problems due to MS that limit daily activities in other ways.",
    ),
    (
        3,
        "Gait disability",
        "MS does interfere with my activities, especially my walking. I can "
        "work a full day, but athletic or physically demanding activities are more difficult than "
        "they used to be. I usually don't need a cane or other assistance to walk, but I might "
        "need some assistance during an attack.",
    ),
    (
        4,
        "Early cane",
        "I use a cane or a single crutch or some other form of support (such as "
        "touching a wall or leaning on someone's arm) for walking all the time or part of the "
        "time, especially when walking outside. I think I can walk 25 feet in 20 seconds without "
        "a cane or crutch. I always need some assistance (cane or crutch) if I want to walk as far "
        "as 3 blocks.",
    ),
    (
        5,
        "Late cane",
        "To be able to walk 25 feet, I have to have a cane, crutch or someone to "
        "hold onto. I can get around the house or other buildings by holding onto furniture or "
        "touching the walls for support. I may use a scooter or wheelchair if I want to go "
        "greater distances.",
    ),
    (
        6,
        "Bilateral support",
        "To be able to walk as far as 25 feet I must have 2 canes or "
        "crutches or a walker. I may use a scooter or wheelchair for longer distances.",
    ),
    (
        7,
        "Wheelchair / scooter",
        "My main form of mobility is a wheelchair. I may be able to "
        "stand and/or take one or two steps, but I can't walk 25 feet, even with crutches or a "
        "walker.",
    ),
    (8, "Bedridden", "Unable to sit in a wheelchair for more than one hour."),
)


def check_value(kind, value):
    """Refuse values a scale cannot take.

    EDSS (Kurtzke, Neurology 1983;33:1444): 0, then 1.0 to 10.0 in steps of
    0.5; there is no 0.5. PDDS: whole steps 0-8. Timed 25-foot walk: a trial
    is stopped at 180 s (MSFC manual, Fischer et al. 2001); under 1.5 s is
    faster than a sprinter. 9-hole peg test: stopped at 300 s (MSFC manual);
    under 5 s is not humanly possible.
    """
    if value is None or kind not in SCALES:
        return
    scale = SCALES[kind]
    if kind == EDSS:
        if not 0 <= value <= 10 or (value * 2) != int(value * 2):
            raise RuleViolation(
                "value", "EDSS runs from 0 to 10 in steps of 0.5 (for example 3.5).", "bad_step"
            )
        if value == 0.5:
            raise RuleViolation(
                "value",
                "EDSS has no 0.5 step: after 0 (normal) comes 1.0. Check the visit letter.",
                "bad_step",
            )
        return
    if kind == PDDS:
        if value != int(value) or not 0 <= value <= 8:
            raise RuleViolation("value", "PDDS is a whole step from 0 to 8.", "bad_step")
        return
    if kind in SELF_TESTS and value != int(value):
        raise RuleViolation("value", f"{scale.label} is a whole count.", "bad_step")
    if not scale.low <= value <= scale.high:
        unit = "seconds" if scale.unit == "s" else scale.unit
        raise RuleViolation(
            "value",
            f"{scale.label} must be between {scale.low:g} and {scale.high:g} {unit}; "
            f"{value:g} is not possible.",
            "out_of_range",
        )


def check_date(measured_on, today):
    date_range.check_observed(measured_on, today, "date")
