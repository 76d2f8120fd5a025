"""The reminder settings page, the inbox and the unread count in the navigation."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mstracker.reminders.models import Channel, Delivery, Kind, Notification
from tests.factories import sign_in
from tests.reminders.conftest import make_reminder

pytestmark = pytest.mark.django_db

SETTINGS = reverse("reminders:settings")
INBOX = reverse("reminders:inbox")


@pytest.fixture
def checkin(patient):
    return make_reminder(patient, kind=Kind.CHECKIN)


def test_the_settings_page_lists_the_patients_reminders(patient_client, checkin):
    page = patient_client.get(SETTINGS).content.decode()
    assert "Daily check-in" in page
    assert "20:00 · Every day · In the app and by email" in page
    assert "Europe/Berlin" in page


def test_editing_a_reminder_saves_and_recomputes(patient_client, patient, checkin):
    edit = reverse("reminders:edit", args=[checkin.pk])
    assert patient_client.get(edit).status_code == 200
    response = patient_client.post(
        edit,
        {"enabled": "on", "local_time": "08:30", "weekdays": ["0", "2"], "channel": Channel.IN_APP},
    )
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert checkin.local_time == time(8, 30)
    assert checkin.weekday_list == (0, 2)
    local = checkin.next_fire_at.astimezone(patient.zone)
    assert (local.hour, local.minute, local.weekday() in (0, 2)) == (8, 30, True)


def test_a_time_in_quiet_hours_is_refused_next_to_the_field(patient_client, checkin):
    response = patient_client.post(
        reverse("reminders:edit", args=[checkin.pk]),
        {
            "enabled": "on",
            "local_time": "23:00",
            "weekdays": ["0"],
            "channel": Channel.BOTH,
            "quiet_start": "22:00",
            "quiet_end": "07:00",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "23:00 is inside your quiet hours (22:00 to 07:00)" in page
    assert 'aria-describedby="id_local_time_' in page
    checkin.refresh_from_db()
    assert checkin.local_time == time(20)


def test_a_dose_reminder_has_no_time_to_edit(patient_client, patient):
    dose = make_reminder(patient, kind=Kind.DOSE)
    page = patient_client.get(reverse("reminders:edit", args=[dose.pk])).content.decode()
    assert 'name="local_time"' not in page
    assert 'name="quiet_start"' in page


def test_the_dose_reminder_says_no_doses_scheduled_without_a_course(patient_client, patient):
    """Not its internal re-check time ("Next: 07:51"): there is no dose to remind of."""
    make_reminder(patient, kind=Kind.DOSE)
    page = patient_client.get(SETTINGS).content.decode()
    assert "No doses scheduled" in page
    assert "Next:" not in page.split("Each scheduled DMT dose")[1].split("</li>")[0]


def test_the_dose_reminder_shows_the_next_dose(patient_client, patient, therapies):
    dose = therapies.add(timezone.now().replace(second=0, microsecond=0) + timedelta(hours=5))
    make_reminder(patient, kind=Kind.DOSE)
    page = patient_client.get(SETTINGS).content.decode()
    local = timezone.localtime(dose.scheduled_for, patient.zone)
    assert f"Next dose: {local:%a %-d %b, %H:%M}" in page
    assert "No doses scheduled" not in page


def test_toggling_off_and_on(patient_client, checkin):
    toggle = reverse("reminders:toggle", args=[checkin.pk])
    patient_client.post(toggle)
    checkin.refresh_from_db()
    assert (checkin.enabled, checkin.next_fire_at) == (False, None)
    patient_client.post(toggle)
    checkin.refresh_from_db()
    assert checkin.enabled
    assert checkin.next_fire_at is not None


def test_send_a_test_writes_a_delivery_and_enqueues_it(patient_client, checkin, enqueued):
    response = patient_client.post(reverse("reminders:test", args=[checkin.pk]), follow=True)
    assert "A test message is on its way" in response.content.decode()
    delivery = Delivery.objects.get(reminder=checkin)
    assert delivery.slot.startswith("test:")
    assert enqueued[0][1] == (delivery.pk,)


def test_the_inbox_lists_and_marks_read(patient_client, patient):
    Notification.objects.create(
        user=patient, kind=Kind.CHECKIN, title="Time for today's check-in", url="/reminders/"
    )
    Notification.objects.create(user=patient, kind=Kind.PDDS, title="Monthly check")
    note = Notification.objects.get(kind=Kind.CHECKIN)
    page = patient_client.get(INBOX).content.decode()
    assert "Time for today&#x27;s check-in" in page
    assert "Unread: " in page

    opened = patient_client.post(reverse("reminders:read", args=[note.pk]), {"open": "1"})
    assert opened.url == "/reminders/"
    note.refresh_from_db()
    assert note.read_at is not None
    patient_client.post(reverse("reminders:read_all"))
    assert not Notification.objects.filter(user=patient, read_at__isnull=True).exists()


def test_a_notification_link_never_leaves_the_site(patient_client, patient):
    note = Notification.objects.create(
        user=patient, kind=Kind.CHECKIN, title="x", url="https://evil.example.com/"
    )
    response = patient_client.post(reverse("reminders:read", args=[note.pk]), {"open": "1"})
    assert response.url == INBOX


def test_the_navigation_shows_the_unread_count_with_one_query(
    patient_client, patient, django_assert_num_queries
):
    for n in range(3):
        Notification.objects.create(
            user=patient,
            kind=Kind.CHECKIN,
            title=f"n{n}",
            read_at=timezone.now() if n == 0 else None,
        )
    page = patient_client.get(SETTINGS).content.decode()
    assert '2<span class="visually-hidden"> unread</span>' in page
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = patient
    with django_assert_num_queries(1):
        Template("{% load reminders %}{% unread_notifications %}").render(
            Context({"request": request})
        )


@pytest.mark.parametrize("count", [10, 1000])
def test_the_inbox_page_query_count_does_not_grow(
    patient_client, patient, count, django_assert_max_num_queries
):
    Notification.objects.bulk_create(
        Notification(user=patient, kind=Kind.CHECKIN, title=f"n{n}") for n in range(count)
    )
    with django_assert_max_num_queries(8):
        assert patient_client.get(INBOX).status_code == 200


@pytest.mark.parametrize(
    "name", ["reminders:edit", "reminders:toggle", "reminders:test", "reminders:read"]
)
def test_another_patients_rows_are_not_found(client, other_patient, checkin, patient, name):
    note = Notification.objects.create(user=patient, kind=Kind.CHECKIN, title="mine")
    pk = note.pk if name == "reminders:read" else checkin.pk
    client.force_login(other_patient)
    url = reverse(name, args=[pk])
    response = client.get(url) if name == "reminders:edit" else client.post(url)
    assert response.status_code == 404
    checkin.refresh_from_db()
    assert checkin.enabled


@pytest.mark.parametrize("url", [SETTINGS, INBOX])
def test_clinicians_get_403_and_visitors_the_login_page(client, clinician, url):
    assert client.get(url).status_code == 302
    assert client.get(url).url.startswith(reverse("login"))
    sign_in(client, clinician)
    assert client.get(url).status_code == 403
