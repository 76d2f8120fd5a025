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
