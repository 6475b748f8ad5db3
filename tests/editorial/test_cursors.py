"""The one cursor codec: positions round-trip, and anything it did not write is InvalidCursor."""

import base64
import datetime
import json

import pytest

from editorial.cursors import (
    CursorFormat,
    InvalidCursor,
    date_key,
    datetime_key,
    integer_key,
    scalar_key,
    text_key,
)

POSITION = CursorFormat((text_key, integer_key, datetime_key, scalar_key))
NAMED = CursorFormat((text_key, scalar_key, integer_key), names=("o", "v", "p"))
MOMENT = datetime.datetime(2025, 3, 9, 14, 30, 5, 123456, tzinfo=datetime.UTC)


def _token(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "values",
    [
        ("Zoë's “plan” & co", 7, MOMENT, None),
        ("", 0, MOMENT.replace(tzinfo=None), "2024-01-02"),
        ("a/b?c=d", -1, MOMENT, 3),
    ],
)
def test_cursor_format_round_trips_text_integers_times_and_none(values):
    token = POSITION.encode(values)
    assert POSITION.decode(token) == values
    assert token.isascii()
    assert not set(token) & set("=+/")


def test_cursor_times_are_read_in_utc_whatever_their_offset():
    # ISO 8601 allows offsets up to ±23:59; the database refuses those past ±16 hours.
    far = POSITION.decode(_token(["x", 1, "2024-01-01T23:59:00+23:59", None]))[2]
    assert far == datetime.datetime(2024, 1, 1, 0, 0, tzinfo=datetime.UTC)
    assert far.utcoffset() == datetime.timedelta(0)
    with pytest.raises(InvalidCursor):  # past the year 9999 in UTC
        POSITION.decode(_token(["x", 1, "9999-12-31T23:59:59-23:59", None]))


def test_cursor_format_round_trips_dates():
    dated = CursorFormat((date_key, integer_key))
    assert dated.decode(dated.encode((datetime.date(2019, 5, 1), 3))) == (datetime.date(2019, 5, 1), 3)


def test_cursor_format_writes_the_websites_and_the_apis_published_shapes():
    # Byte for byte what /initiatives/?after= and /api/v1/...?cursor= carried before the codec was shared.
    assert CursorFormat((text_key, integer_key)).encode(("Café", 12)) == "WyJDYWZcdTAwZTkiLDEyXQ"  # ["Caf\\u00e9",12]
    assert NAMED.encode(("name", None, 1)) == "eyJvIjoibmFtZSIsInYiOm51bGwsInAiOjF9"
    assert NAMED.decode("eyJvIjoibmFtZSIsInYiOm51bGwsInAiOjF9") == ("name", None, 1)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not-a-cursor",
        "garbage!",
        "é",
        "W10",  # []
        "WyJ4Il0",  # ["x"]: too few values
        _token(["x", 1, MOMENT.isoformat(), None, "extra"]),
        _token(["x", "1", MOMENT.isoformat(), None]),  # an integer sent as text
        _token(["x", True, MOMENT.isoformat(), None]),  # a boolean is not an integer
        _token(["x", 1, "yesterday", None]),
        _token(["x", 1, 20250309, None]),
        _token(["x", 1, MOMENT.isoformat(), [1]]),
        _token(["x\u0000", 1, MOMENT.isoformat(), None]),  # no column holds a NUL: PostgreSQL refuses it in a query
        _token(["x", 1, MOMENT.isoformat(), "\u0000"]),
        _token(["\ud800", 1, MOMENT.isoformat(), None]),  # a lone surrogate: no UTF-8 text, no column holds one
        _token(["x", 1, MOMENT.isoformat(), "a\udfff"]),
        _token({"o": "x"}),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        base64.urlsafe_b64encode(b"[" * 100_000).decode(),
    ],
)
def test_cursor_format_refuses_garbage_and_tampered_cursors(token):
    with pytest.raises(InvalidCursor):
        POSITION.decode(token)


@pytest.mark.parametrize(
    "payload",
    [["name", None, 1], {"o": "name", "v": None}, {"o": "name", "v": None, "p": 1, "x": 2}, {"o": 1, "v": 1, "p": 1}],
)
def test_named_cursor_format_refuses_other_keys_and_shapes(payload):
    with pytest.raises(InvalidCursor):
        NAMED.decode(_token(payload))


def test_named_cursor_format_reads_older_cursors_with_unescaped_text():
    # The API wrote its cursors with orjson until the codec was shared: UTF-8 text, not \u escapes.
    older = base64.urlsafe_b64encode('{"o":"name","v":"Zoë","p":4}'.encode()).decode().rstrip("=")
    assert NAMED.decode(older) == ("name", "Zoë", 4)
