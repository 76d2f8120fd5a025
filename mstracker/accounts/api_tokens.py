"""Authenticating API requests by token: django-rest-knox, plus "last used".

drf-spectacular documents it through its own knox extension (``knoxApiToken``).
"""

from datetime import timedelta

from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication

from .models import ApiToken

LAST_USED_EVERY = timedelta(minutes=1)  # at most one write a minute per token


class TokenAuthentication(KnoxTokenAuthentication):
    """``Authorization: Token <token>``; knox compares digests, never clear tokens."""

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return user, token
