"""Cursor pagination by keyset: stable under inserts, no COUNT, the same cost on page 1 and page 1,000.

A cursor is opaque to partners: the ordering it was made for, the last row's value of that
ordering and its primary key (the tiebreak). The next page is "rows after that pair", which an
index answers directly however deep the page; null values sort last.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import DateTimeField, F, Q, QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.utils.urls import replace_query_param

from api.errors import BadRequest
from editorial.cursors import CursorFormat, InvalidCursor, datetime_key, integer_key, scalar_key, text_key

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class Ordering:
    key: str  # as partners write it, e.g. "-updated"
    column: str  # the model column, e.g. "updated_at"
    descending: bool


# The ordering's key, the last row's value of it and its primary key; written as an object, as partners have
# been given them since the first release.
ORDERED_CURSOR = CursorFormat((text_key, scalar_key, integer_key), names=("o", "v", "p"))


def read_cursor(cursor_format: CursorFormat, token: str) -> tuple:
    """The position a cursor holds; a cursor that was not made here is a 400, never a 500."""
    try:
        return cursor_format.decode(token)
    except InvalidCursor:
        raise BadRequest("invalid_cursor", "The cursor is not one this API gave out.") from None


def page_size(request) -> int:
    raw = request.query_params.get("page_size")
    if raw is None:
        return DEFAULT_PAGE_SIZE
    # isdigit() alone admits "²", which int() refuses: only ASCII digits are a size.
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise BadRequest("invalid_page_size", f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.")
    return int(raw)


class KeysetPagination(BasePagination):
    cursor_query_param = "cursor"

    def ordering(self, request, view) -> Ordering:
        """The ordering asked for (`?ordering=name`, `-updated`...), from the view's list, or the default."""
        choices = {"id": "pk", **view.ordering_fields}
        key = request.query_params.get("ordering") or "id"
        column = choices.get(key.removeprefix("-"))
        if column is None:
            allowed = ", ".join(sorted(name for choice in choices for name in (choice, f"-{choice}")))
            raise BadRequest("invalid_ordering", f"Unknown ordering {key!r}.", {"allowed": allowed.split(", ")})
        return Ordering(key, column, key.startswith("-"))

    def ordered(self, queryset: QuerySet, ordering: Ordering) -> QuerySet:
        if ordering.column == "pk":
            return queryset.order_by("-pk" if ordering.descending else "pk")
        expression = F(ordering.column)
        expression = expression.desc(nulls_last=True) if ordering.descending else expression.asc(nulls_last=True)
        return queryset.order_by(expression, "pk")

    def after(self, queryset: QuerySet, ordering: Ordering, token: str) -> QuerySet:
        """Rows after the cursor's position, in `ordering`."""
        key, value, pk = read_cursor(ORDERED_CURSOR, token)
        if key != ordering.key:
            raise BadRequest("invalid_cursor", "This cursor belongs to another ordering: start again without it.")
        try:
            if ordering.column == "pk":
                return queryset.filter(pk__lt=pk) if ordering.descending else queryset.filter(pk__gt=pk)
            if value is None:  # nulls come last: only nulls after a null
                return queryset.filter(Q(**{f"{ordering.column}__isnull": True}) & Q(pk__gt=pk))
            if isinstance(queryset.model._meta.get_field(ordering.column), DateTimeField):
                value = datetime_key(value)  # in UTC: the database refuses an offset of +23:59, which a cursor may hold
            beyond = f"{ordering.column}__{'lt' if ordering.descending else 'gt'}"
            return queryset.filter(
                Q(**{beyond: value})
                | Q(**{ordering.column: value, "pk__gt": pk})
                | Q(**{f"{ordering.column}__isnull": True})
            )
        except (DjangoValidationError, ValueError, TypeError):
            raise BadRequest("invalid_cursor", "The cursor is not one this API gave out.") from None

    def window(self, queryset: QuerySet, ordering: Ordering, request) -> tuple[QuerySet, int]:
        """The queryset ordered, after the cursor, limited to one row more than a page (to know if there is a next)."""
        size = page_size(request)
        queryset = self.ordered(queryset, ordering)
        token = request.query_params.get(self.cursor_query_param)
        if token:
            queryset = self.after(queryset, ordering, token)
        return queryset[: size + 1], size

    def extra_columns(self, ordering: Ordering) -> tuple[str, ...]:
        """What rows carry last for the cursor: the ordering's value (the primary key comes first already)."""
        return () if ordering.column == "pk" else (ordering.column,)

    def next_token(self, rows: list[tuple], ordering: Ordering) -> str:
        last = rows[-1]
        value = None if ordering.column == "pk" else last[-1]
        return ORDERED_CURSOR.encode((ordering.key, value, last[0]))

    def page(self, queryset: QuerySet, ordering: Ordering, request) -> tuple[list[tuple], str | None]:
        """The page's rows and the link to the next page, if any; `queryset` gives rows with `extra_columns` last."""
        window, size = self.window(queryset, ordering, request)
        rows = list(window)
        if len(rows) <= size:
            return rows, None
        rows = rows[:size]
        token = self.next_token(rows, ordering)
        return rows, replace_query_param(request.build_absolute_uri(), self.cursor_query_param, token)

    def get_schema_operation_parameters(self, view):
        choices = ["id", *view.ordering_fields]
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: the cursor in the previous page's `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"Records per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
            {
                "name": "ordering",
                "required": False,
                "in": "query",
                "description": "Sort order; a leading `-` sorts descending. Empty values sort last. Default `id`.",
                "schema": {"type": "string", "enum": sorted(name for c in choices for name in (c, f"-{c}"))},
            },
        ]

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": ["string", "null"],
                    "format": "uri",
                    "description": "The next page, or null on the last page.",
                },
                "results": schema,
            },
        }
