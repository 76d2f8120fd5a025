"""The link's manifest URL and key, kept sealed on the server (AES-256-GCM).

The server needs the key to encrypt the bundle at each request from the patient's
current data, and the patient may show the link and its QR code again while it is
active, so both are kept: sealed with a key derived from ``SECRET_KEY`` (HKDF-SHA256),
bound to the row's manifest digest. A copy of the database alone opens no link; a
new ``SECRET_KEY`` retires every link. Revoking, or running out of passcode attempts,
erases the sealed value, so even the server cannot open that link again.
"""

import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from .payload import b64url, b64url_decode

INFO = b"mstracker.health_links.seal.v1"


def _aead():
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(
        settings.SECRET_KEY.encode()
    )
    return AESGCM(key)


def seal(values: dict, bound_to: str) -> str:
    nonce = os.urandom(12)
    data = json.dumps(values, separators=(",", ":")).encode()
    return b64url(nonce + _aead().encrypt(nonce, data, bound_to.encode()))


def unseal(sealed: str, bound_to: str) -> dict:
    raw = b64url_decode(sealed)
    return json.loads(_aead().decrypt(raw[:12], raw[12:], bound_to.encode()))
