"""Browser sessions: idle and absolute timeouts (stricter for clinicians), the list of
your sessions, and "log out everywhere else"."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from mstracker.accounts.models import SessionRecord
from tests.factories import current_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def logged_in(user, password, agent="Firefox on Linux"):
    browser = Client(HTTP_USER_AGENT=agent)
    assert browser.post(LOGIN, {"username": user.username, "password": password}).status_code == 302
    if user.is_clinician:  # two-factor is on for clinicians
        verify = browser.post("/accounts/two-factor/verify/", {"code": current_code(user)})
        assert verify.status_code == 302
    assert browser.get("/accounts/profile/").status_code == 200
    return browser


@pytest.mark.parametrize(
    ("who", "idle_ok", "idle_out"),
    [
        ("patient", timedelta(days=2, hours=23), timedelta(days=3, minutes=2)),
        ("clinician", timedelta(minutes=29), timedelta(minutes=31)),
    ],
)
def test_an_idle_session_is_logged_out(request, password, who, idle_ok, idle_out):
    user = request.getfixturevalue(who)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        browser = logged_in(user, password)
    with time_machine.travel(start + idle_ok, tick=False):
        assert browser.get("/accounts/profile/").status_code == 200
    with time_machine.travel(start + idle_ok + idle_out, tick=False):
        response = browser.get("/accounts/profile/")
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
        api = browser.get("/api/v1/me/")
        assert api.status_code in (401, 403)
    assert not SessionRecord.objects.filter(user=user).exists()


def test_a_clinician_session_ends_12_hours_after_log_in_however_busy(clinician, password):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        browser = logged_in(clinician, password)
    for minutes in range(25, 12 * 60, 25):  # a request every 25 minutes
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert browser.get("/accounts/profile/").status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=1), tick=False):
        assert browser.get("/accounts/profile/").status_code == 302


def test_the_timeouts_are_settings(patient, password, settings):
    settings.SESSION_IDLE_MINUTES_PATIENT = 5
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        browser = logged_in(patient, password)
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        assert browser.get("/accounts/profile/").status_code == 302


def test_your_sessions_lists_them_and_logs_out_everywhere_else(patient, password):
    phone = logged_in(patient, password, agent="Safari on iPhone")
    laptop = logged_in(patient, password, agent="Firefox on Linux")
    page = laptop.get("/accounts/sessions/").content.decode()
    assert "Safari on iPhone" in page
    assert "Firefox on Linux" in page
    assert "this browser" in page
    response = laptop.post("/accounts/sessions/", follow=True)
    assert "Logged out of 1 other session(s)." in response.content.decode()
    assert phone.get("/accounts/profile/").status_code == 302
    assert laptop.get("/accounts/profile/").status_code == 200
    assert list(SessionRecord.objects.values_list("user_agent", flat=True)) == ["Firefox on Linux"]


def test_another_users_sessions_are_not_listed(patient, other_patient, password):
    logged_in(other_patient, password, agent="Bob's browser")
    page = logged_in(patient, password).get("/accounts/sessions/").content.decode()
    assert "Bob&#x27;s browser" not in page
    assert "Bob's browser" not in page


@pytest.mark.parametrize("value", ["x", "1" * 40, "-1", "\u0661"])
def test_revoking_a_token_from_the_page_takes_only_own_ids(patient, password, value):
    from mstracker.accounts.models import ApiToken
    from tests.factories import api_token

    api_token(patient, "phone")
    browser = logged_in(patient, password)
    assert browser.post("/accounts/sessions/", {"token": value}).status_code == 302
    (token,) = ApiToken.objects.filter(user=patient)
    browser.post("/accounts/sessions/", {"token": str(token.pk)})
    assert not ApiToken.objects.filter(user=patient).exists()
