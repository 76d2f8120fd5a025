"""The clinician panel: flags in words from each patient's stored summary, in one query."""

import datetime as dt
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mstracker.care import summary
from mstracker.care.flags import flags
from mstracker.care.models import PatientSummary
from tests.care.factories import ShareFactory
from tests.factories import ClinicianFactory, PatientFactory, sign_in
from tests.journal.factories import (
    CheckInFactory,
    MeasureFactory,
    QuestionnaireFactory,
    RelapseFactory,
)
from tests.journal.history import seed_history

pytestmark = pytest.mark.django_db

PANEL = "/api/v1/clinician/patients/"
TODAY = dt.date(2025, 6, 30)
ALL = ["symptoms", "relapses_measures", "questionnaires", "therapies", "lifestyle"]


def codes(raised):
    return [flag.code for flag in raised]


# The rules, over plain facts --------------------------------------------------------


def test_each_flag_and_its_words():
    facts = {
        "last_relapse_onset": "2025-05-01",
        "cdw": [
            {
                "measure": "edss",
                "onset": "2025-01-10",
                "confirmed": "2025-04-20",
                "classification": "PIRA",
                "first_seen": "2025-04-20T10:00:00+00:00",
            }
        ],
        "adherence_90": 72.5,
        "phq9": {"date": "2025-06-01", "score": 6, "item9": 1},
        "gad7": {"date": "2025-06-01", "score": 12},
        "last_checkin": "2025-06-10",
        "timed": {
            "t25fw": {
                "baseline": 5.0,
                "baseline_date": "2024-01-01",
                "latest": 6.0,
                "latest_date": "2025-06-01",
            }
        },
    }
    raised = {f.code: f.text for f in flags(facts, TODAY, ALL, None)}
    assert raised == {
        "recent_relapse": "Relapse began 1 May 2025, 60 days ago (within 90 days).",
        "new_cdw": "New confirmed disability worsening not yet seen by you: PIRA on EDSS "
        "from 10 Jan 2025, confirmed 20 Apr 2025.",
        "low_adherence": "DMT adherence 72.5% over the last 90 days (below 80%).",
        "phq9": "Last PHQ-9 on 1 Jun 2025: item 9 (thoughts of death or self-harm) "
        "answered above 0.",
        "gad7": "Last GAD-7 on 1 Jun 2025: score 12 (10 or more).",
        "no_checkin": "No check-in for 20 days (last on 10 Jun 2025).",
        "slower_timed_test": "Timed 25-foot walk 6 s on 1 Jun 2025, 20% slower than the "
        "baseline 5 s of 1 Jan 2024.",
    }
    seen_after = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
    assert "new_cdw" not in codes(flags(facts, TODAY, ALL, seen_after))
    # Only what is shared raises a flag.
    assert codes(flags(facts, TODAY, ["symptoms"], None)) == ["no_checkin"]


def test_the_edges_of_each_flag():
    facts = {
        "last_relapse_onset": "2025-04-01",  # 90 days: still recent; 91 is not
        "cdw": [],
        "adherence_90": 80.0,
        "phq9": {"date": "2025-06-01", "score": 9, "item9": 0},
        "gad7": {"date": "2025-06-01", "score": 9},
        "last_checkin": "2025-06-17",  # 13 days
        "timed": {
            "t25fw": {
                "baseline": 5.0,
                "baseline_date": "2024-01-01",
                "latest": 5.9,
                "latest_date": "2025-06-01",
            }
        },
    }
    assert codes(flags(facts, TODAY, ALL, None)) == ["recent_relapse"]
    assert codes(flags(facts, TODAY + timedelta(days=1), ALL, None)) == ["no_checkin"]


# The stored summary, from real records ------------------------------------------------


@time_machine.travel("2025-06-30 12:00Z", tick=False)
def test_summary_from_records_with_the_engine():
    patient = PatientFactory()
    RelapseFactory(user=patient, onset=dt.date(2025, 5, 1), end=dt.date(2025, 5, 20))
    for day, value in [("2023-01-01", 2.0), ("2023-07-01", 3.0), ("2024-01-01", 3.0)]:
        MeasureFactory(user=patient, kind="edss", date=dt.date.fromisoformat(day), value=value)
    QuestionnaireFactory(user=patient, answers=[3, 3, 3, 1, 0, 0, 0, 0, 0], date=TODAY)
    CheckInFactory(user=patient, date=dt.date(2025, 6, 29))
    row = summary.refresh(patient)
    assert row.facts["last_relapse_onset"] == "2025-05-01"
    assert [(e["classification"], e["onset"]) for e in row.facts["cdw"]] == [("PIRA", "2023-07-01")]
    assert row.facts["phq9"] == {"date": "2025-06-30", "score": 10, "item9": 0}
    assert row.facts["adherence_90"] is None  # no DMT: no adherence flag, never a zero
    first_seen = row.facts["cdw"][0]["first_seen"]
    with time_machine.travel("2025-07-01 12:00Z"):
        again = summary.refresh(patient)
    assert again.facts["cdw"][0]["first_seen"] == first_seen  # still the moment it appeared


# The panel --------------------------------------------------------------------------


def test_panel_api_rows(clinician_api, clinician, patient):
    ShareFactory(patient=patient, clinician=clinician, scopes=["symptoms"])
    QuestionnaireFactory(user=patient, answers=[3] * 9, date=timezone.localdate())
    summary.refresh(patient)
    ShareFactory(patient=PatientFactory(), revoked_at=timezone.now(), clinician=clinician)
    (row,) = clinician_api.get(PANEL).json()
    assert (row["id"], row["name"], row["last_viewed_at"]) == (patient.pk, "alice", None)
    assert row["flags"] == [{"code": "no_checkin", "text": "No check-in recorded yet."}]
    assert row["summary_computed_at"]
    assert clinician_api.get(PANEL, {"flag": "phq9"}).json() == []  # questionnaires not shared
    assert clinician_api.get(PANEL, {"sort": "age"}).status_code == 400


def test_panel_page_words(client, clinician, patient):
    ShareFactory(patient=patient, clinician=clinician)
    CheckInFactory(user=patient, date=patient.local_today() - timedelta(days=15))
    summary.refresh(patient)
    sign_in(client, clinician)
    from tests.journal.page_text import visible_words

    words = visible_words(client.get("/clinician/").content.decode())
    assert "alice · last viewed never" in words
    assert "No check-in for 15 days" in words


PANEL_REQUESTS = (
    "/clinician/",
    "/clinician/?sort=last_viewed&flag=new_cdw",
    PANEL,
    f"{PANEL}?sort=name",
    f"{PANEL}?flag=new_cdw",
)


def panel_of(patients, years):
    """A clinician sharing with ``patients`` patients, each with ``years`` of the
    benchmark's history (`tests/journal/history.py`) and a summary the real code computed."""
    clinician = ClinicianFactory()
    for number in range(patients):
        share = ShareFactory(clinician=clinician)
        seed_history(share.patient, years, seed=number)
        summary.refresh(share.patient)
    return clinician


def panel_queries(client, clinician):
    """The queries of each panel request (page and API, sorted and filtered), and the rows."""
    sign_in(client, clinician)
    counts = {}
    for path in PANEL_REQUESTS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(queries)
    return counts, client.get(PANEL).json()


def test_panel_queries_do_not_grow_with_patients_or_history(client):
    one, one_rows = panel_queries(client, panel_of(1, 0.1))
    many, many_rows = panel_queries(client, panel_of(20, 0.1))
    long, long_rows = panel_queries(client, panel_of(1, 5))
    assert (len(one_rows), len(many_rows), len(long_rows)) == (1, 20, 1)
    # Five years hold CDW events the summary carries: the long history is really read.
    assert "new_cdw" in [flag["code"] for flag in long_rows[0]["flags"]]
    assert many == one == long
    assert max(one.values()) <= 4  # session, user, the two-factor device, the panel's query


def test_no_summary_yet_says_so(client, clinician, patient):
    ShareFactory(patient=patient, clinician=clinician)
    sign_in(client, clinician)
    assert b"Summary not computed yet" in client.get("/clinician/").content
    assert not PatientSummary.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_write_refreshes_the_summary_through_the_worker(celery_worker):
    share = ShareFactory()
    CheckInFactory(user=share.patient, date=timezone.localdate())
    deadline = timezone.now() + timedelta(seconds=20)
    while timezone.now() < deadline:
        row = PatientSummary.objects.filter(patient=share.patient).first()
        if row and row.facts.get("last_checkin") == timezone.localdate().isoformat():
            break
        import time

        time.sleep(0.2)
    else:
        pytest.fail("the summary was not refreshed after the write")


@pytest.mark.parametrize(
    "moment",
    ["2025-03-30T00:59:00Z", "2025-03-30T01:00:00Z", "2025-10-26T00:30:00Z", "2025-12-01T23:05Z"],
)
def test_when_reads_as_django_date_in_the_readers_zone(moment):
    """The panel's fast moment filter says what ``|date:"j M Y, H:i"`` says, also across
    a daylight-saving change of the reader's zone."""
    from django.template import Context, Template

    value = dt.datetime.fromisoformat(moment)
    template = Template(
        '{% load care_tags %}{% load tz %}{% timezone "Europe/Berlin" %}'
        '{{ v|when }}|{{ v|date:"j M Y, H:i" }}{% endtimezone %}'
    )
    fast, django_date = template.render(Context({"v": value})).split("|")
    assert fast == django_date
    assert Template("{% load care_tags %}{{ v|when }}").render(Context({"v": None})) == ""
