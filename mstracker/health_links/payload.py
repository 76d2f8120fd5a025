"""The SMART Health Link itself: ``shlink:/`` and a base64url-encoded JSON payload.

HL7 FHIR IG "SMART Health Links" 1.0.0 (STU1), "Construct a SMART Health Link Payload":
``url`` (the manifest URL: at least 256 bits of entropy, at most 128 characters),
``key`` (32 random bytes, base64url, 43 characters), optional ``exp`` (epoch seconds),
``flag`` (single letters in alphabetical order: ``L`` long-term, ``P`` passcode),
``label`` (at most 80 characters) and ``v``. The JSON is minified, base64url-encoded
without padding and prefixed with ``shlink:/``, optionally after a viewer URL ending
in ``#`` so the payload never reaches a server log.
"""

import base64
import json
import secrets

PREFIX = "shlink:/"
URL_MAX = 128
LABEL_MAX = 80
SECRET_BYTES = 32  # 256 bits, for the manifest id and for the key


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_secret() -> str:
    """32 random bytes as 43 base64url characters (a manifest id, or a key)."""
    return b64url(secrets.token_bytes(SECRET_BYTES))


def flags(*, passcode: bool, long_term: bool) -> str:
    return "".join(sorted(("L" if long_term else "") + ("P" if passcode else "")))


def build(url, key, *, exp=None, flag="", label="", v=1) -> dict:
    if len(url) > URL_MAX:
        raise ValueError(f"A manifest URL has at most {URL_MAX} characters ({len(url)}).")
    if len(b64url_decode(key)) != SECRET_BYTES:
        raise ValueError("The key must be 32 bytes.")
    if len(label) > LABEL_MAX:
        raise ValueError(f"A label has at most {LABEL_MAX} characters.")
    payload = {"url": url, "key": key}
    if exp is not None:
        payload["exp"] = int(exp)
    if flag:
        payload["flag"] = flag
    if label:
        payload["label"] = label
    payload["v"] = v
    return payload


def encode(payload: dict) -> str:
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return PREFIX + b64url(text.encode())


def decode(link: str) -> dict:
    """The payload of ``shlink:/...``, bare or behind a viewer URL ending in ``#``."""
    if "#" in link:
        link = link.split("#", 1)[1]
    if not link.startswith(PREFIX):
        raise ValueError("Not a SMART Health Link (no shlink:/).")
    return json.loads(b64url_decode(link[len(PREFIX) :]))
