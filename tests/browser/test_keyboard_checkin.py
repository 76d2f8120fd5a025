"""Keyboard only, on a phone-sized page: the demo patient changes three scores of
today's check-in and saves, and the key presses are counted (and held to a bound)."""

import pytest

from journal import demo
from journal.models import CheckIn

pytestmark = pytest.mark.django_db(transaction=True)

# 22 measured (Tab through skip link, brand, menu button and the fields before each
# changed scale, an arrow key in each, Tab to Save, Enter); a little room for new fields.
MAX_PRESSES = 28
CHANGED = ["score_fatigue", "score_walking", "score_sleep"]


def test_a_changed_day_check_in_by_keyboard(signed_in, patient):
    page = signed_in
    demo.populate(patient, None)
    before = CheckIn.objects.with_scores().get(user=patient, date=patient.local_today())
    old = {s.symptom.code: s.score for s in before.scores.all()}
    page.goto("/journal/today/")
    presses = 0

    def press(key):
        nonlocal presses
        page.keyboard.press(key)
        presses += 1

    def active(attribute):
        return page.evaluate(f"() => document.activeElement.getAttribute('{attribute}')")

    for name in CHANGED:
        while active("name") != name:
            press("Tab")
            assert presses < 100, f"{name} not reached by Tab"
        # Arrow keys move within the radio group; down unless the score is already 10.
        press("ArrowLeft" if old[name.removeprefix("score_")] == 10 else "ArrowRight")
    while (page.evaluate("() => document.activeElement.innerText") or "") != "Save check-in":
        press("Tab")
        assert presses < 100, "Save not reached by Tab"
    press("Enter")
    page.get_by_text("saved", exact=False).first.wait_for()

    after = CheckIn.objects.with_scores().get(user=patient, date=patient.local_today())
    new = {s.symptom.code: s.score for s in after.scores.all()}
    changed = {code for code in new if new[code] != old.get(code)}
    assert changed == {name.removeprefix("score_") for name in CHANGED}
    print(f"keyboard check-in, 3 scores changed: {presses} key presses")
    assert presses <= MAX_PRESSES
