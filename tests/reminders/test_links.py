"""The signed links in reminder emails work without a password, and only as meant:
"I took it" logs the right dose once; unsubscribe stops one kind of email."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from mstracker.reminders import links, sources
from mstracker.reminders.models import Channel, Delivery, Kind, Reminder
from tests.reminders.conftest import make_reminder
from therapies.models import DoseLog

pytestmark = pytest.mark.django_db


def dose_delivery(reminder, dose, status=Delivery.Status.SENT):
    """The delivery the dispatcher records for a dose, as sent."""
    return Delivery.objects.create(
        reminder=reminder,
        slot=f"dose:{dose.ref}",
        scheduled_for=dose.scheduled_for,
        expires_at=dose.scheduled_for + timedelta(hours=2),
        dose={"ref": dose.ref, "drug": dose.drug, "scheduled_for": dose.scheduled_for.isoformat()},
        status=status,
    )


@pytest.fixture
def dose_deliveries(patient, therapies):
    """Two dose reminders of Dimethyl fumarate: one sent now, one 12 hours on."""
    now = timezone.now().replace(second=0, microsecond=0)
    reminder = make_reminder(patient, kind=Kind.DOSE)
    return [
        dose_delivery(reminder, therapies.add(now + timedelta(hours=hours))) for hours in (0, 12)
    ]


def url(token):
    return f"/reminders/dose/{token}/"


def test_opening_the_link_asks_first_and_logs_nothing(client, dose_deliveries, therapies):
    response = client.get(url(links.dose_token(dose_deliveries[0])))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Did you take your Dimethyl fumarate?" in page
    local = dose_deliveries[0].scheduled_for.astimezone(dose_deliveries[0].reminder.user.zone)
    assert f"Scheduled for {local:%A} {local.day} {local:%B}, {local:%H:%M}." in page
    assert therapies.logs() == []


def test_the_tap_logs_the_right_dose_once(client, dose_deliveries, therapies):
    first, second = dose_deliveries
    response = client.post(url(links.dose_token(first)))
    assert response.status_code == 200
    assert "logged as taken." in response.content.decode()
    course_id, _ = sources.parse_dose_ref(first.dose["ref"])
    assert therapies.logs() == [(course_id, first.scheduled_for, "taken")]
    first.refresh_from_db()
    assert first.link_used_at is not None
    second.refresh_from_db()
    assert second.link_used_at is None


def test_a_tap_after_the_dose_window_logs_it_as_late(client, patient, therapies):
    """Dimethyl fumarate twice daily counts as on time within 2 hours of its time."""
    scheduled = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=3)
    dose = therapies.add(scheduled, window_hours=2)
    delivery = dose_delivery(make_reminder(patient, kind=Kind.DOSE), dose)
    response = client.post(url(links.dose_token(delivery)))
    assert "logged as taken late, after its time window" in response.content.decode()
    assert therapies.logs() == [(dose.course_id, scheduled, "late")]


def test_a_used_link_is_refused(client, dose_deliveries, therapies):
    token = links.dose_token(dose_deliveries[0])
    client.post(url(token))
    logged = therapies.logs()
    again = client.post(url(token))
    assert again.status_code == 410
    assert "already used" in again.content.decode()
    assert client.get(url(token)).status_code == 410
    assert therapies.logs() == logged
    assert len(logged) == 1


def test_an_expired_link_is_refused(client, dose_deliveries, therapies):
    token = links.dose_token(dose_deliveries[0])
    with time_machine.travel(timezone.now() + links.DOSE_LINK_MAX_AGE + timedelta(minutes=1)):
        response = client.post(url(token))
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert therapies.logs() == []


def test_a_tampered_link_is_refused(client, dose_deliveries, therapies):
    first, second = dose_deliveries
    token = links.dose_token(first)
    payload, _, signature = token.partition(":")
    forged_payload = links.dose_token(second).partition(":")[0]
    for forged in (
        f"{forged_payload}:{signature}",  # the other dose with this link's signature
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        links.unsubscribe_token(first.reminder.user, Kind.DOSE),  # another purpose
        "not-a-token",
    ):
        response = client.post(url(forged))
        assert response.status_code == 400, forged
    assert therapies.logs() == []


def test_a_link_cannot_log_a_dose_of_another_patient(dose_deliveries, other_patient, therapies):
    """The token names the patient; pointing it at someone else's delivery breaks the signature,
    and a delivery that is not the patient's is not found even with a valid signature."""
    from django.core import signing

    stolen = signing.dumps(
        {"u": other_patient.pk, "d": dose_deliveries[0].pk, "r": dose_deliveries[0].dose["ref"]},
        salt=links.DOSE_SALT,
    )
    with pytest.raises(links.LinkError):
        links.use_dose_link(stolen)
    assert therapies.logs() == []
    assert not DoseLog.objects.exists()


def test_a_link_naming_another_patients_course_logs_nothing(client, patient, other_patient):
    """Even a validly signed delivery of alice's cannot reach bob's course."""
    from tests.reminders.conftest import Therapies

    bobs = Therapies(other_patient).add(timezone.now().replace(second=0, microsecond=0))
    delivery = dose_delivery(make_reminder(patient, kind=Kind.DOSE), bobs)
    response = client.post(url(links.dose_token(delivery)))
    assert response.status_code == 404
    assert "Dose not found" in response.content.decode()
    assert not DoseLog.objects.exists()


def test_a_dose_logged_in_the_app_meanwhile_is_not_logged_twice(client, dose_deliveries, therapies):
    first = dose_deliveries[0]
    dose = sources.due_doses(
        first.reminder.user, first.scheduled_for, first.scheduled_for + timedelta(seconds=1)
    )[0]
    therapies.log(dose, status="missed")  # tapped "missed" in the app by mistake, say
    response = client.post(url(links.dose_token(first)))
    assert "Already logged" in response.content.decode()
    assert therapies.logs() == [(dose.course_id, first.scheduled_for, "missed")]


# --- unsubscribe -----------------------------------------------------------------


def test_unsubscribe_asks_then_stops_that_kinds_emails_only(client, patient):
    checkin = make_reminder(patient, kind=Kind.CHECKIN, channel=Channel.BOTH)
    summary = make_reminder(patient, kind=Kind.WEEKLY_SUMMARY, channel=Channel.EMAIL)
    token = links.unsubscribe_token(patient, Kind.CHECKIN)
    page = client.get(f"/reminders/unsubscribe/{token}/")
    assert page.status_code == 200
    assert "Stop “Daily check-in” emails?" in page.content.decode()
    checkin.refresh_from_db()
    assert checkin.channel == Channel.BOTH

    done = client.post(f"/reminders/unsubscribe/{token}/")
    assert "still appears in your MS Tracker inbox" in done.content.decode()
    checkin.refresh_from_db()
    summary.refresh_from_db()
    assert (checkin.channel, checkin.enabled) == (Channel.IN_APP, True)
    assert (summary.channel, summary.enabled) == (Channel.EMAIL, True)


def test_one_click_unsubscribe_from_a_mail_client_needs_no_csrf_token(patient):
    summary = make_reminder(patient, kind=Kind.WEEKLY_SUMMARY, channel=Channel.EMAIL)
    mail_client = Client(enforce_csrf_checks=True)
    token = links.unsubscribe_token(patient, Kind.WEEKLY_SUMMARY)
    response = mail_client.post(
        f"/reminders/unsubscribe/{token}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    summary.refresh_from_db()
    assert summary.enabled is False
    assert summary.next_fire_at is None


def test_a_bad_unsubscribe_link_changes_nothing(client, patient):
    make_reminder(patient)
    response = client.post("/reminders/unsubscribe/forged:token/")
    assert response.status_code == 400
    assert Reminder.objects.get(user=patient).channel == Channel.BOTH
