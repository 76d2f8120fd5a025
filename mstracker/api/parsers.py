"""The JSON parser of every API endpoint: DRF's, refusing what would break later.

* Nesting deeper than ``MAX_DEPTH``: no record of ours nests more than three
  levels, and 100,000 levels make Python's decoder (or any code walking the
  result) raise ``RecursionError``, a 500.
* The NUL character (``\\u0000``) in a key or a string: PostgreSQL cannot store
  it in text or JSON columns and raises an error at save time, also a 500.

Both are a 400 saying what is wrong and, for NUL, where.
"""

import json

from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32
TOO_DEEP = f"JSON nested more than {MAX_DEPTH} levels deep is not accepted."


def refuse_unstorable(data):
    """Raise ``ParseError`` for nesting over ``MAX_DEPTH`` or a NUL in a key or string.

    Walks the parsed value with an explicit stack, so it never recurses itself.
    """
    stack = [(data, 1, "")]
    while stack:
        value, depth, where = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise ParseError(_nul_message(where))
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise ParseError(TOO_DEEP)
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            path = f"{where}.{key}" if where else str(key)
            if isinstance(key, str) and "\x00" in key:
                raise ParseError(_nul_message(where or "the top level", key=True))
            stack.append((item, depth + 1, path))


def _nul_message(where, key=False):
    part = "a key" if key else "a text"
    place = where.replace("\x00", "\\u0000") or "the body"
    return f"The NUL character (\\u0000) is not allowed: found in {part} at {place}."


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        refuse_unstorable(data)
        return data


def loads(raw):
    """``json.loads`` for JSON read outside a parser (an uploaded file), with the
    parser's refusals as ``ParseError``; invalid JSON still raises ``ValueError``."""
    try:
        data = json.loads(raw)
    except RecursionError:
        raise ParseError(TOO_DEEP) from None
    refuse_unstorable(data)
    return data
