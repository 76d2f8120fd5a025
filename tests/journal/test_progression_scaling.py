"""The engine's cost grows linearly with the number of assessments (DESIGN.md section 4).

Not timed (timings belong to `bench/progression.py`): the test counts every read of
an assessment's day, value or days since the last relapse, and of a relapse onset,
while the engine analyses daily self-tests over 1,000 and 10,000 visits. A quadratic
engine reads about once per pair of visits (or per visit and relapse); a linear one a
bounded number of times per visit. Sorting the input, before the engine starts, is
not counted.
"""

import pytest

from journal import progression
from journal.progression import Outcome, analyse_progression
from journal.progression_definitions import DEFINITIONS
from tests.journal.long_series import daily_self_tests

# Reads allowed per assessment: each visit is looked at as a possible baseline, onset
# and confirmation a few times, each look reading a few fields.
READS_PER_VISIT = 20


class CountedList(list):
    """A list that counts each element read (by index, slice, bisect or iteration)."""

    def __init__(self, items, reads):
        super().__init__(items)
        self.reads = reads

    def __getitem__(self, index):
        item = super().__getitem__(index)
        self.reads["count"] += len(item) if isinstance(index, slice) else 1
        return item

    def __iter__(self):
        for item in super().__iter__():
            self.reads["count"] += 1
            yield item


@pytest.fixture
def reads(monkeypatch):
    """The engine runs unchanged on its own series, whose lists count their reads."""
    counter = {"count": 0}
    build = progression._Series.build.__func__

    def counted_build(cls, *args):
        series = build(cls, *args)
        fields = {name: CountedList(items, counter) for name, items in vars(series).items()}
        counter["count"] = 0
        return cls(**fields)

    monkeypatch.setattr(progression._Series, "build", classmethod(counted_build))
    return counter


def reads_for(visits, reads, key="standard"):
    assessments, relapses = daily_self_tests(visits)
    result = analyse_progression(Outcome.T25FW, assessments, relapses, DEFINITIONS[key].settings)
    return result, reads["count"]


def test_ten_thousand_daily_self_tests_take_a_bounded_number_of_reads_per_visit(reads):
    result, count = reads_for(10_000, reads)

    # The history exercises the engine: worsenings, improvements, RAW and PIRA.
    kinds = {str(e.classification or e.type) for e in result.events}
    assert {"CDW", "CDI", "RAW", "PIRA"} <= kinds, kinds
    assert count <= READS_PER_VISIT * 10_000, f"{count:,} reads for 10,000 visits"


# Re-baselining after a relapse looks again at the visits of the 90 days after each
# relapse: that must not make any definition's cost grow faster than the visits.
@pytest.mark.parametrize("key", [k for k in DEFINITIONS if k != "standard"])
def test_every_definition_takes_a_bounded_number_of_reads_per_visit(reads, key):
    result, count = reads_for(10_000, reads, key)

    assert len(result.events) >= 5
    assert count <= READS_PER_VISIT * 10_000, f"{count:,} reads for 10,000 visits"


@pytest.mark.parametrize("key", DEFINITIONS)
def test_ten_times_the_visits_cost_about_ten_times_the_reads(reads, key):
    _, thousand = reads_for(1_000, reads, key)
    _, ten_thousand = reads_for(10_000, reads, key)

    assert 8 < ten_thousand / thousand < 12, (thousand, ten_thousand)
