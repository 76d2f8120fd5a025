"""New patients get sensible reminders; a new time zone moves every next fire time."""

from datetime import time

import pytest
from django.urls import reverse
from django.utils import timezone

from mstracker.accounts.models import User
from mstracker.reminders import demo
from mstracker.reminders.models import Channel, Kind, Notification, Reminder
from mstracker.reminders.services import DOSE_RESCAN, create_defaults
from tests.reminders.conftest import make_reminder

pytestmark = pytest.mark.django_db


def test_signing_up_on_the_web_creates_one_reminder_of_each_kind(client):
    client.post(
        reverse("accounts:signup"),
        {
            "username": "newpatient",
            "email": "new@example.org",
            "password1": "a-long-and-unusual-pass-42",
            "password2": "a-long-and-unusual-pass-42",
            "role": "patient",
            "time_zone": "America/New_York",
        },
    )
    user = User.objects.get(username="newpatient")
    reminders = {r.kind: r for r in Reminder.objects.filter(user=user)}
    assert set(reminders) == set(Kind.values)
    checkin = reminders[Kind.CHECKIN]
    assert (checkin.local_time, checkin.channel, checkin.enabled) == (
        time(20),
        Channel.BOTH,
        True,
    )
    local = checkin.next_fire_at.astimezone(user.zone)
    assert (local.hour, local.minute) == (20, 0)
    assert reminders[Kind.VITAMIN_D].enabled is False  # only for those who take it
    # No courses yet: the dose reminder only looks again within the hour.
    assert reminders[Kind.DOSE].next_fire_at <= timezone.now() + DOSE_RESCAN


def test_registering_through_the_api_creates_them_too(api_client):
    response = api_client.post(
        "/api/v1/auth/register/",
        {
            "username": "scripted",
            "email": "scripted@example.org",
            "password": "a-long-and-unusual-pass-42",
            "time_zone": "Asia/Tokyo",
        },
    )
    assert response.status_code == 201
    assert Reminder.objects.filter(user__username="scripted").count() == len(Kind.values)


def test_clinicians_get_no_reminders(clinician):
    assert create_defaults(clinician) == []
    assert not Reminder.objects.filter(user=clinician).exists()


def test_creating_defaults_twice_keeps_the_patients_changes(patient):
    create_defaults(patient)
    Reminder.objects.filter(user=patient, kind=Kind.CHECKIN).update(local_time=time(7))
    create_defaults(patient)
    assert Reminder.objects.filter(user=patient).count() == len(Kind.values)
    assert Reminder.objects.get(user=patient, kind=Kind.CHECKIN).local_time == time(7)


def fires_at_local_20(reminder, zone_name):
    reminder.refresh_from_db()
    local = reminder.next_fire_at.astimezone(User(time_zone=zone_name).zone)
    return (local.hour, local.minute) == (20, 0)


def test_changing_the_time_zone_on_the_profile_page_moves_the_reminders(patient_client, patient):
    reminder = make_reminder(patient)
    assert fires_at_local_20(reminder, "Europe/Berlin")
    response = patient_client.post(
        reverse("accounts:profile"),
        {
            "email": patient.email,
            "first_name": "",
            "time_zone": "America/New_York",
            "ms_course": "rrms",
            "diagnosis_year": "",
        },
    )
    assert response.status_code == 302
    assert fires_at_local_20(reminder, "America/New_York")


def test_changing_the_time_zone_through_the_api_moves_the_reminders(patient_api, patient):
    reminder = make_reminder(patient)
    response = patient_api.patch("/api/v1/me/", {"time_zone": "Australia/Sydney"})
    assert response.status_code == 200
    assert fires_at_local_20(reminder, "Australia/Sydney")


def test_the_demo_patient_gets_reminders_and_an_inbox_once(patient, clinician):
    demo.populate(patient, clinician)
    demo.populate(patient, clinician)
    assert Reminder.objects.filter(user=patient).count() == len(Kind.values)
    assert Notification.objects.filter(user=patient).count() == len(demo.INBOX)
    assert Notification.objects.filter(user=patient, read_at__isnull=True).count() == 2


def test_the_demo_inbox_agrees_with_the_demo_reminder_settings(patient, clinician):
    """Each message is dated at a send of the patient's own reminder of its kind: the
    check-in at its local time, the weekly summary on its weekday."""
    demo.populate(patient, clinician)
    reminders = {r.kind: r for r in Reminder.objects.filter(user=patient)}
    for message in Notification.objects.filter(user=patient):
        reminder = reminders[message.kind]
        local = timezone.localtime(message.created_at, patient.zone)
        assert reminder.enabled
        assert (local.hour, local.minute) == (reminder.local_time.hour, reminder.local_time.minute)
        if reminder.kind == Kind.WEEKLY_SUMMARY:
            assert reminder.weekdays & (1 << local.weekday())
        assert message.created_at <= timezone.now()
