"""WCAG 2.1 A/AA, enforced: axe-core finds nothing on any page a patient, a clinician
(signed in with two-factor, with shares) or a visitor can reach, at desktop and phone
widths and in every form's error state, and no page scrolls sideways at 320 CSS px."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from mstracker.accounts.models import User
from tests.browser.axe_crawl import DESKTOP, Crawl
from tests.browser.conftest import is_csp_violation
from tests.factories import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_users():
    call_command("demo", stdout=io.StringIO())
    return User.objects.get(username="demo-patient"), User.objects.get(username="demo-clinician")


def signed_in_context(browser, live_server, user):
    """A desktop-sized context with ``user``'s session (two-factor passed), or none."""
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    if user is not None:
        client = sign_in(Client(), user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
    return context


def crawl(browser, live_server, user, starts):
    context = signed_in_context(browser, live_server, user)
    page = context.new_page()
    page.set_default_timeout(15_000)
    csp = []
    page.on("console", lambda m: csp.append(m.text) if is_csp_violation(m) else None)
    try:
        result = Crawl(page, live_server.url).run([live_server.url + path for path in starts])
    finally:
        context.close()
    print(
        f"{user or 'anonymous'}: {len(result.visited)} pages, {result.forms_checked} error "
        f"states, {result.axe_runs} axe runs, {len(result.findings)} violations "
        f"{result.summary()} overflow {result.overflow}"
    )
    assert not csp, csp
    return result


def assert_clean(result):
    assert not result.report(), "\n" + result.report()


def test_visitor_pages(browser, live_server):
    starts = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
    assert_clean(crawl(browser, live_server, None, starts + ["/api/docs/"]))


def test_patient_and_clinician_pages(browser, live_server, demo_users):
    """One demo seeding for both: the demo patient, and the demo clinician with its four
    sharing patients (two-factor passed)."""
    patient, clinician = demo_users
    mine = crawl(browser, live_server, patient, ["/"])
    theirs = crawl(browser, live_server, clinician, ["/"])
    assert len(mine.visited) > 30
    assert any("/clinician/patients/" in url for url in theirs.visited.values())
    assert_clean(mine)
    assert_clean(theirs)


def test_checkbox_borders_have_3_to_1(signed_in):
    """WCAG 1.4.11: an unchecked box's border (the relapse form's functions) against white."""
    from tests.contrast import contrast

    signed_in.goto("/journal/relapses/new/")
    box = signed_in.locator("input[type=checkbox]").first
    colour = box.evaluate("el => getComputedStyle(el).borderTopColor")
    assert contrast(colour, "#ffffff") >= 3, colour


def test_today_with_crisis_help(browser, live_server, demo_users):
    """Jo's last PHQ-9 has item 9 above 0: Today shows the crisis help (tap-to-call
    links), also without violations."""
    jo = User.objects.get(username="demo-jo")
    context = signed_in_context(browser, live_server, jo)
    page = context.new_page()
    try:
        result = Crawl(page, live_server.url)
        result.check_page(live_server.url + "/journal/today/")
        assert page.locator('a[href="tel:116123"]').count() == 1
        assert_clean(result)
    finally:
        context.close()
