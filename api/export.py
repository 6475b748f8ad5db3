"""Full dumps: every record of a filtered list as NDJSON or CSV, streamed in keyset batches.

Each batch is one page of the lean path (its main query and its fixed related-row queries), so
memory stays flat and no database cursor is held open while the partner reads the response.
"""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from api.pagination import Ordering
from editorial.public import Context, Plan
from editorial.public.writers import csv_lines, ndjson_lines

BATCH_SIZE = 1000


def batches(
    *, queryset: QuerySet, ordering: Ordering, plan: Plan, ctx: Context, paginator, request
) -> Iterator[list[dict]]:
    """The records after the request's cursor (if any), in its ordering, a batch at a time.

    `queryset` gives the plan's rows with the paginator's `extra_columns` last.
    """
    ordered = paginator.ordered(queryset, ordering)
    token = request.query_params.get(paginator.cursor_query_param)
    first = paginator.after(ordered, ordering, token) if token else ordered  # a bad cursor is a 400 now
    # The first batch is read now, before the response starts: a query that the request's own values break fails
    # with an error status, never as a download cut after its header. The batches after start from stored rows.
    rows = list(first[:BATCH_SIZE])

    def generate(rows):
        while rows:
            yield plan.complete(rows, ctx)
            if len(rows) < BATCH_SIZE:
                return
            rows = list(paginator.after(ordered, ordering, paginator.next_token(rows, ordering))[:BATCH_SIZE])

    return generate(rows)


def streaming_response(*, chunks: Iterator[list[dict]], plan: Plan, fmt: str, name: str) -> StreamingHttpResponse:
    """The dump as a streamed download: `name.ndjson` or `name.csv`."""
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(chunks, plan), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(ndjson_lines(chunks), content_type="application/x-ndjson")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
