"""Every public response of the data in the database, crawled and normalised, so two versions can be compared.

A refactoring promises that every public URL, API response and export stays the same: take a snapshot
before, one after, and compare. The crawl starts at the website's home, the API's root and the feeds,
and follows every same-site link it finds in HTML, Atom and JSON (the admin excepted); each API list is
also read as CSV and NDJSON. What differs between two loads of the same data (UUIDs, timestamps, ETags)
is masked, and HTML whitespace is collapsed, so only a change a reader or a client would see remains.
"""

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.core.cache import cache
from django.test import Client

SEEDS = ("/", "/search/?q=AI", "/feeds/updates/", "/api/v1/", "/api/v1/changes/", "/api/v1/schema/")
SKIPPED_PREFIXES = ("/admin/", "/static/", "/api/v1/docs/")
BULK_FORMATS = ("csv", "ndjson")
# A list page links to every combination of its facets; a few of each path say whether the page still works.
VARIANTS_PER_PATH = 25
LIMIT = 3000
# A host every settings allow in development; links to it are the site's own.
HOST = "localhost"

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?")
HTTP_DATE = re.compile(r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
WHITESPACE = re.compile(r"\s+")
BETWEEN_TAGS = re.compile(r">\s+<")


class _Links(HTMLParser):
    """The href of every <a> and <link>, in an HTML page or an Atom feed."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "link"):
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _json_links(value) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_links(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_links(item)
    elif isinstance(value, str) and value.startswith((f"http://{HOST}/", "/")):
        yield value


class Uuids(dict):
    """Each UUID named by the order it was first seen in: the same data crawled twice gets the same names."""

    def name(self, match: re.Match) -> str:
        return self.setdefault(match.group(0).lower(), f"<uuid-{len(self) + 1}>")

    def mask(self, text: str) -> str:
        return UUID.sub(self.name, text)


def normalise(content_type: str, body: str, uuids: Uuids) -> str:
    """The body with what changes between two loads of the same data masked."""
    body = CSRF.sub('name="csrfmiddlewaretoken" value="…"', body)
    body = uuids.mask(body)
    body = TIMESTAMP.sub("<timestamp>", body)
    body = HTTP_DATE.sub("<http-date>", body)
    if "html" in content_type:
        body = BETWEEN_TAGS.sub("><", WHITESPACE.sub(" ", body))
    return body


@dataclass
class Snapshot:
    responses: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(self.responses, indent=1, sort_keys=True, ensure_ascii=False)


def _site_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc not in ("", HOST) or parts.scheme not in ("", "http"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def take_snapshot(*, limit: int = LIMIT) -> Snapshot:
    """Crawl the public site and API as an anonymous client; return every response, normalised."""
    client = Client(HTTP_HOST=HOST)
    snapshot = Snapshot()
    queue = list(SEEDS)
    seen = set(queue)
    per_path: Counter[str] = Counter()
    uuids = Uuids()

    def enqueue(url: str, base: str) -> None:
        path = _site_path(urljoin(f"http://{HOST}{base}", url))
        if path is None or path in seen:
            return
        bare = path.split("?", 1)[0]
        if "?" in path and per_path[bare] >= VARIANTS_PER_PATH:
            return
        per_path[bare] += 1
        seen.add(path)
        queue.append(path)

    while queue and len(snapshot.responses) < limit:
        path = queue.pop(0)
        cache.clear()  # the API's throttle counts in the cache; a crawl is one client asking for everything
        response = client.get(path)
        content_type = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        snapshot.responses[uuids.mask(path)] = {
            "status": response.status_code,
            "content_type": content_type,
            "location": uuids.mask(response.get("Location", "")),
            "body": normalise(content_type, text, uuids),
        }
        if response.status_code in (301, 302, 303, 307, 308):
            enqueue(response["Location"], path)
        elif "html" in content_type or "xml" in content_type:
            parser = _Links()
            parser.feed(text)
            for href in parser.hrefs:
                enqueue(href, path)
        elif "json" in content_type and "ndjson" not in content_type and response.status_code == 200:
            document = json.loads(text)
            for url in _json_links(document):
                enqueue(url, path)
            bare = path.split("?", 1)[0]
            if bare.startswith("/api/v1/") and "?" not in path and isinstance(document.get("results"), list):
                for bulk in BULK_FORMATS:
                    enqueue(f"{bare}?format={bulk}", path)
    return snapshot


FIELDS = ("status", "content_type", "location", "body")


def compare(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """One line for every URL that appeared, vanished or answers differently."""
    lines = []
    for path in sorted(before.keys() | after.keys()):
        if path not in after:
            lines.append(f"gone     {path}")
        elif path not in before:
            lines.append(f"new      {path}")
        else:
            changed = [key for key in FIELDS if before[path][key] != after[path][key]]
            if changed:
                lines.append(f"changed  {path} ({', '.join(changed)})")
    return lines
