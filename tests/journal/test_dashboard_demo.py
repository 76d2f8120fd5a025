"""The demo patient's dashboard tells the demo's story: one RAW step after the first
relapse and one PIRA rise later, labelled on the page and in the API."""

import io
import json
import re

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from mstracker.accounts.models import User
from tests.journal.page_text import visible_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_patient():
    call_command("demo", stdout=io.StringIO())
    return User.objects.get(username="demo-patient")


def test_the_demo_edss_shows_one_raw_step_and_one_pira_rise(client, demo_patient):
    client.force_login(demo_patient)
    html = client.get("/journal/progression/").content.decode()
    spec = json.loads(
        re.search(r'<script id="chart-edss-spec" type="application/json">(.*?)</script>', html)[1]
    )
    events = spec["datasets"]["edss-events"]
    assert [(e["label"], e["baseline"], e["value"]) for e in events] == [
        ("RAW", 2.0, 3.0),
        ("PIRA", 3.0, 4.0),
    ]
    words = visible_words(html)
    assert "Your EDSS shows 1 lasting worsening after a relapse (RAW) and 1 lasting" in words
    assert "This is not a diagnosis" in words


def test_the_demo_through_the_api(demo_patient):
    client = APIClient()
    client.force_authenticate(demo_patient)
    events = client.get("/api/v1/progression/", {"measure": "edss"}).json()["events"]
    assert [(e["type"], e["classification"]) for e in events] == [("CDW", "RAW"), ("CDW", "PIRA")]


def test_the_demo_shows_quiet_scans_beside_the_pira_rise_with_the_explanation(client, demo_patient):
    client.force_login(demo_patient)
    html = client.get("/journal/progression/?range=all").content.decode()
    spec = json.loads(
        re.search(r'<script id="chart-mri-spec" type="application/json">(.*?)</script>', html)[1]
    )
    activity = [row["activity"] for row in spec["datasets"]["mri-scans"]]
    assert activity == ["Not stated", "Active", "Quiet", "Quiet", "Quiet"]
    words = visible_words(html)
    assert "Silent progression: your EDSS rose from 3 to 4 without a relapse (PIRA" in words
    assert "while your 3 MRI scans from" in words
    assert "The MRI and the relapses do not explain it." in words
    # The demo patient has RRMS and a confirmed relapse-free rise to EDSS 4.
    assert "possible change from relapsing-remitting to secondary progressive MS" in words
    assert "It is not a diagnosis" in words
    assert "pyramidal functional-system score" in words
    assert "No evidence of disease activity (NEDA-3)" in words


def test_the_demo_neda3_through_the_api(demo_patient):
    api = APIClient()
    api.force_authenticate(demo_patient)
    body = api.get("/api/v1/progression/", {"measure": "edss"}).json()
    *years, whole = body["neda3"]
    assert whole["period"] == f"{body['date_from']}/{body['date_to']}"
    assert whole["neda"] is False
    assert [y["period"] for y in years] == sorted(y["period"] for y in years)
    # Every year had a relapse, an active scan or a worsening, or lacks the data: never
    # a reassuring yes in this story.
    assert all(y["neda"] is not True for y in years)
