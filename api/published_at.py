"""`?published_at=<ISO 8601 time>`: lists and records as they were public at that moment (transaction time).

Answers from the versions published then (editorial.public.published_at), in today's shape. Filters, search,
expansion, other orderings and bulk formats read today's rows: with a past moment they are refused (400)
rather than answered from the present.
"""

import datetime

from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from api.errors import BadRequest, body
from api.pagination import ORDERED_CURSOR, page_size, read_cursor
from api.renderers import BULK_FORMATS
from editorial.public import Context, past
from editorial.public.published_at import PastRecord, parse_moment, records_at

PARAMETER = "published_at"
DESCRIPTION = (
    "A moment (ISO 8601 date-time, e.g. 2025-03-01T12:00:00Z): answer with the versions that were public then, "
    "withdrawn and merged records included under their own identity if they were public then. "
    "Cannot be combined with filters, search, expand, ordering other than id, or CSV/NDJSON."
)
# Parameters that still mean the same with a past moment.
ALLOWED = {PARAMETER, "cursor", "page_size", "ordering", "format"}


def moment(request) -> datetime.datetime | None:
    """The moment asked for; None without one; 400 for anything but an ISO 8601 date-time."""
    raw = request.query_params.get(PARAMETER)
    if raw is None:
        return None
    try:
        return parse_moment(raw)
    except ValueError as error:
        raise BadRequest("invalid_published_at", f"published_at: {error}") from None


def _refuse_the_present(view, request) -> None:
    if not view.resource.is_curated:
        raise BadRequest("published_at_unsupported", f"{view.resource.name} keep no published versions.")
    unsupported = sorted(set(request.query_params) - ALLOWED)
    if unsupported:
        raise BadRequest(
            "published_at_unsupported",
            f"{', '.join(unsupported)} cannot be combined with published_at: they read today's records.",
            {"unsupported": unsupported},
        )
    if request.accepted_renderer.format in BULK_FORMATS:
        raise BadRequest("published_at_unsupported", "published_at answers in JSON only.")
    try:
        past.check(view.plan())
    except past.PastUnsupported as error:
        raise BadRequest("published_at_unsupported", str(error)) from None


def past_list(view, request, at: datetime.datetime) -> Response:
    """A page of the records public at `at`, by id (their primary key), with a cursor to the next."""
    _refuse_the_present(view, request)
    ordering = view.paginator.ordering(request, view)
    if ordering.column != "pk":
        raise BadRequest("published_at_unsupported", "With published_at, lists are ordered by id only.")
    changes = records_at(view.resource.model, at)
    if ordering.descending:
        changes = changes.order_by("-object_id")
    token = request.query_params.get("cursor")
    if token:
        key, _value, pk = read_cursor(ORDERED_CURSOR, token)
        if key != ordering.key:
            raise BadRequest("invalid_cursor", "This cursor belongs to another ordering: start again without it.")
        changes = changes.filter(object_id__lt=pk) if ordering.descending else changes.filter(object_id__gt=pk)
    size = page_size(request)
    records = [PastRecord.of(change) for change in changes[: size + 1]]
    next_url = None
    if len(records) > size:
        records = records[:size]
        token = ORDERED_CURSOR.encode((ordering.key, None, records[-1].pk))
        next_url = replace_query_param(request.build_absolute_uri(), "cursor", token)
    results = past.complete_at(view.plan(), records, at, Context.of(request))
    return Response({"next": next_url, "results": results})


def past_retrieve(view, request, at: datetime.datetime, uuid) -> Response:
    """The record with this UUID as it was public at `at`; 404 saying so if it was not public then."""
    _refuse_the_present(view, request)
    change = records_at(view.resource.model, at, record_uuid=uuid).first()
    if change is None:
        return Response(
            body("not_public_then", f"No version of this record was public at {at.isoformat()}."), status=404
        )
    return Response(past.complete_at(view.plan(), [PastRecord.of(change)], at, Context.of(request))[0])
