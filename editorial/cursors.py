"""Cursors: a position in an ordered list (the sort values of its last row) as an opaque URL-safe string, and back.

One codec for every list that pages by keyset: the website's lists (`after=`, `before=`) and the API's
(`cursor=`, the change feed's `since=`). A cursor is the position's values as compact JSON, non-ASCII
escaped, base64url without padding: a JSON array, or an object keyed by `names` where a format was
published that way (the API's). Dates and times travel as ISO 8601, decimals as strings; each value
is read back by its parser, so that a cursor this codec did not write, or one altered since, raises
InvalidCursor, which every caller answers with a 400 (never a 500).
"""

import base64
import binascii
import datetime
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

# What no column holds, so no cursor written here: NUL (PostgreSQL text refuses it) and lone surrogates (JSON's
# "\ud800", which no UTF-8 encodes). Either would fail the query.
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


class InvalidCursor(ValueError):
    """A cursor that was not written by this codec for this list, or was altered since."""


def text_key(value) -> str:
    if not isinstance(value, str) or _NOT_TEXT.search(value):
        raise InvalidCursor(value)
    return value


def integer_key(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidCursor(value)
    return value


def date_key(value) -> datetime.date:
    return datetime.date.fromisoformat(text_key(value))


def datetime_key(value) -> datetime.datetime:
    """A time, in UTC when it has an offset: the database refuses offsets past ±16 hours, which ISO 8601 allows."""
    moment = datetime.datetime.fromisoformat(text_key(value))
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:  # past the year 9999 in UTC
        raise InvalidCursor(value) from None


def scalar_key(value) -> str | int | float | None:
    """Any one JSON value but a list or an object: a column's value the caller checks against the column."""
    if isinstance(value, list | dict | bool):
        raise InvalidCursor(value)
    return text_key(value) if isinstance(value, str) else value


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@dataclass(frozen=True)
class CursorFormat:
    """What a list's cursors hold: one parser a value, and the keys of the values where the format names them."""

    parsers: tuple[Callable[[object], object], ...]
    names: tuple[str, ...] = ()

    def encode(self, values: Sequence) -> str:
        """The position `values` (one a parser) as an opaque URL-safe string."""
        if len(values) != len(self.parsers):
            raise ValueError(f"{len(self.parsers)} values make a position here, not {len(values)}.")
        plain = [_plain(value) for value in values]
        payload = dict(zip(self.names, plain, strict=True)) if self.names else plain
        return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")

    def decode(self, token: str) -> tuple:
        """The position a cursor holds, each value read by its parser; InvalidCursor when it is not one of ours."""
        try:
            payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode())
            if self.names:
                if not isinstance(payload, dict) or payload.keys() != set(self.names):
                    raise InvalidCursor(token)
                payload = [payload[name] for name in self.names]
            elif not isinstance(payload, list) or len(payload) != len(self.parsers):
                raise InvalidCursor(token)
            return tuple(parse(value) for parse, value in zip(self.parsers, payload, strict=True))
        except (binascii.Error, ValueError, TypeError, UnicodeError, RecursionError):
            # ValueError covers bad JSON and dates, and InvalidCursor itself.
            raise InvalidCursor(token) from None
