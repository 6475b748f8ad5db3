"""Lists that cost the same at any size: facets that combine, keyset pages, bounded counts.

A list page runs a fixed set of queries: one bounded count, one page of rows (plus the page's
prefetches) and one GROUP BY per facet. Counting stops at COUNT_CAP rows ("10,000+"), and each
facet groups at most FACET_SAMPLE matching rows, so its counts are exact below that and true lower
bounds ("1,000+") above it. Pages follow a cursor (the last row's sort key) instead of an OFFSET, so page
9,000 costs what page 1 does when the sort has an index.
"""

import base64
import datetime
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Expression, F, Q, QuerySet
from django.http import QueryDict

from website.search import text_filter

COUNT_CAP = 10_000
FACET_SAMPLE = 1_000  # rows a facet groups: past it, counts are lower bounds and cost no more
PAGE_SIZE = 50
MAX_FACET_VALUES = 50  # per facet, most frequent first: a facet is a shortcut, not an index


class BadListRequest(ValueError):
    """A filter, sort or cursor in the URL that this list cannot read: answered with 400."""


def text_key(value) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value


def integer_key(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(value)
    return value


def date_key(value) -> datetime.date:
    return datetime.date.fromisoformat(text_key(value))


def datetime_key(value) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text_key(value))


@dataclass(frozen=True)
class Facet:
    """One way to narrow a list, read from and written to the URL as `key=value` (repeatable)."""

    key: str
    label: str
    lookup: str  # what is filtered and grouped on, e.g. "jurisdiction__slug" or "announced_date__year"
    label_lookup: str | None = None  # the value's name, e.g. "jurisdiction__name"; None: `choices` or the value
    choices: Mapping[str, str] | None = None
    # Conditions that keep unpublished records out of the facet, applied in the same .filter() as the
    # value so that they hold for the same related row.
    live: Mapping[str, object] = field(default_factory=dict)
    many: bool = False  # through a multi-valued relation: filter with a subquery so rows are not repeated
    integer: bool = False

    def parse(self, values: list[str]) -> list:
        if not self.integer:
            return values
        try:
            return [int(value) for value in values]
        except ValueError:
            raise BadListRequest(f"{self.label}: {values!r} is not a list of whole numbers.") from None

    def apply(self, queryset: QuerySet, values: list) -> QuerySet:
        condition = {f"{self.lookup}__in": values, **self.live}
        if self.many:
            return queryset.filter(pk__in=queryset.model._default_manager.filter(**condition).values("pk"))
        return queryset.filter(**condition)


@dataclass(frozen=True)
class Sort:
    """An order a list offers: sort keys (alias, expression) in one direction, ending with a unique one."""

    key: str
    label: str
    keys: tuple[tuple[str, Expression], ...]
    descending: bool = False
    parsers: tuple[Callable[[str], object], ...] = ()


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    is_selected: bool


@dataclass
class FacetCounts:
    facet: Facet
    values: list[FacetValue]
    is_lower_bound: bool  # counted over the first FACET_SAMPLE matches only


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


@dataclass
class Listing:
    """A list's rules: its base queryset, text fields, facets and sorts."""

    queryset: Callable[[], QuerySet]
    text_fields: tuple[str, ...]
    facets: tuple[Facet, ...]
    sorts: tuple[Sort, ...]

    def read(self, params: QueryDict) -> "ListRequest":
        """Read the filters, text, sort and cursor of a request; BadListRequest when they make no sense."""
        selected = {}
        for facet in self.facets:
            values = [value for value in params.getlist(facet.key) if value != ""]
            if values:
                selected[facet.key] = facet.parse(values)
        sorts = {sort.key: sort for sort in self.sorts}
        sort_key = params.get("sort") or self.sorts[0].key
        if sort_key not in sorts:
            raise BadListRequest(f"Unknown sort {sort_key!r}; choose one of {', '.join(sorts)}.")
        after, before = params.get("after"), params.get("before")
        if after and before:
            raise BadListRequest("Give either after= or before=, not both.")
        sort = sorts[sort_key]
        return ListRequest(
            listing=self,
            selected=selected,
            text=(params.get("q") or "").strip()[:200],
            sort=sort,
            after=decode_cursor(after, sort) if after else None,
            before=decode_cursor(before, sort) if before else None,
        )


@dataclass
class ListRequest:
    listing: Listing
    selected: dict[str, list]
    text: str
    sort: Sort
    after: list | None
    before: list | None

    def filtered(self, *, without: str | None = None) -> QuerySet:
        """The base queryset with the text and every selected facet but `without` applied."""
        queryset = self.listing.queryset()
        if self.text:
            queryset = text_filter(queryset, fields=self.listing.text_fields, query=self.text)
        for facet in self.listing.facets:
            if facet.key != without and facet.key in self.selected:
                queryset = facet.apply(queryset, self.selected[facet.key])
        return queryset

    def sorted(self) -> QuerySet:
        """Every matching row in the chosen order (exports and feeds)."""
        return self.filtered().annotate(**dict(self.sort.keys)).order_by(*self._order(self.sort.descending))

    def page(self, *, size: int = PAGE_SIZE) -> Page:
        """One page of rows after (or before) the cursor, with a bounded count of all matches."""
        filtered = self.filtered()
        total = filtered.order_by().values("pk")[: COUNT_CAP + 1].count()
        backwards = self.before is not None
        descending = self.sort.descending != backwards
        queryset = filtered.annotate(**dict(self.sort.keys)).order_by(*self._order(descending))
        cursor = self.before if backwards else self.after
        if cursor is not None:
            queryset = queryset.filter(_after(self.sort, cursor, descending=descending))
        rows = list(queryset[: size + 1])
        has_more = len(rows) > size
        rows = rows[:size]
        if backwards:
            rows.reverse()
        first = encode_cursor(rows[0], self.sort) if rows else None
        last = encode_cursor(rows[-1], self.sort) if rows else None
        if backwards:
            next_cursor, previous_cursor = last, first if has_more else None
        else:
            next_cursor, previous_cursor = (last if has_more else None), (first if cursor is not None else None)
        return Page(
            rows=rows,
            next_cursor=next_cursor,
            previous_cursor=previous_cursor,
            total=min(total, COUNT_CAP),
            is_total_capped=total > COUNT_CAP,
        )

    def facet_counts(self) -> list[FacetCounts]:
        """Each facet's values with how many matches each would give, one bounded GROUP BY per facet."""
        return [self.count_facet(facet) for facet in self.listing.facets]

    def count_facet(self, facet: Facet) -> FacetCounts:
        """One facet's values and counts: exact up to FACET_SAMPLE matching rows, lower bounds past it."""
        queryset = self.filtered(without=facet.key).filter(**{f"{facet.lookup}__isnull": False, **facet.live})
        columns = {"facet_value": F(facet.lookup), "facet_pk": F("pk")}
        if facet.label_lookup:
            columns["facet_label"] = F(facet.label_lookup)
        sample = queryset.order_by().values(**columns)[:FACET_SAMPLE]
        sql, params = sample.query.sql_with_params()
        quote = connection.ops.quote_name
        label = quote("facet_label") if facet.label_lookup else quote("facet_value")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('facet_value')}, {label}, COUNT(DISTINCT {quote('facet_pk')}), COUNT(*) "
                f"FROM ({sql}) sample GROUP BY {quote('facet_value')}, {label}",
                params,
            )
            groups = cursor.fetchall()
        chosen = set(self.selected.get(facet.key, []))
        values = [
            FacetValue(
                value=value,
                label=str(facet.choices.get(value, value) if facet.choices else name),
                count=count,
                is_selected=value in chosen,
            )
            for value, name, count, _ in groups
        ]
        values.sort(key=lambda item: (not item.is_selected, -item.count, item.label))
        return FacetCounts(
            facet=facet,
            values=values[:MAX_FACET_VALUES],
            is_lower_bound=sum(rows for *_, rows in groups) >= FACET_SAMPLE,
        )

    def _order(self, descending: bool) -> list:
        return [F(alias).desc() if descending else F(alias).asc() for alias, _ in self.sort.keys]


def _after(sort: Sort, cursor: list, *, descending: bool) -> Q:
    """Rows strictly past the cursor in the sort's order, with a plain bound on the first key for the index."""
    operator = "lt" if descending else "gt"
    aliases = [alias for alias, _ in sort.keys]
    past = Q()
    for position, alias in enumerate(aliases):
        equal = {aliases[earlier]: cursor[earlier] for earlier in range(position)}
        past |= Q(**equal, **{f"{alias}__{operator}": cursor[position]})
    return Q(**{f"{aliases[0]}__{operator}e": cursor[0]}) & past


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def encode_cursor(row, sort: Sort) -> str:
    """The row's sort key as an opaque URL-safe token."""
    values = [_plain(getattr(row, alias)) for alias, _ in sort.keys]
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(token: str, sort: Sort) -> list:
    """The sort key a token holds; BadListRequest when it is not one this sort wrote."""
    try:
        padded = token + "=" * (-len(token) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if not isinstance(values, list) or len(values) != len(sort.keys):
            raise ValueError
        return [parse(value) for parse, value in zip(sort.parsers, values, strict=True)]
    except (ValueError, TypeError, UnicodeDecodeError):
        raise BadListRequest("This page link is damaged or belongs to another sort order; start again.") from None
