"""The clinician's workspace: the shared patient's records through the patient's own
API paths under /api/v1/clinician/patients/{id}/, the patient page, and the three
writes a clinician may make (an EDSS, a relapse's confirmation, a note)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from journal.models import CheckIn, Measure
from mstracker.care.models import AccessEvent, Action
from tests.care.factories import ShareFactory
from tests.factories import sign_in
from tests.journal.factories import CheckInFactory, MeasureFactory, RelapseFactory
from tests.journal.page_text import visible_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def share(patient, clinician):
    clinician.first_name, clinician.last_name = "Carol", "Rivera"
    clinician.save()
    return ShareFactory(patient=patient, clinician=clinician)


@pytest.fixture
def clinician_client(clinician):
    client = Client()
    sign_in(client, clinician)
    return client


def base(patient):
    return f"/api/v1/clinician/patients/{patient.pk}"


# Reading through the patient's own viewsets ------------------------------------------


def test_the_clinician_reads_the_same_rows_and_fields_as_the_patient(
    share, patient, patient_api, clinician_api
):
    for day in range(3):
        CheckInFactory(user=patient, date=dt.date(2025, 1, 1) + dt.timedelta(days=day))
    mine = patient_api.get("/api/v1/checkins/").json()
    theirs = clinician_api.get(f"{base(patient)}/checkins/").json()
    assert theirs == mine
    assert AccessEvent.objects.filter(what="checkins").count() == 1  # one row per list


def test_filters_and_objects_work_on_the_clinician_paths(share, patient, clinician_api):
    old = MeasureFactory(user=patient, date=dt.date(2020, 1, 1))
    new = MeasureFactory(user=patient, date=dt.date(2024, 1, 1))
    listed = clinician_api.get(f"{base(patient)}/measures/", {"date_from": "2023-01-01"}).json()
    assert [row["id"] for row in listed["results"]] == [new.pk]
    one = clinician_api.get(f"{base(patient)}/measures/{old.pk}/")
    assert one.status_code == 200
    assert one["ETag"] == f'"{old.pk}.{old.version}"'
    event = AccessEvent.objects.filter(what="measures", object_id=str(old.pk)).get()
    assert event.action == Action.VIEW


@pytest.mark.parametrize(
    "path",
    [
        "checkins/",
        "symptoms/",
        "relapses/",
        "measures/",
        "questionnaires/",
        "exercise/",
        "vitamin-d/doses/",
        "vitamin-d/levels/",
        "smoking/",
        "courses/",
        "doses/",
        "side-effects/",
        "adherence/",
        "progression/",
        "visit-note/",
        "notes/",
    ],
)
def test_every_named_resource_answers_for_a_full_share(share, patient, clinician_api, path):
    assert clinician_api.get(f"{base(patient)}/{path}").status_code == 200


def test_another_patients_row_looks_missing(share, patient, other_patient, clinician_api):
    theirs = MeasureFactory(user=other_patient)
    missing = clinician_api.get(f"{base(patient)}/measures/999999/")
    foreign = clinician_api.get(f"{base(patient)}/measures/{theirs.pk}/")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()


def test_a_scope_not_shared_revocation_and_expiry_are_404(share, patient, clinician_api):
    share.scopes = ["symptoms"]
    share.save()
    assert clinician_api.get(f"{base(patient)}/checkins/").status_code == 200
    assert clinician_api.get(f"{base(patient)}/relapses/").status_code == 404
    share.expires_at = timezone.now() - dt.timedelta(seconds=1)
    share.save()
    assert clinician_api.get(f"{base(patient)}/checkins/").status_code == 404
    share.expires_at = None
    share.save()
    share.revoke()
    assert clinician_api.get(f"{base(patient)}/checkins/").status_code == 404


# Writes -------------------------------------------------------------------------------


def test_a_clinician_records_an_edss_the_patient_sees_who_entered_it(
    share, patient, clinician, clinician_api, patient_api, patient_client
):
    body = {"kind": "edss", "date": "2025-02-03", "value": 3.5, "source": "self"}
    response = clinician_api.post(f"{base(patient)}/measures/", body, format="json")
    assert response.status_code == 201, response.content
    measure = Measure.objects.get()
    assert (measure.user, measure.source, measure.recorded_by) == (patient, "clinician", clinician)
    row = patient_api.get(f"/api/v1/measures/{measure.pk}/").json()
    assert row["recorded_by"] == {"id": clinician.pk, "name": "Carol Rivera"}
    assert row["source"] == "clinician"
    words = visible_words(patient_client.get("/journal/measures/").content.decode())
    assert "entered by Carol Rivera" in words
    event = AccessEvent.objects.get(what="measures")
    assert (event.action, event.object_id) == (Action.WRITE, "")


def test_a_clinician_records_only_an_edss(share, patient, clinician_api):
    body = {"kind": "t25fw", "date": "2025-02-03", "value": 6.0}
    response = clinician_api.post(f"{base(patient)}/measures/", body, format="json")
    assert response.status_code == 400
    assert "kind" in response.json()
    measure = MeasureFactory(user=patient)
    assert (
        clinician_api.patch(
            f"{base(patient)}/measures/{measure.pk}/", {"value": 4.0}, format="json"
        ).status_code
        == 403
    )
    assert clinician_api.delete(f"{base(patient)}/measures/{measure.pk}/").status_code == 403
    assert not Measure.objects.filter(kind="t25fw").exists()


def test_a_clinician_confirms_a_relapse_and_changes_nothing_else(
    share, patient, clinician, clinician_api
):
    relapse = RelapseFactory(user=patient, functions=["vision"])
    url = f"{base(patient)}/relapses/{relapse.pk}/"
    response = clinician_api.patch(url, {"clinician_confirmed": True}, format="json")
    assert response.status_code == 200, response.content
    relapse.refresh_from_db()
    assert (relapse.clinician_confirmed, relapse.confirmed_by) == (True, clinician)
    bad = clinician_api.patch(url, {"severity": "mild"}, format="json")
    assert bad.status_code == 400
    assert "severity" in bad.json()
    assert clinician_api.put(url, {"clinician_confirmed": False}, format="json").status_code == 403
    assert clinician_api.post(f"{base(patient)}/relapses/", {}, format="json").status_code == 403
    assert clinician_api.delete(url).status_code == 403
    relapse.refresh_from_db()
    assert relapse.severity == "moderate"


def test_a_clinician_cannot_write_what_they_only_read(share, patient, clinician_api):
    body = {"date": "2025-01-01", "wellbeing": 5}
    assert clinician_api.post(f"{base(patient)}/checkins/", body, format="json").status_code == 403
    assert not CheckIn.objects.exists()


# Pages --------------------------------------------------------------------------------


def test_the_patient_page_shows_the_shared_sections_and_says_not_shared(
    share, patient, clinician_client
):
    share.scopes = ["relapses_measures", "lifestyle"]
    share.save()
    RelapseFactory(user=patient, functions=["vision"])
    MeasureFactory(user=patient, value=3.0)
    words = visible_words(
        clinician_client.get(f"/clinician/patients/{patient.pk}/").content.decode()
    )
    assert "Record an EDSS" in words
    assert "1 Mar 2024" in words  # the relapse
    assert words.count("Not shared.") == 3  # therapies, questionnaires, the patient's notes
    assert AccessEvent.objects.filter(what="summary").count() == 1


def test_the_page_records_an_edss_and_shows_errors_next_to_the_field(
    share, patient, clinician, clinician_client
):
    url = f"/clinician/patients/{patient.pk}/measures/"
    bad = clinician_client.post(url, {"date": "2025-01-01", "value": "3.25"})
    assert bad.status_code == 400
    assert "EDSS" in visible_words(bad.content.decode())
    assert not Measure.objects.exists()
    good = clinician_client.post(url, {"date": "2025-01-01", "value": "3.5"}, follow=True)
    assert "EDSS 3.5 on 1 Jan 2025 recorded" in visible_words(good.content.decode())
    measure = Measure.objects.get()
    assert (measure.source, measure.recorded_by) == ("clinician", clinician)


def test_the_page_confirms_and_unconfirms_a_relapse(share, patient, clinician, clinician_client):
    relapse = RelapseFactory(user=patient, functions=["vision"])
    url = f"/clinician/patients/{patient.pk}/relapses/{relapse.pk}/confirm/"
    clinician_client.post(url, {"confirmed": "1"})
    relapse.refresh_from_db()
    assert (relapse.clinician_confirmed, relapse.confirmed_by) == (True, clinician)
    clinician_client.post(url, {"confirmed": "0"})
    relapse.refresh_from_db()
    assert relapse.clinician_confirmed is False
    events = AccessEvent.objects.filter(what="relapse-confirmation", object_id=str(relapse.pk))
    assert events.count() == 2


def test_the_clinician_sees_the_patients_own_dashboard(share, patient, clinician_client):
    MeasureFactory(user=patient, value=2.0)
    response = clinician_client.get(f"/clinician/patients/{patient.pk}/progression/")
    assert response.status_code == 200
    assert "Progression: alice" in visible_words(response.content.decode())
    assert AccessEvent.objects.get().what == "progression"


def test_a_revoked_share_refuses_the_very_next_page(share, patient, clinician_client):
    assert clinician_client.get(f"/clinician/patients/{patient.pk}/").status_code == 200
    share.revoke()
    assert clinician_client.get(f"/clinician/patients/{patient.pk}/").status_code == 404
