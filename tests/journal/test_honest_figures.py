"""Honest figures (issue 18): too few assessments are said, never shown as a
reassuring 0; the same fact reads the same on every page; terms are defined where
they first appear, by touch and screen reader too."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from journal import dashboard_types, exercise_goals, figures, smoking_rules, units, vocabulary
from journal.charts import smoking as smoking_chart
from journal.dashboard_types import DateRange
from tests.journal.factories import MeasureFactory, RelapseFactory, SmokingFactory
from tests.journal.page_text import visible_words

pytestmark = pytest.mark.django_db

API = "/api/v1/progression/"
PAGE = reverse("journal:dashboard")


def edss(patient, *days_ago, value=2.0):
    today = patient.local_today()
    for days in days_ago:
        MeasureFactory(user=patient, date=today - dt.timedelta(days=days), value=value)


@pytest.mark.parametrize(
    ("dates", "gap"),
    [
        ([], figures.AssessmentGap.NONE_RECORDED),
        ([dt.date(2024, 1, 1)], figures.AssessmentGap.ONE_ONLY),
        ([dt.date(2024, 1, 1), dt.date(2024, 3, 1)], figures.AssessmentGap.TOO_CLOSE),
        ([dt.date(2024, 1, 1), dt.date(2024, 3, 25)], None),  # 84 days: 12 weeks
    ],
)
def test_the_gap_rule(dates, gap):
    assert figures.assessment_gap(dates) is gap


def test_without_edss_the_api_answers_null_with_a_reason(patient_api, patient):
    body = patient_api.get(API).json()["figures"]
    assert body["event_counts"] is None
    assert body["disability_change"] is None
    assert body["assessment_gap"] == {
        "reason": "no_assessments",
        "message": "No EDSS recorded yet: add the one from your clinic letter (a lasting "
        "change needs two assessments at least 12 weeks apart).",
        "assessments": 0,
    }


def test_one_edss_or_two_close_ones_are_not_enough(patient_api, patient, patient_client):
    edss(patient, 10)
    body = patient_api.get(API).json()["figures"]
    assert body["assessment_gap"]["reason"] == "one_assessment"
    assert body["event_counts"] is None
    words = visible_words(patient_client.get(PAGE).content.decode())
    assert "Only one EDSS so far" in words
    assert "RAW 0 · PIRA 0" not in words
    edss(patient, 40)
    body = patient_api.get(API).json()["figures"]
    assert body["assessment_gap"]["reason"] == "too_close"
    assert body["assessment_gap"]["assessments"] == 2


def test_enough_assessments_give_the_counts_and_no_gap(patient_api, patient, patient_client):
    edss(patient, 10, 200)
    body = patient_api.get(API).json()["figures"]
    assert body["assessment_gap"] is None
    assert body["event_counts"] == {"raw": 0, "pira": 0, "unclassified": 0, "improvements": 0}
    assert body["disability_change"]["net"] == 0.0
    assert "RAW 0 · PIRA 0" in visible_words(patient_client.get(PAGE).content.decode())


def test_the_schema_says_the_figures_can_be_null(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    figures_schema = schema["components"]["schemas"]["ProgressionFigures"]["properties"]
    assert figures_schema["event_counts"].get("nullable") or any(
        "null" in str(part) for part in figures_schema["event_counts"].get("oneOf", [])
    )
    assert "assessment_gap" in figures_schema


def test_terms_are_defined_where_they_first_appear_without_hover(patient_client, patient):
    edss(patient, 10, 200)
    html = patient_client.get(PAGE).content.decode()
    first_raw = html.index("RAW")
    disclosure = html.index("<summary>What RAW, PIRA, CDW and CDI mean</summary>")
    assert disclosure < html.index('id="charts-title"')  # above the charts, not after them
    assert html.index("<details", first_raw - 2000) < disclosure
    for term in ("Relapse-associated worsening", "Progression independent of relapse activity"):
        assert term in html
    body = html[html.index('id="dashboard"') :]
    assert not re.search(r"<abbr[^>]*title=", body)  # no hover-only explanation left


def test_relapse_episodes_and_onsets_are_named_alike_in_headline_and_chart(patient_client, patient):
    today = patient.local_today()
    for days in (300, 290, 100):  # the first two are one episode
        onset = today - dt.timedelta(days=days)
        RelapseFactory(user=patient, onset=onset, end=onset + dt.timedelta(days=5))
    words = visible_words(patient_client.get(PAGE).content.decode())
    assert "2 relapse episodes in" in words
    assert "3 relapse onsets in 2 relapse episodes" in patient_client.get(PAGE).content.decode()


def test_one_smoke_free_rule_on_the_card_the_pages_the_api_and_the_chart(
    patient, patient_client, patient_api
):
    today = patient.local_today()
    stopped, recorded = today - dt.timedelta(days=12), today - dt.timedelta(days=10)
    SmokingFactory(user=patient, date=today - dt.timedelta(days=400), status="current",
                   quit_date=None, cigarettes=10)  # fmt: skip
    SmokingFactory(user=patient, date=recorded, status="former", quit_date=stopped)
    today_page = visible_words(patient_client.get(reverse("journal:today")).content.decode())
    assert "12 days smoke-free" in today_page
    smoking_page = visible_words(
        patient_client.get(reverse("journal:smoking_list")).content.decode()
    )
    assert "12 days smoke-free" in smoking_page
    api = patient_api.get(API).json()["figures"]["smoking"]
    assert api["smoke_free_days"] == 12
    assert api["quit_date"] == stopped.isoformat()
    records = [
        dashboard_types.SmokingRecord(today - dt.timedelta(days=400), "current"),
        dashboard_types.SmokingRecord(recorded, "former", stopped),
    ]
    periods = smoking_chart.periods(records, DateRange.ending(today, 730))
    assert periods[-1].status is vocabulary.SmokingStatus.FORMER
    assert periods[-1].start == stopped  # the chart's "stopped" starts the card's day
    assert periods[0].end == stopped - dt.timedelta(days=1)
    assert not hasattr(smoking_rules, "smoke_free_days")  # one implementation


def test_the_shared_constants_come_from_one_vocabulary_module():
    assert dashboard_types.SmokingStatus is vocabulary.SmokingStatus
    assert dashboard_types.VitaminDUnit is vocabulary.VitaminDUnit
    assert dashboard_types.NMOL_PER_NG == units.NMOL_PER_NG == vocabulary.NMOL_PER_NG
    assert figures.RELAPSE_WINDOW_DAYS == vocabulary.RECENT_DAYS
    assert exercise_goals.DEFAULT_GOAL_MINUTES == figures.AEROBIC_GOAL_MINUTES
    assert smoking_rules.FORMER == vocabulary.SmokingStatus.FORMER
    source = Path(dashboard_types.__file__).read_text()
    assert "2.496" not in source
    assert "class SmokingStatus" not in source


def test_one_weekly_exercise_rule_for_the_message_the_page_and_the_dashboard(patient):
    """A weekly message on a Wednesday used to add last Friday's hour to this week's
    35 minutes ("95 of 90"); it counts the ISO week, as the exercise page does."""
    from mstracker.reminders import sources
    from tests.journal.factories import ExerciseFactory

    wednesday = dt.date(2025, 6, 11)
    ExerciseFactory(user=patient, date=dt.date(2025, 6, 6), minutes=60)  # last week's Friday
    ExerciseFactory(user=patient, date=dt.date(2025, 6, 10), minutes=35)
    message = sources.weekly_summary(patient, wednesday - dt.timedelta(days=6), wednesday)
    page = exercise_goals.weekly_summaries(
        [(dt.date(2025, 6, 6), "aerobic", 60), (dt.date(2025, 6, 10), "aerobic", 35)],
        exercise_goals.week_start(wednesday),
        wednesday,
        90,
        3,
    )[0]
    chart = figures.aerobic_weeks(
        [
            dashboard_types.ExerciseSession(dt.date(2025, 6, 6), 60),
            dashboard_types.ExerciseSession(dt.date(2025, 6, 10), 35),
        ],
        wednesday,
        wednesday,
    )[-1]
    assert message.aerobic_minutes == page.aerobic_minutes == chart.minutes == 35


def test_a_back_dated_relapse_that_turns_pira_into_raw_is_explained(patient, patient_client):
    from django.utils import timezone

    from journal.models import Relapse

    for days, value in ((400, 2.0), (300, 3.0), (200, 3.0), (100, 3.0)):
        edss(patient, days, value=value)
    before = visible_words(patient_client.get(PAGE).content.decode())
    assert "RAW 0 · PIRA 1" in before
    assert "Why a label changed" not in before

    today = patient.local_today()
    onset = today - dt.timedelta(days=330)  # within 90 days before the rise
    RelapseFactory(user=patient, onset=onset, end=onset + dt.timedelta(days=10))
    after = visible_words(patient_client.get(PAGE).content.decode())
    assert "RAW 1 · PIRA 0" in after
    assert "Why a label changed" in after
    rise = (today - dt.timedelta(days=300)).strftime("%-d %b %Y")
    assert f"Your EDSS rise of {rise} was labelled PIRA until" in after
    assert f"the relapse that began on {onset.strftime('%-d %b %Y')}" in after
    assert "now counts as relapse-associated worsening (RAW)" in after

    # Recorded before the rise was confirmed, the relapse never let it show as PIRA.
    Relapse.objects.filter(user=patient).update(created_at=timezone.now() - dt.timedelta(days=320))
    assert "Why a label changed" not in visible_words(patient_client.get(PAGE).content.decode())


def test_the_visit_summary_says_so_too(patient_api, patient, patient_client):
    body = patient_api.get("/api/v1/summary/").json()["relapses"]
    assert (body["raw"], body["pira"], body["edss_change_relapse_free"]) == (None, None, None)
    assert body["edss_gap"]["reason"] == "no_assessments"
    words = visible_words(patient_client.get(reverse("journal:summary")).content.decode())
    assert "No EDSS recorded yet" in words
    assert "RAW 0, PIRA 0" not in words
