"""The schema documents each operation's error answers, with the bodies the API sends."""

import jsonschema
import pytest
import yaml
from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator
from rest_framework.routers import SimpleRouter
from rest_framework.throttling import SimpleRateThrottle

from journal.api.relapses import RelapseViewSet
from tests.journal.factories import RelapseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api_client):
    return yaml.safe_load(api_client.get("/api/schema/").content)


def codes(schema, method, path):
    return set(schema["paths"][path][method]["responses"])


def error_body_schema(schema, method, path, code):
    """The JSON schema of one documented error body, with the components to resolve it."""
    ref = schema["paths"][path][method]["responses"][code]["$ref"]
    response = schema["components"]["responses"][ref.rsplit("/", 1)[1]]
    return {**response["content"]["application/json"]["schema"], "components": schema["components"]}


def test_a_detail_read_documents_auth_missing_and_throttled_but_no_input_error(schema):
    assert codes(schema, "get", "/api/v1/relapses/{id}/") == {"200", "401", "403", "404", "429"}


def test_a_write_documents_invalid_input_and_a_body_too_large(schema):
    assert codes(schema, "post", "/api/v1/relapses/") == {
        "201",
        "400",
        "401",
        "403",
        "413",
        "415",
        "429",
    }
    assert {"400", "404", "413"} <= codes(schema, "patch", "/api/v1/relapses/{id}/")


def test_a_filtered_list_documents_bad_filters_and_a_page_past_the_last(schema):
    assert {"400", "404"} <= codes(schema, "get", "/api/v1/relapses/")
    assert {"400"} <= codes(schema, "get", "/api/v1/progression/")


def test_open_endpoints_document_no_403(schema):
    assert "403" not in codes(schema, "post", "/api/v1/auth/token/")
    assert "403" not in codes(schema, "post", "/api/v1/auth/register/")
    assert "429" in codes(schema, "post", "/api/v1/auth/token/")


def test_409_and_412_follow_the_views_flags(monkeypatch):
    """The lead's viewsets set ``conflict_on_create`` / ``etag_guarded``; a test router
    shows the schema reads them."""
    for flag in ("conflict_on_create", "etag_guarded"):
        monkeypatch.setattr(RelapseViewSet, flag, True, raising=False)
    router = SimpleRouter()
    router.register("relapses", RelapseViewSet, basename="relapse")
    patterns = [path("api/v1/", include(router.urls))]
    generated = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    responses = {
        (method, p): set(map(str, op["responses"]))
        for p, ops in generated["paths"].items()
        for method, op in ops.items()
    }
    assert "409" in responses["post", "/api/v1/relapses/"]
    for method in ("put", "patch", "delete"):
        assert "412" in responses[method, "/api/v1/relapses/{id}/"]
        assert "409" not in responses[method, "/api/v1/relapses/{id}/"]
    assert "412" not in responses["get", "/api/v1/relapses/{id}/"]
    assert "412" not in responses["post", "/api/v1/relapses/"]


def test_error_bodies_match_what_the_api_answers(
    schema, patient_api, clinician_api, api_client, other_patient
):
    bobs = RelapseFactory(user=other_patient)
    answers = [
        ("post", "/api/v1/relapses/", "400", patient_api.post("/api/v1/relapses/", {"onset": "x"})),
        ("get", "/api/v1/relapses/", "400", patient_api.get("/api/v1/relapses/?date_from=x")),
        (
            "post",
            "/api/v1/relapses/",
            "400",
            patient_api.post("/api/v1/relapses/", [1], format="json"),
        ),
        ("get", "/api/v1/relapses/", "401", api_client.get("/api/v1/relapses/")),
        ("get", "/api/v1/relapses/", "403", clinician_api.get("/api/v1/relapses/")),
        ("get", "/api/v1/relapses/{id}/", "404", patient_api.get(f"/api/v1/relapses/{bobs.pk}/")),
        ("get", "/api/v1/relapses/", "404", patient_api.get("/api/v1/relapses/?page=9")),
    ]
    for method, path_, code, response in answers:
        assert str(response.status_code) == code, (path_, response.content)
        jsonschema.validate(response.json(), error_body_schema(schema, method, path_, code))


def test_a_throttled_answer_matches_its_documented_body(schema, patient_api, monkeypatch):
    rates = {**SimpleRateThrottle.THROTTLE_RATES, "user": "1/hour"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)

    patient_api.get("/api/v1/relapses/")
    response = patient_api.get("/api/v1/relapses/")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = error_body_schema(schema, "get", "/api/v1/relapses/", "429")
    jsonschema.validate(response.json(), body)
