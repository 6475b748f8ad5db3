"""ETag and Last-Modified on lists and details, and 304 for conditional requests.

The ETag is the hash of the body: exact, whatever changed (a related record's name, a withdrawn
citation). Last-Modified is the time of the latest public write anywhere (the change feed, and
articles, which are not curated): coarse but never too early, so a client revalidating with
If-Modified-Since alone never misses a change, and gets its 304 before any page is built.
"""

from functools import cache

from django.db.models import QuerySet, Subquery
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date

from editorial.models import Change
from ingestion.models import Mention
from sources.models import Article


@cache
def _latest_public_writes() -> QuerySet:
    """The latest public change, with the latest stored article and reviewed mention beside it.

    Built once, and only ever copied (`first()`), never evaluated itself: building it costs as much as running it.
    """
    return (
        Change.objects.public()
        .order_by("-pk")
        .annotate(
            article=Subquery(Article.objects.order_by("-updated_at").values("updated_at")[:1]),
            mention=Subquery(
                Mention.objects.filter(reviewed_at__isnull=False).order_by("-reviewed_at").values("reviewed_at")[:1]
            ),
        )
        .values_list("created_at", "article", "mention")
    )


def last_public_write() -> float | None:
    """When the public last saw anything change (seconds since the epoch), or None before the first publication."""
    latest = _latest_public_writes().first()
    times = [time for time in latest or () if time is not None]
    return max(times).timestamp() if times else None


def not_modified(request, last_modified: float | None):
    """A 304 when If-Modified-Since already covers the latest public write (and no If-None-Match overrides it)."""
    if last_modified is None:
        return None
    return get_conditional_response(request, last_modified=int(last_modified))


def finish(request, response, last_modified: float | None):
    """Tag a rendered 200 with its ETag and Last-Modified, and answer 304 when the client has it already."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    set_response_etag(response)
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=None if last_modified is None else int(last_modified),
        response=response,
    )
