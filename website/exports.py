"""Lists as CSV, streamed row by row: a 100,000-row export never sits in memory (cells as `editorial.tabular`)."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from editorial import tabular

CHUNK_SIZE = 2_000


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], object]  # of a row of the kind's listing: a model instance with its annotations


def _lines(rows: Iterable, columns: list[Column]) -> Iterator[str]:
    yield tabular.header_line(column.header for column in columns)
    for row in rows:
        yield tabular.row_line(column.value(row) for column in columns)


def csv_response(*, queryset: QuerySet, columns: list[Column], filename: str) -> StreamingHttpResponse:
    """Stream `queryset` as CSV, read from the database in chunks."""
    response = StreamingHttpResponse(
        _lines(queryset.iterator(chunk_size=CHUNK_SIZE), columns), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_link(record) -> dict | None:
    """A related record as {slug, name}."""
    return None if record is None else {"slug": record.slug, "name": str(record)}


def json_date(record, name: str) -> str | None:
    """A partial date at its precision: "2024", "2024-10" or "2024-10-22"."""
    value = record.partial_date(name)
    return value.isoformat() if value else None


def json_statement(statement, **links) -> dict:
    """A statement as a record's JSON lists it, with the links that record's page needs (speaker, meeting...)."""
    return {
        "slug": statement.slug,
        **links,
        "date": json_date(statement, "date"),
        "summary": statement.summary,
        "text": statement.text,
        "rendering": statement.rendering,
    }


def json_source(citation) -> dict:
    """A citation: the passage and its article, or the URL read."""
    article = citation.article
    return {
        "field": citation.field or None,
        "about": str(citation.subject),
        "passage": citation.passage or None,
        "article": None
        if article is None
        else {
            "id": article.pk,
            "title": str(article),
            "outlet": article.outlet or None,
            "url": article.url or None,
            "published_at": article.published_at.isoformat() if article.published_at else None,
        },
        "url": citation.url or None,
        "source_title": citation.source_title or None,
        "accessed_date": citation.accessed_date.isoformat() if citation.accessed_date else None,
    }
