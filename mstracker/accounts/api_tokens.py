"""Authenticating API requests by token: django-rest-knox, plus "last used".

drf-spectacular documents it through its own knox extension (``knoxApiToken``).
"""

from datetime import timedelta
from functools import partial

from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication

from .models import ApiToken
from .two_factor import has_two_factor

LAST_USED_EVERY = timedelta(minutes=1)  # at most one write a minute per token


class TokenAuthentication(KnoxTokenAuthentication):
    """``Authorization: Token <token>``; knox compares digests, never clear tokens."""

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
