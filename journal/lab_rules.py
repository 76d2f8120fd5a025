"""Monitoring blood tests for DMT safety: kinds, units, plausible ranges, reference checks.

No Django here. Each kind is stored in one unit (``Lab.unit``); a second unit in
common use is converted on entry. Sources for the conversions: SI and
conventional units of the AMA Manual of Style, 11th ed., section 17.5.

The app reads a reference range only from the patient's lab report (labs
differ), and says no more than "outside the reference range: discuss with
your care team".
"""

import math
from dataclasses import dataclass

from .rules import RuleViolation

LYMPHOCYTES = "lymphocytes"
JCV_INDEX = "jcv_index"
IGG = "igg"
ALT = "alt"

PER_NL = "10^9/L"
PER_UL = "cells/uL"  # cells per microlitre = per mm3
INDEX = "index"
G_PER_L = "g/L"
MG_PER_DL = "mg/dL"
U_PER_L = "U/L"
UKAT_PER_L = "ukat/L"


@dataclass(frozen=True)
class LabKind:
    code: str
    label: str
    unit: str  # the stored unit
    # other unit -> factor that turns a value in it into the stored unit
    conversions: dict
    high: float  # the largest value we accept, in the stored unit
    help: str
    loinc: str | None = None

    @property
    def units(self) -> tuple[str, ...]:
        return (self.unit, *self.conversions)


KINDS = {
    LYMPHOCYTES: LabKind(
        LYMPHOCYTES,
        "Lymphocyte count",
        PER_NL,
        {PER_UL: 0.001},
        100,
        "Absolute lymphocytes, in 10^9/L (the same number as 10^3/uL), or cells/uL "
        "(for example 800 cells/uL = 0.8 x 10^9/L).",
        "731-0",
    ),
    JCV_INDEX: LabKind(
        JCV_INDEX,
        "JCV antibody index",
        INDEX,
        {},
        20,
        "Anti-JC virus antibody index (STRATIFY JCV / JCV DxSelect), a number without unit.",
        None,
    ),
    IGG: LabKind(
        IGG,
        "Immunoglobulin G (IgG)",
        G_PER_L,
        {MG_PER_DL: 0.01},
        60,
        "Serum IgG in g/L, or mg/dL (for example 700 mg/dL = 7 g/L).",
        "2465-3",
    ),
    ALT: LabKind(
        ALT,
        "ALT (alanine aminotransferase)",
        U_PER_L,
        {UKAT_PER_L: 60.0},
        10_000,
        "ALT (GPT) in U/L, or ukat/L (1 ukat/L = 60 U/L).",
        "1742-6",
    ),
}

UNIT_LABELS = {
    PER_NL: "x 10^9/L",
    PER_UL: "cells/uL",
    INDEX: "index",
    G_PER_L: "g/L",
    MG_PER_DL: "mg/dL",
    U_PER_L: "U/L",
    UKAT_PER_L: "ukat/L",
}
ALL_UNITS = tuple(UNIT_LABELS)

LOW = "low"
HIGH = "high"


def unit_for(kind, unit, field="unit"):
    """The unit, checked against the kind (empty: the stored unit)."""
    spec = KINDS[kind]
    if not unit:
        return spec.unit
    if unit not in spec.units:
        raise RuleViolation(
            field,
            f"{spec.label} is given in " + " or ".join(spec.units) + f", not {unit}.",
            "bad_unit",
        )
    return unit


def to_stored(kind, value, unit):
    """A value entered in ``unit`` as the kind's stored unit."""
    spec = KINDS[kind]
    if value is None:
        return None
    if unit == spec.unit or not unit:
        return float(value)
    return float(value) * spec.conversions[unit]


def from_stored(kind, value, unit):
    spec = KINDS[kind]
    if value is None:
        return None
    if unit == spec.unit or not unit:
        return float(value)
    return float(value) / spec.conversions[unit]


def check_value(kind, stored, field="value"):
    """A result from 0 to the kind's plausible maximum (in the stored unit)."""
    if stored is None or kind not in KINDS:
        return
    spec = KINDS[kind]
    if not math.isfinite(stored):
        raise RuleViolation(field, "Enter the result as a number.", "invalid")
    if stored < 0:
        raise RuleViolation(field, "A blood result cannot be below 0.", "negative")
    if stored > spec.high:
        raise RuleViolation(
            field,
            f"That is not a possible {spec.label} (the most we accept is {spec.high:g} "
            f"{spec.unit}). Check the number and the unit on your lab report.",
            "impossible_value",
        )


def check_reference(low, high):
    """A reference range's lower end is below its upper end."""
    if low is not None and high is not None and low > high:
        raise RuleViolation(
            "reference_high",
            "The upper end of the reference range must not be below the lower end.",
            "bad_range",
        )


def outside_reference(value, low, high):
    """LOW, HIGH or None (within range, or no range given). Rounded before comparing
    so a result equal to an end converted between units stays inside."""
    if value is None:
        return None
    value = round(value, 9)
    if low is not None and value < round(low, 9):
        return LOW
    if high is not None and value > round(high, 9):
        return HIGH
    return None
