"""A PHQ-9 with item 9 above 0 keeps help (crisis lines as tap-to-call links) on the
Today page until the next PHQ-9; the clinician panel flags it too (tests/care/test_panel.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.journal.factories import QuestionnaireFactory

pytestmark = pytest.mark.django_db

TODAY = reverse("journal:today")


def test_item9_above_0_shows_help_on_today_until_the_next_phq9(patient_client, patient):
    assert "Help is available now" not in patient_client.get(TODAY).content.decode()

    QuestionnaireFactory(user=patient, date=dt.date(2025, 5, 1), answers=[0] * 8 + [1])
    QuestionnaireFactory(user=patient, kind="gad7", date=dt.date(2025, 5, 2), answers=[0] * 7)
    page = patient_client.get(TODAY).content.decode()
    assert "Help is available now" in page
    assert "From your PHQ-9 of 1 May 2025" in page
    assert 'href="tel:116123"' in page
    assert 'href="tel:+498001110111"' in page
    assert 'href="tel:112"' in page

    QuestionnaireFactory(user=patient, date=dt.date(2025, 6, 1), answers=[1] * 8 + [0])
    assert "Help is available now" not in patient_client.get(TODAY).content.decode()


def test_the_questionnaire_result_dials_the_crisis_lines(patient_client, patient):
    response = QuestionnaireFactory(user=patient, answers=[0] * 8 + [2])
    page = patient_client.get(response.get_absolute_url()).content.decode()
    assert 'href="tel:988"' in page
    assert 'href="tel:999"' in page
