"""What a recipient's requests do: the manifest (passcode, lockout, log) and the file.

The specification's "SMART Health Link Manifest Request": a POST with ``recipient``
(required) and ``passcode``. A link that is not active answers 404; a wrong (or
missing) passcode 401 with ``remainingAttempts``, counted over the link's whole life
under a row lock, so parallel guesses cannot overspend; the last one disables the link
and erases its key. A valid request answers the manifest: one ``application/fhir+json``
file, embedded when the client's ``embeddedLengthMax`` allows it, else a ``location``
valid one hour (a signed ticket; the link must still be active when it is fetched).

Every request to a link that exists is one row of the patient's access log: the
recipient as they named themselves, the address, the outcome, the link's id; never
health data, the passcode or the key.
"""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import check_password
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mstracker.care.models import AccessEvent, Action

from . import bundle, jwe, links, payload
from .models import HealthLink

LOCATION_MAX_AGE = 3600  # seconds: the specification's limit for `.files.location`
TICKET_SALT = "mstracker.health_links.file"
RECIPIENT_MAX = 200
NO_NAME = "Someone who gave no name"


@dataclass
class Answer:
    status: int
    body: dict = field(default_factory=dict)


def _log(link, recipient, ip, action, what, now):
    AccessEvent.objects.create(
        reader=None,
        reader_name=recipient or NO_NAME,
        patient_id=link.patient_id,
        action=action,
        what=what,
        object_id=str(link.pk),
        at=now,
        ip=ip,
    )


def _parse(body):
    """(recipient, passcode, embeddedLengthMax), or the field errors."""
    if not isinstance(body, dict):
        return None, {"non_field_errors": ["Send a JSON object."]}
    errors = {}
    recipient = body.get("recipient")
    if not isinstance(recipient, str) or not recipient.strip():
        errors["recipient"] = ["Say who you are (a person or an organisation)."]
    passcode = body.get("passcode", "")
    if passcode is None:
        passcode = ""
    if not isinstance(passcode, str):
        errors["passcode"] = ["The passcode is a string."]
    limit = body.get("embeddedLengthMax")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        errors["embeddedLengthMax"] = ["A whole number of characters, 0 or more."]
    if errors:
        return None, errors
    recipient = _storable(" ".join(recipient.split()))[:RECIPIENT_MAX]
    return (recipient, _storable(passcode), limit), None


def _storable(text):
    """JSON may carry lone surrogates (``"\\ud800"``), which no UTF-8 column or hash
    takes: they become U+FFFD (a passcode holding one is simply wrong)."""
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


def request_manifest(manifest_id: str, body, ip=None, now=None) -> Answer:
    now = now or timezone.now()
    with transaction.atomic():
        link = (
            HealthLink.objects.select_for_update()
            .filter(manifest_digest=links.digest(manifest_id))
            .first()
        )
        if link is None:
            return Answer(404, {"detail": "Not found."})
        parsed, errors = _parse(body)
        if errors:
            _log(link, "", ip, Action.TRY, "health-link-invalid", now)
            return Answer(400, errors)
        recipient, passcode, limit = parsed
        if not link.is_active_at(now):
            _log(link, recipient, ip, Action.TRY, "health-link-inactive", now)
            return Answer(404, {"detail": "Not found."})
        if link.has_passcode and not (passcode and check_password(passcode, link.passcode_hash)):
            link.attempts_left = max(link.attempts_left - 1, 0)
            fields = ["attempts_left"]
            if link.attempts_left == 0:
                link.locked_at, link.sealed, link.snapshot = now, "", ""
                fields += ["locked_at", "sealed", "snapshot"]
            link.save(update_fields=fields)
            _log(link, recipient, ip, Action.TRY, "health-link-passcode", now)
            return Answer(401, {"remainingAttempts": link.attempts_left})
        link.open_count += 1
        link.last_opened_at = now
        link.save(update_fields=["open_count", "last_opened_at"])
        _log(link, recipient, ip, Action.OPEN, "health-link", now)
    return Answer(200, {"files": [_file_entry(link, limit, now)]})


def _file_entry(link, limit, now):
    entry = {"contentType": jwe.FHIR_JSON, "fhirVersion": "4.0.1"}
    if link.snapshot:
        entry.update(status="finalized", lastUpdated=link.created_at.isoformat())
    else:
        entry.update(status="can-change", lastUpdated=now.isoformat())
    if limit is not None:
        encrypted = encrypted_file(link, now)
        if len(encrypted) <= limit:
            entry["embedded"] = encrypted
            return entry
    ticket = signing.dumps({"l": link.pk}, salt=TICKET_SALT)
    origin = links.origin_of(links.secrets_of(link)["u"])
    entry["location"] = origin + reverse("health_links:file", args=[ticket])
    return entry


def encrypted_file(link, now=None) -> str:
    """The link's JWE: the frozen snapshot, or the bundle built from the data now."""
    if link.snapshot:
        return link.snapshot
    key = payload.b64url_decode(links.secrets_of(link)["k"])
    plaintext = bundle.build(link.patient, link.resource_types, now, link.period)
    return jwe.encrypt(plaintext, key)


def request_file(ticket: str, now=None) -> str | None:
    """The JWE behind a manifest's ``location``, while the ticket (an hour) and the link
    (revocation, expiry, lockout) are both still good; None: a 404."""
    try:
        values = signing.loads(ticket, salt=TICKET_SALT, max_age=LOCATION_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(values, dict) or not isinstance(values.get("l"), int):
        return None
    link = HealthLink.objects.select_related("patient").filter(pk=values["l"]).first()
    now = now or timezone.now()
    if link is None or not link.is_active_at(now) or not link.sealed:
        return None
    return encrypted_file(link, now)
