"""Keyset pages: a list follows a cursor (the last row's sort key) instead of an OFFSET, with a bounded count.

Page 9,000 costs what page 1 does when the sort has an index, and counting stops at COUNT_CAP
rows ("1,000+").
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Expression, F, Q, QuerySet

from editorial.cursors import CursorFormat, InvalidCursor

# Where a list counts its matches itself (words searched, several values of a many-valued facet): as far as its
# facet counts sample them (facets.FACET_SAMPLE). Past it a count costs more with every row the table holds.
COUNT_CAP = 1_000
PAGE_SIZE = 50


# C0 control characters but tab, line feed and carriage return: no word, value or page link holds one, PostgreSQL
# refuses NUL in text, and XML (a list's Atom feed repeats its words) refuses them all.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


class BadListRequest(ValueError):
    """A filter, sort or cursor in the URL that this list cannot read: answered with 400."""


def refuse_control_characters(name: str, values: list[str]) -> None:
    """BadListRequest when a value of parameter `name` holds a control character: read before any query is built."""
    if any(CONTROL_CHARACTERS.search(value) for value in values):
        raise BadListRequest(f"{name}= holds a control character, which no search, filter or page link has.")


@dataclass(frozen=True)
class Sort:
    """An order a list offers: sort keys (alias, expression) in one direction, ending with a unique one."""

    key: str
    label: str
    keys: tuple[tuple[str, Expression | F], ...]
    descending: bool = False
    parsers: tuple[Callable[[object], object], ...] = ()

    def order(self, *, descending: bool) -> list:
        return [F(alias).desc() if descending else F(alias).asc() for alias, _ in self.keys]

    @property
    def cursor(self) -> CursorFormat:
        """How this sort's cursors are written: its keys' values, in order (editorial.cursors)."""
        return CursorFormat(self.parsers)


@dataclass
class Page:
    rows: list
    next_cursor: str | None
    previous_cursor: str | None
    total: int
    is_total_capped: bool

    @property
    def total_display(self) -> str:
        return f"{COUNT_CAP:,}+" if self.is_total_capped else f"{self.total:,}"


def keyset_page(
    filtered: QuerySet,
    sort: Sort,
    *,
    after: Sequence | None,
    before: Sequence | None,
    size: int,
    total: int | None = None,
    load: QuerySet | None = None,
) -> Page:
    """One page of `filtered` after (or before) the cursor, with a bounded count of all its rows.

    `total`: the exact number of rows when the caller knows it already (stored counts); not counted then.
    `load`: where the page's rows are read from (their joins and columns), by primary key, once the page's keys
    are known: the keys are then found from the filters and the sort alone, which an index holding the sort and
    the filtered columns answers without reading a row of the table (see initiatives' `initiative_public_name`).
    """
    exact = total is not None
    if not exact:
        total = filtered.order_by().values("pk")[: COUNT_CAP + 1].count()
    backwards = before is not None
    descending = sort.descending != backwards
    queryset = filtered.annotate(**dict(sort.keys)).order_by(*sort.order(descending=descending))
    cursor = before if backwards else after
    if cursor is not None:
        queryset = queryset.filter(_after(sort, cursor, descending=descending))
    if load is not None:
        keys = queryset.values("pk")[: size + 1]
        queryset = load.filter(pk__in=keys).annotate(**dict(sort.keys)).order_by(*sort.order(descending=descending))
    rows = list(queryset[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    first = encode_cursor(rows[0], sort) if rows else None
    last = encode_cursor(rows[-1], sort) if rows else None
    if backwards:
        next_cursor, previous_cursor = last, first if has_more else None
    else:
        next_cursor, previous_cursor = (last if has_more else None), (first if cursor is not None else None)
    return Page(
        rows=rows,
        next_cursor=next_cursor,
        previous_cursor=previous_cursor,
        total=total if exact else min(total, COUNT_CAP),
        is_total_capped=not exact and total > COUNT_CAP,
    )


def _after(sort: Sort, cursor: Sequence, *, descending: bool) -> Q:
    """Rows strictly past the cursor in the sort's order, with a plain bound on the first key for the index."""
    operator = "lt" if descending else "gt"
    aliases = [alias for alias, _ in sort.keys]
    past = Q()
    for position, alias in enumerate(aliases):
        equal = {aliases[earlier]: cursor[earlier] for earlier in range(position)}
        past |= Q(**equal, **{f"{alias}__{operator}": cursor[position]})
    return Q(**{f"{aliases[0]}__{operator}e": cursor[0]}) & past


def encode_cursor(row, sort: Sort) -> str:
    """The row's sort key (a model instance's attributes or a dict's values) as an opaque URL-safe token."""
    return sort.cursor.encode([row[alias] if isinstance(row, dict) else getattr(row, alias) for alias, _ in sort.keys])


def decode_cursor(token: str, sort: Sort) -> tuple:
    """The sort key a token holds; BadListRequest when it is not one this sort wrote."""
    try:
        return sort.cursor.decode(token)
    except InvalidCursor:
        raise BadListRequest("This page link is damaged or belongs to another sort order; start again.") from None
