"""The dashboard comes from the cache on a repeat visit, and never once it is stale:
after any write, at the patient's midnight, when a dose falls due, for another patient
or for other choices. Writes replace the records token when they commit, so every
write here runs with its on-commit callbacks executed, as a real request's would."""

import datetime as dt
import gzip
from itertools import count

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal import dashboard_cache
from journal.models import Measure, Relapse
from tests.journal.dashboard_story import tell_story
from tests.journal.page_text import visible_words
from tests.therapies.factories import CourseFactory, catalogue
from therapies.models import DoseLog

pytestmark = pytest.mark.django_db

URL = reverse("journal:dashboard")
API = "/api/v1/progression/"
# Noon in Berlin (the personas' zone) on a Friday.
NOON = dt.datetime(2025, 6, 13, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def story(patient, commits):
    with commits():
        return tell_story(patient)


def words(response):
    return visible_words(response.content.decode())


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(captured)


def cached_words(client, path=URL):
    """The page's words, asserting they came from the cache (a second visit costs
    the session, the user and the records token; the page adds its symptom chooser
    and inbox badge)."""
    client.get(path)
    response, count = queries(client, path)
    assert count == (3 if path.startswith(API) else 5)
    return words(response)


def test_a_repeat_visit_is_served_from_the_cache(patient_client, story):
    first, computed = queries(patient_client, URL)
    again, cached = queries(patient_client, URL)
    assert cached == 5 < computed  # session, user, symptom chooser, token, inbox badge
    assert words(again) == words(first)
    assert "RAW 1 · PIRA 1" in words(again)


def test_a_new_relapse_through_the_api_shows_at_once(patient_client, patient_api, story, commits):
    assert "8 Jun 2025" not in cached_words(patient_client)
    with commits():
        created = patient_api.post(
            "/api/v1/relapses/",
            {"onset": "2025-06-08", "functions": ["vision"], "severity": "mild"},
            format="json",
        )
    assert created.status_code == 201, created.json()
    assert "8 Jun 2025" in words(patient_client.get(URL))  # in the relapses chart's table


def test_a_new_check_in_from_the_today_page_shows_at_once(patient_client, story, commits):
    cached_words(patient_client, API)
    before = patient_client.get(API).json()["figures"]["symptom_burden"]
    with commits():
        response = patient_client.post(
            reverse("journal:today"),
            {"date": "2025-06-13", "wellbeing": "2", "score_fatigue": "10", "note": ""},
        )
    assert response.status_code == 302
    after = patient_client.get(API).json()["figures"]["symptom_burden"]
    assert after["relapse_free_days"] == before["relapse_free_days"] + 1
    assert after["relapse_free"] > before["relapse_free"]


def test_an_edit_and_a_delete_show_at_once(patient_client, patient, story, commits):
    assert "RAW 1 · PIRA 1" in cached_words(patient_client)
    pira = Measure.objects.get(user=patient, kind="edss", value=4.0, date=story - dt.timedelta(250))
    with commits():
        pira.value = 3.0
        pira.save()
        Measure.objects.filter(user=patient, value=4.0).get().delete()
    assert "RAW 1 · PIRA 0" in words(patient_client.get(URL))


def test_another_patient_never_gets_the_first_patients_entry(client, patient, other_patient, story):
    client.force_login(patient)
    assert "RAW 1 · PIRA 1" in words(client.get(URL))
    client.force_login(other_patient)
    assert "RAW 1" not in words(client.get(URL))
    assert client.get(API).json()["events"] == []


def test_each_choice_has_its_own_entry(patient_client, story):
    year = words(patient_client.get(URL + "?range=1y"))
    everything = words(patient_client.get(URL + "?range=all"))
    assert "14 Jun 2024 to 13 Jun 2025" in year
    assert "14 Jun 2024 to" not in everything
    pdds = patient_client.get(API + "?measure=pdds").json()
    assert pdds["measure"] == "pdds"
    assert pdds["events"] == []
    assert len(patient_client.get(API + "?measure=edss").json()["events"]) == 2


def test_a_choice_with_an_error_is_computed_and_explained(patient_client, story):
    response = patient_client.get(URL + "?measure=iq")
    assert "Choose one of the measures in the list." in words(response)
    _, again = queries(patient_client, URL + "?measure=iq")
    assert again > 5


def test_at_the_patients_midnight_the_day_moves_on(patient_client, story, frozen):
    assert "Your last relapse began 30 days ago" in cached_words(patient_client)
    frozen.move_to(dt.datetime(2025, 6, 13, 21, 59, tzinfo=dt.UTC))  # 23:59 in Berlin
    assert "Your last relapse began 30 days ago" in words(patient_client.get(URL))
    frozen.move_to(dt.datetime(2025, 6, 13, 22, 1, tzinfo=dt.UTC))  # 00:01, 14 June
    assert "Your last relapse began 1 month ago" in words(patient_client.get(URL))


def test_a_new_time_zone_is_a_new_entry(patient_client, patient, story):
    assert "Your last relapse began 30 days ago" in cached_words(patient_client)
    patient.time_zone = "Pacific/Kiritimati"  # UTC+14: already 00:00 on 14 June
    patient.save()
    assert "Your last relapse began 1 month ago" in words(patient_client.get(URL))


def test_a_new_ms_course_is_a_new_entry(patient_client, patient, story):
    signal = "possible change from relapsing-remitting to secondary progressive MS"
    patient.ms_course = "rrms"
    patient.save()
    assert signal in cached_words(patient_client)
    patient.ms_course = "cis"  # the signal is off for CIS
    patient.save()
    assert signal not in words(patient_client.get(URL))


def test_a_dose_falling_due_changes_the_adherence(patient_client, patient, commits, frozen):
    """Dimethyl fumarate at 08:00 and 20:00 (windows of 2 hours): at noon nothing is due
    today; once the 20:00 dose's window closes unlogged, adherence falls."""
    with commits():
        tell_story(patient)
        course = CourseFactory(
            user=patient, drug=catalogue("dimethyl-fumarate"), start=dt.date(2025, 6, 12)
        )
        for taken in ("2025-06-12T06:00Z", "2025-06-12T18:00Z", "2025-06-13T06:00Z"):
            DoseLog.objects.create(
                user=patient, course=course, scheduled_for=taken, status="taken", taken_at=taken
            )

    def thirty_days():
        return patient_client.get(API).json()["figures"]["adherence"]["percent_30_days"]

    at_noon = thirty_days()
    cached_words(patient_client, API)
    frozen.move_to(dt.datetime(2025, 6, 13, 19, 30, tzinfo=dt.UTC))  # 21:30, window open
    assert thirty_days() == at_noon
    frozen.move_to(dt.datetime(2025, 6, 13, 20, 1, tzinfo=dt.UTC))  # 22:01, window closed
    assert thirty_days() < at_noon


def test_a_patient_who_never_wrote_anything_is_not_cached(patient_client, patient):
    _, first = queries(patient_client, URL)
    _, again = queries(patient_client, URL)
    assert again == first


def test_the_entry_expires_when_build_says(patient, commits, frozen):
    with commits():
        Relapse(user=patient, onset=dt.date(2025, 6, 1)).save()
    builds = count(1)

    def build():
        return next(builds), NOON + dt.timedelta(minutes=10)

    assert dashboard_cache.cached(patient, "test", (), build) == 1
    frozen.move_to(NOON + dt.timedelta(minutes=9))
    assert dashboard_cache.cached(patient, "test", (), build) == 1
    frozen.move_to(NOON + dt.timedelta(minutes=10, seconds=1))
    assert dashboard_cache.cached(patient, "test", (), build) == 2


@pytest.mark.parametrize("htmx", [False, True])
def test_the_page_is_gzipped_around_the_cached_body(patient_client, story, htmx):
    headers = {"HTTP_ACCEPT_ENCODING": "gzip", **({"HTTP_HX_REQUEST": "true"} if htmx else {})}
    for _ in range(2):  # computed, then from the cache
        response = patient_client.get(URL, **headers)
        assert response["Content-Encoding"] == "gzip"
        assert {"Accept-Encoding", "HX-Request"} <= {v.strip() for v in response["Vary"].split(",")}
        html = gzip.decompress(response.content).decode()
        assert "RAW 1 · PIRA 1" in visible_words(html)
        assert ('hx-swap-oob="innerHTML"' in html) == htmx
        assert ("</html>" in html) != htmx
