"""Logging filters (wired in ``settings.LOGGING``)."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """A refused request (4xx: 403 PermissionDenied, 404) is an expected answer, not a
    fault: Django logs it at warning level with the exception's traceback, which reads
    like a crash in the logs. Keep the one line and drop the traceback; 5xx keep theirs."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
