"""GET /api/v1/adherence/: the figures a pharmacist would compute, per course and overall."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from tests.therapies.conftest import log_history
from tests.therapies.factories import CourseFactory, DoseLogFactory, catalogue
from therapies.models import DoseLog
from therapies.schedules import expand_days

pytestmark = pytest.mark.django_db

URL = "/api/v1/adherence/"
# 30 June 2024, 23:00 in Berlin: every June dose's window has closed.
END_OF_JUNE = datetime(2024, 6, 30, 21, 0, tzinfo=UTC)


def period(block, days):
    return next(
        p for p in block["periods" if "periods" in block else "overall"] if p["days"] == days
    )


@time_machine.travel(END_OF_JUNE, tick=False)
def test_twice_daily_51_of_60_in_window_is_85_percent(patient_api, patient):
    course = CourseFactory(
        user=patient, drug=catalogue("dimethyl-fumarate"), start=date(2024, 6, 1)
    )
    doses = expand_days(
        course.schedule, course.start, None, course.start, date(2024, 6, 30), patient.zone
    )
    assert len(doses) == 60
    # The first 9 doses (1 June 08:00 to 5 June 08:00) were not logged; the rest on time.
    DoseLog.objects.bulk_create(
        DoseLog(
            user=patient,
            course=course,
            scheduled_for=d,
            status="taken",
            taken_at=d + timedelta(minutes=20),
        )
        for d in doses[9:]
    )
    body = patient_api.get(URL).json()
    assert body["as_of"] == "2024-06-30"
    month = period(body["courses"][0], 30)
    assert (month["scheduled"], month["taken_in_window"], month["unlogged"]) == (60, 51, 9)
    assert month["percent"] == 85.0
    # PDC over the completed days 1-29 June: 49 doses taken × half a day = 24.5 of 29 days.
    assert (month["pdc_days_covered"], month["pdc_days"], month["pdc_percent"]) == (24.5, 29, 84.5)
    # The course started on 1 June: the 90- and 365-day figures ignore the days before.
    assert period(body["courses"][0], 365)["scheduled"] == 60
    assert period(body, 30)["percent"] == 85.0


@time_machine.travel(END_OF_JUNE, tick=False)
def test_a_switch_from_interferon_to_an_infusion(patient_api, patient):
    interferon = CourseFactory(
        user=patient,
        drug=catalogue("interferon-beta-1a-sc"),
        dose=44,
        dose_unit="mcg",
        start=date(2023, 1, 2),
        stop=date(2024, 3, 31),
        stop_reason="lack_of_efficacy",
    )
    log_history(interferon, date(2023, 7, 1), date(2024, 3, 31), every=2)
    ocrelizumab = CourseFactory(
        user=patient, drug=catalogue("ocrelizumab-iv"), dose=600, start=date(2024, 4, 2)
    )
    first, second = expand_days(
        ocrelizumab.schedule,
        ocrelizumab.start,
        None,
        ocrelizumab.start,
        date(2024, 6, 30),
        patient.zone,
    )
    DoseLogFactory(course=ocrelizumab, scheduled_for=first, taken_at=first)
    DoseLogFactory(
        course=ocrelizumab,
        scheduled_for=second,
        taken_at=second + timedelta(days=16),
        status="late",
    )

    body = patient_api.get(URL).json()
    by_drug = {c["drug"]: c for c in body["courses"]}
    infusion = by_drug["Ocrelizumab (intravenous)"]
    assert infusion["administration"] == "clinic"
    assert [(r["state"], r["days_overdue"]) for r in infusion["infusions"]] == [
        ("given", 0),
        ("given_late", 16),
        ("upcoming", 0),  # 2 October 2024, six months after the first half-dose
    ]
    assert period(infusion, 90)["percent"] == 50.0
    assert period(infusion, 90)["pdc_percent"] is None
    # The interferon stopped on 31 March: nothing in the last 30 or 90 days, half in the year.
    self_injected = by_drug["Interferon beta-1a (subcutaneous)"]
    assert period(self_injected, 30)["scheduled"] == 0
    assert period(self_injected, 30)["percent"] is None
    year = period(self_injected, 365)
    assert year["percent"] == pytest.approx(
        100 * year["taken_in_window"] / year["scheduled"], abs=0.05
    )
    assert 45 < year["percent"] < 55


@time_machine.travel(END_OF_JUNE, tick=False)
def test_one_course_only(patient_api, patient, bobs_course):
    course = CourseFactory(user=patient, start=date(2024, 6, 1))
    CourseFactory(user=patient, drug=catalogue("teriflunomide"), start=date(2024, 6, 1), dose=14)
    body = patient_api.get(f"{URL}?course={course.pk}").json()
    assert [c["course"] for c in body["courses"]] == [course.pk]
    response = patient_api.get(f"{URL}?course={bobs_course.pk}")
    assert response.status_code == 400
    assert "course" in response.json()
    assert patient_api.get(f"{URL}?course=abc").status_code == 400


@time_machine.travel(END_OF_JUNE, tick=False)
@pytest.mark.parametrize("history_days", [5, 500])
def test_query_count_does_not_grow_with_history(
    patient_api, patient, history_days, django_assert_max_num_queries
):
    course = CourseFactory(user=patient, start=date(2024, 6, 30) - timedelta(days=history_days))
    log_history(course, course.start, date(2024, 6, 30))  # 10 or 1,000 logs
    assert DoseLog.objects.count() == 2 * (history_days + 1)
    with django_assert_max_num_queries(4):
        assert patient_api.get(URL).status_code == 200
