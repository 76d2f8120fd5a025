"""The blood tests a DMT's label asks for, and which of them are due. Pure, no Django.

``MONITORING`` maps a catalogue drug code to its requirements, each with the label it
comes from (US prescribing information, PI, or the EU summary of product
characteristics, SmPC). The interval is how often MS Tracker reminds; where a label
says "periodically" the interval is the one in common use and says so. This is a
reminder of what the label asks, not medical advice: the care team decides.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from journal.lab_rules import ALT, IGG, JCV_INDEX, KINDS, LYMPHOCYTES
from mstracker.wallclock import add_months

# A test shows on the Today page from this many days before it falls due.
DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class Requirement:
    test: str  # a journal.lab_rules kind
    every_months: int
    label: str  # what the label asks, in plain words
    source: str
    # Only during the first months of a course (teriflunomide's monthly ALT); None: always.
    first_months: int | None = None

    @property
    def test_name(self) -> str:
        return KINDS[self.test].label


S1P = Requirement(
    LYMPHOCYTES,
    6,
    "A blood count with lymphocytes before starting and periodically during treatment "
    "(reminded every 6 months).",
    "US PI, Warnings and Precautions: Infections (Gilenya, Mayzent, Zeposia, Ponvory)",
)
FUMARATE = Requirement(
    LYMPHOCYTES,
    6,
    "A blood count with lymphocytes before starting, 6 months after, then every 6 to 12 months.",
    "US PI section 5, Lymphopenia (Tecfidera, Vumerity, Bafiertam)",
)
ANTI_CD20_IGG = Requirement(
    IGG,
    12,
    "Serum immunoglobulins (IgG) before starting and during treatment (reminded yearly).",
    "US PI section 5, Reduction in immunoglobulins (Ocrevus, Ocrevus Zunovo, Kesimpta)",
)

MONITORING: dict[str, tuple[Requirement, ...]] = {
    "natalizumab": (
        Requirement(
            JCV_INDEX,
            6,
            "JCV antibody index every 6 months while the index is low or negative "
            "(the risk of PML).",
            "Tysabri EU SmPC section 4.4; US PI section 5.1, Progressive multifocal "
            "leukoencephalopathy",
        ),
    ),
    "cladribine": (
        Requirement(
            LYMPHOCYTES,
            12,
            "Lymphocyte count before each yearly course (and 2 and 6 months after its start).",
            "Mavenclad US PI sections 2.2 and 5.2, Lymphopenia",
        ),
    ),
    "fingolimod": (S1P,),
    "siponimod": (S1P,),
    "ozanimod": (S1P,),
    "ponesimod": (S1P,),
    "dimethyl-fumarate": (FUMARATE,),
    "diroximel-fumarate": (FUMARATE,),
    "monomethyl-fumarate": (FUMARATE,),
    "ocrelizumab-iv": (ANTI_CD20_IGG,),
    "ocrelizumab-sc": (ANTI_CD20_IGG,),
    "ofatumumab": (ANTI_CD20_IGG,),
    "teriflunomide": (
        Requirement(
            ALT,
            1,
            "ALT at least monthly for the first 6 months of treatment.",
            "Aubagio US PI, boxed warning: hepatotoxicity",
            first_months=6,
        ),
    ),
}


@dataclass(frozen=True)
class RunningCourse:
    drug_code: str
    drug_name: str
    start: date
    stop: date | None = None

    def runs_on(self, day: date) -> bool:
        return self.start <= day and (self.stop is None or self.stop >= day)


@dataclass(frozen=True)
class DueTest:
    """A test a running course's label asks for, falling due on ``due_on``."""

    test: str
    drugs: tuple[str, ...]
    requirements: tuple[Requirement, ...]
    last: date | None
    due_on: date

    @property
    def test_name(self) -> str:
        return KINDS[self.test].label

    def overdue_on(self, today: date) -> bool:
        return self.due_on <= today


def due_date(requirement: Requirement, course: RunningCourse, last: date | None) -> date | None:
    """When the test is next due for this course: an interval after the latest result,
    or the course's start when no result is recent enough (none within an interval
    before the start); None when a first-months-only requirement has ended."""
    if last is None or last < add_months(course.start, -requirement.every_months):
        due = course.start
    else:
        due = add_months(last, requirement.every_months)
    ended = requirement.first_months is not None and due > add_months(
        course.start, requirement.first_months
    )
    return None if ended else due


def due_tests(
    courses: Iterable[RunningCourse],
    latest: Mapping[str, date],
    today: date,
    soon_days: int = DUE_SOON_DAYS,
) -> list[DueTest]:
    """Tests due by ``today + soon_days`` for the courses running today, one per test
    (the earliest due date when two drugs ask for the same test), soonest first.
    ``latest`` maps a test kind to the date of its latest result on or before today."""
    horizon = today + timedelta(days=soon_days)
    found: dict[str, DueTest] = {}
    for course in courses:
        if not course.runs_on(today):
            continue
        for requirement in MONITORING.get(course.drug_code, ()):
            last = latest.get(requirement.test)
            due = due_date(requirement, course, last)
            if due is None or due > horizon:
                continue
            seen = found.get(requirement.test)
            if seen is None:
                found[requirement.test] = DueTest(
                    requirement.test, (course.drug_name,), (requirement,), last, due
                )
            else:
                found[requirement.test] = DueTest(
                    requirement.test,
                    (*seen.drugs, course.drug_name),
                    tuple(dict.fromkeys((*seen.requirements, requirement))),
                    last,
                    min(seen.due_on, due),
                )
    return sorted(found.values(), key=lambda d: (d.due_on, d.test))
