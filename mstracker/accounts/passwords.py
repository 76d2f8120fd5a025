"""Password rules of our own, used through ``AUTH_PASSWORD_VALIDATORS``."""

from django.core.exceptions import ValidationError

MAX_PASSWORD_LENGTH = 128


class MaximumLengthValidator:
    """Refuse passwords longer than ``max_length`` characters.

    A password manager's longest default is 100 characters; a megabyte "password"
    is a mistake or an attempt to make every later check and hash slow. Used at
    sign-up (page and API), password change and reset, like Django's own rules.
    """

    def __init__(self, max_length=MAX_PASSWORD_LENGTH):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                "This password is too long: use at most %(max_length)d characters.",
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self):
        return f"Your password can be at most {self.max_length} characters."
