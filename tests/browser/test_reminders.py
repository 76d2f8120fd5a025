"""A patient reads the inbox and moves the daily check-in reminder, on a phone."""

import pytest

from mstracker.reminders.models import Kind, Notification, Reminder
from mstracker.reminders.services import create_defaults

pytestmark = pytest.mark.django_db(transaction=True)


def test_inbox_badge_read_and_change_a_reminder(page, login, patient, password):
    create_defaults(patient)
    Notification.objects.create(user=patient, kind=Kind.PDDS, title="Monthly check: walking")
    login(patient, password)

    page.get_by_role("button", name="Show or hide the menu").click()
    page.get_by_role("link", name="Inbox 1 unread").click()
    page.get_by_role("heading", name="Unread: Monthly check: walking").wait_for()
    page.get_by_role("button", name="Mark read Monthly check: walking").click()
    page.get_by_role("heading", name="Monthly check: walking", exact=True).wait_for()

    page.goto("/reminders/")
    page.get_by_role("link", name="Change Daily check-in").click()
    page.get_by_label("Time", exact=True).fill("07:45")
    page.get_by_label("Saturday").uncheck()
    page.get_by_label("Sunday").uncheck()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your “Daily check-in” reminder is saved.").wait_for()
    assert "07:45 · Mon, Tue, Wed, Thu and Fri" in page.locator("main").inner_text()
    checkin = Reminder.objects.get(user=patient, kind=Kind.CHECKIN)
    local = checkin.next_fire_at.astimezone(patient.zone)
    assert (local.hour, local.minute, local.weekday() < 5) == (7, 45, True)
