"""The files of a health link: compact JWE, ``alg: dir``, ``enc: A256GCM`` (jwcrypto).

The specification's "Encrypting and Decrypting Files": the link's own key, a ``cty``
header naming the content type, and a fresh random 96-bit IV for every encryption
(jwcrypto draws one each time), since the same key serves the link for its whole life.
No ``zip``: the viewer and the recipient's tools need nothing past AES-GCM.
"""

import json

from jwcrypto import jwe, jwk

from .payload import b64url

FHIR_JSON = "application/fhir+json"


def _key(key: bytes):
    return jwk.JWK(kty="oct", k=b64url(key))


def encrypt(plaintext: bytes, key: bytes, content_type: str = FHIR_JSON) -> str:
    header = {"alg": "dir", "enc": "A256GCM", "cty": content_type}
    token = jwe.JWE(plaintext, protected=json.dumps(header, separators=(",", ":")))
    token.add_recipient(_key(key))
    return token.serialize(compact=True)


def decrypt(compact: str, key: bytes) -> tuple[dict, bytes]:
    """(protected header, plaintext); for tests and tools, the server never needs it."""
    token = jwe.JWE()
    token.deserialize(compact, key=_key(key))
    return json.loads(token.objects["protected"]), token.payload
