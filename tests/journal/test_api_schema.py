"""The journal's resources are in the OpenAPI schema, with examples."""

import pytest
import yaml

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/symptoms/",
    "/api/v1/checkins/",
    "/api/v1/checkins/{date}/",
    "/api/v1/relapses/",
    "/api/v1/measures/",
    "/api/v1/questionnaires/",
    "/api/v1/exercise/",
    "/api/v1/vitamin-d/doses/",
    "/api/v1/vitamin-d/levels/",
    "/api/v1/smoking/",
    "/api/v1/mri/",
    "/api/v1/labs/",
]


def test_every_resource_is_documented_with_an_example_and_date_filters(api_client):
    schema = yaml.safe_load(api_client.get("/api/schema/").content)
    for path in PATHS:
        assert path in schema["paths"], path
    for path in PATHS:
        if "{" in path or path == "/api/v1/symptoms/":
            continue
        operations = schema["paths"][path]
        examples = operations["post"]["requestBody"]["content"]["application/json"]
        assert examples.get("examples"), path
        parameters = {p["name"] for p in operations["get"]["parameters"]}
        assert {"date_from", "date_to", "page"} <= parameters, path
    relapse = schema["components"]["schemas"]["Relapse"]["properties"]
    assert relapse["possible_pseudo_relapse"]["readOnly"]
    assert relapse["episode_of"]["readOnly"]
    assert relapse["episode_of"]["nullable"]  # null when the relapse starts its own episode
