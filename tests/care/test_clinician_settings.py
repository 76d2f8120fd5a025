"""The clinician's settings page: the PIRA definition their patients' figures use by
default, saved per clinician, stale saves shown instead of overwriting."""

import pytest

from journal.progression_definitions import REBASELINE, STANDARD, definition_for
from mstracker.care.models import ClinicianPreferences
from tests.factories import sign_in
from tests.journal.page_text import visible_words

pytestmark = pytest.mark.django_db

URL = "/clinician/settings/"


@pytest.fixture
def clinician_client(client, clinician):
    sign_in(client, clinician)
    return client


def test_the_page_lists_every_definition_with_its_source(clinician_client):
    words = visible_words(clinician_client.get(URL).content.decode())

    assert "Standard Harmonised PIRA" in words
    assert "Re-baseline after relapse" in words
    assert "High specificity" in words
    assert "24-week confirmation" in words
    assert "msprog relapse_rebl=True" in words


def test_a_chosen_definition_becomes_the_clinicians_default(clinician_client, clinician):
    assert definition_for(clinician) is STANDARD
    clinician_client.get(URL)
    version = ClinicianPreferences.objects.get(clinician=clinician).version

    response = clinician_client.post(
        URL, {"progression_definition": "rebaseline", "version": version}, follow=True
    )

    assert "Settings saved." in visible_words(response.content.decode())
    assert definition_for(clinician) is REBASELINE


def test_an_unknown_choice_is_an_error_next_to_the_field(clinician_client, clinician):
    response = clinician_client.post(URL, {"progression_definition": "lenient\x00"})

    assert response.status_code == 200
    assert "Choose one of the definitions listed." in visible_words(response.content.decode())
    assert definition_for(clinician) is STANDARD


@pytest.mark.django_db(transaction=True)  # the compare-and-set runs as in production
def test_a_save_from_a_stale_page_shows_both_versions(clinician_client, clinician):
    clinician_client.get(URL)
    prefs = ClinicianPreferences.objects.get(clinician=clinician)
    seen = prefs.version
    prefs.progression_definition = "high_specificity"
    prefs.save()  # another tab

    response = clinician_client.post(URL, {"progression_definition": "rebaseline", "version": seen})

    words = visible_words(response.content.decode())
    assert "Two versions: choose which to keep" in words
    assert ClinicianPreferences.objects.get(clinician=clinician).progression_definition == (
        "high_specificity"
    )


def test_patients_have_no_clinician_settings(patient_client):
    assert patient_client.get(URL).status_code == 403


def test_anonymous_visitors_go_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response["Location"] or "/accounts/" in response["Location"]
