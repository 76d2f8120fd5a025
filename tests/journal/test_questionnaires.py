"""PHQ-9 and GAD-7: exact items, scoring at every band edge, crisis help at once."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal import questionnaires as q
from journal.models import QuestionnaireResponse
from journal.rules import RuleViolation

pytestmark = pytest.mark.usefixtures("frozen")

API = "/api/v1/questionnaires/"


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2025, 6, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def answers_summing_to(total, count):
    """Answers with the given total, filled from the first item, never item 9."""
    answers = [0] * count
    order = [i for i in range(count) if i != 8]
    for index in order:
        answers[index] = min(3, total)
        total -= answers[index]
    assert total == 0
    return answers


def test_the_instruments_have_their_exact_item_counts_and_wording():
    phq9, gad7 = q.INSTRUMENTS["phq9"], q.INSTRUMENTS["gad7"]
    assert len(phq9.items) == 9
    assert phq9.max_score == 27
    assert len(gad7.items) == 7
    assert gad7.max_score == 21
    assert phq9.items[8] == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert gad7.items[1] == "Not being able to stop or control worrying"
    assert [label for _, label in q.OPTIONS] == [
        "Not at all", "Several days", "More than half the days", "Nearly every day",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"), (4, "minimal"),
        (5, "mild"), (9, "mild"),
        (10, "moderate"), (14, "moderate"),
        (15, "moderately_severe"), (19, "moderately_severe"),
        (20, "severe"), (24, "severe"),
    ],
)  # fmt: skip
def test_phq9_bands_at_every_edge(total, band):
    answers = answers_summing_to(total, 9)
    assert q.score("phq9", answers) == total
    assert q.band("phq9", total).code == band


def test_phq9_maximum_is_severe():
    assert q.band("phq9", q.score("phq9", [3] * 9)).code == "severe"


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"), (4, "minimal"),
        (5, "mild"), (9, "mild"),
        (10, "moderate"), (14, "moderate"),
        (15, "severe"), (21, "severe"),
    ],
)  # fmt: skip
def test_gad7_bands_at_every_edge(total, band):
    answers = answers_summing_to(total, 7)
    assert q.score("gad7", answers) == total
    assert q.band("gad7", total).code == band


@pytest.mark.parametrize(
    ("kind", "answers", "text"),
    [
        ("phq9", [0] * 8, "exactly 9 answers"),
        ("gad7", [0] * 8, "exactly 7 answers"),
        ("phq9", [0] * 8 + [4], "Answer 9 must be 0, 1, 2 or 3"),
        ("gad7", [0, -1, 0, 0, 0, 0, 0], "Answer 2 must be"),
        ("msis29", [0], "Unknown questionnaire"),
    ],
)
def test_bad_answers_are_refused(kind, answers, text):
    with pytest.raises(RuleViolation) as info:
        q.score(kind, answers)
    assert text in info.value.message


def test_item_9_above_zero_needs_crisis_resources_whatever_the_total():
    assert q.needs_crisis_resources("phq9", [0] * 8 + [1])
    assert not q.needs_crisis_resources("phq9", [3] * 8 + [0])
    assert not q.needs_crisis_resources("gad7", [3] * 7)


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_answer_phq9_in_the_browser_see_the_result_edit_and_delete(patient_client, patient):
    url = reverse("journal:questionnaire_new", args=["phq9"])
    html = patient_client.get(url).content.decode()
    assert "Over the last 2 weeks" in html
    assert "Little interest or pleasure in doing things" in html
    data = {"date": "2025-05-30", **{f"item_{n}": "1" for n in range(1, 10)}}
    data["item_9"] = "0"
    response = patient_client.post(url, data)
    saved = QuestionnaireResponse.objects.get(user=patient)
    assert response.url == reverse("journal:questionnaire_detail", args=[saved.pk])
    assert (saved.score, saved.band) == (8, "mild")
    result = patient_client.get(response.url).content.decode()
    assert "Score <strong>8</strong> of 27" in result
    assert "Help is available now" not in result
    edit = reverse("journal:questionnaire_edit", args=[saved.pk])
    patient_client.post(edit, {**data, "item_1": "3"})
    saved.refresh_from_db()
    assert saved.score == 10
    assert saved.band == "moderate"
    patient_client.post(reverse("journal:questionnaire_delete", args=[saved.pk]))
    assert not QuestionnaireResponse.objects.exists()


@pytestmark_db
def test_phq9_item_9_shows_crisis_resources_on_the_result_page(patient_client):
    data = {"date": "2025-05-30", **{f"item_{n}": "0" for n in range(1, 10)}, "item_9": "1"}
    response = patient_client.post(reverse("journal:questionnaire_new", args=["phq9"]), data)
    result = patient_client.get(response.url).content.decode()
    assert "Help is available now" in result
    assert "116 123" in result
    assert "988" in result
    assert result.index("Help is available now") < result.index("Score <strong>1</strong>")


@pytestmark_db
def test_an_unanswered_question_is_named_and_the_rest_kept(patient_client):
    data = {"date": "2025-05-30", **{f"item_{n}": "2" for n in range(1, 8)}}
    del data["item_4"]
    response = patient_client.post(reverse("journal:questionnaire_new", args=["gad7"]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["item_4"] == ["Please answer this question."]
    assert response.context["form"]["item_3"].value() == "2"
    assert not QuestionnaireResponse.objects.exists()


@pytestmark_db
def test_licensed_questionnaires_are_not_offered(patient_client):
    for kind in ("msis29", "msws12", "mfis"):
        assert (
            patient_client.get(reverse("journal:questionnaire_new", args=[kind])).status_code == 404
        )


@pytestmark_db
def test_api_scores_and_bands(patient_api):
    response = patient_api.post(
        API, {"kind": "gad7", "date": "2025-05-01", "answers": [3, 3, 3, 3, 3, 0, 0]}, format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["score"], body["band"], body["band_label"]) == (15, "severe", "Severe")
    assert body["crisis_resources"] is None


@pytestmark_db
def test_api_phq9_item_9_returns_crisis_resources(patient_api):
    answers = [0] * 8 + [2]
    response = patient_api.post(
        API, {"kind": "phq9", "date": "2025-05-01", "answers": answers}, format="json"
    )
    crisis = response.json()["crisis_resources"]
    assert crisis["emergency"].startswith("If you are in danger right now")
    assert any(line["contact"] == "116 123" for line in crisis["lines"])
    listed = patient_api.get(API).json()["results"][0]
    assert listed["crisis_resources"] is not None


@pytestmark_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "phq9", "date": "2025-05-01", "answers": [0] * 7}, "answers"),
        ({"kind": "phq9", "date": "2025-05-01", "answers": [0] * 8 + [4]}, "answers"),
        ({"kind": "mfis", "date": "2025-05-01", "answers": [0]}, "kind"),
        ({"kind": "gad7", "date": "2025-07-01", "answers": [0] * 7}, "date"),
    ],
)
def test_api_refuses_bad_responses(patient_api, body, field):
    response = patient_api.post(API, body, format="json")
    assert response.status_code == 400
    assert field in response.json()


@pytestmark_db
def test_api_score_is_read_only_and_recomputed(patient_api):
    created = patient_api.post(
        API, {"kind": "gad7", "date": "2025-05-01", "answers": [0] * 7, "score": 21}, format="json"
    ).json()
    assert created["score"] == 0
    url = f"{API}{created['id']}/"
    updated = patient_api.patch(url, {"answers": [1] * 7}, format="json").json()
    assert (updated["score"], updated["band"]) == (7, "mild")
