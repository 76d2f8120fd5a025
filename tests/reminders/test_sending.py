"""A send delivers to the inbox and by email once, and only while still needed."""

from datetime import date, time, timedelta
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from journal.models import CheckIn
from mstracker.reminders import sending, sources
from mstracker.reminders.models import Channel, Delivery, Kind, Notification
from mstracker.reminders.sending import send_delivery
from tests.journal.factories import ExerciseFactory, RelapseFactory
from tests.reminders.conftest import make_reminder, utc
from tests.therapies.factories import DoseLogFactory

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


def test_a_check_in_already_saved_skips_the_reminder(patient, mailoutbox):
    CheckIn.objects.record(patient, date(2025, 6, 2), wellbeing=7)
    delivery = pending(make_reminder(patient, now=NOW))
    assert send_delivery(delivery.pk, now=NOW) == Status.SKIPPED
    delivery.refresh_from_db()
    assert delivery.reason == "Today's check-in is already saved."
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_yesterdays_check_in_does_not_count_for_today(patient, mailoutbox):
    CheckIn.objects.record(patient, date(2025, 6, 1), wellbeing=7)
    assert sources.checkin_done(patient, date(2025, 6, 2)) is False
    delivery = pending(make_reminder(patient, now=NOW))
    assert send_delivery(delivery.pk, now=NOW) == Status.SENT


def dose_pending(reminder, dose):
    return pending(
        reminder,
        slot=f"dose:{dose.ref}",
        scheduled_for=dose.scheduled_for,
        dose={"ref": dose.ref, "drug": dose.drug, "scheduled_for": dose.scheduled_for.isoformat()},
    )


def test_a_dose_already_logged_suppresses_its_reminder(patient, therapies, mailoutbox):
    dose = therapies.add(utc(2025, 6, 2, 6))
    reminder = make_reminder(patient, kind=Kind.DOSE, now=utc(2025, 6, 2, 5))
    delivery = dose_pending(reminder, dose)
    therapies.log(dose)  # logged in the app between the tick and the send
    assert send_delivery(delivery.pk, now=utc(2025, 6, 2, 6, 1)) == Status.SKIPPED
    assert mailoutbox == []


def test_an_unlogged_dose_gets_an_email_with_its_taken_link(patient, therapies, mailoutbox):
    dose = therapies.add(utc(2025, 6, 2, 6), drug="dimethyl-fumarate")
    reminder = make_reminder(patient, kind=Kind.DOSE, now=utc(2025, 6, 2, 5))
    delivery = dose_pending(reminder, dose)
    assert send_delivery(delivery.pk, now=utc(2025, 6, 2, 6, 1)) == Status.SENT
    [email] = mailoutbox
    assert email.subject == "MS Tracker: Time for your Dimethyl fumarate"
    assert "Scheduled for 08:00 on Monday 02 June." in email.body
    assert "I took it: https://localhost/reminders/dose/" in email.body  # SITE_URL unset
    assert therapies.logs() == []  # the email asks; only the tap logs


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


def test_the_weekly_summary_counts_the_week_from_the_journal_and_therapies(
    patient, therapies, mailoutbox
):
    week = [date(2025, 6, 2) + timedelta(days=n) for n in range(7)]  # Monday to Sunday
    for day in week[:5]:
        CheckIn.objects.record(patient, day, wellbeing=6)
    ExerciseFactory(user=patient, date=week[1], minutes=40)
    ExerciseFactory(user=patient, date=week[3], minutes=20)
    ExerciseFactory(user=patient, date=week[4], minutes=45, kind="strength")  # not aerobic
    ExerciseFactory(user=patient, date=week[0] - timedelta(days=1), minutes=60)  # last week
    RelapseFactory(user=patient, onset=week[2], end=None)
    course = therapies.course("dimethyl-fumarate", date(2025, 5, 1))  # 08:00 and 20:00
    for n, day in enumerate(week[:5]):
        for hour in (6, 18):  # 08:00 and 20:00 in Berlin
            scheduled = utc(day.year, day.month, day.day, hour)
            if (n, hour) != (4, 18):  # Friday evening forgotten
                DoseLogFactory(course=course, scheduled_for=scheduled)
    reminder = make_reminder(
        patient, kind=Kind.WEEKLY_SUMMARY, now=NOW, local_time=time(18), weekdays=0b1000000
    )
    delivery = pending(reminder, slot="2025-06-08T18:00", scheduled_for=utc(2025, 6, 8, 16))
    with time_machine.travel(utc(2025, 6, 8, 16, 0, 5), tick=False):
        send_delivery(delivery.pk)
    body = mailoutbox[0].body
    assert "Your week, 02 Jun to 08 Jun" in body
    assert "Check-ins: 5 of 7 days" in body
    assert "Aerobic exercise: 60 of 90 minutes" in body
    # Friday evening, Saturday's two and Sunday's 08:00 are due and unlogged;
    # Sunday 20:00 is not due yet at 18:00.
    assert "Therapy doses taken: 9 of 13" in body
    assert "New relapse recorded this week: 1" in body


def test_a_quiet_week_says_so(patient, mailoutbox):
    reminder = make_reminder(
        patient, kind=Kind.WEEKLY_SUMMARY, now=NOW, local_time=time(18), weekdays=0b1000000
    )
    delivery = pending(reminder, slot="2025-06-08T18:00", scheduled_for=utc(2025, 6, 8, 16))
    send_delivery(delivery.pk, now=utc(2025, 6, 8, 16, 0, 5))
    body = mailoutbox[0].body
    assert "Check-ins: 0 of 7 days" in body
    assert "Aerobic exercise: 0 of 90 minutes" in body
    assert "Therapy doses: none were due this week" in body
    assert "No new relapse recorded this week." in body


def test_infusion_notices_come_three_days_and_one_day_before(patient, therapies, mailoutbox):
    therapies.course("ocrelizumab-iv", date(2025, 6, 12))  # first infusion 09:00 on 12 June
    therapies.course("dalfampridine", date(2025, 6, 1))  # a twice-daily pill: not announced
    reminder = make_reminder(patient, kind=Kind.TREATMENT_DUE, now=NOW, local_time=time(9))
    sent = {}
    for day in (8, 9, 10, 11, 12):
        delivery = pending(
            reminder, slot=f"2025-06-{day:02}T09:00", scheduled_for=utc(2025, 6, day, 7)
        )
        sent[day] = send_delivery(delivery.pk, now=utc(2025, 6, day, 7, 0, 5))
    assert sent == {8: "skipped", 9: "sent", 10: "skipped", 11: "sent", 12: "skipped"}
    assert [m.subject for m in mailoutbox] == [
        "MS Tracker: Ocrelizumab (intravenous) coming up"
    ] * 2
    assert (
        "Ocrelizumab (intravenous): your intravenous infusion is due in 3 days, "
        "on Thursday 12 June at 09:00." in mailoutbox[0].body
    )
    assert "is due in 1 day, on Thursday 12 June at 09:00" in mailoutbox[1].body
    assert "/therapies/" in mailoutbox[0].body


def test_a_test_send_says_it_is_a_test(patient, mailoutbox, enqueued):
    from mstracker.reminders.services import send_test

    delivery = send_test(make_reminder(patient, now=NOW))
    assert enqueued == [("reminders.send", (delivery.pk,), {"expires": delivery.expires_at})]
    send_delivery(delivery.pk)
    assert mailoutbox[0].subject == "MS Tracker: Test: Daily check-in"
    assert timezone.now() < delivery.expires_at
