"""Stored XSS: script-bearing text in every free-text field is inert on every page.

Every user-typed text column of every exported kind (and the clinician's own name and
notes, which the patient sees) gets its own payload; then the patient's and the
clinician's pages are crawled by following every link, and no page may carry a
payload unescaped. The symptom anchors, the finding of issue 20, go in through
``POST /api/v1/symptoms/`` exactly as the probe did.
"""

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import models

from journal.models import Symptom
from mstracker.accounts.models import User
from mstracker.care.models import ClinicalNote
from mstracker.portability.kinds import KINDS
from tests.factories import sign_in
from tests.portability.account import every_kind_of_record

pytestmark = pytest.mark.django_db

# Text columns the user never types (codes, server-made text), each with its reason.
NOT_TYPED = {
    ("Symptom", "code"): "a slug made by the server from the name",
    ("Notification", "title"): "written by the reminders code",
    ("Notification", "body"): "written by the reminders code",
    ("Notification", "url"): "a path the reminders code builds",
    ("User", "time_zone"): "chosen from the IANA list, validated",
    ("Drug", "code"): "a slug made by the server from the name",
    ("Course", "dose"): "a decimal held as text, validated as a number",
}
# Stored but shown on no page (the API and the exports return JSON, not HTML).
NOT_ON_A_PAGE = {
    "DoseLog.note": "shown only by the API and the exports",
}
SKIP_PATHS = ("/accounts/logout/", "/api/", "/static/", "/admin/")
MAX_PAGES = 400


def payload(n):
    return f"<img src=x onerror=alert({n})>"


def typed_text_fields():
    """(model, field) for every free-text column a person types, kind by kind."""
    found = []
    for kind in KINDS:
        for field in kind.model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField) or field.choices:
                continue
            if field.name not in kind.fields or not field.editable:
                continue
            if (kind.model.__name__, field.name) in NOT_TYPED:
                continue
            found.append((kind, field))
    return found


def fill_every_text_field(patient, clinician):
    """Write a distinct payload into each typed text field; returns {payload: label}."""
    written = {}
    for n, (kind, field) in enumerate(typed_text_fields(), start=1):
        text = payload(n)[: field.max_length] if field.max_length else payload(n)
        rows = kind.model.objects.filter(**{kind.owner: patient.pk})
        assert rows.update(**{field.name: text}), f"no {kind.name} row to fill"
        written[text] = f"{kind.model.__name__}.{field.name}"
    # What the clinician types and the patient reads: their name and their notes.
    n = len(written) + 1
    clinician.first_name = payload(n)[:150]
    clinician.save()
    written[clinician.first_name] = "clinician's User.first_name"
    ClinicalNote.objects.filter(clinician=clinician).update(
        text=payload(n + 1), clinician_name=payload(n + 2)
    )
    written[payload(n + 1)] = "ClinicalNote.text"
    written[payload(n + 2)] = "ClinicalNote.clinician_name"
    return written


def crawl(client, starts):
    """GET every same-site page reachable by links from ``starts``; {path: html}."""
    seen, queue, pages = set(), list(starts), {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP_PATHS):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[path] = html
        for href in re.findall(r'href="([^"#]*)', html):
            target = urlsplit(urljoin(path, unescape(href)))
            if target.netloc in ("", "testserver") and target.path:
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return pages


def assert_inert(pages, written):
    for path, html in pages.items():
        for text, label in written.items():
            assert text not in html, f"{label} is not escaped on {path}"


def test_every_free_text_field_is_inert_on_every_page(client, patient):
    every_kind_of_record(patient)
    clinician = User.objects.get(username="dr-nora")
    written = fill_every_text_field(patient, clinician)

    client.force_login(patient)
    starts = ["/", "/journal/today/", "/journal/", "/therapies/", "/care/", "/journal/summary/"]
    patient_pages = crawl(client, starts)
    assert_inert(patient_pages, written)
    assert "/journal/summary/" in patient_pages  # the visit summary (marked safe as a whole)
    assert len(patient_pages) > 30

    sign_in(client, clinician)
    clinician_pages = crawl(
        client,
        [
            "/clinician/",
            f"/clinician/patients/{patient.pk}/",
            f"/clinician/patients/{patient.pk}/summary/",
        ],
    )
    assert_inert(clinician_pages, written)
    assert f"/clinician/patients/{patient.pk}/" in clinician_pages

    # The test can fail: each payload is shown somewhere, escaped.
    shown = "".join(patient_pages.values()) + "".join(clinician_pages.values())
    missing = [label for text, label in written.items() if escape_html(text) not in shown]
    assert set(missing) == set(NOT_ON_A_PAGE), f"never shown, so never checked: {missing}"


def escape_html(text):
    from django.utils.html import escape

    return escape(text)


def test_symptom_anchor_posted_through_the_api_is_inert_on_today_and_check_in(
    patient, patient_api, client
):
    """The probe's own steps: the anchors become the check-in form's help text."""
    answer = patient_api.post(
        "/api/v1/symptoms/",
        {"name": "Tremor", "anchor_low": payload(1), "anchor_high": payload(2)},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert Symptom.objects.filter(owner=patient, anchor_low=payload(1)).exists()
    client.force_login(patient)
    for path in ("/journal/today/", "/journal/checkins/2024-05-01/"):
        html = client.get(path).content.decode()
        assert payload(1) not in html, path
        assert payload(2) not in html, path
        assert escape_html(payload(1)) in html, path
