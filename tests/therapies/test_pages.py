"""Therapies pages in the browser (Django test client): what a patient sees and does."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.factories import sign_in
from tests.therapies.conftest import NOW, TODAY, log_history
from tests.therapies.factories import (
    CourseFactory,
    CustomDrugFactory,
    DoseLogFactory,
    SideEffectFactory,
    catalogue,
)
from therapies.models import Course, DoseLog, SideEffect

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

OVERVIEW = reverse("therapies:overview")
MORNING = "2024-06-15T08:00:00+02:00"


def page_urls(course, effect):
    return [
        OVERVIEW,
        reverse("therapies:catalogue"),
        reverse("therapies:drug_create"),
        reverse("therapies:courses"),
        reverse("therapies:course_start"),
        reverse("therapies:course_edit", args=[course.pk]),
        reverse("therapies:course_stop", args=[course.pk]),
        reverse("therapies:course_switch", args=[course.pk]),
        reverse("therapies:calendar"),
        reverse("therapies:side_effects"),
    ]


def test_every_page_renders_for_the_owner(patient_client, fumarate_course):
    effect = SideEffectFactory(course=fumarate_course)
    for url in page_urls(fumarate_course, effect):
        assert patient_client.get(url).status_code == 200, url


def test_clinicians_get_403_and_visitors_go_to_login(client, clinician, fumarate_course):
    urls = page_urls(fumarate_course, None)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]
    sign_in(client, clinician)
    for url in urls:
        assert client.get(url).status_code in (403, 404), url
    assert client.post(reverse("therapies:dose_log"), {}).status_code == 403


def test_another_patients_rows_are_404(client, other_patient, fumarate_course):
    client.force_login(other_patient)
    log = DoseLogFactory(course=fumarate_course, scheduled_for=NOW - timedelta(hours=6))
    effect = SideEffectFactory(course=fumarate_course)
    for name in ("course_edit", "course_stop", "course_switch"):
        assert (
            client.get(reverse(f"therapies:{name}", args=[fumarate_course.pk])).status_code == 404
        )
    assert client.post(reverse("therapies:dose_undo", args=[log.pk])).status_code == 404
    assert client.post(reverse("therapies:side_effect_delete", args=[effect.pk])).status_code == 404
    response = client.post(
        reverse("therapies:dose_log"),
        {"course": fumarate_course.pk, "scheduled_for": MORNING, "status": "taken"},
    )
    assert response.status_code == 404
    assert DoseLog.objects.count() == 1
    assert SideEffect.objects.count() == 1


def test_the_catalogue_is_searchable(patient_client, other_patient):
    CustomDrugFactory(owner=other_patient, name="Bob's secret")
    page = patient_client.get(reverse("therapies:catalogue"), {"q": "ocrevus"}).content.decode()
    assert "Ocrelizumab (intravenous)" in page
    assert "Fingolimod" not in page
    page = patient_client.get(reverse("therapies:catalogue"), {"q": "secret"}).content.decode()
    assert "Bob&#x27;s secret" not in page
    assert "No drug matches" in page
    page = patient_client.get(reverse("therapies:catalogue"), {"category": "investigational"})
    assert "Clemastine" in page.content.decode()


def test_starting_a_course_from_the_catalogue(patient_client, patient):
    drug = catalogue("ofatumumab")
    url = reverse("therapies:course_start")
    form = patient_client.get(url, {"drug": drug.pk}).context["form"]
    assert form.initial["drug"] == drug
    assert form.initial["start"] == date(2024, 6, 15)
    response = patient_client.post(
        url, {"drug": drug.pk, "start": "2024-06-10", "dose": "20", "dose_unit": "mg"}
    )
    assert response.status_code == 302
    course = Course.objects.get(user=patient)
    assert course.schedule_override is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"dose": "-1"}, "dose", "Enter a dose above zero."),
        ({"drug": "999999"}, "drug", "Select a valid choice"),
        ({"schedule_kind": "weekdays"}, "weekdays", "Choose at least one weekday."),
        ({"schedule_kind": "daily", "times": "8 o'clock"}, "times", "is not a time"),
    ],
)
def test_bad_course_input_is_explained_next_to_the_field(patient_client, data, field, message):
    body = {
        "drug": catalogue("teriflunomide").pk,
        "start": "2024-06-10",
        "dose": "14",
        "dose_unit": "mg",
        **data,
    }
    response = patient_client.post(reverse("therapies:course_start"), body)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode() or field == "weekdays"
    assert not Course.objects.exists()


def test_a_schedule_override_from_the_form(patient_client, patient):
    body = {
        "drug": catalogue("glatiramer-40").pk,
        "start": "2024-06-10",
        "dose": "40",
        "dose_unit": "mg",
        "schedule_kind": "weekdays",
        "weekdays": ["tue", "thu", "sat"],
        "times": "21:00",
    }
    assert patient_client.post(reverse("therapies:course_start"), body).status_code == 302
    assert Course.objects.get().schedule.describe() == "3× weekly (Tue, Thu and Sat) at 21:00"


def test_stopping_before_the_start_is_refused(patient_client, fumarate_course):
    url = reverse("therapies:course_stop", args=[fumarate_course.pk])
    response = patient_client.post(url, {"stop": "2023-12-01", "stop_reason": "cost"})
    assert "cannot be before the first day" in str(response.context["form"].errors["stop"])
    response = patient_client.post(url, {"stop": "2024-06-14", "stop_reason": "pregnancy_planning"})
    assert response.status_code == 302
    fumarate_course.refresh_from_db()
    assert fumarate_course.stop == date(2024, 6, 14)


def test_switching_stops_the_old_course_the_day_before(patient_client, patient, fumarate_course):
    url = reverse("therapies:course_switch", args=[fumarate_course.pk])
    drug = catalogue("ocrelizumab-iv")
    response = patient_client.post(
        url,
        {
            "drug": drug.pk,
            "start": "2023-06-01",
            "dose": "600",
            "dose_unit": "mg",
            "stop_reason": "lack_of_efficacy",
        },
    )
    assert "must start after" in str(response.context["form"].errors["start"])
    response = patient_client.post(
        url,
        {
            "drug": drug.pk,
            "start": "2024-06-15",
            "dose": "600",
            "dose_unit": "mg",
            "stop_reason": "lack_of_efficacy",
        },
    )
    assert response.status_code == 302
    fumarate_course.refresh_from_db()
    assert (fumarate_course.stop, fumarate_course.stop_reason) == (
        date(2024, 6, 14),
        "lack_of_efficacy",
    )
    assert Course.objects.get(drug=drug).start == date(2024, 6, 15)


def test_one_tap_taken_from_the_card_and_a_double_tap_logs_once(patient_client, fumarate_course):
    page = patient_client.get(OVERVIEW).content.decode()
    assert 'value="2024-06-15T08:00:00+02:00"' in page  # this morning's dose has buttons
    assert "You can log it from 18:00" in page  # the evening dose opens with its window
    tap = {
        "course": fumarate_course.pk,
        "scheduled_for": MORNING,
        "status": "taken",
        "next": OVERVIEW,
    }
    first = patient_client.post(reverse("therapies:dose_log"), tap)
    second = patient_client.post(reverse("therapies:dose_log"), tap)
    assert first["Location"] == second["Location"] == OVERVIEW
    log = DoseLog.objects.get()
    assert (log.status, log.taken_at) == ("late", NOW)  # 14:00 is after the ±2 h window


def test_htmx_swaps_the_card_in_place(patient_client, fumarate_course):
    response = patient_client.post(
        reverse("therapies:dose_log"),
        {"course": fumarate_course.pk, "scheduled_for": MORNING, "status": "missed", "next": "/"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<section id="today-doses"')
    assert "Missed</span>" in html
    assert "<html" not in html
    undo = patient_client.post(
        reverse("therapies:dose_undo", args=[DoseLog.objects.get().pk]),
        {"next": "/"},
        HTTP_HX_REQUEST="true",
    )
    assert 'name="status" value="taken"' in undo.content.decode()
    assert not DoseLog.objects.exists()


def test_a_dose_not_due_yet_is_explained(patient_client, fumarate_course):
    response = patient_client.post(
        reverse("therapies:dose_log"),
        {
            "course": fumarate_course.pk,
            "scheduled_for": "2024-06-15T20:00:00+02:00",
            "status": "taken",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "This dose is not due yet." in response.content.decode()
    assert not DoseLog.objects.exists()


def test_the_calendar_shows_expected_against_logged_and_logs_afterwards(
    patient_client, fumarate_course
):
    DoseLogFactory(course=fumarate_course, scheduled_for=NOW.replace(day=14, hour=6))
    DoseLogFactory(
        course=fumarate_course,
        scheduled_for=NOW.replace(day=14, hour=18),
        status="missed",
        taken_at=None,
    )
    response = patient_client.get(reverse("therapies:calendar"), {"month": "2024-06"})
    summary = response.context["summary"]
    # 1-15 June: 29 due so far (15 June 20:00 is upcoming), 1 taken, 1 missed, the rest unlogged.
    assert summary == {"expected": 29, "taken": 1, "late": 0, "missed": 1, "unlogged": 27}
    assert "29 doses due so far this month" in response.content.decode()
    # Logging 13 June's evening dose afterwards, taken at 23:30 local: late.
    response = patient_client.post(
        reverse("therapies:dose_log"),
        {
            "course": fumarate_course.pk,
            "scheduled_for": "2024-06-13T20:00:00+02:00",
            "status": "taken",
            "taken_at": "2024-06-13T23:30",
            "next": "/therapies/calendar/",
        },
    )
    assert response.status_code == 302
    log = DoseLog.objects.get(scheduled_for=NOW.replace(day=13, hour=18))
    assert (log.status, log.taken_at) == ("late", NOW.replace(day=13, hour=21, minute=30))


def test_the_calendar_says_1_dose_not_1_doses(patient_client, fumarate_course):
    fumarate_course.start = TODAY  # 08:00 today is due, 20:00 still upcoming
    fumarate_course.save()
    response = patient_client.get(reverse("therapies:calendar"), {"month": "2024-06"})
    assert response.context["summary"]["expected"] == 1
    assert "1 dose due so far this month" in response.content.decode()


def test_noting_a_side_effect(patient_client, fumarate_course):
    url = reverse("therapies:side_effects")
    response = patient_client.post(
        url,
        {
            "course": fumarate_course.pk,
            "date": "2024-06-16",
            "effect": "Flushing",
            "severity": "mild",
        },
    )
    assert "cannot be in the future" in str(response.context["form"].errors["date"])
    response = patient_client.post(
        url,
        {
            "course": fumarate_course.pk,
            "date": "2024-06-12",
            "effect": "Flushing",
            "severity": "moderate",
        },
    )
    assert response.status_code == 302
    assert "Flushing" in patient_client.get(url).content.decode()


def test_adding_a_custom_drug(patient_client, patient):
    url = reverse("therapies:drug_create")
    data = {
        "name": "Metformin (trial)",
        "category": "investigational",
        "drug_class": "other",
        "route": "oral",
        "schedule_kind": "daily",
        "times": "08:00, 25:00",
    }
    response = patient_client.post(url, data)
    assert "is not a time" in str(response.context["form"].errors["times"])
    response = patient_client.post(url, {**data, "times": "08:00, 20:00"})
    assert response.status_code == 302
    drug = patient.custom_drugs.get()
    assert (drug.code, drug.parsed_schedule.describe()) == (
        "custom-metformin-trial",
        "Twice daily at 08:00 and 20:00",
    )


@pytest.mark.parametrize("days", [5, 500])
def test_overview_queries_do_not_grow_with_history(
    patient_client, patient, days, django_assert_max_num_queries
):
    course = CourseFactory(user=patient, start=date(2024, 6, 14) - timedelta(days=days))
    log_history(course, course.start, date(2024, 6, 14))
    CourseFactory(user=patient, drug=catalogue("ocrelizumab-iv"), dose=600, start=date(2023, 1, 5))
    with django_assert_max_num_queries(7):  # session, user, 2 report, 2 card, inbox badge
        response = patient_client.get(OVERVIEW)
    assert response.status_code == 200


@pytest.mark.parametrize("days", [5, 500])
def test_calendar_queries_do_not_grow_with_history(
    patient_client, patient, days, django_assert_max_num_queries
):
    course = CourseFactory(user=patient, start=date(2024, 6, 14) - timedelta(days=days))
    log_history(course, course.start, date(2024, 6, 14))
    with django_assert_max_num_queries(6):  # with the inbox badge in the navigation
        assert patient_client.get(reverse("therapies:calendar")).status_code == 200
