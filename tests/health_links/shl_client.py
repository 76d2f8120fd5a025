"""A recipient's side written for the tests, independent of the app's own modules:
parse the ``shlink:/`` payload, post to the manifest, fetch the file, decrypt it with
jwcrypto directly."""

import base64
import json
from urllib.parse import urlsplit

from jwcrypto import jwe, jwk
from rest_framework.test import APIClient


def b64decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parse(shlink):
    """The payload of a ``shlink:/`` (bare or after a viewer URL's ``#``)."""
    bare = shlink.split("#", 1)[-1]
    assert bare.startswith("shlink:/")
    return json.loads(b64decode(bare[len("shlink:/") :]))


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def post_manifest(payload, recipient="Dr Ana Ruiz, St Mary's ED", passcode=None, **extra):
    body = {"recipient": recipient, **extra}
    if passcode is not None:
        body["passcode"] = passcode
    return APIClient().post(path_of(payload["url"]), body, format="json")


def get_file(location):
    return APIClient().get(path_of(location))


def decrypt(compact, key):
    token = jwe.JWE()
    token.deserialize(compact, key=jwk.JWK(kty="oct", k=key))
    return json.loads(token.objects["protected"]), json.loads(token.payload)


def open_link(shlink, **kwargs):
    """The whole path: (manifest answer, JWE header, bundle)."""
    payload = parse(shlink)
    manifest = post_manifest(payload, **kwargs)
    assert manifest.status_code == 200, manifest.content
    (entry,) = manifest.json()["files"]
    if "embedded" in entry:
        compact = entry["embedded"]
    else:
        response = get_file(entry["location"])
        assert response.status_code == 200
        assert response["Content-Type"] == "application/jose"
        compact = response.content.decode()
    header, bundle = decrypt(compact, payload["key"])
    return manifest.json(), header, bundle
