"""The dashboard's headline figures, each checked against numbers worked out by hand.

Pure functions over plain inputs: no database.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.dashboard_types import (
    DateRange,
    ExerciseSession,
    SmokingRecord,
    VitaminDLevel,
)
from journal.figures import (
    VitaminDBand,
    aerobic_summary,
    aerobic_weeks,
    annualised_relapse_rates,
    checkin_burden,
    disability_change,
    event_counts,
    follow_up_start,
    iso_week_start,
    latest_vitamin_d,
    quit_date,
    rolling_mean,
    rolling_means,
    smoke_free_streak,
    supplementation_days,
    symptom_burden_after_relapses,
    time_since_last_relapse,
    vitamin_d_band,
    weekly_means,
    weekly_means_of_days,
)
from journal.progression import (
    Classification,
    EventType,
    Outcome,
    ProgressionEvent,
    ProgressionResult,
    analyse_progression,
)

# Annualised relapse rate -----------------------------------------------------------


def test_no_relapses_in_a_full_year_is_a_rate_of_zero():
    rates = annualised_relapse_rates([], date(2023, 1, 1), date(2023, 12, 31))

    assert rates.overall.relapses == 0
    assert rates.overall.years == 1.0
    assert rates.overall.rate == 0
    assert [r.year for r in rates.per_year] == [2023]


def test_a_full_leap_year_is_one_year_of_follow_up():
    rates = annualised_relapse_rates([date(2024, 2, 29)], date(2024, 1, 1), date(2024, 12, 31))

    assert rates.overall.years == 1.0
    assert rates.overall.rate == 1.0


def test_half_a_leap_year_is_prorated_by_its_366_days():
    rates = annualised_relapse_rates(
        [date(2024, 2, 1), date(2024, 5, 20)], date(2024, 1, 1), date(2024, 6, 30)
    )

    # 1 January to 30 June 2024 is 31+29+31+30+31+30 = 182 days of 366.
    assert rates.overall.years == pytest.approx(182 / 366)
    assert rates.overall.rate == pytest.approx(2 / (182 / 366))  # 4.02 per year
    assert rates.overall.is_short is True


def test_two_years_from_mid_2022_split_into_three_calendar_years():
    onsets = [date(2022, 9, 10), date(2023, 3, 1), date(2023, 4, 15), date(2024, 2, 29)]

    rates = annualised_relapse_rates(onsets, date(2022, 7, 1), date(2024, 6, 30))

    y2022, y2023, y2024 = rates.per_year
    # 2022: 1 July to 31 December = 184 days of 365, one relapse.
    assert (y2022.year, y2022.relapses, y2022.first_day) == (2022, 1, date(2022, 7, 1))
    assert y2022.years == pytest.approx(184 / 365)
    assert y2022.rate == pytest.approx(365 / 184)  # 1.98
    assert (y2023.relapses, y2023.years, y2023.rate) == (2, 1.0, 2.0)
    # 2024: 182 days of 366, the relapse on 29 February.
    assert y2024.years == pytest.approx(182 / 366)
    assert y2024.last_day == date(2024, 6, 30)
    overall_years = 184 / 365 + 1 + 182 / 366
    assert rates.overall.relapses == 4
    assert rates.overall.years == pytest.approx(overall_years)
    assert rates.overall.rounded == 2.0  # 4 / 2.0014 = 1.9986
    assert rates.overall.is_short is False


def test_one_relapse_today_on_the_first_day_of_follow_up_is_flagged_short():
    today = date(2025, 3, 3)

    rates = annualised_relapse_rates([today], today, today)

    assert rates.overall.relapses == 1
    assert rates.overall.years == pytest.approx(1 / 365)
    assert rates.overall.rate == pytest.approx(365)
    assert rates.overall.is_short is True


def test_onsets_outside_follow_up_and_repeated_dates_are_counted_once_or_not_at_all():
    onsets = [date(2019, 12, 31), date(2020, 3, 1), date(2020, 3, 1), date(2021, 1, 1)]

    rates = annualised_relapse_rates(onsets, date(2020, 1, 1), date(2020, 12, 31))

    assert rates.overall.relapses == 1
    assert rates.overall.rate == 1.0


def test_follow_up_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="before it starts"):
        annualised_relapse_rates([], date(2024, 1, 2), date(2024, 1, 1))


def test_follow_up_starts_at_the_earlier_of_diagnosis_and_first_record_within_the_range():
    assert follow_up_start(date(2021, 5, 1), date(2018, 7, 1)) == date(2018, 7, 1)
    assert follow_up_start(date(2017, 2, 1), date(2018, 7, 1)) == date(2017, 2, 1)
    assert follow_up_start(date(2021, 5, 1), None) == date(2021, 5, 1)
    assert follow_up_start(date(2021, 5, 1), range_start=date(2024, 1, 1)) == date(2024, 1, 1)
    assert follow_up_start(date(2021, 5, 1), range_start=date(2020, 1, 1)) == date(2021, 5, 1)
    assert follow_up_start(None, None, date(2024, 1, 1)) is None


# Time since the last relapse -------------------------------------------------------


def test_no_relapse_has_no_time_since():
    assert time_since_last_relapse([], date(2025, 1, 1)) is None
    assert time_since_last_relapse([date(2025, 1, 2)], date(2025, 1, 1)) is None


def test_a_relapse_that_began_today_is_zero_days_ago():
    since = time_since_last_relapse([date(2020, 1, 1), date(2025, 6, 1)], date(2025, 6, 1))

    assert since.onset == date(2025, 6, 1)
    assert (since.days, since.years, since.months, since.remaining_days) == (0, 0, 0, 0)


def test_the_latest_past_onset_counts_in_calendar_years_and_months():
    since = time_since_last_relapse(
        [date(2022, 3, 14), date(2023, 1, 10), date(2030, 1, 1)], date(2024, 3, 25)
    )

    assert since.onset == date(2023, 1, 10)
    assert since.days == 440
    assert (since.years, since.months, since.remaining_days) == (1, 2, 15)


def test_a_month_from_31_january_is_reached_on_the_last_day_of_february():
    since = time_since_last_relapse([date(2023, 1, 31)], date(2023, 2, 28))

    assert (since.years, since.months, since.remaining_days) == (0, 1, 0)


def test_a_year_from_29_february_is_reached_on_28_february_of_a_common_year():
    on_anniversary = time_since_last_relapse([date(2020, 2, 29)], date(2021, 2, 28))
    day_before = time_since_last_relapse([date(2020, 2, 29)], date(2021, 2, 27))

    assert (on_anniversary.days, on_anniversary.years, on_anniversary.months) == (365, 1, 0)
    # 11 months reach 29 January 2021; 29 more days reach 27 February.
    assert (day_before.years, day_before.months, day_before.remaining_days) == (0, 11, 29)


# RAW, PIRA and disability change ---------------------------------------------------


def _event(kind, classification, baseline, onset_value, confirmed_value, year):
    return ProgressionEvent(
        type=kind,
        classification=classification,
        onset=date(year, 1, 1),
        value=onset_value,
        confirmed=date(year, 4, 1),
        confirmed_value=confirmed_value,
        baseline_date=date(year - 1, 1, 1),
        baseline_value=baseline,
    )


MIXED = ProgressionResult(
    Outcome.EDSS,
    events=(
        _event(EventType.CDW, Classification.PIRA, 2.0, 3.0, 3.0, 2020),
        # Onset on a bad day (4.5), confirmed at 4.0: the lasting step is +1.0.
        _event(EventType.CDW, Classification.RAW, 3.0, 4.5, 4.0, 2021),
        _event(EventType.CDW, None, 4.0, 4.5, 4.5, 2022),
        _event(EventType.CDI, None, 4.5, 3.5, 3.5, 2023),
        _event(EventType.CDW, Classification.PIRA, 3.5, 4.5, 5.0, 2024),
    ),
)


def test_events_are_counted_by_classification():
    counts = event_counts(MIXED)

    assert (counts.raw, counts.pira, counts.unclassified, counts.improvements) == (1, 2, 1, 1)
    assert counts.worsenings == 4


def test_disability_change_sums_confirmed_steps_by_classification():
    change = disability_change(MIXED)

    assert change.relapse_free == 2.5  # +1.0 and +1.5
    assert change.around_relapses == 1.0
    assert change.unclassified == 0.5
    assert change.improved == -1.0
    assert change.net == 3.0  # from the first baseline 2.0 to the last confirmation 5.0


def test_no_events_means_no_counts_and_no_change():
    empty = ProgressionResult(Outcome.PDDS)

    assert event_counts(empty).worsenings == 0
    assert disability_change(empty).net == 0


def test_a_pira_found_by_the_engine_counts_as_relapse_free_worsening():
    start = date(2020, 1, 1)
    quarterly = [(start + timedelta(days=n), 2.0) for n in range(0, 800, 90)]
    later = [(start + timedelta(days=800), 3.0), (start + timedelta(days=884), 3.0)]

    result = analyse_progression("edss", quarterly + later, [start + timedelta(days=60)])

    assert event_counts(result).pira == 1
    assert disability_change(result).relapse_free == 1.0
    assert disability_change(result).around_relapses == 0


# Symptom burden --------------------------------------------------------------------


def test_checkin_burden_is_the_mean_of_the_scored_symptoms():
    assert checkin_burden([3, 5, None, 7]) == 5.0
    assert checkin_burden([None]) is None
    assert checkin_burden([]) is None


def test_burden_in_the_30_days_from_onset_against_relapse_free_days():
    checkins = [
        (date(2024, 3, 9), 5.0),  # the day before: relapse-free
        (date(2024, 3, 10), 8.0),  # onset day: day 1 of 30
        (date(2024, 4, 8), 6.0),  # day 30
        (date(2024, 4, 9), 2.0),  # day 31: relapse-free again
    ]

    burden = symptom_burden_after_relapses(checkins, [date(2024, 3, 10)])

    assert (burden.after_relapse, burden.after_relapse_days) == (7.0, 2)
    assert (burden.relapse_free, burden.relapse_free_days) == (3.5, 2)


def test_overlapping_windows_of_linked_onsets_count_a_day_once():
    checkins = [(date(2024, 3, 30), 9.0), (date(2024, 6, 1), 1.0)]

    burden = symptom_burden_after_relapses(checkins, [date(2024, 3, 10), date(2024, 3, 25)])

    assert (burden.after_relapse, burden.after_relapse_days) == (9.0, 1)
    assert (burden.relapse_free, burden.relapse_free_days) == (1.0, 1)


def test_an_onset_before_the_range_still_marks_the_first_days_of_the_range():
    burden = symptom_burden_after_relapses([(date(2024, 1, 5), 7.0)], [date(2023, 12, 20)])

    assert burden.after_relapse == 7.0
    assert burden.relapse_free is None


def test_burden_without_relapses_or_checkins():
    no_relapse = symptom_burden_after_relapses([(date(2024, 1, 1), 4.0)], [])
    nothing = symptom_burden_after_relapses([], [date(2024, 1, 1)])

    assert (no_relapse.after_relapse, no_relapse.relapse_free) == (None, 4.0)
    assert nothing == type(nothing)(None, 0, None, 0)


# Rolling means and weekly downsampling ---------------------------------------------


def jan(day: int) -> date:
    return date(2024, 1, 1) + timedelta(days=day - 1)


def test_rolling_7_day_mean_uses_the_days_available_and_none_when_empty():
    series = [(jan(1), 2.0), (jan(3), 4.0), (jan(8), 6.0)]

    means = dict(rolling_mean(series, 7, jan(1), jan(15)))

    assert means[jan(1)] == 2.0
    assert means[jan(2)] == 2.0
    assert means[jan(3)] == 3.0
    assert means[jan(7)] == 3.0  # 1 to 7 January: 2 and 4
    assert means[jan(8)] == 5.0  # 2 to 8 January: 4 and 6
    assert means[jan(10)] == 6.0  # 4 to 10 January: 6 only
    assert means[jan(14)] == 6.0
    assert means[jan(15)] is None  # 9 to 15 January: nothing recorded
    assert len(means) == 15


def test_rolling_mean_uses_history_before_the_range():
    series = [(date(2023, 12, 28), 10.0), (jan(1), 2.0)]

    assert rolling_mean(series, 7, jan(1), jan(1)) == [(jan(1), 6.0)]
    assert rolling_mean(series, 28, jan(1), jan(1)) == [(jan(1), 6.0)]


def test_rolling_mean_of_an_empty_series():
    assert rolling_mean([], 7) == []
    assert rolling_mean([], 7, jan(1), jan(2)) == [(jan(1), None), (jan(2), None)]


def test_rolling_mean_spans_the_series_by_default_and_refuses_a_zero_window():
    means = rolling_mean([(jan(5), 1.0), (jan(2), 3.0)], 28)

    assert [d for d, _ in means] == [jan(2), jan(3), jan(4), jan(5)]
    assert means[-1] == (jan(5), 2.0)
    with pytest.raises(ValueError, match="at least 1"):
        rolling_mean([], 0)


@given(
    st.dictionaries(
        st.integers(min_value=0, max_value=60),
        st.integers(min_value=0, max_value=10),
        max_size=40,
    ),
    st.integers(min_value=1, max_value=30),
)
def test_rolling_mean_matches_the_mean_of_each_window(values, window):
    series = [(jan(1) + timedelta(days=n), float(v)) for n, v in values.items()]
    start, end = jan(11), jan(50)

    for day, mean in rolling_mean(series, window, start, end):
        inside = [v for d, v in series if 0 <= (day - d).days < window]
        if inside:
            assert mean == pytest.approx(sum(inside) / len(inside))
        else:
            assert mean is None


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=80), st.none() | st.floats(0, 10)),
        max_size=60,
    ),
    st.sets(st.integers(min_value=1, max_value=30), min_size=1, max_size=3),
)
def test_rolling_means_of_several_windows_are_each_windows_rolling_mean(values, windows):
    """The dashboard's fast path gives exactly (not approximately) `rolling_mean`'s
    floats, later duplicates and Nones included."""
    series = [(jan(1) + timedelta(days=n), v) for n, v in values]
    start, end = jan(21), jan(70)

    means = rolling_means(series, windows, start, end)

    assert set(means) == windows
    for window in windows:
        assert list(zip(dates_between(start, end), means[window], strict=True)) == (
            rolling_mean(series, window, start, end)
        )


@given(
    st.lists(st.none() | st.floats(0, 10), max_size=60),
    st.integers(min_value=0, max_value=600),
)
def test_weekly_means_of_days_from_a_monday_are_weekly_means(days, weeks_later):
    monday = date(2024, 1, 1) + timedelta(weeks=weeks_later)  # 1 January 2024 is a Monday
    series = [(monday + timedelta(days=n), v) for n, v in enumerate(days)]

    weeks = weekly_means_of_days(days)

    assert len(weeks) == -(-len(days) // 7)
    assert [(monday + timedelta(weeks=i), m) for i, m in enumerate(weeks) if m is not None] == [
        (w.week_start, w.mean) for w in weekly_means(series)
    ]


def dates_between(start, end):
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def test_weekly_means_follow_iso_weeks_across_the_new_year():
    series = [
        (date(2024, 12, 29), 4.0),  # Sunday: ISO week 52 of 2024
        (date(2024, 12, 30), 2.0),  # Monday: ISO week 1 of 2025
        (date(2025, 1, 1), None),
        (date(2025, 1, 5), 6.0),  # Sunday: still week 1
        (date(2025, 1, 13), None),  # a week with no value is left out
    ]

    weeks = weekly_means(series)

    assert [(w.week_start, w.mean, w.days) for w in weeks] == [
        (date(2024, 12, 23), 4.0, 1),
        (date(2024, 12, 30), 4.0, 2),
    ]
    assert weeks[1].iso_week == (2025, 1)
    assert weekly_means([]) == []


def test_iso_week_starts_on_monday():
    assert iso_week_start(date(2024, 2, 29)) == date(2024, 2, 26)
    assert iso_week_start(date(2024, 2, 26)) == date(2024, 2, 26)
    assert iso_week_start(date(2024, 3, 3)) == date(2024, 2, 26)


# Exercise --------------------------------------------------------------------------


def test_aerobic_summary_over_the_12_completed_weeks_with_the_current_week_apart():
    today = date(2024, 5, 15)  # a Wednesday; the week began on Monday 13 May
    sessions = [
        ExerciseSession(date(2024, 5, 6), 30),
        ExerciseSession(date(2024, 5, 8), 30),
        ExerciseSession(date(2024, 5, 12), 30),  # Sunday: same week, goal met
        ExerciseSession(date(2024, 5, 12), 45, "strength"),  # not aerobic
        ExerciseSession(date(2024, 4, 30), 100),  # minutes enough, one session only
        ExerciseSession(date(2024, 2, 18), 60),  # Sunday before the 12 weeks
        ExerciseSession(date(2024, 5, 13), 40),  # this week
    ]

    summary = aerobic_summary(sessions, today)

    assert len(summary.weeks) == 12
    assert summary.weeks[0].week_start == date(2024, 2, 19)
    assert summary.weeks[-1].week_start == date(2024, 5, 6)
    last, before = summary.weeks[-1], summary.weeks[-2]
    assert (last.minutes, last.sessions, last.goal_met) == (90, 3, True)
    assert (before.minutes, before.sessions, before.goal_met) == (100, 1, False)
    assert summary.weeks_goal_met == 1
    assert summary.mean_minutes == pytest.approx(190 / 12)
    assert (summary.current_week.week_start, summary.current_week.minutes) == (
        date(2024, 5, 13),
        40,
    )


def test_aerobic_weeks_fill_empty_weeks_with_zero_and_take_a_custom_goal():
    weeks = aerobic_weeks(
        [ExerciseSession(date(2025, 1, 2), 20)],
        date(2024, 12, 25),
        date(2025, 1, 8),
        goal_minutes=20,
        goal_sessions=1,
    )

    assert [(w.week_start, w.minutes, w.goal_met) for w in weeks] == [
        (date(2024, 12, 23), 0, False),
        (date(2024, 12, 30), 20, True),
        (date(2025, 1, 6), 0, False),
    ]


def test_aerobic_summary_without_any_exercise():
    summary = aerobic_summary([], date(2024, 1, 1))

    assert summary.mean_minutes == 0
    assert summary.weeks_goal_met == 0


# Smoking ---------------------------------------------------------------------------


def test_quit_date_is_the_first_former_record_after_the_last_current_one():
    records = [
        SmokingRecord(date(2023, 3, 1), "former"),
        SmokingRecord(date(2020, 1, 1), "current", cigarettes=10),
        SmokingRecord(date(2023, 6, 1), "former"),
    ]

    assert quit_date(records) == date(2023, 3, 1)


def test_a_given_quit_date_wins_and_unknown_or_current_smoking_has_none():
    assert quit_date([SmokingRecord(date(2024, 1, 1), "former", date(2019, 5, 1))]) == date(
        2019, 5, 1
    )
    assert quit_date([SmokingRecord(date(2024, 1, 1), "former")]) is None
    assert quit_date([SmokingRecord(date(2024, 1, 1), "never")]) is None
    assert quit_date([]) is None
    assert (
        quit_date(
            [
                SmokingRecord(date(2020, 1, 1), "current"),
                SmokingRecord(date(2021, 1, 1), "former"),
                SmokingRecord(date(2022, 1, 1), "current"),
            ]
        )
        is None
    )


def test_smoke_free_streak_counts_days_from_the_quit_date():
    assert smoke_free_streak(date(2025, 1, 1), date(2025, 1, 1)) == 0
    assert smoke_free_streak(date(2024, 2, 29), date(2025, 2, 28)) == 365
    assert smoke_free_streak(date(2024, 1, 1), date(2025, 1, 1)) == 366  # leap year
    assert smoke_free_streak(date(2025, 1, 2), date(2025, 1, 1)) is None
    assert smoke_free_streak(None, date(2025, 1, 1)) is None


# Vitamin D -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ng_ml", "band"),
    [
        (0, VitaminDBand.DEFICIENT),
        (19.9, VitaminDBand.DEFICIENT),
        (20, VitaminDBand.INSUFFICIENT),
        (29.9, VitaminDBand.INSUFFICIENT),
        (30, VitaminDBand.SUFFICIENT),
        (100, VitaminDBand.SUFFICIENT),
        (100.1, VitaminDBand.HIGH),
    ],
)
def test_vitamin_d_bands_of_the_endocrine_society_2011(ng_ml, band):
    assert vitamin_d_band(ng_ml) is band


def test_a_negative_vitamin_d_level_is_refused():
    with pytest.raises(ValueError, match=">= 0"):
        vitamin_d_band(-1)


def test_latest_vitamin_d_converts_nmol_per_litre():
    levels = [
        VitaminDLevel(date(2024, 1, 10), 18, "ng/mL"),
        VitaminDLevel(date(2024, 6, 1), 74.8, "nmol/L"),  # 29.97 ng/mL
        VitaminDLevel(date(2024, 3, 1), 40, "ng/mL"),
    ]

    latest = latest_vitamin_d(levels)

    assert latest.date == date(2024, 6, 1)
    assert latest.ng_ml == pytest.approx(29.97, abs=0.01)
    assert latest.band is VitaminDBand.INSUFFICIENT
    assert latest.nmol_l == pytest.approx(74.8)
    assert latest_vitamin_d([VitaminDLevel(date(2024, 1, 1), 75, "nmol/L")]).band is (
        VitaminDBand.SUFFICIENT
    )
    assert latest_vitamin_d([]) is None


def test_of_two_levels_on_one_day_the_later_entered_wins():
    latest = latest_vitamin_d(
        [VitaminDLevel(date(2024, 1, 1), 15), VitaminDLevel(date(2024, 1, 1), 35)]
    )

    assert latest.ng_ml == 35


def test_supplementation_days_in_the_last_30_days_count_each_day_once():
    today = date(2024, 3, 31)
    doses = [
        date(2024, 3, 1),  # 31 days ago: outside
        date(2024, 3, 2),  # first day of the 30
        date(2024, 3, 15),
        date(2024, 3, 15),  # two doses, one day
        today,
        date(2024, 4, 1),  # tomorrow
    ]

    assert supplementation_days(doses, today) == 3
    assert supplementation_days([], today) == 0


# The date range --------------------------------------------------------------------


def test_date_range_counts_both_ends_and_refuses_to_run_backwards():
    leap = DateRange(date(2024, 1, 1), date(2024, 12, 31))

    assert leap.days == 366
    assert date(2024, 2, 29) in leap
    assert date(2025, 1, 1) not in leap
    assert leap.overlaps(date(2023, 12, 1), date(2024, 1, 1))
    assert not leap.overlaps(date(2025, 1, 1), date(2025, 2, 1))
    # 1 February to 1 March 2024: the 29 days of February and 1 March.
    assert DateRange.ending(date(2024, 3, 1), 30).start == date(2024, 2, 1)
    with pytest.raises(ValueError, match="before it starts"):
        DateRange(date(2024, 1, 2), date(2024, 1, 1))


@given(
    st.lists(st.dates(date(2020, 1, 1), date(2020, 12, 31)), unique=True),
    st.dates(date(2019, 12, 1), date(2021, 1, 31)),
    st.integers(0, 400),
)
def test_the_headline_reads_exactly_the_days_of_a_series_inside_the_range(days, start, length):
    from journal.headline import _within

    series = tuple((day, float(day.day)) for day in sorted(days))
    span = DateRange(start, start + timedelta(days=length))

    assert _within(series, span) == tuple((d, v) for d, v in series if d in span)
