"""On a phone, the demo patient's Progression page draws its charts, labels the EDSS
rises RAW and PIRA, and switches the period in place."""

import re

import pytest
from playwright.sync_api import expect

from journal import demo

pytestmark = pytest.mark.django_db(transaction=True)


def svg_texts(chart):
    """The words drawn in a chart's SVG (SVG text has no innerText)."""
    return chart.locator("svg text").evaluate_all("nodes => nodes.map(n => n.textContent)")


def test_charts_draw_label_raw_and_pira_and_switch_range(page, login, patient, password):
    demo.populate(patient, None)
    login(patient, password)

    page.get_by_role("button", name="Show or hide the menu").click()
    page.get_by_role("link", name="Progression").click()
    page.get_by_role("heading", name="Progression", level=1).wait_for()

    edss = page.locator("#chart-edss")
    edss.locator("svg").first.wait_for()
    expect(page.locator("#chart-relapses svg").first).to_be_visible()
    mri = page.locator("#chart-mri")
    mri.locator("svg").first.wait_for()
    assert {"Active", "Quiet", "Not stated"} <= set(svg_texts(mri))
    # The labels drawn on the chart, and the same events in the (folded) table.
    labels = svg_texts(edss)
    assert "RAW" in labels
    assert "PIRA" in labels
    table = page.locator("#chart-edss-figure details")
    expect(table).not_to_have_attribute("open", "")
    table.locator("summary").click()
    expect(table.get_by_role("cell", name=re.compile("^RAW"))).to_be_visible()
    expect(table.get_by_role("cell", name=re.compile("^PIRA"))).to_be_visible()
    expect(page.get_by_text("This is not a diagnosis.")).to_be_visible()

    # One year: the RAW step (18 months ago) leaves, the PIRA rise stays; swapped in
    # by htmx and drawn again.
    page.get_by_role("link", name="1 year").click()
    expect(page.get_by_role("link", name="1 year")).to_have_attribute("aria-current", "page")
    expect(page).to_have_url(re.compile(r"range=1y"))
    expect(page.locator(".headline-figures")).to_contain_text("RAW 0 · PIRA 1")
    page.locator("#chart-edss[data-chart-state=drawn] svg").first.wait_for()
    labels = svg_texts(page.locator("#chart-edss"))
    assert "PIRA" in labels
    assert "RAW" not in labels


def test_period_switch_keeps_focus_and_the_live_region(page, login, patient, password):
    """The htmx swap puts focus on the new "1 year" link (not <body>) and announces the
    period in the same live region element (swapped by innerHTML, not replaced)."""
    demo.populate(patient, None)
    login(patient, password)
    page.goto("/journal/progression/")
    page.locator("#chart-edss svg").first.wait_for()
    page.evaluate("() => { document.getElementById('dashboard-status').dataset.marked = 'yes'; }")

    page.get_by_role("link", name="1 year").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="1 year")).to_have_attribute("aria-current", "page")
    status = page.locator("#dashboard-status")
    expect(status).to_have_attribute("data-marked", "yes")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text("Showing")
    assert "1 year" in page.evaluate("() => document.activeElement.textContent")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-current')") == "page"


def test_charts_draw_without_vega_warnings(page, login, patient, password):
    """No "Infinite extent" or conflicting-domain warnings (layers with x2 leave the
    shared time domain to another layer: journal.charts.base.time_x)."""
    demo.populate(patient, None)
    login(patient, password)
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    for query in ["", "?range=6m", "?range=all"]:
        page.goto(f"/journal/progression/{query}")
        page.wait_for_function(
            "() => document.querySelectorAll('[data-vega-spec]').length && "
            "[...document.querySelectorAll('[data-vega-spec]')]"
            ".every(c => c.dataset.chartState === 'drawn')"
        )
    assert not [w for w in warnings if "Infinite extent" in w or "Conflicting scale" in w]
