"""The manifest and file endpoints as the specification says: passcode counting and
lockout, expiry at its second, revocation on the next request, locations that live an
hour, one access-log row per request, and no secret in any log line."""

import datetime as dt
import logging

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from mstracker.care.models import AccessEvent, Action
from mstracker.health_links import links
from mstracker.health_links.models import PASSCODE_ATTEMPTS, HealthLink, LinkStatus
from tests.health_links.shl_client import get_file, open_link, parse, post_manifest
from tests.portability.account import every_kind_of_record

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=dt.UTC)


def make(patient, **kwargs):
    return links.create(patient, base="http://testserver", label="ED", **kwargs)


def test_wrong_passcodes_count_down_over_the_links_life_then_disable_it(patient):
    link, shlink = make(patient, passcode="blue-heron")
    payload = parse(shlink)
    assert post_manifest(payload, passcode="blue-heron").status_code == 200
    for left in range(PASSCODE_ATTEMPTS - 1, 0, -1):
        response = post_manifest(payload, passcode="wrong")
        assert response.status_code == 401
        assert response.json() == {"remainingAttempts": left}
        assert post_manifest(payload, passcode="blue-heron").status_code == 200  # no reset
    assert post_manifest(payload).json() == {"remainingAttempts": 0}  # none is wrong too
    assert post_manifest(payload, passcode="blue-heron").status_code == 404
    link.refresh_from_db()
    assert link.status == LinkStatus.LOCKED
    assert link.sealed == ""  # its key is gone: not even the server can open it again
    assert links.shlink_for(link) is None


def test_a_link_without_a_passcode_ignores_one(patient):
    _, shlink = make(patient)
    assert post_manifest(parse(shlink), passcode="anything").status_code == 200


def test_expiry_holds_from_its_very_second(patient):
    with time_machine.travel(START, tick=False) as traveller:
        link, shlink = make(patient, expires_in_days=1)
        payload = parse(shlink)
        assert payload["exp"] == int((START + dt.timedelta(days=1)).timestamp())
        traveller.move_to(link.expires_at - dt.timedelta(seconds=1))
        entry = post_manifest(payload).json()["files"][0]
        assert get_file(entry["location"]).status_code == 200
        traveller.move_to(link.expires_at)
        assert post_manifest(payload).status_code == 404
        assert get_file(entry["location"]).status_code == 404  # the file ends with the link
    link.refresh_from_db()
    assert link.status_at(link.expires_at) == LinkStatus.EXPIRED


def test_a_location_lives_one_hour_at_most(patient):
    with time_machine.travel(START, tick=False) as traveller:
        _, shlink = make(patient)
        entry = post_manifest(parse(shlink)).json()["files"][0]
        traveller.shift(dt.timedelta(seconds=3599))
        assert get_file(entry["location"]).status_code == 200
        traveller.shift(dt.timedelta(seconds=2))
        assert get_file(entry["location"]).status_code == 404
        fresh = post_manifest(parse(shlink)).json()["files"][0]  # ask the manifest again
        assert get_file(fresh["location"]).status_code == 200


def test_revoking_holds_from_the_next_request(patient, patient_api):
    link, shlink = make(patient)
    payload = parse(shlink)
    entry = post_manifest(payload).json()["files"][0]
    assert patient_api.delete(f"/api/v1/health-links/{link.pk}/").status_code == 204
    assert post_manifest(payload).status_code == 404
    assert get_file(entry["location"]).status_code == 404
    link.refresh_from_db()
    assert link.status == LinkStatus.REVOKED
    assert (link.sealed, link.snapshot) == ("", "")


def test_an_unknown_or_malformed_manifest_is_a_404(patient):
    _, shlink = make(patient)
    payload = parse(shlink)
    assert post_manifest({"url": payload["url"][:-2] + "x/"}).status_code == 404
    assert post_manifest({"url": "http://testserver/shl/manifests/short/"}).status_code == 404
    assert get_file("http://testserver/shl/files/forged:ticket/").status_code == 404
    assert AccessEvent.objects.count() == 0  # no link, no patient: nothing to log


def test_the_body_is_checked_field_by_field(patient):
    _, shlink = make(patient)
    payload = parse(shlink)
    response = post_manifest(payload, recipient="  ", embeddedLengthMax=-1)
    assert response.status_code == 400
    assert set(response.json()) == {"recipient", "embeddedLengthMax"}
    assert post_manifest(payload, passcode=12).status_code == 400


def test_each_request_is_a_row_of_the_patients_access_log(patient, patient_client):
    link, shlink = make(patient, passcode="blue-heron")
    payload = parse(shlink)
    post_manifest(payload, recipient="Dr Ana Ruiz", passcode="blue-heron")
    post_manifest(payload, recipient="Dr Ana Ruiz", passcode="oops")
    post_manifest(payload, recipient="")
    links.revoke(link)
    post_manifest(payload, recipient="Night shift", passcode="blue-heron")

    rows = list(
        AccessEvent.objects.filter(patient=patient)
        .order_by("id")
        .values_list("reader_id", "reader_name", "action", "what", "object_id", "ip")
    )
    pk = str(link.pk)
    assert rows == [
        (None, "Dr Ana Ruiz", Action.OPEN, "health-link", pk, "127.0.0.1"),
        (None, "Dr Ana Ruiz", Action.TRY, "health-link-passcode", pk, "127.0.0.1"),
        (None, "Someone who gave no name", Action.TRY, "health-link-invalid", pk, "127.0.0.1"),
        (None, "Night shift", Action.TRY, "health-link-inactive", pk, "127.0.0.1"),
    ]
    link.refresh_from_db()
    assert (link.open_count, link.last_opened_at is not None) == (1, True)

    page = patient_client.get("/care/access-log/").content.decode()
    assert f"Dr Ana Ruiz opened your health link (link {pk})" in page
    assert f"Dr Ana Ruiz tried to open your health link with a wrong passcode (link {pk})" in page
    assert f"Night shift tried to open your health link after it had ended (link {pk})" in page
    api = patient_client.get("/api/v1/access-log/").json()["results"]
    assert api[0]["reader"] == {"id": None, "name": "Night shift"}


def test_the_recipient_is_escaped_in_the_access_log(patient, patient_client):
    _, shlink = make(patient)
    post_manifest(parse(shlink), recipient="<script>alert(1)</script>")
    page = patient_client.get("/care/access-log/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_key_nor_manifest_id_in_any_log_line(patient, caplog):
    from django.db import connection

    every_kind_of_record(patient)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")  # every query, its values
    connection.force_debug_cursor = True
    try:
        link, shlink = make(patient, passcode="blue-heron")
        payload = parse(shlink)
        open_link(shlink, passcode="blue-heron")
        post_manifest(payload, passcode="wrong")  # a 401
        entry = post_manifest(payload, passcode="blue-heron").json()["files"][0]
        links.revoke(link)
        post_manifest(payload, passcode="blue-heron")  # a 404
        get_file(entry["location"])  # a 404
        APIClient().get("/api/v1/health-links/")  # a 401, which Django does log
    finally:
        connection.force_debug_cursor = False
    manifest_id = payload["url"].rstrip("/").rsplit("/", 1)[1]
    ticket = entry["location"].rstrip("/").rsplit("/", 1)[1]
    names = {record.name for record in caplog.records}
    assert {"django.db.backends", "django.request"} <= names  # so the check sees something
    for record in caplog.records:
        line = record.getMessage() + " " + repr(record.args)
        for secret in (payload["key"], manifest_id, ticket, "blue-heron"):
            assert secret not in line, f"{record.name} logged a secret: {line[:200]}"


def test_the_manifest_takes_no_session_and_needs_no_csrf_token(patient, patient_client):
    from django.test import Client

    _, shlink = make(patient)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(patient)
    response = strict.post(
        parse(shlink)["url"].replace("http://testserver", ""),
        {"recipient": "Dr Ana"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"


def test_the_manifest_is_throttled_per_address(patient, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "health_link": "3/hour"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        _, shlink = make(patient)
        payload = parse(shlink)
        statuses = [post_manifest(payload).status_code for _ in range(4)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
    assert statuses == [200, 200, 200, 429]
    assert HealthLink.objects.get().open_count == 3


def test_an_expired_link_still_lists_with_its_status(patient):
    with time_machine.travel(START, tick=False):
        link, _ = make(patient, expires_in_days=1)
    assert link.status_at(timezone.now()) == LinkStatus.EXPIRED
    assert links.shlink_for(link) is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passcodes_cannot_overspend_the_count(patient):
    """The specification's design note: guesses sent in parallel are counted one by one
    (the manifest request locks the link's row), so twelve at once against ten
    attempts give ten 401s counting down, then 404s."""
    from django.db import connection

    from tests.races import at_once

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks")
    _, shlink = make(patient, passcode="blue-heron")
    payload = parse(shlink)

    def guess(n):
        response = post_manifest(payload, passcode=f"guess-{n}")
        return response.status_code, response.json().get("remainingAttempts")

    outcomes = at_once(guess, *[(n,) for n in range(PASSCODE_ATTEMPTS + 2)])
    refused = sorted((left for status, left in outcomes if status == 401), reverse=True)
    assert refused == list(range(PASSCODE_ATTEMPTS - 1, -1, -1))
    assert [status for status, _ in outcomes].count(404) == 2
    assert HealthLink.objects.get().status == LinkStatus.LOCKED
    assert AccessEvent.objects.filter(what="health-link-passcode").count() == PASSCODE_ATTEMPTS


def test_text_no_column_can_store_is_refused_or_replaced(patient):
    _, shlink = make(patient, passcode="blue-heron")
    path = parse(shlink)["url"].replace("http://testserver", "")
    client = APIClient()
    nul = client.post(path, '{"recipient": "Dr\\u0000X"}', content_type="application/json")
    assert nul.status_code == 400
    lone = client.post(
        path, '{"recipient": "Dr \\ud800", "passcode": "\\udfff"}', content_type="application/json"
    )
    assert lone.status_code == 401
    assert AccessEvent.objects.get(what="health-link-passcode").reader_name == "Dr \ufffd"
    assert client.post(path, "not json", content_type="application/json").status_code == 400
    assert client.post(path, {"recipient": "x"}, format="multipart").status_code == 415
