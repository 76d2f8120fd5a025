"""In the browser, a check-in saves while Redis (cache and broker) is stopped, and the
dashboard still opens; when Redis is back the dashboard is cached in it again.

The API half of the story, with the counts of saves, is ``tests/test_redis_outage.py``.
"""

import pytest
from django.conf import settings
from django.test import Client

from journal.models import CheckIn
from mstracker import cache_backend
from tests.redis_server import redis_stack
from tests.reminders.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis(tmp_path, settings):
    with redis_stack(tmp_path, settings) as server:
        yield server


@pytest.fixture
def signed_in(page, live_server, patient):
    """The patient's session cookie in the browser (the login form has its own test)."""
    client = Client()
    client.force_login(patient)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return page


def check_in(page, wellbeing, note):
    page.goto("/journal/today/")
    page.get_by_role("group", name="Overall, how are you today?").get_by_text(
        str(wellbeing), exact=True
    ).click()
    page.get_by_label("Note (optional)").fill(note)
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("saved.", exact=False).wait_for()


def open_dashboard(page):
    page.goto("/journal/progression/")
    page.get_by_role("heading", name="Progression", exact=True).wait_for()


def dashboard_cached(redis):
    return any(b":dashboard:" in key for key in redis.client(1).keys("*"))


def test_a_check_in_saves_and_the_dashboard_opens_while_redis_is_stopped(redis, signed_in, patient):
    page = signed_in
    check_in(page, 7, "Before the outage")
    open_dashboard(page)
    assert dashboard_cached(redis)

    redis.stop()
    check_in(page, 3, "Saved while Redis was down")
    checkin = CheckIn.objects.get(user=patient)
    assert (checkin.wellbeing, checkin.note) == (3, "Saved while Redis was down")
    open_dashboard(page)  # computed without the cache
    page.goto("/healthz")
    assert '"degraded": ["cache", "broker"]' in page.content()

    redis.start()  # empty, as after a restart without persistence
    page.wait_for_timeout(cache_backend.RETRY_AFTER * 1000)
    wait_until(
        lambda: open_dashboard(page) or dashboard_cached(redis),
        timeout=10,
        what="the dashboard to be cached in Redis again",
    )
    check_in(page, 5, "After the outage")
    assert CheckIn.objects.get(user=patient).wellbeing == 5
