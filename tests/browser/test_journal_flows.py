"""A patient on a phone checks in, logs a relapse and answers the PHQ-9."""

import pytest

from journal.models import CheckIn, QuestionnaireResponse, Relapse

pytestmark = pytest.mark.django_db(transaction=True)


def test_check_in_on_today_with_an_error_then_success(signed_in, patient):
    page = signed_in
    page.goto("/")
    page.get_by_role("heading", name="Hello, alice").wait_for()
    fatigue = page.get_by_role("group", name="Fatigue")
    assert "0 = No tiredness" in fatigue.inner_text()
    fatigue.get_by_text("6", exact=True).click()
    page.get_by_label("Note (optional)").fill("Long day at work")
    page.get_by_role("button", name="Save check-in").click()

    # No wellbeing yet: the message sits by its scale, and nothing typed is lost.
    error = page.locator("#id_wellbeing_error")
    error.wait_for()
    assert "Choose a number from 0 to 10." in error.inner_text()
    assert page.get_by_label("Note (optional)").input_value() == "Long day at work"
    assert page.get_by_role("group", name="Fatigue").get_by_label("6", exact=True).is_checked()
    assert not CheckIn.objects.exists()

    page.get_by_role("group", name="Overall, how are you today?").get_by_text(
        "7", exact=True
    ).click()
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("saved.", exact=False).wait_for()
    checkin = CheckIn.objects.get(user=patient)
    assert checkin.wellbeing == 7
    assert checkin.scores_by_code()["fatigue"] == 6
    assert checkin.note == "Long day at work"


def test_log_a_relapse_with_a_rule_shown_next_to_the_field(signed_in, patient):
    page = signed_in
    page.goto("/journal/today/")
    page.get_by_role("link", name="Log a relapse").click()
    page.get_by_label("When did the symptoms begin?").fill("2025-03-01")
    page.get_by_label("When did they end?").fill("2025-03-01")
    page.get_by_label("Vision (eyes)").check()
    page.get_by_role("button", name="Save").click()
    error = page.locator("#id_end_error")
    error.wait_for()
    assert "less than 24 hours" in error.inner_text()
    assert page.get_by_label("When did they end?").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Vision (eyes)").is_checked()

    page.get_by_label("When did they end?").fill("2025-03-20")
    page.get_by_label("Fever or infection at the time").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Relapse saved.").wait_for()
    assert page.get_by_text("possible pseudo-relapse", exact=True).is_visible()
    relapse = Relapse.objects.get(user=patient)
    assert relapse.possible_pseudo_relapse
    assert relapse.functions == ["vision"]


def test_phq9_item_9_shows_crisis_resources_at_once(signed_in, patient):
    page = signed_in
    page.goto("/journal/questionnaires/new/phq9/")
    for number in range(1, 10):
        question = page.get_by_role("group", name=f"{number}.", exact=False).first
        answer = "Several days" if number == 9 else "Not at all"
        question.get_by_text(answer, exact=True).click()
    page.get_by_role("button", name="Save").click()
    alert = page.get_by_role("alert").filter(has_text="Help is available now")
    alert.wait_for()
    assert "116 123" in alert.inner_text()
    assert QuestionnaireResponse.objects.get(user=patient).score == 1
