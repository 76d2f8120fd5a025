"""A send delivers to the inbox and by email once, and only while still needed."""

from datetime import date, time, timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.utils import timezone

from mstracker.reminders import sending, sources
from mstracker.reminders.models import Channel, Delivery, Kind, Notification
from mstracker.reminders.sending import send_delivery
from tests.reminders.conftest import make_reminder, utc

pytestmark = pytest.mark.django_db

Status = Delivery.Status
NOW = utc(2025, 6, 2, 18, 0, 20)  # 20:00 in Berlin


def pending(reminder, slot="2025-06-02T20:00", scheduled_for=None, **fields):
    scheduled_for = scheduled_for or utc(2025, 6, 2, 18)
    fields.setdefault("expires_at", scheduled_for + timedelta(hours=2))
    return Delivery.objects.create(
        reminder=reminder, slot=slot, scheduled_for=scheduled_for, enqueued_at=NOW, **fields
    )


def status_of(delivery):
    delivery.refresh_from_db()
    return delivery.status


def test_a_check_in_reminder_reaches_the_inbox_and_the_mailbox(patient, mailoutbox, settings):
    settings.SITE_URL = "https://mstracker.example.org"
    delivery = pending(make_reminder(patient, now=NOW))
    assert send_delivery(delivery.pk, now=NOW) == Status.SENT

    note = Notification.objects.get(user=patient)
    assert (note.title, note.delivery_id, note.read_at) == (
        "Time for today's check-in",
        delivery.pk,
        None,
    )
    [email] = mailoutbox
    assert email.to == ["alice@example.org"]
    assert "Time for today's check-in" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert "Check in now" in html
    assert email.extra_headers["List-Unsubscribe"].startswith(
        "<https://mstracker.example.org/reminders/unsubscribe/"
    )
    assert "/reminders/unsubscribe/" in email.extra_headers["List-Unsubscribe"]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Stop these emails" in email.body
    assert "Stop these emails" in html
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.SENT, 1)


def test_running_the_send_again_does_nothing(patient, mailoutbox):
    delivery = pending(make_reminder(patient, now=NOW))
    send_delivery(delivery.pk, now=NOW)
    assert send_delivery(delivery.pk, now=NOW) == "already sent"
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_send_for_a_deleted_reminder_returns_quietly(patient, mailoutbox):
    reminder = make_reminder(patient, now=NOW)
    delivery = pending(reminder)
    reminder.delete()
    assert send_delivery(delivery.pk, now=NOW) == "gone"
    assert mailoutbox == []


def test_a_check_in_already_saved_skips_the_reminder(patient, mailoutbox, monkeypatch):
    monkeypatch.setattr(sources, "checkin_done", lambda user, day: day == date(2025, 6, 2))
    delivery = pending(make_reminder(patient, now=NOW))
    assert send_delivery(delivery.pk, now=NOW) == Status.SKIPPED
    delivery.refresh_from_db()
    assert delivery.reason == "Today's check-in is already saved."
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_without_the_journal_a_check_in_is_never_done(patient):
    assert sources.checkin_done(patient, date(2025, 6, 2)) is False


def test_a_dose_already_logged_suppresses_its_reminder(patient, therapies, mailoutbox):
    dose = therapies.add(3, utc(2025, 6, 2, 6))
    reminder = make_reminder(patient, kind=Kind.DOSE, now=utc(2025, 6, 2, 5))
    delivery = pending(
        reminder,
        slot=f"dose:{dose.ref}",
        scheduled_for=dose.scheduled_for,
        dose={"ref": dose.ref, "drug": dose.drug, "scheduled_for": dose.scheduled_for.isoformat()},
    )
    therapies.logged[dose.ref] = dose.scheduled_for
    assert send_delivery(delivery.pk, now=utc(2025, 6, 2, 6, 1)) == Status.SKIPPED
    assert mailoutbox == []


def test_an_unlogged_dose_gets_an_email_with_its_taken_link(patient, therapies, mailoutbox):
    dose = therapies.add(3, utc(2025, 6, 2, 6), drug="Dimethyl fumarate")
    reminder = make_reminder(patient, kind=Kind.DOSE, now=utc(2025, 6, 2, 5))
    delivery = pending(
        reminder,
        slot=f"dose:{dose.ref}",
        scheduled_for=dose.scheduled_for,
        dose={"ref": dose.ref, "drug": dose.drug, "scheduled_for": dose.scheduled_for.isoformat()},
    )
    assert send_delivery(delivery.pk, now=utc(2025, 6, 2, 6, 1)) == Status.SENT
    [email] = mailoutbox
    assert email.subject == "MS Tracker: Time for your Dimethyl fumarate"
    assert "Scheduled for 08:00 on Monday 02 June." in email.body
    assert "I took it: https://localhost/reminders/dose/" in email.body  # SITE_URL unset


def test_an_expired_delivery_is_recorded_not_sent(patient, mailoutbox):
    delivery = pending(make_reminder(patient, now=NOW))
    assert send_delivery(delivery.pk, now=utc(2025, 6, 2, 20)) == Status.EXPIRED
    assert status_of(delivery) == Status.EXPIRED
    assert mailoutbox == []


def test_a_reminder_turned_off_after_it_was_queued_is_skipped(patient, mailoutbox):
    reminder = make_reminder(patient, now=NOW)
    delivery = pending(reminder)
    reminder.enabled = False
    reminder.save()
    assert send_delivery(delivery.pk, now=NOW) == Status.SKIPPED
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("channel", "inbox", "emails"),
    [(Channel.IN_APP, 1, 0), (Channel.EMAIL, 0, 1), (Channel.BOTH, 1, 1)],
)
def test_the_channel_decides_where_it_goes(patient, mailoutbox, channel, inbox, emails):
    delivery = pending(make_reminder(patient, now=NOW, channel=channel))
    send_delivery(delivery.pk, now=NOW)
    assert Notification.objects.count() == inbox
    assert len(mailoutbox) == emails


def test_a_mail_server_error_hands_back_for_a_retry_without_a_second_inbox_message(
    patient, monkeypatch
):
    delivery = pending(make_reminder(patient, now=NOW))

    def broken(self, fail_silently=False):
        raise SMTPServerDisconnected("connection lost")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", broken)
    with pytest.raises(SMTPServerDisconnected):
        send_delivery(delivery.pk, now=NOW)
    delivery.refresh_from_db()
    assert delivery.status == Status.PENDING
    assert delivery.enqueued_at == NOW + sending.RETRY_QUIET  # the sweep leaves it to the retry

    assert send_delivery(delivery.pk, now=NOW, final_attempt=True) == Status.FAILED
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED
    assert "connection lost" in delivery.reason
    assert Notification.objects.count() == 1


def test_the_send_task_retries_only_named_errors_with_backoff():
    from mstracker.reminders.tasks import send

    assert send.acks_late is True
    assert set(send.autoretry_for) == set(sending.SEND_ERRORS)
    assert send.retry_backoff
    assert send.retry_jitter
    assert send.max_retries == 5


def test_the_weekly_summary_says_what_is_known(patient, mailoutbox, monkeypatch):
    monkeypatch.setattr(
        sources,
        "weekly_summary",
        lambda user, first, last: sources.WeeklySummary(
            first, last, checkins_done=5, aerobic_minutes=60, new_relapses=1
        ),
    )
    reminder = make_reminder(
        patient, kind=Kind.WEEKLY_SUMMARY, now=NOW, local_time=time(18), weekdays=0b1000000
    )
    delivery = pending(reminder, slot="2025-06-08T18:00", scheduled_for=utc(2025, 6, 8, 16))
    send_delivery(delivery.pk, now=utc(2025, 6, 8, 16, 0, 5))
    body = mailoutbox[0].body
    assert "Your week, 02 Jun to 08 Jun" in body
    assert "Check-ins: 5 of 7 days" in body
    assert "Aerobic exercise: 60 of 90 minutes" in body
    assert "DMT doses: not recorded in MS Tracker yet" in body
    assert "New relapse recorded this week: 1" in body


def test_infusion_notices_come_three_days_and_one_day_before(patient, therapies, mailoutbox):
    infusion = therapies.add(
        9, utc(2025, 6, 12, 7), drug="Ocrelizumab", route="infusion", long_interval=True
    )
    therapies.add(4, utc(2025, 6, 12, 6), drug="Dalfampridine")  # a daily pill: not announced
    reminder = make_reminder(patient, kind=Kind.TREATMENT_DUE, now=NOW, local_time=time(9))
    sent = {}
    for day in (8, 9, 10, 11, 12):
        delivery = pending(
            reminder, slot=f"2025-06-{day:02}T09:00", scheduled_for=utc(2025, 6, day, 7)
        )
        sent[day] = send_delivery(delivery.pk, now=utc(2025, 6, day, 7, 0, 5))
    assert sent == {8: "skipped", 9: "sent", 10: "skipped", 11: "sent", 12: "skipped"}
    assert [m.subject for m in mailoutbox] == ["MS Tracker: Ocrelizumab (infusion) coming up"] * 2
    assert "due in 3 days, on Thursday 12 June at 09:00" in mailoutbox[0].body
    assert "due in 1 day, on Thursday 12 June at 09:00" in mailoutbox[1].body
    assert infusion.long_interval


def test_a_test_send_says_it_is_a_test(patient, mailoutbox, enqueued):
    from mstracker.reminders.services import send_test

    delivery = send_test(make_reminder(patient, now=NOW))
    assert enqueued == [("reminders.send", (delivery.pk,), {"expires": delivery.expires_at})]
    send_delivery(delivery.pk)
    assert mailoutbox[0].subject == "MS Tracker: Test: Daily check-in"
    assert timezone.now() < delivery.expires_at
