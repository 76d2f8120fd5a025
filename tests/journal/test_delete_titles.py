"""Each delete page is titled with what it deletes (WCAG 2.4.2), not "Delete?"."""

import re

import pytest
from django.urls import reverse

from tests.journal.factories import MeasureFactory, RelapseFactory

pytestmark = pytest.mark.django_db


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_delete_pages_have_distinct_titles(patient_client, patient):
    relapse = RelapseFactory(user=patient)
    measure = MeasureFactory(user=patient)
    relapse_page = patient_client.get(reverse("journal:relapse_delete", args=[relapse.pk]))
    measure_page = patient_client.get(reverse("journal:measure_delete", args=[measure.pk]))

    assert title(relapse_page) == "Delete Relapse from 2024-03-01? · MS Tracker"
    assert title(measure_page).startswith("Delete EDSS")
    assert "Delete this relapse?" in relapse_page.content.decode()
    assert "Delete this measure?" in measure_page.content.decode()
