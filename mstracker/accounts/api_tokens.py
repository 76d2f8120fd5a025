"""Authenticating API requests by token: django-rest-knox, plus "last used".

``TokenScheme`` documents it in the OpenAPI schema as before (``tokenAuth``).
"""

from datetime import timedelta
from functools import partial

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication as KnoxTokenAuthentication

from .models import ApiToken
from .two_factor import has_two_factor

LAST_USED_EVERY = timedelta(minutes=1)  # at most one write a minute per token


class TokenAuthentication(KnoxTokenAuthentication):
    """``Authorization: Token <token>``; knox compares digests, never clear tokens."""

    def _cleanup_token(self, auth_token) -> bool:
        """Only this token: knox also reads all the user's others on every request to
        delete expired ones; an expired token is refused either way and lists skip it."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        # A token of a user with two-factor was issued against a code (and turning it on
        # revoked the others), so the token's requests have passed two-factor.
        user.is_verified = partial(has_two_factor, user)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return user, token


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`, from `POST /api/v1/auth/token/` (expires; see "
            "`expires_at`).",
        }
