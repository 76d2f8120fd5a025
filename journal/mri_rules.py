"""MRI reports: what a report's numbers may be, and when a scan counts as active.

No Django here; the ``MriReport`` model, its form and serializer, NEDA-3
(``journal.neda``), the dashboard chart and the export all read these.

A count a report does not state is None, never 0: "no new lesions" and "the
letter does not say" are different facts, and NEDA-3 must not read the second
as the first.
"""

from .rules import RuleViolation

BRAIN = "brain"
SPINE = "spine"
BOTH = "both"
REGIONS = (BRAIN, SPINE, BOTH)

REPORT_LETTER = "report_letter"
CLINICIAN = "clinician"
SOURCES = (REPORT_LETTER, CLINICIAN)

# More new lesions than this on one scan is a typing error (tumefactive or
# fulminant MS shows tens, not hundreds).
MAX_LESIONS = 300
# Annualised brain volume change in percent per year: about -0.1 to -0.5 in
# healthy ageing and -0.5 to -1.0 in MS (De Stefano et al., Neurology 2016);
# beyond +/-5 %/year is no longer a measurement of atrophy.
MAX_VOLUME_CHANGE = 5.0

ACTIVE = "active"
QUIET = "quiet"
UNKNOWN = "unknown"

COUNT_FIELDS = ("new_t2_lesions", "enhancing_lesions")


def check_count(field, value):
    """A lesion count is a whole number from 0 to ``MAX_LESIONS`` (None: not stated)."""
    if value is None:
        return
    if value != int(value) or value < 0:
        raise RuleViolation(field, "Enter a whole number of lesions, 0 or more.", "bad_count")
    if value > MAX_LESIONS:
        raise RuleViolation(
            field,
            f"{value:,} lesions is more than any report states (at most {MAX_LESIONS}). "
            "Check the number on the letter.",
            "too_many",
        )


def check_volume_change(value):
    """Brain volume change in percent per year, within +/-``MAX_VOLUME_CHANGE``."""
    if value is None:
        return
    if not -MAX_VOLUME_CHANGE <= value <= MAX_VOLUME_CHANGE:
        raise RuleViolation(
            "brain_volume_change",
            f"Brain volume change is given in percent per year, between "
            f"-{MAX_VOLUME_CHANGE:g} and +{MAX_VOLUME_CHANGE:g} (for example -0.4).",
            "out_of_range",
        )


def check_enhancing_needs_contrast(contrast, enhancing):
    """Enhancing lesions are only seen with gadolinium: a count (even "none") on a scan
    without contrast is a slip, and would read as a quiet scan it cannot show."""
    if not contrast and enhancing is not None:
        raise RuleViolation(
            "enhancing_lesions",
            "Enhancing lesions can only be counted on a scan with contrast (gadolinium). "
            'Tick "contrast given" or leave the count as not stated.',
            "needs_contrast",
        )


def activity(new_t2, enhancing):
    """ACTIVE, QUIET or UNKNOWN for one scan.

    Active: any new or enlarging T2 lesion, or any gadolinium-enhancing lesion
    (the MRI arm of NEDA-3, Giovannoni et al., Mult Scler Relat Disord 2015).
    Quiet: the report states no new or enlarging T2 lesion, and no enhancing
    lesion or does not state it (an enhancing lesion is almost always new on
    T2 as well). Unknown: the new T2 count is not stated and nothing is active.
    """
    if (new_t2 or 0) > 0 or (enhancing or 0) > 0:
        return ACTIVE
    if new_t2 == 0:
        return QUIET
    return UNKNOWN
