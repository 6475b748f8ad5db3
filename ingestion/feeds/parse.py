"""Read RSS 0.9x/1.0/2.0, Atom and JSON Feed documents from bytes we fetched ourselves.

feedparser never fetches anything here (it gets bytes, not a URL); it removes the DOCTYPE and turns
off external entities, so a feed cannot make us read a file or another address. JSON Feed, which
feedparser 6.0 does not read, is parsed with the standard library.
"""

import json
from dataclasses import dataclass, field

import feedparser

from ingestion.extract import plain_text


class FeedError(Exception):
    """The document is not a feed we can read."""


@dataclass
class Entry:
    link: str
    title: str = ""
    guid: str = ""


@dataclass
class ParsedFeed:
    title: str
    entries: list[Entry]
    warnings: list[str] = field(default_factory=list)


def parse_feed(content: bytes) -> ParsedFeed:
    """The feed's title and entries; a FeedError when the document is not a feed."""
    stripped = content.lstrip()
    if stripped.startswith(b"{"):
        return _parse_json_feed(stripped)
    result = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=False)
    warnings = []
    if result.bozo:
        warnings.append(f"Ill-formed feed, read leniently: {result.bozo_exception}")
    if not result.entries and (result.bozo or not result.get("version")):
        reason = result.get("bozo_exception") or "no RSS, RDF or Atom root element"
        raise FeedError(f"Not a feed we can read (no entries): {reason}.")
    entries = [
        Entry(
            link=(entry.get("link") or "").strip(),
            title=plain_text(entry.get("title", ""))[:500],
            guid=str(entry.get("id", ""))[:500],
        )
        for entry in result.entries
    ]
    return ParsedFeed(title=plain_text(result.feed.get("title", ""))[:300], entries=entries, warnings=warnings)


def _parse_json_feed(content: bytes) -> ParsedFeed:
    try:
        data = json.loads(content)
    except RecursionError:
        raise FeedError("Not a feed: JSON nested deeper than Python reads.") from None
    except ValueError as error:
        raise FeedError(f"Not a feed: invalid JSON ({error}).") from None
    if not isinstance(data, dict) or not _json_text(data.get("version")).startswith("https://jsonfeed.org/version/"):
        raise FeedError("Not a feed: JSON without a JSON Feed version.")
    items = data.get("items") if isinstance(data.get("items"), list) else []
    # An item that is not an object is an entry without a link: counted, and noted on the run, not dropped unseen.
    entries = [_json_entry(item if isinstance(item, dict) else {}) for item in items]
    return ParsedFeed(title=plain_text(_json_text(data.get("title")))[:300], entries=entries)


def _json_entry(item: dict) -> Entry:
    return Entry(
        link=(_json_text(item.get("url")) or _json_text(item.get("external_url"))).strip(),
        title=plain_text(_json_text(item.get("title")))[:500],
        guid=_json_text(item.get("id"))[:500],
    )


def _json_text(value) -> str:
    """A string or number as text; anything else (a list, an object, nested at will) is no text."""
    if isinstance(value, str):
        return value
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""
