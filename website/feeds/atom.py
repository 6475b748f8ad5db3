"""What every feed of the site shares: Atom written with text summaries, absolute links and `tag:` ids built from
SITE_URL, the publisher as author, and a self link that keeps the query it was asked with."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import QueryDict
from django.utils.feedgenerator import Atom1Feed

from editorial.models import CuratedRecord

PUBLISHER = "Initiative Tracker"
# The date of RFC 4151's tagging entity: a day SITE_URL's host belonged to the publisher. Fixed, so that an id
# never changes once a reader stored it.
TAG_DATE = "2025"


def absolute(path: str) -> str:
    """`path` (a site-relative link, with its query) as an absolute URL on SITE_URL, not on the host asked."""
    return f"{settings.SITE_URL}{path}"


def tag_uri(specific: str) -> str:
    """A `tag:` URI (RFC 4151) of SITE_URL's host: the same whatever host or scheme a reader used."""
    return f"tag:{urlsplit(settings.SITE_URL).hostname},{TAG_DATE}:{specific}"


def version_id(record: CuratedRecord, number: int) -> str:
    """The id of version `number` of a record, in every feed that lists it: by UUID, so a rename keeps it."""
    return tag_uri(f"{type(record)._meta.model_name}/{record.uuid}/v{number}")


@dataclass(frozen=True)
class Subject:
    """What a feed is of, and where it was asked for: its path, and the HTML page it follows, with one query."""

    path: str  # the feed's own path
    page: str  # the path of the HTML page it follows
    query: str  # the request's query string, as given (encoded)
    content: Any = None  # what the feed lists: a list request, a record, a search...

    @classmethod
    def of(cls, request, *, page: str, content: Any = None) -> "Subject":
        return cls(path=request.path, page=page, query=request.GET.urlencode(), content=content)

    def with_query(self, path: str) -> str:
        return f"{path}?{self.query}" if self.query else path

    @property
    def id(self) -> str:
        """The feed's id: its path and its parameters in a fixed order, so one feed asked two ways is one feed."""
        pairs = sorted((key, value) for key, value in self.query_pairs() if value != "")
        return tag_uri(f"{self.path}?{urlencode(pairs)}" if pairs else self.path)

    def query_pairs(self) -> list[tuple[str, str]]:
        return [(key, value) for key, values in QueryDict(self.query).lists() for value in values]


class TextAtom1Feed(Atom1Feed):
    """Django's Atom writer, but an entry's summary is `type="text"`: every text here is plain text, which the
    writer escapes; as "html" a reader would run a bio's `<script>` and drop `"AI <first>"`."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class AtomFeed(Feed):
    """A feed of the site: get_object returns a Subject; items are FeedItems."""

    feed_type = TextAtom1Feed
    author_name = PUBLISHER

    def author_link(self) -> str:
        return settings.SITE_URL

    def feed_url(self, obj: Subject) -> str:
        return absolute(obj.with_query(obj.path))

    def link(self, obj: Subject) -> str:
        return absolute(obj.with_query(obj.page))

    def feed_guid(self, obj: Subject) -> str:
        return obj.id

    def item_pubdate(self, item):
        return item.updated

    def item_updateddate(self, item):
        return item.updated

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute(item.link)

    def item_guid(self, item):
        return item.guid

    def item_guid_is_permalink(self, item):
        return False


@dataclass
class FeedItem:
    """One entry: its title and summary are plain text; `link` a site path; `guid` a tag URI."""

    title: str
    summary: str
    link: str
    guid: str
    updated: Any
