"""``/api/v1/health-links/``: the contract of issue 14, and the payload's limits."""

import pytest

from mstracker.health_links import links, payload
from mstracker.health_links.models import HealthLink
from tests.health_links.shl_client import b64decode, parse

pytestmark = pytest.mark.django_db
FIELDS = {
    "id",
    "label",
    "shlink",
    "viewer_url",
    "qr_svg_url",
    "status",
    "contents",
    "period",
    "snapshot",
    "passcode",
    "attempts_left",
    "created_at",
    "expires_at",
    "revoked_at",
    "open_count",
    "last_opened_at",
}


def test_create_answers_the_link_and_list_shows_it(patient_api):
    response = patient_api.post(
        "/api/v1/health-links/",
        {"label": "Second opinion", "passcode": "4711", "expires_in_days": 30},
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) == FIELDS
    assert body["status"] == "active"
    assert body["passcode"] is True
    assert (body["open_count"], body["last_opened_at"]) == (0, None)
    assert body["shlink"].startswith("shlink:/")
    assert body["viewer_url"] == f"http://testserver/shl/#{body['shlink']}"
    assert body["qr_svg_url"] == f"http://testserver/api/v1/health-links/{body['id']}/qr/"
    assert body["contents"][0] == "Patient"
    assert "4711" not in response.content.decode()
    listed = patient_api.get("/api/v1/health-links/").json()["results"]
    assert [row["id"] for row in listed] == [body["id"]]
    assert listed[0]["shlink"] == body["shlink"]  # shown again while active


def test_flags_expiry_and_label_in_the_payload(patient_api):
    forever = patient_api.post("/api/v1/health-links/", {"passcode": "4711"}).json()
    assert parse(forever["shlink"])["flag"] == "LP"
    assert "exp" not in parse(forever["shlink"])
    assert "label" not in parse(forever["shlink"])
    week = patient_api.post("/api/v1/health-links/", {"expires_in_days": 7}).json()
    assert "flag" not in parse(week["shlink"])
    assert parse(week["shlink"])["exp"] > 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"label": "x" * 81}, "label"),
        ({"expires_in_days": 3}, "expires_in_days"),
        ({"contents": ["Patient"]}, "contents"),
        ({"contents": []}, "contents"),
        ({"passcode": "123"}, "passcode"),
        ({"snapshot": "maybe"}, "snapshot"),
        ({"period": "3w"}, "period"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(patient_api, body, field):
    response = patient_api.post("/api/v1/health-links/", body)
    assert response.status_code == 400
    assert field in response.json()
    assert HealthLink.objects.count() == 0


def test_delete_revokes_and_the_link_disappears_from_the_answer(patient_api):
    created = patient_api.post("/api/v1/health-links/", {}).json()
    assert patient_api.delete(f"/api/v1/health-links/{created['id']}/").status_code == 204
    row = patient_api.get(f"/api/v1/health-links/{created['id']}/").json()
    assert row["status"] == "revoked"
    assert (row["shlink"], row["viewer_url"], row["qr_svg_url"]) == (None, None, None)
    assert patient_api.get(f"/api/v1/health-links/{created['id']}/qr/").status_code == 404


def test_the_qr_code_is_an_svg_of_the_viewer_link(patient_api):
    created = patient_api.post("/api/v1/health-links/", {}).json()
    response = patient_api.get(f"/api/v1/health-links/{created['id']}/qr/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<?xml") or b"<svg" in response.content[:200]


def test_another_patients_link_is_missing_and_clinicians_are_refused(
    patient_api, other_patient_api, clinician_api
):
    created = patient_api.post("/api/v1/health-links/", {}).json()
    for method in ("get", "delete"):
        response = getattr(other_patient_api, method)(f"/api/v1/health-links/{created['id']}/")
        assert response.status_code == 404
    assert other_patient_api.get("/api/v1/health-links/").json()["results"] == []
    assert clinician_api.get("/api/v1/health-links/").status_code == 403
    assert clinician_api.post("/api/v1/health-links/", {}).status_code == 403
    assert HealthLink.objects.get().revoked_at is None


def test_the_manifest_url_and_key_carry_256_bits_and_fit_the_limits(patient):
    seen = set()
    for _ in range(20):
        _, shlink = links.create(patient, base="https://mstracker.example.org")
        body = parse(shlink)
        manifest_id = body["url"].rstrip("/").rsplit("/", 1)[1]
        assert len(manifest_id) == 43
        assert len(b64decode(manifest_id)) == 32  # 256 bits of entropy
        assert len(body["key"]) == 43
        assert len(b64decode(body["key"])) == 32
        assert len(body["url"]) <= 128
        seen.update((manifest_id, body["key"]))
    assert len(seen) == 40  # never the same twice
    stored = HealthLink.objects.values_list("manifest_digest", "sealed")
    for digest, sealed in stored:
        assert len(digest) == 64
        assert not any(secret in sealed or secret in digest for secret in seen)


def test_a_base_url_that_would_pass_128_characters_is_refused(patient):
    with pytest.raises(ValueError, match="128"):
        links.create(patient, base="https://" + "a" * 80 + ".example.org")
    assert HealthLink.objects.count() == 0


def test_the_payload_limits_are_enforced():
    key = payload.new_secret()
    with pytest.raises(ValueError, match="at most 128"):
        payload.build("https://x.org/" + "m" * 120, key)
    with pytest.raises(ValueError, match="at most 80"):
        payload.build("https://x.org/m", key, label="x" * 81)
    with pytest.raises(ValueError, match="32 bytes"):
        payload.build("https://x.org/m", payload.b64url(b"short"))
    assert payload.flags(passcode=True, long_term=True) == "LP"
    link = payload.encode(payload.build("https://x.org/m", key, label="Ünïcode"))
    assert payload.decode("https://viewer.example.org/#" + link)["label"] == "Ünïcode"
