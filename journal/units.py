"""Vitamin D: units, dose limits and the reference bands for serum 25(OH)D.

Serum 25-hydroxyvitamin D is reported in ng/mL (US) or nmol/L (Europe);
1 ng/mL = 2.496 nmol/L (molar mass of 25(OH)D3, 400.64 g/mol). We store
nmol/L and convert for display. No Django here.
"""

from dataclasses import dataclass

from .rules import RuleViolation
from .vocabulary import NG_PER_ML, NMOL_PER_L, NMOL_PER_NG

UNITS = (NG_PER_ML, NMOL_PER_L)

MAX_DOSE_IU = 50_000
# A serum value above 300 ng/mL (749 nmol/L) is beyond any reported case of
# intoxication: a typing error, most likely.
MAX_LEVEL_NG = 300.0


def to_nmol(value, unit):
    """The value in nmol/L, from either unit."""
    if unit == NMOL_PER_L:
        return float(value)
    if unit == NG_PER_ML:
        return float(value) * NMOL_PER_NG
    raise RuleViolation("unit", f"Unknown unit {unit!r}: use ng/mL or nmol/L.", "bad_unit")


def from_nmol(nmol, unit):
    """A stored nmol/L value in the unit the patient reads."""
    if unit == NMOL_PER_L:
        return float(nmol)
    if unit == NG_PER_ML:
        return float(nmol) / NMOL_PER_NG
    raise RuleViolation("unit", f"Unknown unit {unit!r}: use ng/mL or nmol/L.", "bad_unit")


def check_level(value, unit):
    """A serum level must be above 0 and not above 300 ng/mL (749 nmol/L)."""
    if value is None:
        return
    ng = from_nmol(to_nmol(value, unit), NG_PER_ML)
    if ng <= 0:
        raise RuleViolation("value", "A vitamin D level must be above 0.", "not_positive")
    if ng > MAX_LEVEL_NG:
        limit = MAX_LEVEL_NG if unit == NG_PER_ML else round(MAX_LEVEL_NG * NMOL_PER_NG)
        raise RuleViolation(
            "value",
            f"{value:g} {unit} is not a possible blood level (the most is about "
            f"{limit:g} {unit}). Check the unit and the number on your lab report.",
            "impossible_level",
        )


def check_dose(iu):
    """A single supplement dose of 1 to 50,000 IU.

    50,000 IU is the largest single dose in common use (weekly or monthly
    repletion regimens); larger single doses are not a supplement regimen.
    Source: Holick et al., Endocrine Society guideline, J Clin Endocrinol Metab 2011.
    """
    if iu is None:
        return
    if iu < 1:
        raise RuleViolation("iu", "Enter the dose in IU, at least 1.", "not_positive")
    if iu > MAX_DOSE_IU:
        raise RuleViolation(
            "iu",
            f"{iu:,} IU is more than the largest single dose we accept (50,000 IU). "
            "Check the number: 1 microgram is 40 IU.",
            "dose_too_large",
        )


@dataclass(frozen=True)
class LevelBand:
    code: str
    label: str
    low_ng: float
    high_ng: float | None  # None: no upper bound


# Endocrine Society guideline (Holick et al., J Clin Endocrinol Metab 2011;96:1911-30).
BANDS = (
    LevelBand("deficient", "Deficient", 0, 20),
    LevelBand("insufficient", "Insufficient", 20, 30),
    LevelBand("sufficient", "Sufficient", 30, 100),
    LevelBand("high", "Possibly too high", 100, None),
)


def level_band(nmol):
    """The reference band of a level given in nmol/L.

    Rounded before comparing, so 30 ng/mL entered (74.88 nmol/L stored) is
    "sufficient" and not lost to floating-point error just below the edge.
    """
    ng = round(from_nmol(nmol, NG_PER_ML), 6)
    for candidate in BANDS:
        if ng >= candidate.low_ng and (candidate.high_ng is None or ng < candidate.high_ng):
            return candidate
    return BANDS[0]


def band_table():
    """The bands in both units, for the reference shown next to results."""
    rows = []
    for b in BANDS:
        low_n = round(b.low_ng * NMOL_PER_NG)
        if b.high_ng is None:
            rows.append((b, f"{b.low_ng:g} ng/mL or more", f"{low_n} nmol/L or more"))
        else:
            high_n = round(b.high_ng * NMOL_PER_NG)
            rows.append(
                (
                    b,
                    f"{b.low_ng:g} to under {b.high_ng:g} ng/mL",
                    f"{low_n} to under {high_n} nmol/L",
                )
            )
    return rows


def daily_equivalent(iu, regimen):
    """IU per day of a dose taken daily or weekly."""
    return iu if regimen == "daily" else iu / 7
