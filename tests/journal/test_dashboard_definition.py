"""The Progression page names the definition its RAW and PIRA labels follow: patients
always see the standard one, with a sentence on what it means."""

import pytest
from django.urls import reverse

from journal import dashboard_text
from journal.progression_definitions import HIGH_SPECIFICITY, STANDARD
from tests.journal.dashboard_story import tell_story
from tests.journal.page_text import visible_words

pytestmark = pytest.mark.django_db


def test_the_patient_sees_the_standard_definition_explained(patient_client, patient):
    tell_story(patient)

    words = visible_words(patient_client.get(reverse("journal:dashboard")).content.decode())

    assert "Standard definition" in words
    assert "These labels follow the standard definition used in research" in words
    assert "RAW 1 · PIRA 1" in words


def test_the_standard_sentence_is_plain_and_the_others_say_what_they_change():
    assert "Müller et al., JAMA Neurology 2023" in dashboard_text.definition_sentence(STANDARD)
    strict = dashboard_text.definition_sentence(HIGH_SPECIFICITY)
    assert strict.startswith("These labels follow the high specificity definition.")
    assert "30 days after the first confirmation" in strict
