"""/api/v1/reminders/ and /api/v1/notifications/: a patient's own rows, validated by the model."""

from datetime import time

import pytest
from django.utils import timezone

from mstracker.reminders.models import Kind, Notification, Reminder
from mstracker.reminders.services import create_defaults
from tests.reminders.conftest import make_reminder

pytestmark = pytest.mark.django_db

REMINDERS = "/api/v1/reminders/"
NOTIFICATIONS = "/api/v1/notifications/"


@pytest.fixture
def checkin(patient):
    return make_reminder(patient, kind=Kind.CHECKIN)


def test_a_patient_lists_their_default_reminders(patient, patient_api):
    create_defaults(patient)
    body = patient_api.get(REMINDERS).json()
    kinds = {r["kind"]: r for r in body["results"]}
    assert set(kinds) == set(Kind.values)
    assert kinds["checkin"]["local_time"] == "20:00"
    assert kinds["checkin"]["weekdays"] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert kinds["weekly_summary"]["weekdays"] == ["sun"]
    assert kinds["pdds"]["month_day"] == 1
    assert kinds["vitamin_d"]["enabled"] is False
    assert kinds["dose"]["local_time"] is None


def test_changing_the_time_recomputes_the_next_fire_time(patient, patient_api, checkin):
    response = patient_api.patch(
        f"{REMINDERS}{checkin.pk}/", {"local_time": "07:15", "weekdays": ["mon", "fri"]}
    )
    assert response.status_code == 200, response.json()
    checkin.refresh_from_db()
    local = checkin.next_fire_at.astimezone(patient.zone)
    assert (local.hour, local.minute) == (7, 15)
    assert local.weekday() in (0, 4)
    assert response.json()["next_fire_at"] is not None


def test_switching_off_through_the_api(patient_api, checkin):
    patient_api.patch(f"{REMINDERS}{checkin.pk}/", {"enabled": False})
    checkin.refresh_from_db()
    assert (checkin.enabled, checkin.next_fire_at) == (False, None)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"weekdays": []}, "weekdays", "Choose at least one day of the week."),
        ({"weekdays": ["someday"]}, "weekdays", "is not a valid choice"),
        ({"local_time": None}, "local_time", "Choose a time of day."),
        ({"local_time": "25:00"}, "local_time", "Time has wrong format"),
        ({"month_day": 32}, "month_day", "Choose a day from 1 to 31."),
        ({"quiet_start": "22:00"}, "quiet_end", "Give both ends of the quiet hours, or neither."),
        (
            {"quiet_start": "19:00", "quiet_end": "07:00"},
            "local_time",
            "20:00 is inside your quiet hours (19:00 to 07:00)",
        ),
        ({"channel": "pigeon"}, "channel", "is not a valid choice"),
        ({"kind": "dose"}, "kind", "The kind of a reminder cannot change."),
    ],
)
def test_invalid_changes_get_a_400_naming_the_field(patient_api, checkin, change, field, message):
    response = patient_api.patch(f"{REMINDERS}{checkin.pk}/", change, format="json")
    assert response.status_code == 400
    assert message in str(response.json()[field])


def test_a_second_reminder_of_a_kind_is_refused(patient_api, checkin):
    response = patient_api.post(REMINDERS, {"kind": "checkin", "local_time": "09:00"})
    assert response.status_code == 400
    assert "already have a reminder of this kind" in str(response.json())


def test_a_deleted_kind_can_be_created_again(patient_api, checkin):
    assert patient_api.delete(f"{REMINDERS}{checkin.pk}/").status_code == 204
    response = patient_api.post(
        REMINDERS, {"kind": "checkin", "local_time": "21:30", "weekdays": ["sat", "sun"]}
    )
    assert response.status_code == 201, response.json()
    reminder = Reminder.objects.get(pk=response.json()["id"])
    assert reminder.local_time == time(21, 30)
    assert reminder.next_fire_at is not None


def test_owner_scoping_of_reminders(checkin, other_patient_api, clinician_api, api_client):
    detail = f"{REMINDERS}{checkin.pk}/"
    assert other_patient_api.get(detail).status_code == 404
    assert other_patient_api.patch(detail, {"enabled": False}).status_code == 404
    assert other_patient_api.delete(detail).status_code == 404
    assert other_patient_api.get(REMINDERS).json()["results"] == []
    assert clinician_api.get(REMINDERS).status_code == 403
    assert api_client.get(REMINDERS).status_code == 401
    checkin.refresh_from_db()
    assert checkin.enabled


# --- notifications ----------------------------------------------------------------


def notes(user, count, read=0):
    Notification.objects.bulk_create(
        Notification(
            user=user,
            kind=Kind.CHECKIN,
            title=f"Note {n}",
            read_at=timezone.now() if n < read else None,
        )
        for n in range(count)
    )


def test_the_inbox_lists_newest_first_and_filters_unread(patient, patient_api):
    notes(patient, 3, read=1)
    body = patient_api.get(NOTIFICATIONS).json()
    assert body["count"] == 3
    assert body["results"][0]["read"] in (True, False)
    assert patient_api.get(NOTIFICATIONS, {"unread": "true"}).json()["count"] == 2
    assert patient_api.get(f"{NOTIFICATIONS}unread-count/").json() == {"unread": 2}


def test_marking_read_one_and_all(patient, patient_api):
    notes(patient, 3)
    first = Notification.objects.filter(user=patient).first()
    response = patient_api.post(f"{NOTIFICATIONS}{first.pk}/read/")
    assert response.status_code == 200
    assert response.json()["read"] is True
    assert patient_api.post(f"{NOTIFICATIONS}read-all/").json() == {"marked": 2}
    assert patient_api.get(f"{NOTIFICATIONS}unread-count/").json() == {"unread": 0}


def test_notifications_cannot_be_written_directly(patient, patient_api):
    assert patient_api.post(NOTIFICATIONS, {"title": "fake"}).status_code == 405


def test_owner_scoping_of_notifications(
    patient, other_patient, other_patient_api, clinician_api, api_client
):
    notes(patient, 1)
    mine = Notification.objects.get(user=patient)
    assert other_patient_api.get(f"{NOTIFICATIONS}{mine.pk}/").status_code == 404
    assert other_patient_api.post(f"{NOTIFICATIONS}{mine.pk}/read/").status_code == 404
    assert other_patient_api.post(f"{NOTIFICATIONS}read-all/").json() == {"marked": 0}
    assert other_patient_api.get(NOTIFICATIONS).json()["count"] == 0
    assert clinician_api.get(NOTIFICATIONS).status_code == 403
    assert api_client.get(NOTIFICATIONS).status_code == 401
    mine.refresh_from_db()
    assert mine.read_at is None


@pytest.mark.parametrize("count", [10, 1000])
def test_the_inbox_query_count_does_not_grow(
    patient, patient_api, count, django_assert_max_num_queries
):
    notes(patient, count)
    with django_assert_max_num_queries(4):
        response = patient_api.get(NOTIFICATIONS)
    assert response.json()["count"] == count


def test_the_inbox_filter_says_when_it_is_not_true_or_false(patient_api):
    response = patient_api.get(NOTIFICATIONS, {"unread": "maybe"})

    assert response.status_code == 400
    assert response.json() == {"unread": ["Must be a valid boolean."]}


def test_quiet_hours_are_hh_mm_like_the_local_time(patient_api, checkin):
    response = patient_api.patch(
        f"{REMINDERS}{checkin.pk}/", {"quiet_start": "22:30", "quiet_end": "07:00:00"}
    )

    assert response.status_code == 200
    assert (response.json()["quiet_start"], response.json()["quiet_end"]) == ("22:30", "07:00")


def test_the_schema_documents_times_as_hh_mm_not_rfc3339_time(api_client):
    import yaml

    schema = yaml.safe_load(api_client.get("/api/schema/").content)
    reminder = schema["components"]["schemas"]["Reminder"]["properties"]
    for name in ("local_time", "quiet_start", "quiet_end"):
        assert "format" not in reminder[name], name
        assert reminder[name]["pattern"] == "^([01][0-9]|2[0-3]):[0-5][0-9]$", name
        assert reminder[name]["nullable"], name
