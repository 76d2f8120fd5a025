"""The error a plain domain rule raises, free of Django so any caller can use it.

Models turn a ``RuleViolation`` into a ``ValidationError`` on the named field
(see ``journal.models.base.raise_violations``); the form and the API then show
the same sentence next to the same field.
"""


class RuleViolation(ValueError):
    """A broken rule: which field it concerns, a plain-language message, a code."""

    def __init__(self, field, message, code):
        super().__init__(message)
        self.field = field
        self.message = message
        self.code = code
