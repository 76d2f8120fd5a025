"""On a phone: find a DMT in the catalogue, start a course, log today's dose in one tap,
and see the adherence figure."""

import re
from datetime import UTC, datetime

import pytest
from django.conf import settings

from tests.therapies.factories import ensure_catalogue
from therapies.models import Course, DoseLog

pytestmark = pytest.mark.django_db(transaction=True)


def zone_where_it_is_mid_morning():
    """An Etc/GMT zone in which it is 10:xx now, so an 08:00 daily dose (±6 h) can be logged.

    The browser and the live server share the real clock, so the test picks the
    patient's zone rather than freezing time.
    """
    offset = ((10 - datetime.now(UTC).hour + 12) % 24) - 12
    return f"Etc/GMT{-offset:+d}" if offset else "UTC"  # Etc/GMT-2 is UTC+2


def sign_in(page, client, user, live_server):
    """A session made by Django's test client, handed to the browser (the login form
    has its own browser test in test_accounts.py)."""
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_find_start_log_and_see_adherence(page, client, live_server, patient):
    ensure_catalogue()
    patient.time_zone = zone_where_it_is_mid_morning()
    patient.save()
    sign_in(page, client, patient, live_server)

    page.goto("/therapies/")
    page.get_by_role("link", name="Drug catalogue").click()
    page.get_by_label("Search by name, brand or class").fill("aubagio")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="Teriflunomide").wait_for()
    page.get_by_role("link", name="Start a course of Teriflunomide").click()

    assert page.get_by_label("Drug").input_value() != ""
    page.get_by_label("Dose", exact=True).fill("14")
    page.get_by_role("button", name="Start course").click()
    page.get_by_text("Your course of Teriflunomide is started.").wait_for()
    assert Course.objects.get(user=patient).start == patient.local_today()

    page.goto("/therapies/")
    card = page.locator("#today-doses")
    card.get_by_role("button", name=re.compile(r"^Taken")).click()
    card.get_by_text(re.compile(r"Taken, \d\d:\d\d")).wait_for()  # swapped in place
    assert DoseLog.objects.get().status == "taken"
    adherence = page.locator("#today-adherence").inner_text()
    assert "100%" in adherence
    assert "(1 of 1)" in adherence
