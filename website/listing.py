"""Lists that cost the same at any size: facets that combine, keyset pages, bounded counts.

A list page runs a fixed set of queries: one bounded count, one page of rows (plus the page's
prefetches) and the facet counts. Counting stops at COUNT_CAP rows ("10,000+"), and each facet
groups at most FACET_SAMPLE matching rows, so its counts are exact below that and true lower
bounds ("1,000+") above it. Pages follow a cursor (the last row's sort key) instead of an OFFSET, so page
9,000 costs what page 1 does when the sort has an index.

A listing whose rows are many may keep its facets' values on each row (`stored_keys`: a JSON object
such as {"status:launched": true, "theme:12": true}, indexed with GIN on PostgreSQL). Combining
facets then intersects index entries instead of joining tables, and one GROUP BY over the keys
counts every facet that shares the same filters, as a search engine's facets do. Related records are
keyed by primary key, so a renamed theme keeps its rows; names, slugs and whether the related record
is live are read at query time.
"""

import base64
import datetime
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db import connection
from django.db.models import Case, Expression, F, Model, Q, QuerySet, Value, When
from django.http import QueryDict

from website.search import text_filter

COUNT_CAP = 10_000
FACET_SAMPLE = 1_000  # rows a facet groups: past it, counts are lower bounds and cost no more
PAGE_SIZE = 50
STORE_BATCH = 500  # records whose facet keys one UPDATE writes
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

    def relation(self, model: type[Model]) -> tuple[str, type[Model]] | None:
        """(field name, related model) when the facet's values belong to a related record, else None."""
        name = self.lookup.split("__")[0]
        model_field = model._meta.get_field(name)
        return (name, model_field.related_model) if model_field.is_relation else None

    def stored_key(self, value) -> str:
        """The stored key of one value: `<facet>:<value>`, a related record's primary key for related values."""
        return f"{self.key_prefix}{value}"

    @property
    def key_prefix(self) -> str:
        return f"{self.key}:"

    def related_lookup(self, lookup: str) -> str:
        """`themes__name` seen from the related model: `name`."""
        return lookup.split("__", 1)[1]

    def live_on_related(self) -> dict:
        return {self.related_lookup(lookup): value for lookup, value in self.live.items()}


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
    stored_keys: str | None = None  # a JSONField of the model holding each row's facet keys (see above)

    @property
    def model(self) -> type[Model]:
        return self.queryset().model

    def facet_keys(self, pks: Iterable[int]) -> dict[int, dict[str, bool]]:
        """Each record's facet keys, read from its columns and links (two queries with a multi-valued facet)."""
        model = self.model
        rows = model._default_manager.filter(pk__in=list(pks))
        single = [facet for facet in self.facets if not facet.many]
        keys: dict[int, dict[str, bool]] = {}
        for pk, *values in rows.values_list("pk", *[self._stored_lookup(model, facet) for facet in single]):
            pairs = zip(single, values, strict=True)
            keys[pk] = {facet.stored_key(value): True for facet, value in pairs if value not in (None, "")}
        for facet in self.facets:
            if facet.many:
                lookup = self._stored_lookup(model, facet)
                for pk, value in rows.filter(**{f"{lookup}__isnull": False}).values_list("pk", lookup):
                    keys[pk][facet.stored_key(value)] = True
        return keys

    def store_facet_keys(self, pks: Iterable[int]) -> None:
        """Bring the stored facet keys of these records in step with their columns and links."""
        if not self.stored_keys:
            return
        model = self.model
        keys = list(self.facet_keys(pks).items())
        stored = model._meta.get_field(self.stored_keys)
        for start in range(0, len(keys), STORE_BATCH):
            batch = keys[start : start + STORE_BATCH]
            value = Case(*[When(pk=pk, then=Value(value, output_field=stored)) for pk, value in batch])
            # Derived bookkeeping, not an edit: written without a revision, like the search vector.
            model._default_manager.filter(pk__in=[pk for pk, _ in batch]).update_unrecorded(**{self.stored_keys: value})

    @staticmethod
    def _stored_lookup(model: type[Model], facet: Facet) -> str:
        relation = facet.relation(model)
        return relation[0] if relation else facet.lookup

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
    _key_count_cache: dict = field(default_factory=dict, init=False, repr=False)

    def filtered(self, *, without: str | None = None) -> QuerySet:
        """The base queryset with the text and every selected facet but `without` applied."""
        queryset = self.listing.queryset()
        if self.text:
            queryset = text_filter(queryset, fields=self.listing.text_fields, query=self.text)
        stored = self.listing.stored_keys
        for facet in self.listing.facets:
            if facet.key == without or facet.key not in self.selected:
                continue
            if not stored:
                queryset = facet.apply(queryset, self.selected[facet.key])
            elif keys := self._selected_keys[facet.key]:
                queryset = queryset.filter(**{f"{stored}__has_any_keys": keys})
            else:
                queryset = queryset.none()  # only unknown or unpublished values chosen
        return queryset

    @cached_property
    def _selected_keys(self) -> dict[str, list[str]]:
        """The stored keys each chosen facet matches; a related record's slug is looked up once (live only)."""
        keys = {}
        model = self.listing.model
        for facet in self.listing.facets:
            values = self.selected.get(facet.key)
            if not values:
                continue
            relation = facet.relation(model)
            if relation:
                lookup = {f"{facet.related_lookup(facet.lookup)}__in": values, **facet.live_on_related()}
                values = relation[1]._default_manager.filter(**lookup).values_list("pk", flat=True)
            keys[facet.key] = [facet.stored_key(value) for value in values]
        return keys

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
        if self.listing.stored_keys:
            groups, sampled = self._count_stored(facet)
        else:
            groups, sampled = self._count_joined(facet)
        chosen = set(self.selected.get(facet.key, []))
        values = [
            FacetValue(
                value=value,
                label=str(facet.choices.get(value, value) if facet.choices else name),
                count=count,
                is_selected=value in chosen,
            )
            for value, name, count in groups
        ]
        values.sort(key=lambda item: (not item.is_selected, -item.count, item.label))
        return FacetCounts(facet=facet, values=values[:MAX_FACET_VALUES], is_lower_bound=sampled >= FACET_SAMPLE)

    def _count_stored(self, facet: Facet) -> tuple[list[tuple], int]:
        """(value, name, count) from the stored keys; every facet with the same filters shares one GROUP BY."""
        counts, sampled = self._key_counts(facet.key if facet.key in self.selected else None)
        prefix = facet.key_prefix
        found = [(key.removeprefix(prefix), count) for key, count in counts.items() if key.startswith(prefix)]
        relation = facet.relation(self.listing.model)
        if relation is None:
            return [(facet.parse([value])[0], value, count) for value, count in found], sampled
        if not found:
            return [], sampled
        value_field = facet.related_lookup(facet.lookup)
        label_field = facet.related_lookup(facet.label_lookup) if facet.label_lookup else value_field
        live = relation[1]._default_manager.filter(pk__in=[pk for pk, _ in found], **facet.live_on_related())
        # Keys of records since unpublished, merged away or deleted find no row here and are left out.
        names = {str(pk): (value, name) for pk, value, name in live.values_list("pk", value_field, label_field)}
        return [(*names[pk], count) for pk, count in found if pk in names], sampled

    def _key_counts(self, without: str | None) -> tuple[dict[str, int], int]:
        """How many of the first FACET_SAMPLE matches (with every facet but `without`) carry each key."""
        cache = self._key_count_cache
        if without in cache:
            return cache[without]
        queryset = self.filtered(without=without)
        counts, sampled = {}, 0
        if not queryset.query.is_empty():
            sample = queryset.order_by().values(self.listing.stored_keys)[:FACET_SAMPLE]
            sql, params = sample.query.sql_with_params()
            column = f"sample.{connection.ops.quote_name(self.listing.stored_keys)}"
            if connection.vendor == "postgresql":
                keys = f"SELECT key, COUNT(*) FROM sample CROSS JOIN LATERAL jsonb_object_keys({column}) key"
            else:
                keys = f"SELECT entry.key, COUNT(*) FROM sample, json_each({column}) entry"
            with connection.cursor() as cursor:
                cursor.execute(
                    f"WITH sample AS ({sql}) {keys} GROUP BY 1 UNION ALL SELECT NULL, COUNT(*) FROM sample", params
                )
                for key, count in cursor.fetchall():
                    if key is None:
                        sampled = count
                    else:
                        counts[key] = count
        cache[without] = counts, sampled
        return counts, sampled

    def _count_joined(self, facet: Facet) -> tuple[list[tuple], int]:
        """(value, name, count) by joining the related table: one GROUP BY for this facet."""
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
        return [(value, name, count) for value, name, count, _ in groups], sum(rows for *_, rows in groups)

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
