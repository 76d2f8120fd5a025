"""The Progression page: one patient's relapses and lasting worsening, labelled RAW or
PIRA, with the figures in words, range and chart choices, and nobody else's data."""

import json
import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from journal import dashboard, dashboard_charts
from journal.forms.dashboard import SHOWN_FIELDS, DashboardForm
from journal.models import CheckIn, Symptom, SymptomScore
from tests.factories import sign_in
from tests.journal.dashboard_story import tell_story
from tests.journal.page_text import visible_words

pytestmark = pytest.mark.django_db

URL = reverse("journal:dashboard")


def text(response):
    return visible_words(response.content.decode())


def specs(response):
    """The chart specs the page hands to vega-embed, by container id."""
    html = response.content.decode()
    found = re.findall(r'<script id="([\w-]+)-spec" type="application/json">(.*?)</script>', html)
    return {name: json.loads(body) for name, body in found}


@pytest.fixture
def story(patient):
    return tell_story(patient)


def test_the_patient_sees_raw_and_pira_labelled_with_the_explanation(patient_client, story):
    response = patient_client.get(URL)
    assert response.status_code == 200
    words = text(response)
    assert "RAW 1 · PIRA 1" in words
    assert "1 lasting worsening after a relapse (RAW)" in words
    assert "1 lasting worsening without a relapse (PIRA)" in words
    assert "1 point without a relapse (PIRA) and 1 point after relapses (RAW)" in words
    assert "This is not a diagnosis" in words
    # The pseudo-relapse near the PIRA onset is drawn but does not count.
    assert "Possible pseudo-relapse" in words
    edss = specs(response)["chart-edss"]
    labels = sorted(row["label"] for row in edss["datasets"]["edss-events"])
    assert labels == ["PIRA", "RAW"]


def test_the_headline_figures_read_from_the_patients_records(patient_client, story):
    words = text(patient_client.get(URL))
    assert "Your last relapse began 30 days ago" in words or "began 1 month ago" in words
    assert "Dimethyl fumarate" in words
    assert "20 ng/mL" in words  # 50 nmol/L
    assert "100 days smoke-free" in words
    assert "30 days after relapses 8.0 / 10" in words
    assert "Other times 2.0 / 10" in words


def test_every_chart_has_its_spec_and_a_table_fallback(patient_client, story):
    response = patient_client.get(URL)
    html = response.content.decode()
    assert set(specs(response)) == {
        "chart-relapses",
        "chart-edss",
        "chart-symptoms",
        "chart-therapies",
        "chart-exercise",
        "chart-vitamin-d",
        "chart-smoking",
    }
    assert html.count('<details class="chart-data" data-chart-data open>') == 7
    assert "vega/vega-bundle.js" in html
    assert "journal/charts.js" in html


def test_other_pages_do_not_load_the_chart_bundle(patient_client):
    html = patient_client.get(reverse("journal:today")).content.decode()
    assert "vega-bundle.js" not in html
    assert 'href="/journal/progression/"' in html  # in the navigation


def test_ranges_are_links_that_keep_the_other_choices(patient_client, story):
    response = patient_client.get(URL, {"range": "5y", "measure": "edss", "symptom": "fatigue"})
    html = response.content.decode()
    assert 'aria-current="page">5 years<' in re.sub(r"\s+", " ", html)
    assert "?range=6m&amp;measure=edss&amp;symptom=fatigue" in html
    # The 6-month range still holds the last relapse but neither EDSS event.
    words = text(patient_client.get(URL, {"range": "6m"}))
    assert "RAW 0 · PIRA 0" in words


def test_choosing_a_measure_and_symptoms(patient_client, story):
    response = patient_client.get(URL, {"measure": "pdds", "symptom": ["fatigue", "burden"]})
    found = specs(response)
    assert "chart-edss" not in found
    assert "No PDDS results in this period." in text(response)  # none recorded
    names = {row["symptom"] for row in found["chart-symptoms"]["datasets"]["symptoms-names"]}
    assert names == {"Fatigue", "Overall burden"}


def test_invalid_choices_say_so_and_fall_back(patient_client, story):
    response = patient_client.get(
        URL,
        {
            "range": "3y",
            "measure": "iq",
            "symptom": ["fatigue", "walking", "balance", "pain", "vision"],
        },
    )
    assert response.status_code == 200
    words = text(response)
    assert "Choose one of the measures in the list." in words
    assert "Choose up to 4 symptoms; you chose 5." in words
    assert "chart-edss" in specs(response)
    assert "Walking / mobility" in {
        row["symptom"] for row in specs(response)["chart-symptoms"]["datasets"]["symptoms-names"]
    }


def test_htmx_gets_only_the_dashboard_body(patient_client, story):
    response = patient_client.get(URL, {"range": "1y"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<h1" not in html
    assert "vega-bundle.js" not in html
    assert 'id="dashboard-status"' in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert "chart-edss" in specs(response)
    assert "HX-Request" in response["Vary"]


def test_a_new_patient_sees_empty_charts_and_plain_words(patient_client):
    response = patient_client.get(URL)
    assert response.status_code == 200
    words = text(response)
    assert "No relapse is recorded." in words
    # Without an EDSS nothing can be judged: said so, never a reassuring zero (issue 18).
    assert "No EDSS recorded yet: add the one from your clinic letter" in words
    assert "needs two assessments at least 12 weeks apart" in words
    assert "no lasting worsening after a relapse (RAW)" not in words
    assert "RAW 0 · PIRA 0" not in words
    assert "EDSS change none" not in words.replace(":", "")
    assert "No disease-modifying therapy running." in words
    assert "No relapses recorded in this period." in words


def test_another_patients_records_never_show(client, other_patient, story):
    client.force_login(other_patient)
    words = text(client.get(URL))
    assert "No EDSS recorded yet" in words
    assert "Dimethyl fumarate" not in words


def test_clinicians_are_refused_and_visitors_sent_to_log_in(client, clinician):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    sign_in(client, clinician)
    assert client.get(URL).status_code == 403


def test_unchanged_charts_come_from_the_cache_and_new_data_redraws_its_chart(
    patient, patient_client, story, monkeypatch
):
    def body():
        return patient_client.get(URL).content.decode().split('<div id="dashboard">')[1]

    first = body()
    built = []

    def counting(figure):
        def build(*args, **kwargs):
            built.append(figure.__module__)
            return figure(*args, **kwargs)

        return build

    for module in ("relapses", "disability", "symptoms", "therapies", "exercise", "smoking"):
        chart = getattr(dashboard_charts, module)
        monkeypatch.setattr(chart, "figure", counting(chart.figure))
    assert body() == first
    assert built == []

    checkin = CheckIn.objects.create(user=patient, date=story, wellbeing=3)
    SymptomScore.objects.create(
        checkin=checkin, symptom=Symptom.objects.get(code="fatigue", owner=None), score=9
    )
    patient_client.get(URL)
    assert built == ["journal.charts.symptoms"]


def test_the_symptom_means_before_the_last_weeks_are_computed_again_only_when_they_change(
    patient, patient_client, story, monkeypatch
):
    """`dashboard_charts` keeps `symptoms.lines_prefix` keyed by the scores it reads: a
    check-in of today reuses it, an edit of an older day's scores computes it again."""
    prefixes = []
    real = dashboard_charts.symptoms.lines_prefix

    def counted(*args, **kwargs):
        prefixes.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(dashboard_charts.symptoms, "lines_prefix", counted)
    fatigue = Symptom.objects.get(code="fatigue", owner=None)
    patient_client.get(URL)
    assert len(prefixes) == 1

    CheckIn.objects.record(patient, story, wellbeing=3, scores={fatigue: 9})
    patient_client.get(URL)
    assert len(prefixes) == 1

    older = CheckIn.objects.filter(user=patient).order_by("date").first()
    CheckIn.objects.record(patient, older.date, wellbeing=3, scores={fatigue: 0})
    patient_client.get(URL)
    assert len(prefixes) == 2


def test_the_choice_fields_are_djangos_own_html_and_follow_the_choices(patient, story):
    """`DashboardForm.shown_fields` is kept in the cache by content: the same HTML as
    rendering the fields, checked boxes as chosen, and a symptom's new name at once."""

    def form(query):
        return DashboardForm(QueryDict(query), symptoms=dashboard.symptom_choices(patient))

    for query in ("", "symptom=fatigue&measure=pdds", "symptom=fatigue&measure=pdds"):
        shown = form(query).shown_fields()
        fresh = form(query)
        assert shown == {name: fresh[name].as_field_group() for name in SHOWN_FIELDS}
    assert 'value="fatigue"' in shown["symptom"]
    assert re.search(r'value="fatigue"[^>]*checked', shown["symptom"])
    assert not re.search(r'value="walking"[^>]*checked', shown["symptom"])

    Symptom.objects.create(owner=patient, code="own-1", name="<b>Tingling</b>")
    shown = form("symptom=own-1").shown_fields()
    assert "&lt;b&gt;Tingling&lt;/b&gt;" in shown["symptom"]
    assert "<b>Tingling" not in shown["symptom"]
