"""Without the journal and therapies apps' models, reminders behave as if nothing was
recorded; once those apps have models, a start-up check says what sources.py must match."""

from datetime import UTC, date, datetime

import pytest

from mstracker.reminders import checks, sources

pytestmark = pytest.mark.django_db


def test_absent_apps_mean_nothing_recorded_and_no_doses(patient):
    day = date(2025, 6, 2)
    assert sources.checkin_done(patient, day) is False
    assert sources.vitamin_d_logged(patient, day) is False
    assert sources.recorded_since(patient, "pdds", day) is False
    assert sources.recorded_since(patient, "mood", day) is False
    start, end = datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 6, 8, tzinfo=UTC)
    assert sources.due_doses(patient, start, end) == []
    assert sources.next_dose_at(patient, start) is None
    assert sources.log_dose_taken(patient, "1@2025-06-02T06:00:00Z", start) == sources.NOT_FOUND
    summary = sources.weekly_summary(patient, date(2025, 6, 2), date(2025, 6, 8))
    assert (summary.checkins_done, summary.aerobic_minutes, summary.doses_taken) == (None,) * 3
    assert summary.aerobic_goal_minutes == 90
    assert summary.days == 7
    assert sources.links()["checkin"] == "/"  # the home page until journal's page exists


def test_a_dose_ref_round_trips():
    instant = datetime(2025, 3, 30, 1, 0, tzinfo=UTC)
    ref = sources.dose_ref(12, instant)
    assert ref == "12@2025-03-30T01:00:00Z"
    assert sources.parse_dose_ref(ref) == (12, instant)
    with pytest.raises(ValueError, match="does not match format"):
        sources.parse_dose_ref("12@yesterday")


def test_the_check_is_silent_until_the_apps_have_models():
    assert checks.sources_are_wired() == []


def test_the_check_warns_when_therapies_has_models_but_doses_are_not_wired(monkeypatch):
    monkeypatch.setattr(checks, "_has_models", lambda label: label == "therapies")
    [warning] = checks.sources_are_wired()
    assert warning.id == "reminders.W002"
    assert "still stubs" in warning.msg


def test_the_check_names_a_journal_model_that_does_not_match(monkeypatch):
    monkeypatch.setattr(checks, "_has_models", lambda label: label == "journal")
    warnings = checks.sources_are_wired()
    assert {w.id for w in warnings} == {"reminders.W001"}
    assert any("journal.CheckIn with fields user, date" in w.msg for w in warnings)
