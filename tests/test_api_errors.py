"""Under /api/ every error is JSON, also with DEBUG on: an unknown path, a body too
large or of the wrong shape."""

import json
from datetime import date

import pytest

from tests.journal.factories import CheckInFactory

pytestmark = pytest.mark.django_db

DEBUG = pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])


@DEBUG
def test_an_unknown_api_path_is_a_json_404(patient_api, settings, debug):
    settings.DEBUG = debug

    response = patient_api.get("/api/v1/no-such-resource/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@DEBUG
def test_an_unknown_path_outside_the_api_is_still_a_page(patient_client, settings, debug):
    settings.DEBUG = debug

    response = patient_client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_missing_trailing_slash_still_redirects(patient_api):
    response = patient_api.get("/api/v1/relapses")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/relapses/"


@DEBUG
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", json.dumps({"date": "2024-05-01", "note": "x" * 40_000})),
        ("application/x-www-form-urlencoded", "date=2024-05-01&note=" + "x" * 40_000),
    ],
    ids=["json", "form"],
)
def test_a_body_over_the_upload_limit_is_a_json_413(
    patient_api, settings, debug, content_type, body
):
    settings.DEBUG = debug
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = patient_api.generic("POST", "/api/v1/checkins/", body, content_type=content_type)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The request body is larger than the 10,000 bytes accepted."
    }


def test_too_many_form_fields_is_a_json_400(patient_api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    body = "&".join(f"f{n}=1" for n in range(20))

    response = patient_api.generic(
        "POST", "/api/v1/checkins/", body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_body_under_the_limit_is_read(patient_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = patient_api.post(
        "/api/v1/checkins/", {"date": "2024-05-01", "wellbeing": 6, "note": "x" * 100}
    )

    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_a_check_in_body_that_is_not_an_object_is_a_400(patient, patient_api, method):
    CheckInFactory(user=patient, date=date(2024, 5, 2))

    response = patient_api.generic(
        method, "/api/v1/checkins/2024-05-02/", "[null, null]", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }
