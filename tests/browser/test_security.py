"""The Content Security Policy in the browser. Every browser test fails on a CSP
violation (the ``page`` fixture), so the charts and htmx of test_dashboard.py run under
it; here, an injected inline script is refused and sign-up's script still runs."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_injected_inline_script_is_refused(signed_in):
    page = signed_in
    page.goto("/journal/today/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.ran === undefined")
    assert any("inline script" in text for text in page.csp_violations)
    page.csp_violations.clear()  # provoked on purpose


def test_sign_up_preselects_the_browser_time_zone_from_a_static_script(browser, live_server):
    context = browser.new_context(base_url=live_server.url, timezone_id="Europe/Vienna")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/accounts/signup/")
    page.wait_for_load_state("load")
    assert page.locator("[data-detect-time-zone]").input_value() == "Europe/Vienna"
    assert errors == []
    context.close()
