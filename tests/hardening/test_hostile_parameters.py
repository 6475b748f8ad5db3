"""Hostile values in every public parameter of the website and the API: never a 5xx, the API's errors in its
shape, exports whole or refused before they start.

The parameters are read from where they are declared, not listed here: the API's from its OpenAPI schema
(every GET operation's query and path parameters, each ordering it offers), the website's from its URL
patterns and each list's own parameters (its facets, words, sorts and page links). Each request runs in a
savepoint rolled back after it, so that a failure on PostgreSQL (an aborted transaction) does not spoil the
requests after it. Some 10,000 requests in all, hence `slow`.
"""

import csv
import io
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator

from api.pagination import ORDERED_CURSOR
from editorial.cursors import CursorFormat
from sources.models import Article
from website.listing import Listing, Sort

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _encoded(value: str) -> str:
    return quote(value, safe="")


# Each value as it travels in a query string (percent-encoded), by what it tries.
HOSTILE = {
    "percent": _encoded("%"),
    "format": _encoded("%s"),
    "named format": _encoded("%(x)s"),
    "NUL": _encoded("\x00"),
    "NUL inside": _encoded("2024\x00"),
    "control character": _encoded("a\x01b"),
    "lone surrogate": "%ED%A0%80",  # UTF-8 of U+D800, which no valid UTF-8 holds
    "10,000 characters": "a" * 10_000,
    "SQL": _encoded("' OR 1=1 --"),
    "HTML": _encoded("<script>alert(1)</script>"),
    "huge number": "99999999999999999999",
    "negative number": "-1",
    "bad date": "2024-02-30",
    "port": _encoded("http://x:99999/"),
    "IPv6 literal": _encoded("http://[::1"),
    "garbage cursor": "!!not-a-cursor!!",
    "truncated cursor": "eyJvIjoiaWQiLCJ2Ij",
    "cursor of huge key": ORDERED_CURSOR.encode(["id", None, 10**20]),
    "cursor of negative key": ORDERED_CURSOR.encode(["-id", None, -(10**20)]),
}
# Values a cursor carries in one position of a sort (written as the codec writes them, so that they get past its
# base64 and JSON): what the list's query compares the sort's columns with.
CURSOR_VALUES = ("\x00", "\ud800", "%(x)s", 10**20, -(10**20), 1e308, "9999-12-31T23:59:59+23:59", None)
# Values of a path segment: the ones a route's converter lets through reach the view.
HOSTILE_PATH = {name: HOSTILE[name] for name in ("huge number", "negative number", "10,000 characters", "NUL")}


@dataclass
class Outcome:
    status: int
    content_type: str
    body: bytes
    stream_error: BaseException | None  # raised while the body streamed: the download stops half-way


def fetch(client: Client, url: str, **headers) -> Outcome:
    """One GET, rolled back after (its reads and any writes), its streamed body read to the end.

    The client closes the response itself, keeping the database connection open as tests need it; closing it
    again here would close a connection that an error left aborted.
    """
    savepoint = transaction.savepoint()
    try:
        response = client.get(url, headers=headers)
        stream_error = None
        if response.streaming:
            chunks = []
            try:
                for chunk in response.streaming_content:
                    chunks.append(chunk)
            except Exception as error:  # what a partner sees: the download stops
                stream_error = error
            body = b"".join(chunks)
        else:
            body = response.content
        return Outcome(response.status_code, response.get("Content-Type", ""), body, stream_error)
    finally:
        transaction.savepoint_rollback(savepoint)


def whole_export_problem(outcome: Outcome, fmt: str) -> str | None:
    """Why a 200 download is not whole (None when it is): cut mid-stream, a line cut short, a bad row."""
    if outcome.stream_error is not None:
        return f"cut mid-stream by {outcome.stream_error!r}"
    if outcome.body and not outcome.body.endswith(b"\n"):
        return "ends inside a line"
    text = outcome.body.decode("utf-8")
    if fmt == "ndjson":
        for line in text.splitlines():
            json.loads(line)
        return None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or any(len(row) != len(rows[0]) for row in rows):
        return "rows of unequal length"
    return None


def api_error_problem(outcome: Outcome) -> str | None:
    """Why an API error is not in the API's shape {"error": {"code", "message", "details"}} (None when it is)."""
    if not outcome.content_type.startswith("application/json"):
        return f"answered {outcome.content_type!r}, not JSON"
    try:
        error = json.loads(outcome.body)["error"]
    except (ValueError, KeyError, TypeError):
        error = None
    if not isinstance(error, dict) or set(error) != {"code", "message", "details"}:
        return f"not the error shape: {outcome.body[:200]!r}"
    return None


class Findings:
    """The requests sent and what was wrong with their answers."""

    def __init__(self, client: Client):
        self.client = client
        self.sent = 0
        self.wrong: list[str] = []

    def get(self, url: str, *, api: bool, export: str | None = None, **headers) -> None:
        """Send one request and note what is wrong with its answer: a 5xx, an API error in another shape, or a
        download (`export`: csv, ndjson) cut short."""
        outcome = fetch(self.client, url, **headers)
        self.sent += 1
        shown = url if len(url) < 200 else url[:200] + "…"
        shown += "".join(f" {name}: {value[:20]!r}" for name, value in headers.items())
        problem = None
        if outcome.status >= 500:
            problem = "server error"
        elif api and outcome.status >= 400:
            problem = api_error_problem(outcome)
        elif outcome.stream_error is not None or (export and outcome.status == 200):
            problem = whole_export_problem(outcome, export or "csv")
        if problem:
            self.wrong.append(f"{outcome.status} {shown}: {problem}")

    def assert_none_wrong(self) -> None:
        if self.wrong:
            shown = "\n".join(self.wrong[:40])
            pytest.fail(f"{len(self.wrong)} wrong answers of {self.sent} requests, the first:\n{shown}")


@pytest.fixture(autouse=True)
def quiet_bad_requests():
    """Thousands of 4xx are the answers expected here: their warnings are not kept (server errors still are)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def findings() -> Findings:
    # A server error is an answer to look at, not an exception for the test.
    return Findings(Client(raise_request_exception=False))


# The API: every GET operation of the OpenAPI schema, every query parameter it declares.


@dataclass(frozen=True)
class Operation:
    path: str  # as the schema writes it, e.g. /api/v1/initiatives/{id}/
    query: tuple[str, ...]
    in_path: tuple[str, ...]
    orderings: tuple[str, ...]


@pytest.fixture(scope="module")
def operations(django_db_setup, django_db_blocker) -> list[Operation]:
    """Every GET operation the schema describes, but the schema's and its docs' own."""
    with django_db_blocker.unblock():  # content types, read while describing querysets
        schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, methods in schema["paths"].items():
        get = methods.get("get")
        if get is None or path.endswith(("/schema/", "/docs/", "/redoc/")):
            continue
        parameters = get.get("parameters", [])
        ordering = next((parameter for parameter in parameters if parameter["name"] == "ordering"), None)
        found.append(
            Operation(
                path,
                tuple(parameter["name"] for parameter in parameters if parameter["in"] == "query"),
                tuple(parameter["name"] for parameter in parameters if parameter["in"] == "path"),
                tuple(ordering["schema"]["enum"]) if ordering else (),
            )
        )
    return found


def _with_identifier(path: str, identifier: str) -> str:
    return re.sub(r"\{[^}]+\}", identifier, path)


def _an_identifier(client: Client, path: str) -> str:
    """A real record's identifier for a detail path: the first of its list."""
    listed = client.get(re.sub(r"\{[^}]+\}/$", "", path)).json()
    return listed["results"][0]["id"] if listed.get("results") else "00000000-0000-0000-0000-000000000000"


def test_api_parameters_never_answer_5xx_and_errors_keep_the_shape(demo, findings, operations):
    assert len([operation for operation in operations if not operation.in_path]) >= 13  # 12 kinds and the changes
    for operation in operations:
        url = operation.path
        if operation.in_path:
            url = _with_identifier(url, _an_identifier(findings.client, url))
        for parameter in operation.query:
            for value in HOSTILE.values():
                findings.get(f"{url}?{parameter}={value}", api=True)
        for ordering in operation.orderings:  # a cursor made for each ordering, holding what no row holds
            for value in CURSOR_VALUES:
                cursor = ORDERED_CURSOR.encode([ordering, value, 1])
                findings.get(f"{url}?ordering={_encoded(ordering)}&cursor={cursor}", api=True)
        for value in HOSTILE_PATH.values() if operation.in_path else ():
            findings.get(_with_identifier(operation.path, value), api=True)
    findings.assert_none_wrong()
    assert findings.sent > 3000


def test_api_exports_are_whole_or_refused_before_they_start(demo, findings, operations):
    for operation in operations:
        if operation.in_path:
            continue
        for parameter in operation.query:
            if parameter == "format":
                continue
            # Each value in one of the two formats, in turn: they share every step but the writer.
            for number, value in enumerate(HOSTILE.values()):
                fmt = ("csv", "ndjson")[number % 2]
                findings.get(f"{operation.path}?format={fmt}&{parameter}={value}", api=True, export=fmt)
        for ordering in operation.orderings:  # a download reads from the cursor on, as a page does
            for number, value in enumerate(CURSOR_VALUES):
                fmt = ("csv", "ndjson")[number % 2]
                cursor = ORDERED_CURSOR.encode([ordering, value, 1])
                url = f"{operation.path}?format={fmt}&ordering={_encoded(ordering)}&cursor={cursor}"
                findings.get(url, api=True, export=fmt)
    findings.assert_none_wrong()


def test_api_headers_never_answer_5xx(demo, findings):
    values = ["\x00", "a" * 10_000, "%s%(x)s", "' OR 1=1 --", ".", "0123abcd.\x00"]
    for header in ("X-API-Key", "If-None-Match", "If-Modified-Since"):
        for value in values:
            for url in ("/api/v1/initiatives/", "/api/v1/changes/"):
                findings.get(url, api=True, **{header: value})
    findings.assert_none_wrong()


# The website: every list (its page, feed and CSV) with each of its parameters, and every page's path segments.


def _routes(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, URLPattern, str]]:
    """(route, pattern, namespace) of every URL pattern, its prefixes joined."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route, entry.namespace or namespace)
        else:
            yield route, entry, namespace


def _website_routes() -> list[tuple[str, URLPattern]]:
    return [
        (route, pattern)
        for route, pattern, namespace in _routes()
        if namespace not in ("api", "admin") and not route.startswith("healthz")
    ]


def _owner(pattern: URLPattern):
    """The object a view belongs to (a kind's RecordPages, a list's feed), or the view itself."""
    view = getattr(pattern.callback, "__wrapped__", pattern.callback)
    return getattr(view, "__self__", view)


def _listing(route: str, pattern: URLPattern) -> Listing | None:
    """The list a view shows (a list page, its feed or its CSV); None for a record's pages and any other."""
    listing = getattr(_owner(pattern), "listing", None)
    return listing if isinstance(listing, Listing) and "<" not in route else None


def _hostile_cursors(sort: Sort) -> list[str]:
    """Cursors of `sort` holding a CURSOR_VALUE in one position, and a value its parser reads in the others."""
    readable = ("a", 1, "2024-01-01T00:00:00+00:00", "2024-01-01")

    def reads(parse, value) -> bool:
        try:
            parse(value)
        except (ValueError, TypeError):
            return False
        return True

    plain = [next(value for value in readable if reads(parse, value)) for parse in sort.parsers]
    codec = CursorFormat(sort.parsers)
    return [
        codec.encode([*plain[:position], value, *plain[position + 1 :]])
        for position in range(len(plain))
        for value in CURSOR_VALUES
    ]


def test_website_lists_feeds_and_exports_never_answer_5xx_nor_cut_a_download(demo, findings):
    lists = [(route, listing) for route, pattern in _website_routes() if (listing := _listing(route, pattern))]
    assert len(lists) >= 9  # page, feed and CSV of initiatives, people and meetings
    for route, listing in lists:
        export = "csv" if route.endswith(".csv") else None
        for parameter in listing.parameters():
            for value in HOSTILE.values():
                findings.get(f"/{route}?{parameter}={value}", api=False, export=export)
        for sort in listing.sorts:
            for cursor in _hostile_cursors(sort):
                for page_link in ("after", "before"):
                    findings.get(f"/{route}?sort={sort.key}&{page_link}={cursor}", api=False, export=export)
    findings.assert_none_wrong()


CONVERTER = r"<(?:\w+:)?(\w+)>"  # a route's <slug:slug>, <int:version>


def _fill(route: str, segments: dict[str, str]) -> str:
    return re.sub(CONVERTER, lambda match: segments[match[1]], route)


def test_website_pages_never_answer_5xx_whatever_their_path_or_words(demo, findings):
    article = Article.objects.public().first()
    for route, pattern in _website_routes():
        if _listing(route, pattern):
            continue
        if "<" not in route:  # the search box's words, and a stray parameter on any other page
            for value in HOSTILE.values():
                findings.get(f"/{route}?q={value}", api=False)
        real = {"id": str(article.pk) if article else "1", "version": "1", "slug": "x", "number": "1", "path": "x.csv"}
        if model := getattr(_owner(pattern), "model", None):
            record = model.objects.published().first()
            real["slug"] = record.slug if record else "x"
        for converter in re.findall(CONVERTER, route):
            for value in HOSTILE_PATH.values():
                findings.get("/" + _fill(route, {**real, converter: value}), api=False)
    findings.assert_none_wrong()
