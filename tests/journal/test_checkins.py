"""A patient checks in once a day, in the browser and through the API; saving a
date again updates it, also when two saves race."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from journal.models import CheckIn, JournalSettings, Symptom, SymptomScore
from tests.journal.factories import CheckInFactory
from tests.races import at_once

pytestmark = pytest.mark.django_db

TODAY = reverse("journal:today")
# Noon in Berlin on 14 March 2025 (the personas live in Europe/Berlin).
NOON = dt.datetime(2025, 3, 14, 11, 0, tzinfo=dt.UTC)


def form_data(**overrides):
    data = {"date": "2025-03-14", "wellbeing": "6", "score_fatigue": "5", "note": "ok"}
    data.update(overrides)
    return data


def test_the_catalogue_is_seeded_with_the_ms_symptoms():
    codes = set(Symptom.objects.filter(owner=None).values_list("code", flat=True))
    assert codes == {
        "fatigue", "walking", "balance", "numbness", "vision", "pain", "spasticity",
        "bladder_bowel", "cognition", "mood", "heat", "sleep",
    }  # fmt: skip


@time_machine.travel(NOON, tick=False)
def test_check_in_on_today_page_then_again_updates_it(patient_client, patient):
    response = patient_client.post(TODAY, form_data())
    assert response.status_code == 302
    response = patient_client.post(TODAY, form_data(wellbeing="8", score_fatigue="2"))
    assert response.status_code == 302
    checkin = CheckIn.objects.get(user=patient)
    assert (checkin.date, checkin.wellbeing) == (dt.date(2025, 3, 14), 8)
    assert checkin.scores_by_code() == {"fatigue": 2}


@time_machine.travel(NOON, tick=False)
def test_the_form_shows_anchors_and_prefills_yesterdays_scores(patient_client, patient):
    yesterday = CheckIn.objects.record(
        patient, dt.date(2025, 3, 13), wellbeing=7,
        scores={Symptom.objects.get(code="fatigue"): 4},
    )[0]  # fmt: skip
    response = patient_client.get(TODAY)
    form = response.context["form"]
    assert form.initial["score_fatigue"] == 4
    assert form.initial["wellbeing"] == yesterday.wellbeing
    html = response.content.decode()
    assert "0 = No tiredness. 10 = Exhausted, cannot do anything." in html
    assert "<legend" in html  # score scales are fieldsets


@time_machine.travel(NOON, tick=False)
def test_missing_wellbeing_is_explained_next_to_it_and_nothing_is_lost(patient_client):
    response = patient_client.post(TODAY, form_data(wellbeing="", note="keep me"))
    assert response.status_code == 200
    assert response.context["form"].errors["wellbeing"] == ["Choose a number from 0 to 10."]
    assert 'id="id_wellbeing_error"' in response.content.decode()
    assert "keep me" in response.content.decode()
    assert not CheckIn.objects.exists()


@time_machine.travel(NOON, tick=False)
def test_a_score_outside_0_to_10_is_refused(patient_client):
    response = patient_client.post(TODAY, form_data(score_fatigue="11"))
    assert response.context["form"].errors["score_fatigue"] == ["Choose a number from 0 to 10."]


@time_machine.travel(dt.datetime(2025, 3, 14, 1, 30, tzinfo=dt.UTC), tick=False)
def test_between_midnight_and_3am_the_previous_date_is_offered_first(patient_client, patient):
    # 02:30 in Berlin: the day that just ended is suggested, today is offered too.
    response = patient_client.get(TODAY)
    form = response.context["form"]
    assert form.fields["date"].initial == dt.date(2025, 3, 13)
    assert "Yesterday, Thursday 13 March" in response.content.decode()
    patient_client.post(TODAY, form_data(date="2025-03-13"))
    assert CheckIn.objects.get(user=patient).date == dt.date(2025, 3, 13)


@time_machine.travel(dt.datetime(2025, 3, 14, 2, 0, tzinfo=dt.UTC), tick=False)
def test_from_3am_only_today_is_offered(patient_client):
    # 03:00 in Berlin.
    form = patient_client.get(TODAY).context["form"]
    assert form.fields["date"].initial == dt.date(2025, 3, 14)
    assert form.fields["date"].widget.input_type == "hidden"


@time_machine.travel(NOON, tick=False)
def test_a_future_date_is_refused(patient_client):
    response = patient_client.post(TODAY, form_data(date="2025-03-15"))
    assert response.status_code == 200
    assert "A check-in cannot be for a future date." in response.content.decode()
    assert not CheckIn.objects.exists()


@time_machine.travel(NOON, tick=False)
def test_htmx_save_swaps_the_card(patient_client, patient):
    response = patient_client.post(TODAY, form_data(), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Check-in for Friday 14 March saved." in response.content.decode()
    assert "<html" not in response.content.decode()
    assert CheckIn.objects.filter(user=patient).count() == 1


@time_machine.travel(NOON, tick=False)
def test_any_past_date_can_be_added_edited_and_deleted(patient_client, patient):
    url = reverse("journal:checkin_edit", args=["2024-12-01"])
    assert patient_client.get(url).status_code == 200
    response = patient_client.post(url, {"wellbeing": "3", "score_balance": "7"})
    assert response.status_code == 302
    checkin = CheckIn.objects.get(user=patient, date=dt.date(2024, 12, 1))
    assert checkin.scores_by_code() == {"balance": 7}
    patient_client.post(url, {"wellbeing": "5", "score_balance": "1"})
    checkin.refresh_from_db()
    assert checkin.wellbeing == 5
    delete = reverse("journal:checkin_delete", args=["2024-12-01"])
    page = patient_client.get(delete).content.decode()
    assert "Delete this check-in?" in page
    assert "<title>Delete Check-in 2024-12-01? · MS Tracker</title>" in page
    assert patient_client.post(delete).status_code == 302
    assert not CheckIn.objects.exists()


@time_machine.travel(NOON, tick=False)
def test_future_and_malformed_dates_are_not_found(patient_client):
    assert (
        patient_client.get(reverse("journal:checkin_edit", args=["2025-03-15"])).status_code == 404
    )
    assert (
        patient_client.get(reverse("journal:checkin_edit", args=["2025-02-30"])).status_code == 404
    )


@time_machine.travel(NOON, tick=False)
def test_history_filters_by_date(patient_client, patient):
    for day in (1, 10, 20):
        CheckInFactory(user=patient, date=dt.date(2025, 2, day))
    response = patient_client.get(
        reverse("journal:checkin_list"), {"date_from": "2025-02-05", "date_to": "2025-02-15"}
    )
    assert [c.date.day for c in response.context["object_list"]] == [10]


def test_own_symptoms_and_hidden_ones_shape_the_form(patient_client, patient):
    url = reverse("journal:symptoms")
    patient_client.post(
        url,
        {
            "action": "add",
            "name": "Tremor",
            "anchor_low": "Steady",
            "anchor_high": "Cannot hold a cup",
        },
    )
    tremor = Symptom.objects.get(owner=patient)
    assert tremor.code == "my_tremor"
    heat = Symptom.objects.get(code="heat")
    patient_client.post(url, {"action": "hide", "symptom": heat.pk})
    form = patient_client.get(TODAY).context["form"]
    assert "score_my_tremor" in form.fields
    assert "score_heat" not in form.fields
    patient_client.post(url, {"action": "show", "symptom": heat.pk})
    assert not JournalSettings.objects.get(user=patient).hidden_symptoms.exists()


def test_a_duplicate_own_symptom_name_is_refused(patient_client):
    response = patient_client.post(
        reverse("journal:symptoms"), {"action": "add", "name": "fatigue"}
    )
    assert response.context["form"].errors["name"] == ["You already have a symptom with this name."]


# --- API -------------------------------------------------------------------

API = "/api/v1/checkins/"


@time_machine.travel(NOON, tick=False)
def test_api_post_of_a_date_that_has_a_checkin_is_a_conflict_and_changes_nothing(
    patient_api, patient
):
    body = {"date": "2025-03-10", "scores": {"fatigue": 6, "mood": 2}, "wellbeing": 6, "note": "x"}
    first = patient_api.post(API, body, format="json")
    assert first.status_code == 201
    assert first.json()["scores"] == {"fatigue": 6, "mood": 2}
    second = patient_api.post(
        API, {"date": "2025-03-10", "scores": {"fatigue": 3}, "wellbeing": 9}, format="json"
    )
    assert second.status_code == 409
    assert second["Location"].endswith("/api/v1/checkins/2025-03-10/")
    assert second.json()["existing"].endswith("/api/v1/checkins/2025-03-10/")
    assert second.json()["current"]["scores"] == {"fatigue": 6, "mood": 2}
    stored = patient_api.get(f"{API}2025-03-10/").json()
    assert (stored["scores"], stored["wellbeing"], stored["note"]) == (body["scores"], 6, "x")
    assert CheckIn.objects.filter(user=patient).count() == 1


@time_machine.travel(NOON, tick=False)
def test_api_resending_the_same_post_is_a_harmless_200(patient_api, patient):
    body = {"date": "2025-03-10", "scores": {"fatigue": 6, "mood": 2}, "wellbeing": 6, "note": "x"}
    first = patient_api.post(API, body, format="json")
    again = patient_api.post(API, body, format="json")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]


@time_machine.travel(NOON, tick=False)
def test_api_put_to_a_date_upserts_and_patch_merges(patient_api, patient):
    url = f"{API}2025-03-11/"
    created = patient_api.put(url, {"scores": {"pain": 3}, "wellbeing": 5}, format="json")
    assert created.status_code == 201
    assert created.json()["date"] == "2025-03-11"
    replaced = patient_api.put(url, {"scores": {"sleep": 8}, "wellbeing": 4}, format="json")
    assert replaced.status_code == 200
    assert replaced.json()["scores"] == {"sleep": 8}
    merged = patient_api.patch(url, {"scores": {"pain": 1}}, format="json")
    assert merged.json()["scores"] == {"pain": 1, "sleep": 8}
    assert merged.json()["wellbeing"] == 4
    assert patient_api.get(url).json()["scores"] == {"pain": 1, "sleep": 8}
    assert patient_api.delete(url).status_code == 204
    assert patient_api.get(url).status_code == 404


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"date": "2025-03-15", "wellbeing": 5}, "date", "A check-in cannot be for a future date."),
        (
            {"date": "2025-03-10", "wellbeing": 11},
            "wellbeing",
            "Ensure this value is less than or equal to 10.",
        ),
        ({"date": "2025-03-10"}, "wellbeing", "This field is required."),
        ({"date": "2025-03-10", "wellbeing": 5, "scores": {"fatigue": -1}}, "scores", None),
        ({"date": "2025-03-10", "wellbeing": 5, "scores": {"nope": 3}}, "scores", None),
    ],
)
def test_api_refuses_bad_checkins_with_field_messages(patient_api, body, field, message):
    response = patient_api.post(API, body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert not CheckIn.objects.exists()


@time_machine.travel(NOON, tick=False)
def test_api_unknown_symptom_names_the_code(patient_api):
    response = patient_api.post(
        API, {"date": "2025-03-10", "wellbeing": 5, "scores": {"nope": 3}}, format="json"
    )
    assert "Unknown symptom code(s): nope" in response.json()["scores"][0]


@time_machine.travel(NOON, tick=False)
def test_api_another_patients_own_symptom_is_unknown(patient_api, other_patient):
    Symptom.objects.create(owner=other_patient, code="my_tremor", name="Tremor")
    response = patient_api.post(
        API, {"date": "2025-03-10", "wellbeing": 5, "scores": {"my_tremor": 3}}, format="json"
    )
    assert response.status_code == 400


def test_api_filters_checkins_by_date_range(patient_api, patient):
    for day in (1, 10, 20):
        CheckInFactory(user=patient, date=dt.date(2025, 2, day))
    response = patient_api.get(API, {"date_from": "2025-02-05", "date_to": "2025-02-25"})
    assert [c["date"] for c in response.json()["results"]] == ["2025-02-20", "2025-02-10"]


def test_api_symptoms_catalogue_own_and_hidden(patient_api, patient):
    listing = patient_api.get("/api/v1/symptoms/").json()
    fatigue = next(s for s in listing["results"] if s["code"] == "fatigue")
    assert fatigue == {
        "code": "fatigue", "name": "Fatigue", "anchor_low": "No tiredness",
        "anchor_high": "Exhausted, cannot do anything", "custom": False, "hidden": False,
        "version": 0,
    }  # fmt: skip
    created = patient_api.post("/api/v1/symptoms/", {"name": "Tremor"}, format="json")
    assert created.status_code == 201
    assert created.json()["code"] == "my_tremor"
    hidden = patient_api.patch("/api/v1/symptoms/heat/", {"hidden": True}, format="json")
    assert hidden.json()["hidden"] is True
    renamed = patient_api.patch("/api/v1/symptoms/heat/", {"name": "Hot"}, format="json")
    assert renamed.status_code == 403
    assert patient_api.delete("/api/v1/symptoms/heat/").status_code == 403
    assert patient_api.delete("/api/v1/symptoms/my_tremor/").status_code == 204


# --- Concurrency (PostgreSQL) ---------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_one_date_make_one_checkin(patient):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race to test")
    fatigue = Symptom.objects.get(code="fatigue")

    def save(wellbeing):
        return CheckIn.objects.record(
            patient, dt.date(2025, 1, 1), wellbeing=wellbeing, scores={fatigue: wellbeing}
        )

    outcomes = at_once(save, (3,), (7,))
    assert not [o for o in outcomes if isinstance(o, Exception)]
    checkin = CheckIn.objects.get(user=patient, date=dt.date(2025, 1, 1))
    assert checkin.wellbeing in (3, 7)
    assert SymptomScore.objects.filter(checkin=checkin).count() == 1
    assert checkin.scores.get().score == checkin.wellbeing
