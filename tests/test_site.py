"""The site shell: pages, local static files, the API schema and its docs."""

import pytest
from django.urls import reverse

from tests.factories import enable_two_factor, sign_in
from tests.test_settings import PRODUCTION, run

pytestmark = pytest.mark.django_db


def test_home_page_for_anonymous_visitors(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="/static/bootstrap/css/bootstrap.min.css"' in html
    assert '<script src="/static/django_htmx/htmx-2.min.js"' in html
    assert 'href="#main"' in html  # skip link
    assert '<main id="main"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/static/bootstrap/css/bootstrap.min.css",
        "/static/bootstrap/js/bootstrap.bundle.min.js",
        "/static/django_htmx/htmx-2.min.js",
        "/static/css/site.css",
    ],
)
def test_static_files_come_from_the_packages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)


def test_the_vega_bundle_is_built_offline_and_served(client):
    response = client.get("/static/vega/vega-bundle.js")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert b"vegaEmbed" in body
    assert len(body) > 100_000


def test_health_check(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_the_openapi_schema_is_served(api_client):
    response = api_client.get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/auth/token/", "/api/v1/auth/register/", "/api/v1/me/"} <= set(paths)


def test_swagger_ui_is_served_without_a_cdn(client):
    page = client.get(reverse("swagger-ui"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()


def test_the_schema_generates_without_warnings():
    result = run(
        ["manage.py", "spectacular", "--fail-on-warn", "--validate", "--file", "/dev/null"],
        DEBUG="1",
    )
    assert result.returncode == 0, result.stderr


def test_collectstatic_works_for_production(tmp_path):
    result = run(
        ["manage.py", "collectstatic", "--noinput"], **PRODUCTION, STATIC_ROOT=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
    assert (tmp_path / "bootstrap/css/bootstrap.min.css").exists()
    assert (tmp_path / "vega/vega-bundle.js").exists()


def test_a_staff_member_reaches_the_admin(client, patient):
    """With two-factor on and passed (tests/security/test_admin.py: without, and others)."""
    patient.is_staff = patient.is_superuser = True
    patient.save()
    enable_two_factor(patient)
    sign_in(client, patient)
    assert client.get("/admin/").status_code == 200


def test_favicon_is_served_and_linked(client):
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("favicon.ico")
    assert finders.find("favicon.ico")
    assert f'<link rel="icon" href="{static("favicon.ico")}"' in client.get("/").content.decode()
