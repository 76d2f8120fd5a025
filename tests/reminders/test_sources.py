"""What reminders read from the journal and therapies: nothing recorded means nothing done;
doses come from the patient's real courses, in their zone, in a fixed number of queries."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mstracker.reminders import sources
from tests.reminders.conftest import Therapies, utc
from therapies.models import DoseLog

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args):
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC)


def test_a_patient_with_nothing_recorded_has_nothing_done_and_no_doses(patient):
    day = date(2025, 6, 2)
    assert sources.checkin_done(patient, day) is False
    assert sources.vitamin_d_logged(patient, day) is False
    assert sources.recorded_since(patient, "pdds", day) is False
    assert sources.recorded_since(patient, "mood", day) is False
    start, end = datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 6, 8, tzinfo=UTC)
    assert sources.due_doses(patient, start, end) == []
    assert sources.next_dose_at(patient, start) is None
    assert sources.log_dose_taken(patient, "1@2025-06-02T06:00:00Z", start) == sources.NOT_FOUND
    summary = sources.weekly_summary(patient, date(2025, 6, 2), date(2025, 6, 8))
    assert (summary.checkins_done, summary.aerobic_minutes, summary.doses_due) == (0, 0, 0)
    assert summary.aerobic_goal_minutes == 90
    assert summary.days == 7


def test_every_reminder_leads_to_a_page_that_exists():
    assert sources.links() == {
        "checkin": "/journal/today/",
        "vitamin_d": "/journal/vitamin-d/",
        "pdds": "/journal/measures/",
        "mood": "/journal/questionnaires/",
        "doses": "/therapies/",
        "dashboard": "/journal/progression/",
        "labs": "/journal/labs/",
        "self_tests": "/journal/self-tests/",
    }


def test_a_dose_ref_round_trips():
    instant = datetime(2025, 3, 30, 1, 0, tzinfo=UTC)
    ref = sources.dose_ref(12, instant)
    assert ref == "12@2025-03-30T01:00:00Z"
    assert sources.parse_dose_ref(ref) == (12, instant)
    with pytest.raises(ValueError, match="does not match format"):
        sources.parse_dose_ref("12@yesterday")


# --- doses from real courses ------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last"),
    [(date(2025, 3, 29), date(2025, 3, 31)), (date(2025, 10, 25), date(2025, 10, 27))],
    ids=["spring-forward", "fall-back"],
)
def test_twice_daily_doses_stay_at_08_and_20_local_across_the_clock_change(
    patient, therapies, first, last
):
    course = therapies.course("dimethyl-fumarate", date(2025, 1, 1))  # 08:00 and 20:00
    start, end = (
        berlin(first.year, first.month, first.day),
        berlin(last.year, last.month, last.day, 23, 59),
    )
    doses = sources.due_doses(patient, start, end)
    local = [d.scheduled_for.astimezone(BERLIN) for d in doses]
    assert [(t.day, t.hour, t.minute) for t in local] == [
        (day, hour, 0) for day in range(first.day, last.day + 1) for hour in (8, 20)
    ]
    assert {d.course_id for d in doses} == {course.pk}
    utc_hours = [d.scheduled_for.hour for d in doses]
    # One hour earlier in UTC after the spring change, one hour later after the autumn one.
    assert utc_hours == ([7, 19, 6, 18, 6, 18] if first.month == 3 else [6, 18, 7, 19, 7, 19])
    dose = doses[0]
    assert (dose.drug, dose.route, dose.long_interval, dose.self_administered) == (
        "Dimethyl fumarate",
        "Oral",
        False,
        True,
    )


@pytest.mark.parametrize("courses", [1, 5])
def test_due_doses_reads_two_queries_however_many_courses(
    patient, therapies, courses, django_assert_num_queries
):
    drugs = ["dimethyl-fumarate", "ocrelizumab-iv", "dalfampridine", "natalizumab", "baclofen"]
    for drug in drugs[:courses]:
        therapies.course(drug, date(2025, 1, 1))
    logged = therapies.log(sources.due_doses(patient, berlin(2025, 6, 1), berlin(2025, 6, 2))[0])
    with django_assert_num_queries(2):  # the courses with their drugs, the logs
        doses = sources.due_doses(patient, berlin(2025, 6, 1), berlin(2025, 6, 8))
    assert [(d.course_id, d.scheduled_for) for d in doses if d.logged] == [
        (logged.course_id, logged.scheduled_for)
    ]
    with django_assert_num_queries(2):
        assert sources.next_dose_at(patient, berlin(2025, 6, 1)) == berlin(2025, 6, 1, 8)


def test_the_next_dose_is_found_without_expanding_a_year_of_pills(patient, therapies, monkeypatch):
    therapies.course("dimethyl-fumarate", date(2025, 1, 1))
    spans = []
    expand = sources.expand

    def measured(schedule, course_start, course_stop, range_start, range_end, tz):
        spans.append(range_end - range_start)
        return expand(schedule, course_start, course_stop, range_start, range_end, tz)

    monkeypatch.setattr(sources, "expand", measured)
    assert sources.next_dose_at(patient, berlin(2025, 6, 2, 8)) == berlin(2025, 6, 2, 20)
    assert max(spans) <= timedelta(days=2)


def test_the_next_dose_may_be_months_away_and_a_clinic_infusion_is_not_one(patient, therapies):
    therapies.course("ocrelizumab-iv", date(2025, 1, 10))  # clinic: 10 Jan, 24 Jan, 10 Jul …
    assert sources.next_dose_at(patient, berlin(2025, 2, 3)) is None
    # Cladribine tablets: weeks starting on days 0 and 28, then 365 and 393 (1 January 2026).
    therapies.course("cladribine", date(2025, 1, 1))
    assert sources.next_dose_at(patient, berlin(2025, 2, 3)) == berlin(2026, 1, 1, 8)
    therapies.course("ofatumumab", date(2025, 1, 6))  # self-injected: days 0, 7, 14, then monthly
    assert sources.next_dose_at(patient, berlin(2025, 2, 3)) == berlin(2025, 2, 6, 8)


@pytest.mark.parametrize(
    ("drug", "announced"),
    [
        ("ocrelizumab-iv", True),  # 6-monthly infusion
        ("natalizumab", True),  # 4-weekly infusion
        ("interferon-beta-1a-im", True),  # weekly injection
        ("ofatumumab", True),  # monthly injection
        ("glatiramer-40", False),  # three times a week
        ("interferon-beta-1b", False),  # every other day
        ("dimethyl-fumarate", False),  # twice-daily pill
        ("cladribine", False),  # tablets, however rare
    ],
)
def test_infusions_and_weekly_or_rarer_injections_are_announced_ahead(drug, announced):
    from tests.therapies.factories import catalogue

    found = catalogue(drug)
    assert sources.is_long_interval(found.parsed_schedule, found.route) is announced


def test_a_dose_is_logged_once_as_taken_or_late_and_only_on_the_patients_course(
    patient, other_patient, therapies
):
    dose = therapies.add(utc(2025, 6, 2, 6), window_hours=2)
    log = sources.log_dose_taken
    assert sources.dose_logged(patient, dose.ref) is False
    assert log(other_patient, dose.ref, utc(2025, 6, 2, 6, 5)) == sources.NOT_FOUND
    assert sources.dose_logged(other_patient, dose.ref) is False
    assert log(patient, f"{dose.course_id}@2025-06-02T07:00:00Z", utc(2025, 6, 2, 7)) == (
        sources.NOT_FOUND  # no dose of this course at 07:00 UTC
    )
    assert log(patient, "garbage", utc(2025, 6, 2, 6)) == sources.NOT_FOUND
    assert not DoseLog.objects.exists()

    assert log(patient, dose.ref, utc(2025, 6, 2, 9)) == sources.LOGGED_LATE  # three hours on
    assert log(patient, dose.ref, utc(2025, 6, 2, 9, 1)) == sources.ALREADY_LOGGED
    assert therapies.logs() == [(dose.course_id, dose.scheduled_for, "late")]
    assert sources.dose_logged(patient, dose.ref) is True

    on_time = therapies.add(utc(2025, 6, 3, 6), window_hours=2)
    assert log(patient, on_time.ref, utc(2025, 6, 3, 6, 30)) == sources.LOGGED
    assert DoseLog.objects.get(scheduled_for=on_time.scheduled_for).status == "taken"


def test_doses_of_another_patient_are_never_read(patient, other_patient):
    Therapies(other_patient).course("dimethyl-fumarate", date(2025, 1, 1))
    assert sources.due_doses(patient, berlin(2025, 6, 1), berlin(2025, 6, 8)) == []
    assert sources.next_dose_at(patient, berlin(2025, 6, 1)) is None
