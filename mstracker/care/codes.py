"""One-time share codes and signed invitation links.

A code is what a patient reads out or shows as a QR code in the clinic room: 12
characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B),
about 56 bits. Only its keyed digest (HMAC-SHA256 with the secret key) is stored,
so a database dump does not hold usable codes; a fast keyed hash is enough for a
random secret of that size, and it lets the accept view find the invitation by
digest in one indexed query.

An email invitation carries a signed token (Django's ``TimestampSigner``): the
invitation's id and a random nonce stored with it, valid for
``EMAIL_INVITATION_DAYS``. Neither the code nor the token carries health data.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing

ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 12
CODE_VALID = timedelta(minutes=15)
EMAIL_INVITATION_DAYS = 7
TOKEN_SALT = "care.invitation"

# A clinician who sends this many wrong codes within LOCKOUT_WINDOW is locked out
# for the rest of that window (the API answers 429, the page says when to retry).
MAX_WRONG_CODES = 5
LOCKOUT_WINDOW = timedelta(minutes=15)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(typed: str) -> str:
    """What the clinician typed, without spaces or dashes, in upper case."""
    return "".join(ch for ch in str(typed).upper() if ch not in " -\t")


def digest(code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalise(code).encode(), hashlib.sha256).hexdigest()


def display(code: str) -> str:
    """``ABCD-EFGH-JKMN``: easier to read out and to type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def sign_invitation(invitation_id: int, nonce: str) -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign_object({"i": invitation_id, "n": nonce})


def read_invitation_token(token: str) -> tuple[int, str] | None:
    """(invitation id, nonce) from a valid, unexpired token; None otherwise."""
    try:
        data = signing.TimestampSigner(salt=TOKEN_SALT).unsign_object(
            str(token), max_age=timedelta(days=EMAIL_INVITATION_DAYS)
        )
        return int(data["i"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
