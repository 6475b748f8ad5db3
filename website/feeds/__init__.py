"""Atom feeds: follow a list (with its filters and search), one record, the site search, or the whole site.

Every feed is valid Atom (RFC 4287; tests/website/atom_rules.py checks its MUSTs): ids are `tag:` URIs of
SITE_URL's host, links are absolute on SITE_URL, the publisher is the feed's author, the self link keeps the query,
and titles and summaries are plain text, never empty.
"""

from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.urls import reverse

from editorial.models import CuratedRecord
from website.feeds.atom import AtomFeed, FeedItem, Subject
from website.feeds.entries import (
    FEED_ITEMS,
    list_version_items,
    record_item,
    row_link,
    search_items,
    site_update_items,
    statement_items,
    version_link,
)
from website.listing import BadListRequest, Listing

__all__ = ["FeedItem", "ListFeed", "RecordFeed", "SearchFeed", "SiteFeed", "statement_items", "version_link"]


class ListFeed(AtomFeed):
    """Newest published records of a list, with the list's current filters and search."""

    def __init__(self, *, listing: Listing, list_route: str, title_text: str, describe: Callable[[Any], str]):
        super().__init__()
        self.listing, self.list_route, self.title_text, self.describe = listing, list_route, title_text, describe

    def get_object(self, request, *args, **kwargs):
        try:
            list_request = self.listing.read(request.GET)
        except BadListRequest as error:
            raise Http404(str(error)) from None
        return Subject.of(request, page=reverse(self.list_route), content=list_request)

    def title(self, obj: Subject):
        text = obj.content.text
        return f"{self.title_text}{f': “{text}”' if text else ''} — Initiative Tracker"

    def subtitle(self, obj):
        return "Records as reviewers publish them; an updated record appears again as a new version."

    def items(self, obj: Subject):
        rows = obj.content.filtered().order_by("-published_at", "-pk")[:FEED_ITEMS]
        return [record_item(row, title=str(row), text=self.describe(row) or "") for row in rows]


class RecordFeed(AtomFeed):
    """One record's published versions and what was said about it since: follow one initiative or person."""

    def get_object(self, request, *, record: CuratedRecord, extra_items: list[FeedItem]):
        return Subject.of(request, page=row_link(record), content=(record, extra_items))

    def title(self, obj: Subject):
        record, _ = obj.content
        return f"{record} — Initiative Tracker"

    def subtitle(self, obj):
        return "Each published version of this record, what it changed, and the published statements about it."

    def items(self, obj: Subject):
        record, extra_items = obj.content
        items = [*list_version_items(record), *extra_items]
        items.sort(key=lambda item: item.updated, reverse=True)
        return items[:FEED_ITEMS]


class SiteFeed(AtomFeed):
    title = "Initiative Tracker: updates"
    subtitle = "Initiatives, people and meetings as reviewers publish and update them."

    def get_object(self, request, *, models):
        return Subject.of(request, page=reverse("website:home"), content=models)

    def items(self, obj: Subject):
        return site_update_items(obj.content)


class SearchFeed(AtomFeed):
    """The site search's published matches for `q`, kind by kind, best first: follow a word across the site."""

    subtitle = "Published initiatives, people, organizations, meetings, statements and articles that match."

    def get_object(self, request, *, query: str, sections: list):
        return Subject.of(request, page=reverse("website:search"), content=(query, sections))

    def title(self, obj: Subject):
        query, _ = obj.content
        return f"Search: “{query}” — Initiative Tracker" if query else "Search — Initiative Tracker"

    def items(self, obj: Subject):
        _, sections = obj.content
        return search_items(sections)
