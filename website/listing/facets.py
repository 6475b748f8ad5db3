"""Facets: ways to narrow a list that combine, each with how many rows it would leave.

Each facet groups at most FACET_SAMPLE matching rows, so its counts are exact below that and true
lower bounds ("1,000+") above it.

Every listing keeps its facets' values on each row (`stored_keys`: a JSON object such as
{"status:launched": true, "theme:12": true}, declared beside the model and kept by the database's
triggers: editorial.derived.keys; indexed with GIN on PostgreSQL where a kind has many rows). Combining
facets then intersects index entries instead of joining tables, and one GROUP BY over the keys
counts every facet that shares the same filters, as a search engine's facets do. Related records are
keyed by primary key, so a renamed theme keeps its rows; names, slugs and whether the related record
is live are read at query time. A listing that also keeps counts of those keys (`stored_counts`) reads
exact counts from them where they can answer (see ListRequest.stored_counts), and samples elsewhere.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Model, QuerySet

from website.listing.paging import BadListRequest

FACET_SAMPLE = 1_000  # rows a facet groups: past it, counts are lower bounds and cost no more
MAX_FACET_VALUES = 50  # per facet, most frequent first: a facet is a shortcut, not an index


@dataclass(frozen=True)
class Facet:
    """One way to narrow a list, read from and written to the URL as `key=value` (repeatable)."""

    key: str
    label: str
    lookup: str  # what is filtered and grouped on, e.g. "jurisdiction__slug" or "announced_date__year"
    label_lookup: str | None = None  # the value's name, e.g. "jurisdiction__name"; None: `choices` or the value
    choices: Mapping[str, str] | None = None
    # Conditions that keep unpublished records out of the facet. Those on the related record itself are read
    # when the list is shown (a theme unpublished since leaves the facet); those on the records between (a
    # person's memberships and posts) are the stored keys' own (editorial.derived.keys).
    live: Mapping[str, object] = field(default_factory=dict)
    many: bool = False  # a row may carry several of its values (themes): their counts do not add up
    integer: bool = False

    def parse(self, values: list[str]) -> list:
        if not self.integer:
            return values
        try:
            return [int(value) for value in values]
        except ValueError:
            raise BadListRequest(f"{self.label}: {values!r} is not a list of whole numbers.") from None

    def relation(self, model: type[Model]) -> tuple[str, type[Model]] | None:
        """(path, related model) when the facet's values belong to a related record (the lookup but its last
        part: `themes`, `memberships__post__organization`), else None. Its stored key holds that record's pk."""
        path, _, _ = self.lookup.rpartition("__")
        related: type[Model] | None = model if path else None
        for name in path.split("__") if path else []:
            model_field = related._meta.get_field(name) if related else None
            if model_field is None or not model_field.is_relation:
                return None
            related = model_field.related_model  # type: ignore[assignment]
        return (path, related) if related is not None else None

    def stored_key(self, value) -> str:
        """The stored key of one value: `<facet>:<value>`, a related record's primary key for related values."""
        return f"{self.key_prefix}{value}"

    @property
    def key_prefix(self) -> str:
        return f"{self.key}:"

    @property
    def path(self) -> str:
        return self.lookup.rpartition("__")[0]

    def related_lookup(self, lookup: str) -> str:
        """`themes__name` seen from the related model: `name`."""
        return lookup.removeprefix(f"{self.path}__")

    def live_on_related(self) -> dict:
        """The conditions on the related record itself."""
        return {
            self.related_lookup(lookup): value
            for lookup, value in self.live.items()
            if lookup.startswith(f"{self.path}__")
        }


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


def selected_keys(model: type[Model], facets: Iterable[Facet], selected: dict[str, list]) -> dict[str, list[str]]:
    """The stored keys each chosen facet matches; a related record's slug is looked up (live only)."""
    keys = {}
    for facet in facets:
        values = selected.get(facet.key)
        if not values:
            continue
        relation = facet.relation(model)
        if relation:
            lookup = {f"{facet.related_lookup(facet.lookup)}__in": values, **facet.live_on_related()}
            values = relation[1]._default_manager.filter(**lookup).values_list("pk", flat=True)
        keys[facet.key] = [facet.stored_key(value) for value in values]
    return keys


class FacetCounter:
    """Counts a list request's facets, each with every other chosen facet applied.

    `filtered(without=key)` is the request's queryset with every choice but that facet's.
    """

    def __init__(
        self,
        *,
        model: type[Model],
        filtered: Callable[..., QuerySet],
        selected: dict,
        stored_keys: str,
        stored_counts: Callable[[str | None], dict[str, int] | None] = lambda without: None,
    ):
        self.model, self.filtered, self.selected, self.stored_keys = model, filtered, selected, stored_keys
        self.stored_counts = stored_counts  # exact counts of every key for a `without`, or None: sample instead
        self._key_counts_by_without: dict[str | None, tuple[dict[str, int], int]] = {}

    def count(self, facet: Facet) -> FacetCounts:
        """One facet's values and counts: exact up to FACET_SAMPLE matching rows, lower bounds past it."""
        groups, sampled = self._count_stored(facet)
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
        relation = facet.relation(self.model)
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
        """How many of the matches (with every facet but `without`) carry each key, and how many were sampled.

        Exact from the stored counts when they can answer; else over the first FACET_SAMPLE matches.
        """
        if without in self._key_counts_by_without:
            return self._key_counts_by_without[without]
        exact = self.stored_counts(without)
        counts, sampled = exact or {}, 0
        queryset = self.filtered(without=without) if exact is None else None
        if queryset is not None and not queryset.query.is_empty():
            sample = queryset.order_by().values(self.stored_keys)[:FACET_SAMPLE]
            sql, params = sample.query.sql_with_params()
            column = f"sample.{connection.ops.quote_name(self.stored_keys)}"
            if connection.vendor == "postgresql":
                # The set-returning function in the select list streams each row's keys; joined LATERAL, it
                # fills a tuplestore per row: 3.2 ms against 2.5 over a full sample (PostgreSQL 15).
                keys = f"SELECT key, COUNT(*) FROM (SELECT jsonb_object_keys({column}) AS key FROM sample) keys"
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
        self._key_counts_by_without[without] = counts, sampled
        return counts, sampled
