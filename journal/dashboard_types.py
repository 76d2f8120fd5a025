"""Plain inputs of the dashboard figures and charts, independent of the models.

`journal/figures.py` and `journal/charts/` take these small frozen dataclasses (or
plain `(date, value)` pairs), so the same code serves the web page, the API, the
clinician PDF and the tests. A thin data-gathering layer turns model rows into them.
All dates are the patient's local dates.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# The shared constants come from the one vocabulary module (re-exported here for the
# dataclasses' users): the units and the smoking statuses are not re-declared.
from journal.vocabulary import NMOL_PER_NG, SmokingStatus, VitaminDUnit

__all__ = ["NMOL_PER_NG", "SmokingStatus", "VitaminDUnit"]

# A daily series: (date, value) pairs, one per date, in any order.
DailySeries = Sequence[tuple[date, float]]


@dataclass(frozen=True)
class DateRange:
    """The dashboard's one time axis: every chart spans `start` to `end`, both inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"DateRange ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        """Number of calendar days in the range, both ends counted."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def overlaps(self, first: date, last: date) -> bool:
        """Whether the period first..last (inclusive) shares a day with the range."""
        return first <= self.end and last >= self.start

    @classmethod
    def ending(cls, end: date, days: int) -> "DateRange":
        """The `days` days up to and including `end`."""
        return cls(end - timedelta(days=days - 1), end)


@dataclass(frozen=True)
class RelapsePeriod:
    """One relapse (attack) as the charts draw it.

    `end` is None while the relapse is open. `possible_pseudo_relapse` is the journal's
    flag for an attack with fever or infection (a possible pseudo-relapse).
    """

    onset: date
    end: date | None = None
    possible_pseudo_relapse: bool = False


@dataclass(frozen=True)
class ExerciseSession:
    """One exercise entry; each entry is one session. `kind` is the journal's choice
    value (aerobic, strength, balance, stretching, other)."""

    date: date
    minutes: float
    kind: str = "aerobic"

    @property
    def is_aerobic(self) -> bool:
        return self.kind == "aerobic"


@dataclass(frozen=True)
class VitaminDLevel:
    """A serum 25(OH)D result, in the unit it was entered in."""

    date: date
    value: float
    unit: VitaminDUnit | str = VitaminDUnit.NG_ML

    @property
    def ng_ml(self) -> float:
        """The level in ng/mL (`vocabulary.NMOL_PER_NG` nmol/L each)."""
        unit = VitaminDUnit(self.unit)
        return self.value if unit is VitaminDUnit.NG_ML else self.value / NMOL_PER_NG


@dataclass(frozen=True)
class SmokingRecord:
    """The smoking status from `date` on, until the next record.

    `quit_date` is the date the patient stopped, when they gave it; `cigarettes` is
    cigarettes per day and `vaping` whether they vape, for current smokers.
    """

    date: date
    status: SmokingStatus | str
    quit_date: date | None = None
    cigarettes: int | None = None
    vaping: bool = False


@dataclass(frozen=True)
class TherapyCourse:
    """One course of a drug as a bar: `stop` None while ongoing.

    `adherence_percent` is the share of scheduled doses taken within their window
    (therapies/adherence.py), 0-100, or None when there are no scheduled doses yet.
    """

    name: str
    start: date
    stop: date | None = None
    adherence_percent: float | None = None
    category: str = "dmt"
