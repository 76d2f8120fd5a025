"""On a phone, every control of the check-in and dose pages is at least 44x44 CSS px
(WCAG 2.5.5): buttons, links that stand alone, fields, and choices with their labels.
Links inside a sentence are exempt, as the criterion allows."""

import datetime as dt

import pytest

from journal import demo as journal_demo
from therapies import demo as therapies_demo

pytestmark = pytest.mark.django_db(transaction=True)

SMALL_TARGETS = """() => {
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && getComputedStyle(el).visibility !== "hidden" && !el.closest(".visually-hidden"); };
  const inSentence = el => el.tagName === "A" && !el.matches(".btn, .nav-link, .tap-target")
    && getComputedStyle(el).display === "inline"
    && el.closest("p, li, td, dd, figcaption, .form-text");
  const box = els => {
    const rs = els.filter(x => x && shown(x)).map(x => x.getBoundingClientRect());
    if (!rs.length) return null;
    return {width: Math.max(...rs.map(r => r.right)) - Math.min(...rs.map(r => r.left)),
            height: Math.max(...rs.map(r => r.bottom)) - Math.min(...rs.map(r => r.top))}; };
  const small = [];
  const controls = "header a, header button, main a[href], main button, main select, "
    + "main textarea, main input, main summary";
  for (const el of document.querySelectorAll(controls)) {
    if (el.type === "hidden" || inSentence(el)) continue;
    const choice = el.tagName === "INPUT" && ["radio", "checkbox"].includes(el.type);
    if (!choice && !shown(el)) continue;
    const label = choice && el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    const r = choice ? box([el, label]) : el.getBoundingClientRect();
    if (r && (r.width < 44 || r.height < 44))
      small.push(`${el.outerHTML.slice(0, 100)}: ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return small;
}"""


def test_check_in_and_dose_controls_are_44px(signed_in, patient, daytime):
    page = signed_in
    journal_demo.populate(patient, None)
    therapies_demo.populate(patient, None)
    yesterday = patient.local_today() - dt.timedelta(days=1)

    page.goto("/therapies/calendar/")
    page.get_by_role("button", name="Taken").first.click()
    page.get_by_role("button", name="Undo").first.wait_for()

    for url in ["/journal/today/", f"/journal/checkins/{yesterday}/", "/therapies/",
                "/therapies/calendar/"]:  # fmt: skip
        page.goto(url)
        assert page.evaluate(SMALL_TARGETS) == [], url
