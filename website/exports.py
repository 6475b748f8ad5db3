"""A kind's CSV and JSON, written from its public shape (its app's `public.py`): the API's fields and writers.

A list's CSV streams a batch of records at a time, each batch one pass of the lean path (a fixed number of
queries), so that a 100,000-row export never sits in memory; only the ordered primary keys do.
"""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from editorial.public import Context, plan_for
from editorial.public.resources import Resource
from editorial.public.writers import csv_lines, dumps

BATCH_SIZE = 1_000


def _records(resource: Resource, pks: list[int], ctx: Context) -> Iterator[list[dict]]:
    plan = plan_for(resource.shape, resource)
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        rows = {row[0]: row for row in plan.queryset().filter(pk__in=batch)}
        yield plan.complete([rows[pk] for pk in batch if pk in rows], ctx)


def csv_response(request: HttpRequest, *, resource: Resource, queryset: QuerySet, filename: str):
    """`queryset`'s records, in its order, as CSV: the columns of the API's CSV of the same kind."""
    pks = list(queryset.values_list("pk", flat=True))
    chunks = _records(resource, pks, Context.of(request))
    response = StreamingHttpResponse(
        csv_lines(chunks, plan_for(resource.shape, resource)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(request: HttpRequest, *, resource: Resource, record) -> HttpResponse:
    """One record as JSON: what the API answers for it."""
    found = next(_records(resource, [record.pk], Context.of(request)))
    if not found:  # unpublished between finding it and reading it: gone, not a 500
        raise Http404(f"No public {resource.kind} at this address.")
    return HttpResponse(dumps(found[0]), content_type="application/json")
