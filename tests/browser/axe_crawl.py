"""Crawl what a signed-in (or anonymous) user can reach and run axe-core on every page.

The crawl follows same-origin links from the start pages (one page per URL shape: ids
become ``<n>``, query values are ignored), runs axe with the WCAG 2.1 A/AA rules at
desktop and phone widths, measures horizontal scrolling at 320 CSS px, and submits
each data form (POST) emptied (browser validation off) once, at phone width, to check
its error state too; GET forms are filters whose results are pages of the same kind.
Failed same-origin resources (images, styles, scripts) count as failures. Downloads,
log-out and destructive buttons are not followed.

axe is injected with ``page.evaluate``: DevTools evaluation is not subject to the page's
Content Security Policy, so the app's CSP stays as it is.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from axe_playwright_python.base import AXE_SCRIPT

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 800}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# Links not followed: downloads, machine endpoints, the admin, logging out.
SKIP_LINK = re.compile(
    r"(\.(pdf|zip|csv|json|ics|png|svg|ico|txt)$)|/export|/download|/api/(v1|schema)/|"
    r"/logout/|/admin/|/ops-"
)
# Buttons whose form changes or ends something for good: never submitted.
SKIP_BUTTON = re.compile(
    r"delete|remove|revoke|stop|disable|log ?out|sign ?out|end |undo|turn off|cancel|erase",
    re.IGNORECASE,
)

EMPTY_FORMS = """() => Array.from(document.forms).map((form, index) => {
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const fields = Array.from(form.elements).filter(el =>
    ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) && el.type !== "hidden" && visible(el));
  const button = form.querySelector("button[type=submit], button:not([type]), input[type=submit]");
  return {index, fields: fields.length, method: (form.method || "get").toLowerCase(),
          action: form.action, label: button ? (button.innerText || button.value || "") : "",
          visible: visible(form)};
})"""

SUBMIT_EMPTIED = """(index) => {
  const form = document.forms[index];
  form.noValidate = true;
  for (const el of form.elements) {
    if (el.readOnly || el.disabled || el.type === "hidden") continue;
    if (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" &&
        ["text", "email", "number", "date", "time", "datetime-local", "password", "search",
         "tel", "url", "month", "week"].includes(el.type))) el.value = "";
  }
  const button = form.querySelector("button[type=submit], button:not([type]), input[type=submit]");
  form.requestSubmit(button || undefined);
}"""


def url_shape(url):
    """One key per kind of page: ids and long tokens become placeholders, query values go."""
    parts = urlsplit(url)
    path = re.sub(r"/\d{4}-\d{2}(-\d{2})?(?=/|$)", "/<date>", parts.path)
    path = re.sub(r"/\d+(?=/|$|\.)", "/<n>", path)
    path = re.sub(r"/[A-Za-z0-9_-]{20,}(?=/|$)", "/<token>", path)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


@dataclass
class Finding:
    url: str
    where: str  # "desktop", "phone", "error state"
    rule: str
    impact: str
    nodes: list

    def __str__(self):
        first = self.nodes[0]
        return (
            f"{self.url} [{self.where}] {self.rule} ({self.impact}) x{len(self.nodes)}: "
            f"{first['target']} {first.get('failureSummary', '')[:300]}"
        )


@dataclass
class Crawl:
    page: object
    origin: str
    visited: dict = field(default_factory=dict)  # shape -> url
    findings: list = field(default_factory=list)
    overflow: list = field(default_factory=list)  # (url, scrollWidth at 320 px)
    failures: list = field(default_factory=list)  # (url, status)
    forms_checked: int = 0
    axe_runs: int = 0
    forms_seen: set = field(default_factory=set)  # (action shape, button) already submitted

    def axe(self, url, where):
        self.page.evaluate(AXE_SCRIPT)
        result = self.page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        self.axe_runs += 1
        for violation in result["violations"]:
            self.findings.append(
                Finding(url, where, violation["id"], violation["impact"], violation["nodes"])
            )

    def settle(self):
        self.page.wait_for_load_state("load")
        # Charts draw after load (vega), htmx may swap; let them finish before measuring.
        self.page.wait_for_timeout(150)
        if self.page.locator("[data-chart-state]").count():
            self.page.wait_for_function(
                "() => !document.querySelector('[data-chart-state]:not([data-chart-state=drawn])"
                ":not([data-chart-state=empty]):not([data-chart-state=failed])')",
                timeout=10_000,
            )

    def watch_resources(self):
        """Record same-origin images, styles and scripts that fail (a missing favicon)."""

        def check(response):
            subresource = response.request.resource_type not in ("document", "xhr", "fetch")
            if subresource and response.status >= 400 and response.url.startswith(self.origin):
                self.failures.append((response.url, response.status))

        self.page.on("response", check)

    def open(self, url):
        response = self.page.goto(url)
        status = response.status if response else 0
        kind = (response.headers.get("content-type", "") if response else "") or ""
        if status >= 400:
            self.failures.append((url, status))
        return "text/html" in kind

    def same_origin_links(self):
        hrefs = self.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        links = []
        for href in hrefs:
            href = href.split("#")[0]
            if not href.startswith(self.origin) or SKIP_LINK.search(urlsplit(href).path):
                continue
            links.append(href)
        return links

    def check_page(self, url):
        """axe at desktop and phone width, scroll width at 320 px; returns the page's links."""
        self.page.set_viewport_size(DESKTOP)
        if not self.open(url):
            return []
        self.settle()
        links = self.same_origin_links()
        self.axe(url, "desktop")
        self.page.set_viewport_size(PHONE)
        self.page.wait_for_timeout(50)
        self.axe(url, "phone")
        self.page.set_viewport_size(NARROW)
        self.page.wait_for_timeout(50)
        width = self.page.evaluate("() => document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            self.overflow.append((url, width))
        return links

    def check_forms(self, url):
        """Each data form on the page, submitted emptied: axe on the error state (phone)."""
        self.page.set_viewport_size(PHONE)
        for form in self.page.evaluate(EMPTY_FORMS):
            if not form["visible"] or not form["fields"] or SKIP_BUTTON.search(form["label"]):
                continue
            # GET forms filter a list: their result is a page of the same template.
            if form["method"] == "get" or SKIP_LINK.search(urlsplit(form["action"]).path):
                continue
            seen = (url_shape(form["action"]), form["label"].strip())
            if seen in self.forms_seen:
                continue
            self.forms_seen.add(seen)
            self.open(url)
            self.settle()
            with self.page.expect_response(
                lambda r: r.request.resource_type in ("document", "xhr", "fetch")
            ):
                self.page.evaluate(SUBMIT_EMPTIED, form["index"])
            self.page.wait_for_load_state("networkidle")
            self.settle()
            self.forms_checked += 1
            self.axe(f"{url} form {form['index']} ({form['label'].strip()})", "error state")

    def run(self, starts):
        self.watch_resources()
        queue = list(starts)
        while queue:
            url = queue.pop(0)
            shape = url_shape(url)
            if shape in self.visited:
                continue
            self.visited[shape] = url
            links = self.check_page(url)
            if links:
                self.check_forms(url)
            queue.extend(link for link in links if url_shape(link) not in self.visited)
        return self

    def summary(self):
        """Violations by rule: how many page checks and nodes (the numbers reported)."""
        rules = {}
        for finding in self.findings:
            checks, nodes = rules.get(finding.rule, (0, 0))
            rules[finding.rule] = (checks + 1, nodes + len(finding.nodes))
        return rules

    def report(self):
        lines = [str(finding) for finding in self.findings]
        lines += [f"{url}: scrollWidth {width} px at 320 px" for url, width in self.overflow]
        lines += [f"{url}: HTTP {status}" for url, status in self.failures]
        return "\n".join(lines)
