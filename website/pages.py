"""What every list and record page does the same way: read the list request, find the record or its new address."""

import functools
from collections.abc import Callable

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from editorial.models import CuratedRecord
from editorial.selectors import find_redirect
from website.citing import Reference
from website.feeds import version_link
from website.listing import BadListRequest, Listing
from website.sources import newest_evidence
from website.versions import get_version, version_facts


class Moved(Exception):
    """The record answers at another slug now (merged or renamed): a permanent redirect."""

    def __init__(self, response: HttpResponsePermanentRedirect):
        self.response = response


def find_record(
    model: type[CuratedRecord], get: Callable[..., CuratedRecord | None], *, slug: str, route: str, **kwargs
) -> CuratedRecord:
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


def record_context(request, *, record: CuratedRecord, sources: list, title: str) -> dict:
    """What every record page shows beside its facts: freshness, 'cite this', and where to follow or export it."""
    app = type(record)._meta.app_label
    reference = None
    if record.published_version:
        reference = Reference(
            title=title,
            kind=str(type(record)._meta.verbose_name).capitalize(),
            slug=record.slug,
            version=record.published_version,
            published_at=record.published_at,
            url=request.build_absolute_uri(version_link(record, record.published_version)),
            accessed=timezone.localdate(),
        )
    return {
        "record": record,
        "sources": sources,
        "newest_evidence": newest_evidence(sources),
        "reference": reference,
        "feed_url": reverse(f"{app}:feed", kwargs={"slug": record.slug}),
        "json_url": reverse(f"{app}:json", kwargs={"slug": record.slug}),
    }


def render_version(request, *, record: CuratedRecord, number: int, kind: str, current_route: str):
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
        },
    )
