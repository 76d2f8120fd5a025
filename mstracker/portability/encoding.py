"""Plain values for JSON and CSV: ISO dates and instants, decimals as strings."""

import datetime as dt
import json
import uuid
from decimal import Decimal

BUFFER_BYTES = 64 * 1024


def plain(value):
    """``json.dumps``'s ``default``: what the ORM returns that JSON has no type for."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # exact: "240.000", never a rounded float
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not exportable")


_encoder = json.JSONEncoder(ensure_ascii=False, default=plain, separators=(", ", ": "))
dumps = _encoder.encode


def buffered(pieces, size=BUFFER_BYTES):
    """Join small strings into chunks of about ``size`` bytes of UTF-8, for streaming."""
    buffer, length = [], 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer).encode()
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode()
