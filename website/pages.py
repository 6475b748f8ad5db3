"""What every list and record page does the same way: read the list request, find the record or its new address."""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from editorial.models import CuratedRecord
from editorial.public.published_at import parse_moment, version_at
from editorial.public.resources import Resource
from editorial.selectors import find_redirect
from website.citing import Reference, bibtex_response, titled
from website.exports import csv_response, json_response
from website.feeds import ListFeed, RecordFeed, statement_items, version_link
from website.listing import BadListRequest, Listing
from website.sources import newest_evidence
from website.versions import get_version, version_facts


class Moved(Exception):
    """The record answers at another slug now (merged or renamed): a permanent redirect."""

    def __init__(self, response: HttpResponsePermanentRedirect):
        self.response = response


RecordT = TypeVar("RecordT", bound=CuratedRecord)


def find_record(
    model: type[RecordT], get: Callable[..., RecordT | None], *, slug: str, route: str, **kwargs
) -> RecordT:
    """The published record at `slug`; Moved to the survivor of a merge or rename; Http404 otherwise."""
    record = get(slug=slug)
    if record is not None:
        return record
    survivor = find_redirect(model, slug=slug)
    if survivor is None:
        raise Http404(f"No published {model._meta.verbose_name} at this address.")
    raise Moved(HttpResponsePermanentRedirect(reverse(route, kwargs={"slug": survivor.slug, **kwargs})))


def follow_moves(view):
    """Let a view raise Moved (a redirect) or BadListRequest (a 400 that says why) from deep inside its reads."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Moved as moved:
            return moved.response
        except BadListRequest as error:
            return render(request, "400.html", {"reason": str(error)}, status=400)

    return wrapped


def render_list(request, *, listing: Listing, template: str, context: dict):
    """A list page: the page of rows, the facets with their counts, the current query for links."""
    list_request = listing.read(request.GET)
    page = list_request.page()
    return render(
        request,
        template,
        {
            "list_request": list_request,
            "page": page,
            "facets": list_request.facet_counts(),
            "sorts": listing.sorts,
            "query": request.GET,
            **context,
        },
    )


def reference_to(request, record: CuratedRecord) -> Reference | None:
    """How to cite the version of `record` a reader sees now: its permalink; None before its first publication."""
    if not record.published_version:
        return None
    return Reference(
        title=titled(record),
        kind=str(type(record)._meta.verbose_name).capitalize(),
        slug=record.slug,
        version=record.published_version,
        published_at=record.published_at,
        url=request.build_absolute_uri(version_link(record, record.published_version)),
        accessed=timezone.localdate(),
    )


def record_context(request, *, record: CuratedRecord, sources: list) -> dict:
    """What every record page shows beside its facts: freshness, 'cite this', and where to follow or export it."""
    app = type(record)._meta.app_label
    return {
        "record": record,
        "sources": sources,
        "newest_evidence": newest_evidence(sources),
        "reference": reference_to(request, record),
        "feed_url": reverse(f"{app}:feed", kwargs={"slug": record.slug}),
        "json_url": reverse(f"{app}:json", kwargs={"slug": record.slug}),
        "bib_url": reverse(f"{app}:bib", kwargs={"slug": record.slug}),
    }


def render_published_at(request, *, record: CuratedRecord, raw: str, kind: str, current_route: str):
    """`?published_at=<ISO time>` on a record's page: the version public at that moment, with its permalink's page."""
    try:
        at = parse_moment(raw)
    except ValueError as error:
        return render(request, "400.html", {"reason": f"published_at: {error}"}, status=400)
    number = version_at(record, at)
    if number is None:
        raise Http404(f"No version of this {kind}'s record was public at {at.isoformat()}.")
    return render_version(request, record=record, number=number, kind=kind, current_route=current_route, at=at)


def render_version(request, *, record: CuratedRecord, number: int, kind: str, current_route: str, at=None):
    """Version `number` of a record as it was published: the permalink a citation points at."""
    published = get_version(record=record, number=number)
    if published is None:
        raise Http404(f"This {kind}'s record has no published version with that number.")
    return render(
        request,
        "version.html",
        {
            "version": published,
            "facts": version_facts(published.record),
            "current": record,
            "current_route": current_route,
            "kind": kind,
            "published_at": at,
            "feed_url": reverse(f"{type(record)._meta.app_label}:feed", kwargs={"slug": record.slug}),
        },
    )


@dataclass(frozen=True)
class RecordPages(Generic[RecordT]):
    """The pages every kind of public record has, at the same addresses under its namespace.

    The list (`/`, with its Atom feed `feed/` and CSV `export.csv`), the record (`<slug>/`), its
    JSON (`<slug>.json`), its feed (`<slug>/feed/`) and its published versions (`<slug>/v<n>/`).
    A kind gives only what differs: its reads, its CSV columns and what its page and JSON show.
    """

    namespace: str  # the URL namespace and the templates' folder, e.g. "initiatives"
    model: type[RecordT]
    listing: Listing
    title: str  # of the list page and feed
    get_published: Callable[..., RecordT | None]  # the published record at slug=, with its joins
    get_page: Callable[[RecordT], Any]  # everything the record's page shows (with .sources and .statements)
    shape: Resource  # the kind's public shape (its app's public.py): its CSV and JSON, as the API writes them
    describe: Callable[[Any], str]  # a list feed entry's summary
    page_context: Callable[[RecordT, Any], dict] = lambda record, page: {}  # more for the page's template
    # The page as of `?as_of=` (website.asof): what its template shows of the record on that date.
    as_of_context: Callable[[HttpRequest, RecordT, Any], dict] = lambda request, record, page: {}

    @property
    def kind(self) -> str:
        return self.model._meta.model_name

    def find(self, slug: str, route: str = "detail", **kwargs) -> RecordT:
        return find_record(self.model, self.get_published, slug=slug, route=f"{self.namespace}:{route}", **kwargs)

    def list_page(self, request: HttpRequest):
        """Every published record, narrowed by facets and text, sorted, a page at a time."""
        routes = {
            "feed_route": f"{self.namespace}:list_feed",
            "export_route": f"{self.namespace}:export",
            "bib_route": f"{self.namespace}:export_bib",
        }
        context = {"title": self.title, "kind": self.kind, "rows_template": f"{self.namespace}/rows.html", **routes}
        return render_list(request, listing=self.listing, template=f"{self.namespace}/list.html", context=context)

    def export(self, request: HttpRequest):
        """The list as CSV with its current filters, streamed."""
        queryset = self.listing.read(request.GET).sorted()
        return csv_response(request, resource=self.shape, queryset=queryset, filename=f"{self.namespace}.csv")

    def detail(self, request: HttpRequest, slug: str):
        """The record's page: its facts and links, sources, freshness and 'cite this'."""
        record = self.find(slug)
        if "published_at" in request.GET:
            route = f"{self.namespace}:detail"
            raw = request.GET["published_at"]
            return render_published_at(request, record=record, raw=raw, kind=self.kind, current_route=route)
        page = self.get_page(record)
        return render(
            request,
            f"{self.namespace}/detail.html",
            {
                self.kind: record,
                "page": page,
                **self.page_context(record, page),
                **self.as_of_context(request, record, page),
                **record_context(request, record=record, sources=page.sources),
            },
        )

    def version(self, request: HttpRequest, slug: str, version: int):
        """Version N as it was published: the permalink a citation points at."""
        record = self.find(slug, "version", version=version)
        return render_version(
            request, record=record, number=version, kind=self.kind, current_route=f"{self.namespace}:detail"
        )

    def feed(self, request: HttpRequest, slug: str):
        """An Atom feed of one record: its published versions and the statements about it."""
        record = self.find(slug, "feed")
        page = self.get_page(record)
        return RecordFeed()(request, record=record, extra_items=statement_items(page.statements))

    def bib(self, request: HttpRequest, slug: str):
        """The record's reference as a .bib file, for a reference manager."""
        reference = reference_to(request, self.find(slug, "bib"))
        return bibtex_response([reference] if reference else [], filename=f"{slug}.bib")

    def export_bib(self, request: HttpRequest):
        """The list's references as one .bib file, with its current filters."""
        records = self.listing.read(request.GET).sorted()
        references = (reference_to(request, record) for record in records.iterator(chunk_size=500))
        return bibtex_response(filter(None, references), filename=f"{self.namespace}.bib")

    def json(self, request: HttpRequest, slug: str):
        """The record as JSON: its public shape, as the API answers for it."""
        return json_response(request, resource=self.shape, record=self.find(slug, "json"))

    def urls(self) -> list[URLPattern]:
        list_feed = ListFeed(
            listing=self.listing, list_route=f"{self.namespace}:list", title_text=self.title, describe=self.describe
        )
        return [
            path("", follow_moves(self.list_page), name="list"),
            path("feed/", follow_moves(list_feed), name="list_feed"),
            path("export.csv", follow_moves(self.export), name="export"),
            path("export.bib", follow_moves(self.export_bib), name="export_bib"),
            path("<slug:slug>/", follow_moves(self.detail), name="detail"),
            path("<slug:slug>.json", follow_moves(self.json), name="json"),
            path("<slug:slug>.bib", follow_moves(self.bib), name="bib"),
            path("<slug:slug>/feed/", follow_moves(self.feed), name="feed"),
            path("<slug:slug>/v<int:version>/", follow_moves(self.version), name="version"),
        ]
