"""The Today page: the patient's home, with a place for today's doses."""

import pytest
from django.template import engines
from django.urls import reverse

from journal.views import today

pytestmark = pytest.mark.django_db


def test_today_greets_and_links_to_every_kind(patient_client):
    html = patient_client.get(reverse("journal:today")).content.decode()
    assert "Hello, alice" in html
    for name in ("relapse_new", "exercise_new", "vitd_dose_new"):
        assert reverse(f"journal:{name}") in html
    assert reverse("journal:measure_new", args=["pdds"]) in html


def test_the_doses_card_renders_once_the_therapies_template_exists(
    patient_client, monkeypatch, tmp_path
):
    assert patient_client.get(reverse("journal:today")).context["today_doses_template"] is None
    folder = tmp_path / "therapies"
    folder.mkdir()
    (folder / "_today_doses.html").write_text("<section>Doses for {{ user.username }}</section>")
    engine = engines["django"].engine
    monkeypatch.setattr(engine, "dirs", [*engine.dirs, str(tmp_path)])
    for loader in engine.template_loaders:
        if hasattr(loader, "reset"):
            loader.reset()
    monkeypatch.setattr(engine, "template_loaders", engine.get_template_loaders(engine.loaders))
    html = patient_client.get(reverse("journal:today")).content.decode()
    assert "Doses for alice" in html
    assert today.TODAY_DOSES_TEMPLATE == "therapies/_today_doses.html"
