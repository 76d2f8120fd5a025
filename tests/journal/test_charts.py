"""Dashboard charts for one patient's story: valid Vega-Lite, the marks and labels a
reader needs, SVG drawn offline by vl-convert, small specs for long ranges, and the
templates that show them with a table fallback.

No database: charts take plain data.
"""

import functools
import json
import pickle
import random
import re
from datetime import date, timedelta

import jsonschema
import pytest
from altair.vegalite.v6.schema import load_schema
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from journal.charts import (
    ChartFigure,
    DataTable,
    base,
    disability,
    exercise,
    mri,
    relapses,
    smoking,
    stack,
    symptoms,
    therapies,
    to_svg,
    vitamin_d,
)
from journal.charts.base import DAILY_LIMIT_DAYS
from journal.dashboard_types import (
    DateRange,
    ExerciseSession,
    RelapsePeriod,
    SmokingRecord,
    TherapyCourse,
    VitaminDLevel,
)
from journal.figures import aerobic_weeks
from journal.neda import Scan
from journal.progression import analyse_progression

# The story: followed since January 2019. A pseudo-relapse with flu in 2020; EDSS rose
# without a relapse late in 2020 (PIRA), then after a relapse in August 2021 (RAW), and
# improved in 2022 (CDI). Fumarate, then ocrelizumab; stopped smoking in June 2020.
START = date(2019, 1, 1)
SPAN = DateRange(START, date(2023, 6, 30))


def day(n: int) -> date:
    return START + timedelta(days=n)


RELAPSES = [
    RelapsePeriod(day(400), day(420), possible_pseudo_relapse=True),
    RelapsePeriod(day(960), day(1000)),
    RelapsePeriod(day(1600)),  # open: drawn for 30 days
]
TRUE_ONSETS = [r.onset for r in RELAPSES if not r.possible_pseudo_relapse]
EDSS = [(day(n), 2.0) for n in range(0, 700, 90)] + [
    (day(720), 3.0),
    (day(810), 3.0),
    (day(900), 3.0),
    (day(990), 4.5),
    (day(1080), 4.0),
    (day(1170), 4.0),
    (day(1300), 3.0),
    (day(1400), 3.0),
    (day(1500), 3.0),
]
EDSS_RESULT = analyse_progression("edss", EDSS, TRUE_ONSETS)
COURSES = [
    TherapyCourse("Dimethyl fumarate", date(2018, 5, 1), date(2021, 3, 1), 82.4),
    TherapyCourse("Ocrelizumab", date(2021, 4, 1), None, 100),
    TherapyCourse("Fampridine", date(2022, 1, 1), None, None, "symptomatic"),
]
SCANS = [
    Scan(date(2019, 3, 1), "unknown"),
    Scan(date(2019, 9, 1), "active"),
    Scan(date(2021, 2, 1), "quiet"),
    Scan(date(2022, 2, 1), "quiet"),
]
LEVELS = [
    VitaminDLevel(date(2019, 3, 1), 14),
    VitaminDLevel(date(2020, 3, 1), 28),
    VitaminDLevel(date(2021, 3, 1), 80, "nmol/L"),
    VitaminDLevel(date(2022, 9, 1), 45),
]
SMOKING = [
    SmokingRecord(date(2015, 1, 1), "current", cigarettes=10),
    SmokingRecord(date(2020, 6, 1), "former"),
    SmokingRecord(date(2021, 1, 1), "former"),
]
SESSIONS = [ExerciseSession(day(n), 30) for n in range(0, 1640, 2)]


def daily_scores(span: DateRange, base: float, seed: int) -> list[tuple[date, float]]:
    """A check-in on most days (85%), with 27 days of history before the range."""
    rng = random.Random(seed)
    scores, current = [], span.start - timedelta(days=27)
    while current <= span.end:
        if rng.random() < 0.85:
            scores.append((current, max(0, min(10, round(base + rng.gauss(0, 1.5))))))
        current += timedelta(days=1)
    return scores


@pytest.fixture(scope="module")
def vega_lite():
    """A validator for the Vega-Lite schema Altair writes."""
    return jsonschema.Draft7Validator(load_schema())


@functools.cache
def all_figures(span: DateRange = SPAN) -> dict[str, ChartFigure]:
    """Every chart of the story, built once per range (tests only read them)."""
    return {
        "relapses": relapses.figure(RELAPSES, span),
        "mri": mri.figure(SCANS, span),
        "edss": disability.figure("edss", EDSS, EDSS_RESULT, span),
        "symptoms": symptoms.figure(
            {"Fatigue": daily_scores(span, 5, 1), "Walking": daily_scores(span, 3, 2)}, span
        ),
        "therapies": therapies.figure(COURSES, span),
        "exercise": exercise.figure(aerobic_weeks(SESSIONS, span.start, span.end), span),
        "vitamin_d": vitamin_d.figure(LEVELS, span),
        "smoking": smoking.figure(SMOKING, span),
    }


def marks(spec: dict) -> list[str]:
    """Every mark type in a (possibly layered) spec."""
    found = []
    for layer in spec.get("layer", [spec]):
        mark = layer.get("mark")
        if mark:
            found.append(mark if isinstance(mark, str) else mark["type"])
    return found


def data_of(spec: dict, layer: int = 0) -> list[dict]:
    """The rows one layer draws (or the chart, when its layers share them)."""
    part = spec.get("layer", [spec])[layer]
    return spec["datasets"][part.get("data", spec.get("data"))["name"]]


# Every chart -------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(all_figures()))
def test_every_chart_is_valid_titled_described_and_on_the_shared_time_axis(name, vega_lite):
    spec = all_figures()[name].spec

    vega_lite.validate(spec)
    assert spec["title"]["text"]
    assert len(spec["description"]) > 40
    assert spec["width"] == "container"
    x_layers = [
        layer
        for layer in spec.get("layer", [spec])
        if "scale" in layer.get("encoding", {}).get("x", {})
    ]
    assert x_layers, "the chart has a time axis"
    domains = []
    for layer in x_layers:
        scale = layer["encoding"]["x"]["scale"]
        assert scale["type"] == "utc"
        # Layers with x2 leave the domain to the others (journal.charts.base.time_x).
        assert ("domain" in scale) != ("x2" in layer["encoding"])
        domains += [scale["domain"]] if "domain" in scale else []
    assert domains, "one layer at least fixes the shared domain"
    for domain in domains:
        assert domain == [
            {"year": 2019, "month": 1, "date": 1, "utc": True},
            {"year": 2023, "month": 7, "date": 1, "utc": True},
        ]


@pytest.mark.parametrize("name", list(all_figures()))
def test_every_chart_draws_offline_to_an_accessible_svg(name):
    figure = all_figures()[name]

    svg = to_svg(figure.spec)

    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert f"<title>{figure.spec['title']['text']}" in svg
    assert 'aria-label="' in svg
    assert 'width="720"' in svg


def test_the_palette_is_the_shared_one():
    config = all_figures()["edss"].spec["config"]

    assert config["range"]["category"] == base.PALETTE


# Relapses ------------------------------------------------------------------------------


def test_relapse_bands_run_onset_to_end_and_open_ones_for_30_days():
    rows = data_of(relapses.chart(RELAPSES, SPAN))

    assert rows == [
        {
            "date": "2020-02-05",
            "to": "2020-02-26",
            "kind": "Possible pseudo-relapse",
            "status": "ended",
            "aria": "Possible pseudo-relapse from 5 Feb 2020 to 25 Feb 2020",
        },
        {
            "date": "2021-08-18",
            "to": "2021-09-28",
            "kind": "Relapse",
            "status": "ended",
            "aria": "Relapse from 18 Aug 2021 to 27 Sep 2021",
        },
        {
            "date": "2023-05-20",
            "to": "2023-06-19",
            "kind": "Relapse",
            "status": "ongoing (drawn for 30 days)",
            "aria": "Relapse from 20 May 2023 (ongoing)",
        },
    ]


def test_pseudo_relapses_differ_by_row_dash_and_fill_with_a_legend():
    spec = relapses.chart(RELAPSES, SPAN)
    encoding = spec["layer"][0]["encoding"]

    assert encoding["strokeDash"]["scale"]["range"] == [[1, 0], [4, 3]]
    assert encoding["fill"]["scale"]["domain"] == ["Relapse", "Possible pseudo-relapse"]
    assert encoding["y"]["field"] == "kind"
    svg = to_svg(spec)
    assert "Possible pseudo-relapse" in svg
    assert "2 relapse onsets in 2 relapse episodes" in spec["description"]
    assert "and 1 possible pseudo-relapse" in spec["description"]


def test_relapses_outside_the_range_are_left_out():
    span = DateRange(date(2022, 1, 1), date(2022, 12, 31))

    figure = relapses.figure(RELAPSES, span)

    assert data_of(figure.spec) == []
    assert figure.is_empty
    assert "no relapse onsets and no possible pseudo-relapses" in figure.caption


# Disability -----------------------------------------------------------------------------


def test_each_confirmed_event_is_marked_with_shape_and_label():
    spec = disability.chart("edss", EDSS, EDSS_RESULT, SPAN)

    assert marks(spec) == ["line", "point", "point", "text", "text"]
    events = data_of(spec, 2)
    assert [(e["date"], e["label"]) for e in events] == [
        ("2020-12-21", "PIRA"),
        ("2021-09-17", "RAW"),
        ("2022-07-24", "CDI"),
    ]
    assert events[0]["aria"] == (
        "PIRA, worsening without a relapse: from 2 to 3 on 21 Dec 2020, confirmed 21 Mar 2021 at 3"
    )
    assert spec["layer"][2]["encoding"]["description"] == {"field": "aria", "type": "nominal"}
    shape = spec["layer"][2]["encoding"]["shape"]["scale"]
    assert shape["range"] == ["triangle-up", "diamond", "square", "triangle-down"]
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 10]
    assert (
        "1 worsening after a relapse (RAW), 1 worsening without a relapse (PIRA)"
        in (spec["description"])
    )


def test_disability_svg_shows_the_pira_and_raw_labels():
    svg = to_svg(disability.chart("edss", EDSS, EDSS_RESULT, SPAN))

    assert re.search(r">PIRA<", svg)
    assert re.search(r">RAW<", svg)
    assert re.search(r">CDI<", svg)


def test_an_unclassified_worsening_is_labelled_cdw():
    # A relapse 60 days after the onset: not RAW (after the onset), not PIRA (too close).
    history = [(day(0), 2.0), (day(100), 2.0), (day(200), 3.0), (day(300), 3.0)]
    result = analyse_progression("edss", history, [day(260)])

    spec = disability.chart("edss", history, result, SPAN)

    assert [e["label"] for e in data_of(spec, 2)] == ["CDW"]
    assert ">CDW<" in to_svg(spec)


def test_the_disability_table_names_the_event_at_its_onset():
    table = disability.table("edss", EDSS, EDSS_RESULT, SPAN)

    assert table.columns == ("Date", "Value", "Confirmed change starting here")
    notes = {row[0]: row[2] for row in table.rows if row[2]}
    assert notes == {
        "21 Dec 2020": "PIRA, worsening without a relapse: from 2, confirmed 21 Mar 2021 at 3",
        "17 Sep 2021": "RAW, worsening after a relapse: from 3, confirmed 16 Dec 2021 at 4",
        "24 Jul 2022": "CDI, improvement: from 4, confirmed 1 Nov 2022 at 3",
    }


def test_timed_tests_use_their_own_scale_and_title():
    walk = [(day(0), 6.0), (day(100), 6.1)]
    result = analyse_progression("t25fw", walk)

    figure = disability.figure("t25fw", walk, result, SPAN)

    assert figure.id == "chart-t25fw"
    assert figure.title == "Timed 25-foot walk"
    assert figure.spec["title"]["subtitle"] == "Seconds, higher is slower"
    assert figure.empty_message == "No Timed 25-foot walk results in this period."
    assert "domain" not in figure.spec["layer"][0]["encoding"]["y"]["scale"]


# Symptoms -------------------------------------------------------------------------------


def test_symptom_lines_are_the_rolling_means_of_each_day():
    span = DateRange(date(2024, 1, 1), date(2024, 1, 10))
    scores = [(date(2024, 1, 1), 2), (date(2024, 1, 3), 4), (date(2024, 1, 8), 6)]

    data = symptoms.lines({"Fatigue": scores}, span)

    assert data.step == "day"
    means = dict(data.points)
    assert means[date(2024, 1, 3)] == {("Fatigue", 7): 3.0, ("Fatigue", 28): 3.0}
    assert means[date(2024, 1, 8)] == {("Fatigue", 7): 5.0, ("Fatigue", 28): 4.0}


@pytest.mark.parametrize("days", [90, 365, 800, 3650])
def test_a_cached_symptom_prefix_draws_exactly_the_chart_drawn_without_it(days):
    """`lines_prefix` kept (pickled, as the cache keeps it) and handed back gives the
    spec and table a fresh computation gives, daily and weekly."""
    span = DateRange(date(2024, 12, 1) - timedelta(days=days), date(2024, 12, 1))
    series = {"Fatigue": daily_scores(span, 6, 1), "Walking": daily_scores(span, 2, 2)}
    prefix = pickle.loads(pickle.dumps(symptoms.lines_prefix(series, span)))

    fresh = symptoms.figure(series, span)
    kept = symptoms.figure(series, span, prefix=prefix)

    assert json.dumps(kept.spec) == json.dumps(fresh.spec)
    assert kept.table == fresh.table
    assert prefix.steps
    assert prefix.until == symptoms.prefix_end(span)


def test_the_symptom_prefix_reads_only_the_scores_before_its_end():
    span = DateRange(date(2015, 1, 1), date(2024, 12, 1))
    series = daily_scores(span, 5, 3)
    split = symptoms.prefix_end(span)
    later = [(d, 10 - v) if d >= split else (d, v) for d, v in series]

    assert symptoms.lines_prefix({"Fatigue": later}, span) == symptoms.lines_prefix(
        {"Fatigue": series}, span
    )
    # ... and a check-in of today changes only what comes after it.
    assert split <= span.end - timedelta(days=14)


def test_a_prefix_of_other_symptoms_or_another_range_is_not_used():
    span = DateRange(date(2024, 1, 1), date(2024, 12, 1))
    series = {"Fatigue": daily_scores(span, 6, 1)}
    other = symptoms.lines_prefix({"Walking": daily_scores(span, 2, 2)}, span)
    shorter = DateRange(date(2024, 6, 1), date(2024, 11, 20))
    elsewhere = symptoms.lines_prefix(series, shorter)

    fresh = symptoms.figure(series, span)
    assert symptoms.figure(series, span, prefix=other).table == fresh.table
    assert symptoms.figure(series, span, prefix=elsewhere).table == fresh.table


def test_symptom_chart_draws_both_windows_with_dash_width_and_names_at_the_end():
    span = DateRange(date(2024, 1, 1), date(2024, 3, 31))
    spec = symptoms.chart(
        {"Fatigue": daily_scores(span, 6, 1), "Walking": daily_scores(span, 2, 2)}, span
    )

    lines, halo, names = spec["layer"]
    assert lines["encoding"]["strokeDash"]["scale"]["domain"] == ["7-day mean", "28-day mean"]
    assert lines["encoding"]["strokeWidth"]["scale"]["range"] == [1.5, 3]
    assert spec["title"]["subtitle"][1] == "dashed: 7-day, solid: 28-day mean"
    assert {row["symptom"] for row in data_of(spec, 2)} == {"Fatigue", "Walking"}
    assert halo["mark"]["stroke"] == "white"
    svg = to_svg(spec)
    assert ">Fatigue<" in svg
    assert ">Walking<" in svg
    assert "solid: 28-day mean" in svg


def test_close_symptom_names_are_pushed_apart():
    span = DateRange(date(2024, 1, 1), date(2024, 1, 31))
    flat = [(date(2024, 1, d), 4) for d in range(1, 32)]

    names = data_of(symptoms.chart({"Pain": flat, "Mood": flat}, span), 2)

    heights = sorted(n["label_y"] for n in names)
    assert heights[1] - heights[0] >= 0.9


def test_long_ranges_are_drawn_weekly():
    span = DateRange(date(2020, 1, 1), date(2021, 12, 31))

    data = symptoms.lines({"Fatigue": daily_scores(span, 4, 3)}, span)

    assert span.days > DAILY_LIMIT_DAYS
    assert data.step == "week"
    assert all(d.weekday() == 0 for d, _ in data.points)
    assert len(data.points) == 105  # ISO weeks from Monday 30 Dec 2019 to 27 Dec 2021


def test_a_gap_without_check_ins_breaks_the_line():
    span = DateRange(date(2024, 1, 1), date(2024, 4, 30))
    scores = [(date(2024, 1, 1) + timedelta(days=n), 5) for n in range(90) if not 30 <= n < 70]

    rows = data_of(symptoms.chart({"Fatigue": scores}, span))

    gap = [r for r in rows if r["date"] == "2024-03-05"]
    assert gap == [{"date": "2024-03-05"}]  # no values: Vega-Lite breaks the path here


def test_ten_years_of_daily_check_ins_stay_under_60_kb():
    span = DateRange(date(2015, 7, 1), date(2025, 6, 30))
    series = {"Fatigue": daily_scores(span, 5, 1), "Walking": daily_scores(span, 3, 2)}

    spec = symptoms.chart(series, span)

    size = len(json.dumps(spec))
    assert size < 60_000, f"spec is {size} bytes"
    assert len(data_of(spec)) == 523  # one compact row per ISO week


def test_no_check_ins_give_an_empty_figure():
    figure = symptoms.figure({"Fatigue": []}, SPAN)

    assert figure.is_empty
    assert figure.empty_message == "No check-ins recorded in this period."


# Therapies, exercise, vitamin D, smoking ------------------------------------------------


def test_therapy_bars_carry_drug_and_adherence_labels():
    spec = therapies.chart(COURSES, SPAN)

    assert marks(spec) == ["bar", "text", "text"]
    rows = data_of(spec)
    assert [row["label"] for row in rows] == [
        "Dimethyl fumarate\n82% taken",
        "Ocrelizumab\n100% taken",
        "Fampridine\nadherence unknown",
    ]
    # A course begun before the range is labelled at the range's start; an ongoing one
    # runs to the range's end; one starting late in the range is labelled at its end.
    assert (rows[0]["label_at"], rows[0]["align"]) == ("2019-01-01", "left")
    assert rows[1]["to"] == "2023-07-01"
    assert (rows[2]["label_at"], rows[2]["align"]) == ("2023-07-01", "right")
    assert spec["height"] == 120
    svg = to_svg(spec)
    assert ">Ocrelizumab<" in svg
    assert ">100% taken<" in svg


def test_exercise_bars_per_week_against_a_labelled_goal_rule():
    weeks = aerobic_weeks(SESSIONS, SPAN.start, SPAN.end)

    spec = exercise.chart(weeks, SPAN)

    assert marks(spec) == ["rect", "rule", "text", "text", "point"]  # point: span_layer
    bars = data_of(spec)
    # Every other day from Tuesday 1 January 2019: the 1st, 3rd and 5th in the first week.
    assert bars[0] == {"w": "2018-12-31", "m": 90, "s": 3}
    assert data_of(spec, 1) == [{"minutes": 90, "label": "Goal 90 min in 3 sessions"}]
    assert "Goal 90 min in 3 sessions" in to_svg(spec)


def test_vitamin_d_levels_over_named_reference_bands():
    spec = vitamin_d.chart(LEVELS, SPAN)

    bands = data_of(spec, 0)
    assert [(b["band"], b["low"], b["high"]) for b in bands] == [
        ("Deficient", 0, 20),
        ("Insufficient", 20, 30),
        ("Sufficient", 30, 60),
    ]
    assert [row["value"] for row in data_of(spec, 2)] == [14, 28, 32.1, 45]
    svg = to_svg(spec)
    assert ">Insufficient<" in svg
    assert "latest 45 ng/mL on 1 Sep 2022, sufficient" in spec["description"]


def test_a_high_vitamin_d_level_raises_the_axis_to_show_the_high_band():
    spec = vitamin_d.chart([VitaminDLevel(date(2020, 1, 1), 120)], SPAN)

    assert [b["band"] for b in data_of(spec, 0)][-1] == "High"
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 138]


def test_smoking_periods_by_status_row_and_label():
    spec = smoking.chart(SMOKING, SPAN)

    assert data_of(spec) == [
        {
            "date": "2019-01-01",
            "to": "2020-06-01",
            "status": "Smoking",
            "label_at": "2019-01-01",
            "align": "left",
            "aria": "Smoking from 1 Jan 2019 to 31 May 2020",
        },
        {
            "date": "2020-06-01",
            "to": "2023-07-01",
            "status": "Stopped",
            "label_at": "2020-06-01",
            "align": "left",
            "aria": "Stopped from 1 Jun 2020 to 30 Jun 2023",
        },
    ]
    assert ">Stopped<" in to_svg(spec)


def test_mri_marks_each_scan_in_the_row_of_its_activity():
    figure = all_figures()["mri"]
    rows = figure.spec["datasets"]["mri-scans"]
    assert [(r["date"], r["activity"]) for r in rows] == [
        ("2019-03-01", "Not stated"),
        ("2019-09-01", "Active"),
        ("2021-02-01", "Quiet"),
        ("2022-02-01", "Quiet"),
    ]
    assert "1 active scan, 2 quiet scans and 1 scan whose report" in figure.caption
    assert figure.table.rows[1] == ("1 Sep 2019", "Active", "new or enhancing lesions")
    assert mri.figure([], SPAN).is_empty
    assert ">Active<" in to_svg(figure.spec)


# Stacking, size of the whole page -------------------------------------------------------


def test_stacked_charts_share_one_time_scale_and_validate(vega_lite):
    specs = [f.spec for f in all_figures().values()]

    combined = stack(specs, title="Progression summary")

    vega_lite.validate(combined)
    assert combined["resolve"]["scale"]["x"] == "shared"
    assert len(combined["vconcat"]) == 8
    assert len(combined["datasets"]) == sum(len(s["datasets"]) for s in specs)
    assert all(part["width"] == 720 for part in combined["vconcat"])
    svg = to_svg(combined)
    assert ">PIRA<" in svg
    assert "Progression summary" in svg


def test_two_disability_charts_stack_without_mixing_their_data(vega_lite):
    walk = [(day(0), 6.0), (day(100), 6.1)]
    specs = [
        disability.chart("edss", EDSS, EDSS_RESULT, SPAN),
        disability.chart("t25fw", walk, analyse_progression("t25fw", walk), SPAN),
    ]

    combined = stack(specs)

    vega_lite.validate(combined)
    assert combined["datasets"]["edss-values"][0]["aria"] == "EDSS 2 on 1 Jan 2019"
    assert [r["aria"] for r in combined["datasets"]["t25fw-values"]] == [
        "Timed 25-foot walk 6 on 1 Jan 2019",
        "Timed 25-foot walk 6.1 on 11 Apr 2019",
    ]
    assert [(r["date"], r["value"]) for r in combined["datasets"]["t25fw-values"]] == [
        ("2019-01-01", 6.0),
        ("2019-04-11", 6.1),
    ]


def test_stack_needs_charts():
    with pytest.raises(ValueError, match="at least one"):
        stack([])


def test_all_charts_of_a_ten_year_page_stay_small():
    span = DateRange(date(2015, 7, 1), date(2025, 6, 30))

    total = sum(len(json.dumps(f.spec)) for f in all_figures(span).values())

    assert total < 120_000, f"specs total {total} bytes"


# Templates ------------------------------------------------------------------------------


def test_the_chart_include_holds_spec_caption_and_an_open_table_fallback():
    figure = relapses.figure(RELAPSES, SPAN)

    html = render_to_string("journal/_chart.html", {"figure": figure})

    assert '<figure class="chart-figure mb-4" id="chart-relapses-figure">' in html
    assert 'data-vega-spec="chart-relapses-spec"' in html
    assert '<script id="chart-relapses-spec" type="application/json">' in html
    spec_json = re.search(r'application/json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(spec_json)["title"]["text"] == "Relapses"
    assert "<figcaption" in html
    assert "2 relapse onsets in 2 relapse episodes" in html
    assert '<details class="chart-data" data-chart-data open>' in html
    assert "<caption>Relapses in this period</caption>" in html
    assert '<th scope="col">Onset</th>' in html
    assert '<th scope="row">18 Aug 2021</th><td>27 Sep 2021</td><td>Relapse</td>' in html
    assert "<td>ongoing</td>" in html


def test_an_empty_chart_shows_its_message_and_no_spec():
    figure = relapses.figure([], SPAN)

    html = render_to_string("journal/_chart.html", {"figure": figure})

    assert "No relapses recorded in this period." in html
    assert "application/json" not in html
    assert "<table" not in html


def explainer(**context) -> str:
    html = render_to_string("journal/_progression_explainer.html", context)
    return re.sub(r"\s+", " ", html)


def test_the_explainer_counts_raw_and_pira_in_plain_words():
    none = explainer(raw_count=0, pira_count=0, arr=0.0, arr_years=2.0)
    one = explainer(raw_count=1, pira_count=1, arr=1.0, arr_years=1.0, measure_name="EDSS")
    many = explainer(raw_count=2, pira_count=3, arr=0.5, arr_years=4.24)

    assert "no lasting worsening after a relapse (RAW) and no lasting worsening without" in none
    assert "You recorded no relapse episodes in 2.0 years of records." in none
    assert "Your EDSS shows 1 lasting worsening after a relapse (RAW) and 1 lasting" in one
    assert "Your relapse rate was 1 relapse episode per year, over 1.0 year of records." in one
    assert "2 lasting worsenings after a relapse (RAW) and 3 lasting worsenings" in many
    assert (
        "Your relapse rate was 0.50 relapse episodes per year, over 4.2 years of records." in many
    )


def test_the_explainer_says_what_raw_and_pira_mean_and_that_it_is_not_a_diagnosis():
    html = explainer(raw_count=0, pira_count=1, arr=None)

    assert "no relapse rate can be worked out" in html
    assert "progression independent of relapse activity" in html
    assert "relapse-associated worsening" in html
    assert "This is not a diagnosis." in html
    assert 'aria-labelledby="progression-explainer-title"' in html


def test_the_explainer_warns_about_a_rate_over_a_short_time():
    html = explainer(raw_count=0, pira_count=0, arr=12.17, arr_years=0.1, arr_short=True)

    assert "12.17 relapse episodes per year" in html
    assert "read this rate with care" in html


def test_names_the_patient_typed_are_escaped_in_svg_spec_and_table():
    span = DateRange(date(2024, 1, 1), date(2024, 1, 31))
    name = '<script>alert("x")</script> & fog'
    figure = symptoms.figure({name: [(date(2024, 1, d), 3) for d in range(1, 32)]}, span)

    svg = to_svg(figure.spec)
    html = render_to_string("journal/_chart.html", {"figure": figure})

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "<script>alert" not in html
    assert "\\u003Cscript\\u003Ealert" in html  # json_script escapes the spec
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; fog, 7-day mean" in html


def test_table_cells_are_escaped_each_time_they_appear_and_markup_is_kept_only_when_safe():
    typed = '<img src=x onerror="alert(1)">'
    table = DataTable(
        caption="c",
        columns=("Date", "Note", "Score"),
        rows=(
            (typed, typed, "3.0"),
            ("1 Jan 2024", mark_safe("<em>kept</em>"), "<em>kept</em>"),
            ("2 Jan 2024", typed, 4),
        ),
    )

    html = str(table.body_html())

    escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert "<img" not in html
    assert html.count(escaped) == 3
    assert f'<tr><th scope="row">{escaped}</th><td>{escaped}</td><td>3.0</td></tr>' in html
    assert "<td><em>kept</em></td><td>&lt;em&gt;kept&lt;/em&gt;</td>" in html
    assert "<td>4</td>" in html


def test_table_rows_of_one_cell_have_no_data_cells():
    table = DataTable(caption="c", columns=("Date",), rows=(("1 Jan 2024",), ("a&b", "")))

    html = str(table.body_html())

    assert '<tr><th scope="row">1 Jan 2024</th></tr>' in html
    assert '<tr><th scope="row">a&amp;b</th><td></td></tr>' in html
