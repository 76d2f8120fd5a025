"""A patient on a phone runs the symbol-digit and tapping self-tests end to end.

Playwright's clock drives the page's `performance.now()` and timers, so a 90-second
session takes a moment: the test answers at set intervals and checks the score and
timings the server stored."""

import datetime as dt

import pytest

from journal.models import Measure, SelfTestRun

pytestmark = pytest.mark.django_db(transaction=True)

ANSWER_EVERY_MS = 800
START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def paused_clock(page, path):
    """Open ``path`` with the page's clock under the test's control: time moves only
    with ``page.clock.run_for``."""
    page.clock.install(time=START)
    page.goto(path)
    page.clock.pause_at(START + dt.timedelta(minutes=1))


def axe_violations(page):
    """axe-core's report of the page as it is now ("" for none). axe waits on timers,
    so the paused clock flows while it runs (only between timed phases)."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    page.clock.resume()
    results = axe.Axe().run(page)
    now = page.evaluate("Date.now()")
    page.clock.pause_at(dt.datetime.fromtimestamp(now / 1000 + 1, tz=dt.UTC))
    return results.generate_report() if results.violations_count else ""


def test_a_whole_symbol_digit_session_at_phone_size(signed_in, patient):
    page = signed_in
    paused_clock(page, "/journal/self-tests/symbol-digit/")
    assert "is not the SDMT" in page.inner_text("main")
    assert "provisional" in page.inner_text("main")
    assert not axe_violations(page)
    page.get_by_role("button", name="Start with the practice").click()
    page.locator("#sdt-key-list li").nth(8).wait_for()
    run = SelfTestRun.objects.get(user=patient)
    byte_symbol = {digit: symbol for symbol, digit in enumerate(run.pairing)}
    assert len(page.locator("#sdt-key-list img").all()) == 9
    assert not axe_violations(page)

    # Practice: 10 symbols, one deliberately wrong; the page says which digit it was.
    for i, symbol in enumerate(run.practice_items):
        digit = run.pairing[symbol] if i else run.pairing[symbol] % 9 + 1
        page.keyboard.press(str(digit))
        if i == 0:
            assert "Not quite" in page.inner_text("#sdt-feedback")
    page.get_by_role("button", name="Start the 90-second test").click()

    # 90 seconds at one answer every 800 ms: 112 answers, the 5th and 10th wrong.
    answered = 0
    while True:
        page.clock.run_for(ANSWER_EVERY_MS)
        if not page.locator("#sdt-run").is_visible():
            break
        symbol = run.items[answered]
        expected = run.pairing[symbol]
        digit = expected % 9 + 1 if answered in (4, 9) else expected
        shown = page.locator("#sdt-symbol").get_attribute("src")
        assert shown.endswith(f"symbol-{symbol}.svg")
        page.get_by_role("button", name=str(digit), exact=True).click()
        answered += 1
    page.locator("#sdt-result[data-saved]").wait_for()
    assert page.locator("#sdt-result").get_attribute("data-saved") != "error"
    text = page.inner_text("#sdt-result")
    run.refresh_from_db()
    assert answered == 112
    assert (run.score, run.errors) == (110, 2)
    assert run.input == "mouse"  # Playwright clicks with a mouse pointer
    assert len(run.trials) == 112
    assert len(run.practice_trials) == 10
    assert [t[1] for t in run.trials[:3]] == [800, 1600, 2400]
    assert run.median_ms == ANSWER_EVERY_MS
    assert run.practice  # the first run
    assert "Correct answers: 110" in text
    assert "practice run" in text
    assert byte_symbol  # the key was a permutation of 1-9
    assert not Measure.objects.exists()
    assert not axe_violations(page)


def test_a_tapping_session_records_taps_misses_and_input(signed_in, patient):
    page = signed_in
    paused_clock(page, "/journal/self-tests/tapping/nondominant/")
    assert "your other hand" in page.inner_text("main")
    assert not axe_violations(page)
    page.get_by_role("button", name="Get ready").click()
    left = page.get_by_role("button", name="Left")
    right = page.get_by_role("button", name="Right")
    left.wait_for()
    targets = [left, right]
    hits = 0
    while page.locator("#tap-run").is_visible():
        targets[hits % 2].click()
        if hits == 10:
            targets[hits % 2].click()  # the same target twice: a miss
        hits += 1
        page.clock.run_for(250)
    page.locator("#tap-result[data-saved]").wait_for()
    run = SelfTestRun.objects.get(user=patient)
    assert run.kind == "tap_nondominant"
    assert run.input == "mouse"
    assert run.errors == 1
    assert run.score == len(run.trials) - 1
    assert run.score == 40  # a hit every 250 ms from 0 to 9.75 s: the clock stops at 10
    assert run.cv == 0  # perfectly regular
    assert "Measured with a mouse or trackpad" in page.inner_text("#tap-result")
    assert not axe_violations(page)


def test_the_overview_lists_runs_and_explains_the_practice_rule(signed_in, patient):
    from journal import selftests

    run = selftests.issue(patient, "sdt")
    selftests.submit(
        run.pk,
        patient,
        selftests.Upload(
            "touch", [[run.pairing[s], 700 * (i + 1)] for i, s in enumerate(run.items[:40])], []
        ),
    )
    page = signed_in
    page.goto("/journal/self-tests/")
    main = page.inner_text("main")
    assert "first 3 runs" in main
    assert "40 correct, 0 wrong" in main
    assert "practice" in main
    assert not axe_violations(page)
