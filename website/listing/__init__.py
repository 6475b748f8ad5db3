"""Lists that cost the same at any size: facets that combine, keyset pages, bounded counts.

A list page runs a fixed set of queries: one bounded count, one page of rows (plus the page's
prefetches) and the facet counts. A listing that keeps counts of its rows' facet keys (`stored_counts`)
answers the count and the facets exactly from a few of those rows when at most two facets are chosen.
`paging` holds the keyset pages and the bounded count, `facets`
the facets and how they are counted (over a sample, from keys stored on each row where a listing
has many rows).
"""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.db.models import Model, Q, QuerySet, Sum
from django.http import QueryDict

from editorial.asof import AsOf, BadAsOf
from editorial.search import search
from website.listing.facets import (
    FACET_SAMPLE,
    Facet,
    FacetCounter,
    FacetCounts,
    FacetValue,
    selected_keys,
)
from website.listing.paging import (
    COUNT_CAP,
    PAGE_SIZE,
    BadListRequest,
    Page,
    Sort,
    decode_cursor,
    encode_cursor,
    keyset_page,
    refuse_control_characters,
)

__all__ = [
    "COUNT_CAP",
    "BadListRequest",
    "Facet",
    "FacetCounts",
    "FacetValue",
    "ListRequest",
    "Listing",
    "Page",
    "Sort",
    "decode_cursor",
    "encode_cursor",
    "refuse_control_characters",
]


@dataclass
class Listing:
    """A list's rules: its base queryset, facets and sorts; words are searched as everywhere (editorial.search)."""

    queryset: Callable[[], QuerySet]
    facets: tuple[Facet, ...]
    sorts: tuple[Sort, ...]
    # The JSONField of the model that holds each row's facet keys, kept by the database (see facets): a list
    # narrows and counts by them whatever its facets join, in an index where the model has many rows.
    stored_keys: str = "facet_keys"
    # A model of (key, other, third, total) rows counting the stored keys of the rows the base queryset lists:
    # each key alone, with each other key, and each pair with each third key; "*" counts them all (see
    # initiatives.InitiativeFacetCount).
    stored_counts: type[Model] | None = None
    # The only columns a page of rows loads (what a row shows, related ones with their path); all when empty.
    # A page of 50 wide rows costs more to load than to render otherwise; exports and feeds load every column.
    row_fields: tuple[str, ...] = ()
    # With it, a page reads its rows as values of `row_fields` (with "pk"), and this builds what the page shows
    # from them (with its own queries for related rows): a model instance a row, and one per related record
    # and prefetched link, cost four times as much to build as the row's dict.
    build_rows: Callable[[list[dict]], list] | None = None
    # Facets whose value changes over time (an initiative's status), by key: each annotates a queryset with
    # `<key>_as_of`, its value on a date. With `?as_of=` the list narrows, counts and shows those by that date.
    as_of_facets: dict[str, Callable[[QuerySet, datetime.date], QuerySet]] = field(default_factory=dict)

    @property
    def model(self) -> type[Model]:
        return self.queryset().model

    def parameters(self) -> list[str]:
        """What a list reads of its query string: each facet, the words, the sort and the page links."""
        return [*(facet.key for facet in self.facets), "q", "sort", "after", "before", "as_of"]

    def read(self, params: QueryDict) -> "ListRequest":
        """Read the filters, text, sort and cursor of a request; BadListRequest when they make no sense."""
        for name in self.parameters():
            refuse_control_characters(name, params.getlist(name))
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
        as_of = None
        if self.as_of_facets and params.get("as_of"):
            try:
                as_of = AsOf.parse(params["as_of"]).day
            except BadAsOf as error:
                raise BadListRequest(f"as_of: {error}") from None
        return ListRequest(
            listing=self,
            selected=selected,
            text=(params.get("q") or "").strip()[:200],
            sort=sort,
            after=decode_cursor(after, sort) if after else None,
            before=decode_cursor(before, sort) if before else None,
            as_of=as_of,
        )


@dataclass
class ListRequest:
    listing: Listing
    selected: dict[str, list]
    text: str
    sort: Sort
    after: tuple | None
    before: tuple | None
    as_of: datetime.date | None = None

    def filtered(self, *, without: str | None = None) -> QuerySet:
        """The base queryset with the text and every selected facet but `without` applied."""
        queryset = self.listing.queryset()
        if self.text:
            queryset = search(queryset, self.text)
        stored = self.listing.stored_keys
        for facet in self.listing.facets:
            if facet.key == without or facet.key not in self.selected:
                continue
            if self.as_of and facet.key in self.listing.as_of_facets:
                annotate = self.listing.as_of_facets[facet.key]
                queryset = annotate(queryset, self.as_of).filter(**{f"{facet.key}_as_of__in": self.selected[facet.key]})
            elif keys := self._selected_keys[facet.key]:
                # One key: `?` rather than `?|` with an array of one (1.1 ms against 1.5 for the 4,600 index entries a
                # sparse page at 100,000 initiatives checks).
                lookup = {f"{stored}__has_key": keys[0]} if len(keys) == 1 else {f"{stored}__has_any_keys": keys}
                queryset = queryset.filter(**lookup)
            else:
                queryset = queryset.none()  # only unknown or unpublished values chosen
        return queryset

    @cached_property
    def _selected_keys(self) -> dict[str, list[str]]:
        return selected_keys(self.listing.model, self.listing.facets, self.selected)

    def sorted(self) -> QuerySet:
        """Every matching row in the chosen order (exports and feeds)."""
        return (
            self.filtered().annotate(**dict(self.sort.keys)).order_by(*self.sort.order(descending=self.sort.descending))
        )

    def page(self, *, size: int = PAGE_SIZE) -> Page:
        """One page of rows after (or before) the cursor, with a count of all matches: exact from the stored
        counts when they can answer, else bounded."""
        counts = self.stored_counts(None)
        total = counts.get("*", 0) if counts is not None else None
        filtered = self.filtered()
        # With facets only, the page's keys come from an index that holds the stored keys beside the sort keys
        # (see initiatives' `initiative_public_name`), and only the page's rows are read from the table after.
        covered = bool(self.listing.stored_keys and self.selected and not self.text)
        rows = self.listing.queryset() if covered else filtered
        build_rows = self.listing.build_rows
        if build_rows:
            rows = rows.select_related(None).prefetch_related(None)
            shown = [f"{key}_as_of" for key in self.listing.as_of_facets] if self.as_of else []
            for key in self.listing.as_of_facets if self.as_of else ():
                rows = self.listing.as_of_facets[key](rows, self.as_of)
            rows = rows.values("pk", *self.listing.row_fields, *shown)
        elif self.listing.row_fields:
            rows = rows.only(*self.listing.row_fields)
        load, filtered = (rows, filtered) if covered else (None, rows)
        page = keyset_page(filtered, self.sort, after=self.after, before=self.before, size=size, total=total, load=load)
        return replace(page, rows=build_rows(page.rows)) if build_rows else page

    def stored_counts(self, without: str | None) -> dict[str, int] | None:
        """How many matches (with every chosen facet but `without`) carry each key, "*" how many there are.

        Read from the listing's stored counts, which answer with up to two facets chosen: every key alone, or
        summed over the chosen values with each other key, or over the pairs of the two facets' values with
        each third key. Values of a one-valued facet never meet, so the sums are exact; several values of a
        many-valued facet may (an initiative with both themes), and words are not counted: None then, and
        the caller counts the matches themselves.
        """
        if without not in self._stored_counts_by_without:
            self._stored_counts_by_without[without] = self._read_stored_counts(without)
        return self._stored_counts_by_without[without]

    def _read_stored_counts(self, without: str | None) -> dict[str, int] | None:
        groups = self._countable_keys(without)
        if groups is None or len(groups) > 2:
            return None
        if not all(groups):
            return {}  # only unknown or unpublished values chosen: nothing matches
        stored = self.listing.stored_counts.objects.filter(total__gt=0)
        if not groups:
            return dict(stored.filter(other="", third="").values_list("key", "total"))
        if len(groups) == 1:
            rows, other = stored.filter(key__in=groups[0], third=""), "other"
        else:
            # Pairs are kept in both orders, with a third key in one: the lesser first.
            pairs = Q(key__in=groups[0], other__in=groups[1]) | Q(key__in=groups[1], other__in=groups[0])
            rows, other = stored.filter(pairs).exclude(Q(third="") & Q(key__in=groups[1])), "third"
        sums = rows.values(other).annotate(sum=Sum("total")).order_by().values_list(other, "sum")
        return {key or "*": total for key, total in sums}

    def _countable_keys(self, without: str | None) -> list[list[str]] | None:
        """The stored keys of each chosen facet but `without`, when sums of stored counts are exact for them.

        None when the listing keeps no counts, words are searched, or a many-valued facet has several
        values chosen (an initiative with both themes would be counted twice).
        """
        if self.listing.stored_counts is None or self.text:
            return None
        if self.as_of and any(key in self.selected and key != without for key in self.listing.as_of_facets):
            return None  # the stored keys hold today's values
        groups = []
        for facet in self.listing.facets:
            if facet.key in self.selected and facet.key != without:
                keys = self._selected_keys[facet.key]
                if facet.many and len(keys) > 1:
                    return None
                groups.append(keys)
        return groups

    @cached_property
    def _stored_counts_by_without(self) -> dict[str | None, dict[str, int] | None]:
        return {}

    @cached_property
    def _facet_counter(self) -> FacetCounter:
        return FacetCounter(
            model=self.listing.model,
            filtered=self.filtered,
            selected=self.selected,
            stored_keys=self.listing.stored_keys,
            stored_counts=self.stored_counts,
        )

    def facet_counts(self) -> list[FacetCounts]:
        """Each facet's values with how many matches each would give."""
        return [self.count_facet(facet) for facet in self.listing.facets]

    def count_facet(self, facet: Facet) -> FacetCounts:
        """One facet's values and counts: exact up to FACET_SAMPLE matching rows, lower bounds past it."""
        if self.as_of and facet.key in self.listing.as_of_facets:
            return self._count_as_of(facet)
        return self._facet_counter.count(facet)

    def _count_as_of(self, facet: Facet) -> FacetCounts:
        """A facet's values on the `as_of` date, counted over the first FACET_SAMPLE matches (one query)."""
        annotated = self.listing.as_of_facets[facet.key](self.filtered(without=facet.key), self.as_of)
        sample = list(annotated.order_by().values_list(f"{facet.key}_as_of", flat=True)[:FACET_SAMPLE])
        counts = Counter(value for value in sample if value is not None)
        chosen = set(self.selected.get(facet.key, []))
        values = [
            FacetValue(value, str((facet.choices or {}).get(value, value)), count, value in chosen)
            for value, count in counts.items()
        ]
        values.sort(key=lambda item: (not item.is_selected, -item.count, item.label))
        return FacetCounts(facet=facet, values=values, is_lower_bound=len(sample) >= FACET_SAMPLE)
