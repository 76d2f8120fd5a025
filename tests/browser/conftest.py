"""End-to-end tests in Debian's Chromium, driven by Playwright against the live server.

Tests here are marked ``browser`` and skipped, with the reason, when Chromium
is not installed (``.ci/run`` installs it). The page is phone-sized by default.
"""

import os
import shutil
from datetime import UTC, datetime

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module.

    Playwright's sync API keeps an event loop running in this thread while the
    browser lives, so Django would refuse the tests' plain ORM calls (and the
    database flush after each test) without DJANGO_ALLOW_ASYNC_UNSAFE. The switch
    is on only while a browser is open, never for other tests or subprocesses.
    """
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def is_csp_violation(message):
    return message.type == "error" and "Content Security Policy" in message.text


@pytest.fixture
def page(browser, live_server):
    """A phone-sized page; every browser test also fails on a CSP violation it caused.

    Reduced motion makes Bootstrap open the phone menu at once: a click on an item
    during its slide-in was sometimes lost (the log-out tests failed one run in six).
    """
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations = page.csp_violations = []  # a test that provokes one clears it
    page.on("console", lambda m: violations.append(m.text) if is_csp_violation(m) else None)
    yield page
    context.close()
    assert not violations, f"Content Security Policy violations: {violations}"


@pytest.fixture
def login(page):
    """Log in through the real form: ``login(user, password)``."""

    def _login(user, password):
        page.goto("/accounts/login/")
        page.get_by_label("Username or email").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return _login


@pytest.fixture
def signed_in(page, live_server, patient):
    """The patient's session cookie in the browser (the login form has its own test)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(patient)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return page


@pytest.fixture
def daytime(patient):
    """The patient in a fixed-offset time zone where it is now about noon, for pages
    that depend on the hour: before 3 a.m. the check-in is still yesterday's
    (`checkin_rules.LATE_NIGHT_UNTIL_HOUR`), and a dose of today may not be due yet.
    Without it these tests failed while it was just after midnight in Berlin."""
    hour = datetime.now(UTC).hour
    offset = (12 - hour + 12) % 24 - 12  # -12 .. +11 hours from UTC
    # POSIX-style names: "Etc/GMT-5" is five hours *ahead* of UTC.
    patient.time_zone = "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"
    patient.save(update_fields=["time_zone"])
    assert 9 <= patient.local_now().hour <= 15
    return patient
