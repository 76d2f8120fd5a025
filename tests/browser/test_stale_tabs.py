"""Two tabs on one check-in: the later save shows both versions instead of
silently undoing the earlier one."""

import datetime as dt

import pytest

from journal.models import CheckIn
from tests.journal.factories import CheckInFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_stale_tab_shows_both_versions_and_loses_nothing(signed_in, patient):
    page = signed_in
    day = patient.local_today() - dt.timedelta(days=1)
    CheckInFactory(user=patient, date=day, wellbeing=5, note="")
    url = f"/journal/checkins/{day.isoformat()}/"
    first, second = page, page.context.new_page()
    first.goto(url)
    second.goto(url)

    first.get_by_role("group", name="Fatigue").get_by_text("9", exact=True).click()
    first.get_by_label("Note (optional)").fill("Exhausted after the stairs")
    first.get_by_role("button", name="Save check-in").click()
    first.get_by_text("saved.", exact=False).wait_for()

    second.get_by_role("group", name="Overall, how are you today?").get_by_text(
        "8", exact=True
    ).click()
    second.get_by_role("button", name="Save check-in").click()
    second.get_by_role("heading", name="Two versions: choose which to keep").wait_for()
    table = second.get_by_role("table").inner_text()
    assert "Exhausted after the stairs" in table
    assert "Fatigue" in table
    assert "Balance" not in table  # only what differs
    stored = CheckIn.objects.get(user=patient, date=day)
    assert stored.note == "Exhausted after the stairs"
    assert stored.scores_by_code()["fatigue"] == 9

    # Having seen both, the patient keeps theirs: now it saves.
    assert (
        second.get_by_role("group", name="Overall, how are you today?")
        .get_by_label("8", exact=True)
        .is_checked()
    )
    second.get_by_role("button", name="Save check-in").click()
    second.get_by_text("saved.", exact=False).wait_for()
    stored.refresh_from_db()
    assert stored.wellbeing == 8
