"""A new patient's first day on a phone: sign-up, the first-run flow (some steps
skipped), the first check-in, and an empty dashboard that says what it lacks."""

import pytest
from playwright.sync_api import expect

from journal.models import CheckIn
from mstracker.accounts.models import User
from tests.therapies.factories import catalogue, ensure_catalogue
from therapies.models import Course

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_patients_first_day_reads_honestly(page):
    ensure_catalogue()
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Email address").fill("newcomer@example.org")
    page.get_by_label("Patient").check()
    page.get_by_label("Password", exact=True).fill("a-long-and-unusual-pass-42")
    page.get_by_label("Password confirmation").fill("a-long-and-unusual-pass-42")
    page.get_by_role("button", name="Create account").click()

    page.get_by_role("heading", name="Your MS course").wait_for()
    page.get_by_label("Relapsing-remitting MS (RRMS)").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Your diagnosis").wait_for()
    page.get_by_role("button", name="Skip this step").click()
    page.get_by_role("heading", name="Your current treatment").wait_for()
    page.get_by_label("Which disease-modifying therapy (DMT) do you take now?").select_option(
        value=str(catalogue("dimethyl-fumarate").pk)
    )
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Symptoms to track").wait_for()
    symptoms = page.get_by_role("group", name="Which symptoms do you want to track each day?")
    for box in symptoms.get_by_role("checkbox").all():
        box.uncheck()
    symptoms.get_by_label("Fatigue").check()
    symptoms.get_by_label("Walking").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Reminders").wait_for()
    page.get_by_label("Daily check-in reminder at").fill("21:00")
    page.get_by_role("button", name="Save and finish").click()

    page.get_by_role("heading", name="Hello, newcomer").wait_for()
    user = User.objects.get(username="newcomer")
    assert user.ms_course == "rrms"
    assert user.diagnosis_year is None
    assert Course.objects.get(user=user).drug.name == "Dimethyl fumarate"
    card = page.locator("#checkin-card")
    assert "Scores start from your last check-in" not in card.inner_text()
    assert "Your first check-in" in card.inner_text()
    assert card.get_by_role("group").filter(has_text="0 = ").count() == 3  # wellbeing and two
    assert card.get_by_role("group", name="Balance").count() == 0  # not tracked

    # Rate wellbeing and one symptom, leave the other unrated: it saves.
    page.get_by_role("group", name="Overall, how are you today?").get_by_text(
        "6", exact=True
    ).click()
    page.get_by_role("group", name="Fatigue").get_by_text("4", exact=True).click()
    page.get_by_role("button", name="Save check-in").click()
    page.locator("#checkin-status").get_by_text("saved.").wait_for()
    assert CheckIn.objects.with_scores().get(user=user).scores_by_code() == {"fatigue": 4}

    page.goto("/journal/progression/")
    main = page.locator("main")
    expect(main).to_contain_text("No EDSS recorded yet: add the one from your clinic letter")
    assert "RAW 0 · PIRA 0" not in main.inner_text()
