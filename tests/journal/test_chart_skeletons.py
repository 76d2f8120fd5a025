"""Each chart's spec is built with Altair once per structure (range, names, counts)
and a request's rows go into a copy: a chart built from the cached skeleton is the
chart built afresh, valid Vega-Lite, and no request's rows or edits leak into the next.

No database: charts take plain data.
"""

import copy
from datetime import date, timedelta

import jsonschema
import pytest
from altair.vegalite.v6.schema import load_schema

from journal.charts import base, relapses, symptoms, therapies
from journal.dashboard_types import DateRange, RelapsePeriod, TherapyCourse

SPAN = DateRange(date(2024, 1, 1), date(2024, 12, 31))


def scores(level):
    return [(SPAN.start + timedelta(days=n), level) for n in range(-27, SPAN.days)]


def fresh(build):
    """The spec built with every skeleton forgotten."""
    for module in (symptoms, therapies):
        module._skeleton.cache_clear()
    return build()


def test_a_spec_from_the_skeleton_is_the_spec_built_afresh():
    def build():
        return symptoms.chart({"Fatigue": scores(4), "Walking": scores(6)}, SPAN)

    first = fresh(build)
    assert build() == first
    assert symptoms._skeleton.cache_info().hits >= 1
    jsonschema.Draft7Validator(load_schema()).validate(build())


def test_each_request_gets_its_own_rows_and_copy():
    low = symptoms.chart({"Fatigue": scores(2)}, SPAN)
    high = symptoms.chart({"Fatigue": scores(8)}, SPAN)
    assert low["datasets"] != high["datasets"]
    assert {k: v for k, v in low.items() if k != "datasets"} == {
        k: v for k, v in high.items() if k != "datasets"
    }
    low["title"]["text"] = "changed by a caller"
    low["layer"].clear()
    again = symptoms.chart({"Fatigue": scores(2)}, SPAN)
    assert again["title"]["text"] == "Symptoms"
    assert again["layer"]


def test_a_changed_structure_is_a_new_skeleton():
    one = TherapyCourse("Ocrelizumab", date(2024, 2, 1), None, 100.0, "dmt")
    two = TherapyCourse("Vitamin D", date(2024, 3, 1), None, None, "supplement")
    single = therapies.chart([one], SPAN)
    double = therapies.chart([one, two], SPAN)
    assert single["height"] < double["height"]
    assert "Vitamin D" in double["description"]
    assert [r["drug"] for r in double["datasets"]["therapies-courses"]] == [
        "Ocrelizumab",
        "Vitamin D",
    ]


def test_rows_must_match_the_skeletons_datasets():
    spec = copy.deepcopy(symptoms.chart({"Fatigue": scores(2)}, SPAN))
    other = base.Datasets("symptoms")
    other("means", [])
    with pytest.raises(ValueError, match="do not match"):
        base.with_rows(spec, other)


def test_the_description_is_each_requests_own():
    one = [RelapsePeriod(date(2024, 3, 1), date(2024, 3, 20))]
    two = [*one, RelapsePeriod(date(2024, 9, 1), date(2024, 9, 10))]
    relapses._skeleton.cache_clear()
    single, double = relapses.chart(one, SPAN), relapses.chart(two, SPAN)
    assert relapses._skeleton.cache_info().misses == 1  # one structure for both
    assert "1 relapse onset " in single["description"]
    assert "2 relapse onsets" in double["description"]
    assert len(double["datasets"]["relapses-bands"]) == 2
