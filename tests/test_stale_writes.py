"""Nothing a patient saved is overwritten by a write prepared from an older
version: a stale tab shows both versions, a stale ``If-Match`` is a 412, and
two saves racing between read and write cannot both win."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection

from journal.models import CheckIn, Relapse, Symptom
from mstracker.reminders.models import Reminder
from mstracker.versioning import RecordModifiedError
from tests.journal.factories import CheckInFactory
from tests.journal.page_text import visible_words
from tests.races import at_once

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2025, 3, 14, 11, 0, tzinfo=dt.UTC)
API = "/api/v1/checkins/"
DAY = "2025-03-10"
FULL_DAY = {
    "date": DAY,
    "scores": {
        "fatigue": 6, "walking": 3, "balance": 2, "numbness": 1, "vision": 0, "pain": 4,
        "spasticity": 2, "bladder_bowel": 1, "cognition": 3, "mood": 5, "heat": 2, "sleep": 6,
    },
    "wellbeing": 6,
    "note": "Walked the dog; legs heavy after.",
}  # fmt: skip


def hidden(response, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no hidden {name} field"
    return match.group(1)


# --- API: check-in write contract -----------------------------------------------


@time_machine.travel(NOON, tick=False)
def test_posting_one_score_for_a_full_day_keeps_the_other_eleven_and_the_note(patient_api):
    assert patient_api.post(API, FULL_DAY, format="json").status_code == 201
    response = patient_api.post(
        API, {"date": DAY, "scores": {"fatigue": 3}, "wellbeing": 6}, format="json"
    )
    assert response.status_code == 409
    stored = patient_api.get(f"{API}{DAY}/").json()
    assert stored["scores"] == FULL_DAY["scores"]
    assert stored["note"] == FULL_DAY["note"]


@time_machine.travel(NOON, tick=False)
def test_every_object_answer_carries_an_etag_that_changes_with_each_save(patient_api):
    created = patient_api.post(API, FULL_DAY, format="json")
    read = patient_api.get(f"{API}{DAY}/")
    assert created["ETag"] == read["ETag"]
    changed = patient_api.patch(f"{API}{DAY}/", {"wellbeing": 7}, format="json")
    assert changed.status_code == 200
    assert changed["ETag"] != read["ETag"]
    assert changed.json()["version"] == read.json()["version"] + 1
    assert patient_api.get(f"{API}{DAY}/")["ETag"] == changed["ETag"]


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_stale_if_match_is_412_with_the_current_record_and_nothing_written(patient_api, method):
    patient_api.post(API, FULL_DAY, format="json")
    old_tag = patient_api.get(f"{API}{DAY}/")["ETag"]
    patient_api.patch(f"{API}{DAY}/", {"note": "Changed on my phone."}, format="json")
    body = {"scores": {"fatigue": 9}, "wellbeing": 2, "note": "From the laptop."}
    response = getattr(patient_api, method)(
        f"{API}{DAY}/", body, format="json", HTTP_IF_MATCH=old_tag
    )
    assert response.status_code == 412
    assert response.json()["current"]["note"] == "Changed on my phone."
    assert response["ETag"] == patient_api.get(f"{API}{DAY}/")["ETag"]
    stored = patient_api.get(f"{API}{DAY}/").json()
    assert stored["note"] == "Changed on my phone."
    assert stored["scores"] == FULL_DAY["scores"]


@time_machine.travel(NOON, tick=False)
def test_the_current_if_match_lets_put_replace_the_whole_day(patient_api):
    patient_api.post(API, FULL_DAY, format="json")
    tag = patient_api.get(f"{API}{DAY}/")["ETag"]
    response = patient_api.put(
        f"{API}{DAY}/", {"scores": {"fatigue": 2}, "wellbeing": 8}, format="json", HTTP_IF_MATCH=tag
    )
    assert response.status_code == 200
    assert response.json()["scores"] == {"fatigue": 2}
    assert response.json()["note"] == ""


@time_machine.travel(NOON, tick=False)
def test_if_none_match_star_creates_only(patient_api):
    first = patient_api.put(f"{API}{DAY}/", FULL_DAY, format="json", HTTP_IF_NONE_MATCH="*")
    assert first.status_code == 201
    second = patient_api.put(
        f"{API}{DAY}/", {"wellbeing": 1}, format="json", HTTP_IF_NONE_MATCH="*"
    )
    assert second.status_code == 412
    assert patient_api.get(f"{API}{DAY}/").json()["wellbeing"] == 6


@time_machine.travel(NOON, tick=False)
def test_if_match_on_a_missing_checkin_is_412(patient_api):
    response = patient_api.put(f"{API}{DAY}/", FULL_DAY, format="json", HTTP_IF_MATCH='"1.1"')
    assert response.status_code == 412
    assert not CheckIn.objects.exists()


@time_machine.travel(NOON, tick=False)
def test_patch_merges_scores_and_a_null_score_removes_it(patient_api):
    patient_api.post(API, FULL_DAY, format="json")
    response = patient_api.patch(
        f"{API}{DAY}/", {"scores": {"fatigue": 8, "sleep": None}}, format="json"
    )
    assert response.status_code == 200
    expected = {**FULL_DAY["scores"], "fatigue": 8}
    del expected["sleep"]
    assert response.json()["scores"] == expected
    assert response.json()["note"] == FULL_DAY["note"]


@time_machine.travel(NOON, tick=False)
def test_an_etag_of_a_deleted_and_recreated_checkin_does_not_match(patient_api):
    patient_api.post(API, FULL_DAY, format="json")
    old_tag = patient_api.get(f"{API}{DAY}/")["ETag"]
    patient_api.delete(f"{API}{DAY}/")
    patient_api.post(API, FULL_DAY, format="json")
    response = patient_api.patch(
        f"{API}{DAY}/", {"wellbeing": 1}, format="json", HTTP_IF_MATCH=old_tag
    )
    assert response.status_code == 412


# --- API: the other records -------------------------------------------------------


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize(
    ("url", "body", "change"),
    [
        (
            "/api/v1/relapses/",
            {"onset": "2025-02-01", "functions": ["walking"], "severity": "moderate",
             "lasted_hours": 72},
            {"severity": "severe"},
        ),
        (
            "/api/v1/measures/",
            {"kind": "t25fw", "date": "2025-03-01", "value": "6.2"},
            {"value": "7.0"},
        ),
        (
            "/api/v1/exercise/",
            {"date": "2025-03-01", "kind": "aerobic", "minutes": 30},
            {"minutes": 40},
        ),
    ],
)  # fmt: skip
def test_every_journal_record_is_guarded_by_if_match(patient_api, url, body, change):
    created = patient_api.post(url, body, format="json")
    assert created.status_code == 201, created.json()
    detail = f"{url}{created.json()['id']}/"
    tag = created["ETag"]
    assert patient_api.get(detail)["ETag"] == tag
    assert patient_api.patch(detail, change, format="json", HTTP_IF_MATCH=tag).status_code == 200
    stale = patient_api.patch(detail, body, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412
    assert patient_api.delete(detail, HTTP_IF_MATCH=tag).status_code == 412
    assert patient_api.get(detail).status_code == 200


@time_machine.travel(NOON, tick=False)
def test_reminders_are_guarded_by_if_match(patient_api, patient):
    reminder = Reminder.objects.filter(user=patient).first() or Reminder.objects.create(
        user=patient, kind="checkin", local_time=dt.time(20, 0)
    )
    detail = f"/api/v1/reminders/{reminder.pk}/"
    tag = patient_api.get(detail)["ETag"]
    assert patient_api.patch(detail, {"enabled": False}, format="json").status_code == 200
    stale = patient_api.patch(detail, {"enabled": True}, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412
    reminder.refresh_from_db()
    assert reminder.enabled is False


# --- Races (PostgreSQL) ---------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_from_the_same_version_cannot_both_win(patient):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race to test")
    checkin = CheckInFactory(user=patient, date=dt.date(2025, 1, 1), wellbeing=5)
    fatigue = Symptom.objects.get(code="fatigue")

    def save(wellbeing):
        return CheckIn.objects.record(
            patient,
            checkin.date,
            wellbeing=wellbeing,
            scores={fatigue: wellbeing},
            seen_version=checkin.version,
        )

    outcomes = at_once(save, (3,), (7,))
    refused = [o for o in outcomes if isinstance(o, RecordModifiedError)]
    saved = [o for o in outcomes if isinstance(o, tuple)]
    assert (len(refused), len(saved)) == (1, 1)
    stored = CheckIn.objects.get(pk=checkin.pk)
    assert stored.version == checkin.version + 1
    assert stored.scores.get().score == stored.wellbeing


# --- Pages: two tabs --------------------------------------------------------------


@time_machine.travel(NOON, tick=False)
def test_a_stale_checkin_tab_shows_both_versions_and_overwrites_nothing(patient_client, patient):
    CheckInFactory(user=patient, date=dt.date(2025, 3, 10), wellbeing=5, note="")
    url = f"/journal/checkins/{DAY}/"
    tab_a, tab_b = patient_client.get(url), patient_client.get(url)
    version = hidden(tab_b, "version")
    saved = patient_client.post(
        url, {"version": hidden(tab_a, "version"), "seen_date": DAY, "wellbeing": "5",
              "score_fatigue": "9", "note": "Exhausted after the stairs"},
    )  # fmt: skip
    assert saved.status_code == 302
    stale = patient_client.post(
        url, {"version": version, "seen_date": DAY, "wellbeing": "7", "score_fatigue": "2"}
    )
    assert stale.status_code == 200
    text = visible_words(stale.content.decode())
    assert "changed in another tab or on another device" in text
    assert "Exhausted after the stairs" in text  # the saved version, shown
    stored = CheckIn.objects.get(user=patient, date=dt.date(2025, 3, 10))
    assert stored.note == "Exhausted after the stairs"
    assert stored.scores.get(symptom__code="fatigue").score == 9
    # Saving again from the conflict page is a choice made having seen both.
    again = patient_client.post(
        url, {"version": hidden(stale, "version"), "seen_date": DAY, "wellbeing": "7",
              "score_fatigue": "2"},
    )  # fmt: skip
    assert again.status_code == 302
    stored.refresh_from_db()
    assert (stored.wellbeing, stored.note) == (7, "")


@time_machine.travel(NOON, tick=False)
def test_two_today_tabs_before_the_first_checkin_do_not_overwrite_each_other(
    patient_client, patient
):
    tabs = [patient_client.get("/journal/today/") for _ in range(2)]
    assert [hidden(tab, "version") for tab in tabs] == ["0", "0"]
    first = {"date": "2025-03-14", "seen_date": "2025-03-14", "version": "0", "wellbeing": "3",
             "score_fatigue": "8", "note": "Bad night"}  # fmt: skip
    assert patient_client.post("/journal/today/", first).status_code == 302
    second = {**first, "wellbeing": "9", "score_fatigue": "1", "note": ""}
    response = patient_client.post("/journal/today/", second)
    assert response.status_code == 200
    assert "changed in another tab or on another device" in visible_words(response.content.decode())
    stored = CheckIn.objects.get(user=patient)
    assert (stored.wellbeing, stored.note) == (3, "Bad night")


@time_machine.travel(NOON, tick=False)
def test_a_stale_relapse_edit_shows_both_versions(patient_client, patient):
    relapse = Relapse.objects.create(
        user=patient, onset=dt.date(2025, 2, 1), functions=["walking"], severity="mild",
        lasted_hours=48,
    )  # fmt: skip
    url = f"/journal/relapses/{relapse.pk}/"
    page = patient_client.get(url)
    version = hidden(page, "version")
    Relapse.objects.get(pk=relapse.pk).save()  # a save from another tab
    form = {"version": version, "onset": "2025-02-01", "lasted_hours": "48",
            "functions": ["walking"], "severity": "severe", "recovery": "unknown",
            "note": "mine"}  # fmt: skip
    response = patient_client.post(url, form)
    assert response.status_code == 200
    assert "Two versions: choose which to keep" in visible_words(response.content.decode())
    relapse.refresh_from_db()
    assert (relapse.severity, relapse.note) == ("mild", "")
