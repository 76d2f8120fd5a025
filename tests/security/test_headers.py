"""Response headers: no caching of health data, a CSP without inline scripts, and a
Permissions-Policy, on a page, an API answer and a download."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

TEMPLATES = [Path("templates"), *Path(".").glob("*/templates"), *Path(".").glob("*/*/templates")]


@pytest.mark.parametrize(
    "path",
    ["/journal/today/", "/journal/progression/", "/api/v1/checkins/", "/api/v1/export/?format=csv"],
)
def test_health_data_is_never_stored_by_a_cache(patient_client, path):
    response = patient_client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_api_by_token_is_not_stored_either(patient_api):
    assert "no-store" in patient_api.get("/api/v1/me/")["Cache-Control"]


def test_static_files_keep_their_cache(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/journal/today/", "/api/v1/me/", "/api/v1/export/?format=json"])
def test_content_security_policy_allows_no_inline_script(patient_client, path):
    policy = patient_client.get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"].split()[0] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_permissions_policy_turns_off_camera_microphone_and_location(client):
    policy = client.get("/accounts/login/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_no_template_has_an_inline_script_without_the_nonce():
    """Executable inline scripts need ``nonce="{{ CSP_NONCE }}"``; JSON data blocks
    (``json_script``) are not run and need none."""
    offenders = []
    for root in TEMPLATES:
        for template in root.rglob("*.html"):
            for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
                if "src=" in tag or 'type="application/json"' in tag or "CSP_NONCE" in tag:
                    continue
                offenders.append(f"{template}: {tag}")
    assert not offenders
    assert any(root.is_dir() for root in TEMPLATES)


def test_the_api_docs_page_runs_without_inline_script(client):
    html = client.get("/api/docs/").content.decode()
    assert re.findall(r"<script>", html) == []
