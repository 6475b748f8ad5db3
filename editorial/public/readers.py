"""Readers: how one output field is read from a `values_list()` row, with what it fetches per page.

A reader names the columns it needs from the main query (and the annotations that compute some of
them), may run a fixed number of queries for the whole page (`fetch`), and builds its value for one
row (`read`). `csv_columns`/`csv_cells` flatten its value into CSV cells.
"""

import string
from decimal import Decimal
from typing import Any

import orjson
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, OuterRef, QuerySet, Subquery, UUIDField, When

from editorial.dates import DatePrecision
from editorial.models import ExternalIdentifier
from editorial.public import resources
from editorial.public.context import Context
from editorial.public.folded import JSONRows


class Reader:
    columns: tuple[str, ...] = ()

    def __init__(self, key: str):
        self.key = key
        self.at = 0  # index of this reader's first column in the row, set by the plan
        self.plan: Any = None

    def bind(self, plan) -> None:
        self.plan = plan

    @property
    def annotations(self) -> dict[str, Any]:
        """Expressions the main query annotates, by name, for this reader's columns."""
        return {}

    def fetch(self, rows: list[tuple], ctx: Context) -> Any:
        return None

    def read(self, row: tuple, fetched: Any, ctx: Context) -> Any:
        return row[self.at]

    def csv_columns(self) -> list[str]:
        return [self.key]

    def csv_cells(self, value: Any) -> list[Any]:
        if isinstance(value, list | dict):
            return [orjson.dumps(value, option=orjson.OPT_UTC_Z).decode()]
        return [value]


class Column(Reader):
    def __init__(self, key: str, column: str):
        super().__init__(key)
        self.columns = (column,)


class DecimalColumn(Column):
    """Amounts as strings, as DRF writes them: a float would lose cents on large budgets."""

    def read(self, row, fetched, ctx):
        value = row[self.at]
        return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


class SelfUrl(Reader):
    columns = ("uuid",)

    def read(self, row, fetched, ctx):
        return ctx.api_url(self.plan.resource.name, row[self.at])


class WebUrl(Reader):
    """The record's page on the website: its resource's `web_path` filled with the row's slug or pk."""

    def bind(self, plan):
        super().bind(plan)
        path = plan.resource.web_path
        self.columns = tuple(name for _, name, _, _ in string.Formatter().parse(path or "") if name)
        # "/initiatives/{slug}/" -> "/initiatives/{0}/": filled by position from the row's columns.
        positions = {name: f"{{{n}}}" for n, name in enumerate(self.columns)}
        self.path = None if path is None else path.format(**positions)

    def read(self, row, fetched, ctx):
        if self.path is None:
            return None
        return ctx.site_base + self.path.format(*row[self.at : self.at + len(self.columns)])


def partial_date(value, precision: str | None) -> str | None:
    """The date at its precision, in ISO 8601's reduced forms: "2024", "2024-10", "2024-10-22"."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class PartialDateReader(Reader):
    def __init__(self, key: str, column: str):
        super().__init__(key)
        self.columns = (column, f"{column}_precision")

    def read(self, row, fetched, ctx):
        value = row[self.at]
        if value is None:
            return None
        precision = row[self.at + 1]
        return {"date": partial_date(value, precision), "precision": precision}

    def csv_columns(self):
        return [self.key, f"{self.key}_precision"]

    def csv_cells(self, value):
        return [None, None] if value is None else [value["date"], value["precision"]]


class JurisdictionReader(Reader):
    def __init__(self, key: str, column: str):
        super().__init__(key)
        self.columns = (f"{column}__slug", f"{column}__code", f"{column}__name")

    def read(self, row, fetched, ctx):
        slug = row[self.at]
        if slug is None:
            return None
        return {"slug": slug, "code": row[self.at + 1], "name": row[self.at + 2]}

    def csv_columns(self):
        return [f"{self.key}_code", f"{self.key}_name"]

    def csv_cells(self, value):
        return [None, None] if value is None else [value["code"] or value["slug"], value["name"]]


def ref(ctx: Context, resource_name: str, uuid, name) -> dict:
    return {"id": uuid, "name": name, "url": ctx.api_url(resource_name, uuid)}


class ListReader(Reader):
    """A list every row carries (aliases, references, citations), read for the whole page at once.

    On SQLite with one query for the page; on PostgreSQL folded into the main query as a JSON column
    (editorial.public.folded), so that the list costs no query of its own.
    """

    def bind(self, plan):
        super().bind(plan)
        if plan.folds:
            self.columns = (f"_{self.key}_rows",)

    def source(self) -> tuple[QuerySet, str, tuple[str, ...], tuple[str, ...]]:
        """The items' rows, the column naming the record they belong to, the values read of each, their order."""
        raise NotImplementedError

    @property
    def annotations(self):
        return {self.columns[0]: JSONRows(*self.source())} if self.plan.folds else {}

    def items(self, rows: list[tuple]) -> dict[int, list]:
        """Each row's items, by its primary key: a sequence of the source's values per item, in order."""
        if self.plan.folds:
            return {row[0]: orjson.loads(row[self.at]) for row in rows}
        queryset, owner, values, ordering = self.source()
        by_row: dict[int, list] = {}
        owned = queryset.filter(**{f"{owner}__in": [row[0] for row in rows]}).order_by(*ordering)
        for owner_pk, *item in owned.values_list(owner, *values):
            by_row.setdefault(owner_pk, []).append(item)
        return by_row

    def read(self, row, fetched, ctx):
        return fetched.get(row[0], [])


class RefReader(Reader):
    """A related record: a compact reference {id, name, url}, or the whole record when expanded."""

    def __init__(self, key: str, column: str, resource: str):
        super().__init__(key)
        self.column = column
        self.resource_name = resource

    @property
    def target(self) -> resources.Resource:
        return resources.get(self.resource_name)

    def expanded(self, ids: set[int], ctx: Context) -> dict[int, dict]:
        return self.plan.of(self.target).rows_for(ids, ctx.nested())

    def csv_columns(self):
        return [f"{self.key}_id", f"{self.key}_name"]

    def csv_cells(self, value):
        return [None, None] if value is None else [value["id"], value.get("name")]


class ForeignRef(RefReader):
    def bind(self, plan):
        super().bind(plan)
        target = self.target
        status = (f"{self.column}__editorial_status",) if target.is_curated else ()
        self.columns = (self.column, f"{self.column}__uuid", f"{self.column}__{target.label}", *status)

    def fetch(self, rows, ctx):
        if self.key not in ctx.expand:
            return None
        ids = {row[self.at] for row in rows if row[self.at] is not None}
        return self.expanded(ids, ctx) if ids else {}

    def read(self, row, fetched, ctx):
        pk = row[self.at]
        if pk is None:
            return None
        if fetched is not None:
            return fetched.get(pk)
        # Only what a reviewer published: an unpublished related record is not there at all.
        if len(self.columns) == 4 and row[self.at + 3] != "published":
            return None
        return ref(ctx, self.resource_name, row[self.at + 1], row[self.at + 2])


class ManyRef(ListReader, RefReader):
    """A many-to-many relation, read from its through table."""

    def source(self):
        field = self.plan.resource.model._meta.get_field(self.column)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = field.remote_field.through.objects.all()
        if self.target.is_curated:
            links = links.filter(**{f"{target}__editorial_status": "published"})
        label = f"{target}__{self.target.label}"
        return links, source, (target, f"{target}__uuid", label), (label, target)

    def fetch(self, rows, ctx):
        links = self.items(rows)
        if self.key in ctx.expand:
            ids = {target_pk for items in links.values() for target_pk, _uuid, _name in items}
            embedded = self.expanded(ids, ctx) if ids else {}
            return {
                owner: [embedded[target_pk] for target_pk, _uuid, _name in items if target_pk in embedded]
                for owner, items in links.items()
            }
        return {
            owner: [ref(ctx, self.resource_name, uuid, name) for _target_pk, uuid, name in items]
            for owner, items in links.items()
        }

    def csv_columns(self):
        return [f"{self.key}_ids", f"{self.key}_names"]

    def csv_cells(self, value):
        # Names too, as a one-to-one reference gives its name: a spreadsheet reads "Energy; Water", not UUIDs.
        return [" ".join(str(item["id"]) for item in value), "; ".join(str(item.get("name")) for item in value)]


class ReverseRows(Reader):
    """Rows another table keeps for each record (aliases, amounts), one query for the page."""

    def __init__(self, key: str, fetch_rows):
        super().__init__(key)
        self.fetch_rows = fetch_rows  # (pks, ctx) -> {pk: [dict, ...]}

    def fetch(self, rows, ctx):
        return self.fetch_rows([row[0] for row in rows], ctx)

    def read(self, row, fetched, ctx):
        return fetched.get(row[0], [])


def target_annotations(content_type: str, object_id: str) -> dict[str, Any]:
    """The UUID, label and kind of a generic relation's target, when published: correlated subqueries, one query."""
    uuids, labels = [], []
    for resource in resources.curated():
        content_type_id = ContentType.objects.get_for_model(resource.model).pk
        target = resource.public_queryset().filter(pk=OuterRef(object_id))
        if isinstance(resource.label, str):
            labelled = target.values(resource.label)
        else:
            labelled = target.annotate(_label=resource.label).values("_label")
        uuids.append(When(**{content_type: content_type_id}, then=Subquery(target.values("uuid")[:1])))
        labels.append(When(**{content_type: content_type_id}, then=Subquery(labelled[:1])))
    return {
        "_target_uuid": Case(*uuids, output_field=UUIDField()),
        "_target_label": Case(*labels, output_field=CharField()),
    }


def kinds_by_content_type() -> dict[int, resources.Resource]:
    return {ContentType.objects.get_for_model(resource.model).pk: resource for resource in resources.curated()}


def generic_ref(ctx: Context, resource: resources.Resource | None, uuid, label) -> dict | None:
    if resource is None or uuid is None:
        return None
    return {"kind": resource.kind, **ref(ctx, resource.name, uuid, label)}


class GenericRef(Reader):
    """The record a citation supports, of any kind: {kind, id, name, url}."""

    columns = ("content_type_id", "_target_uuid", "_target_label")

    @property
    def annotations(self):
        return target_annotations("content_type_id", "object_id")

    def fetch(self, rows, ctx):
        return kinds_by_content_type()

    def read(self, row, fetched, ctx):
        return generic_ref(ctx, fetched.get(row[self.at]), row[self.at + 1], row[self.at + 2])

    def csv_columns(self):
        return [f"{self.key}_kind", f"{self.key}_id", f"{self.key}_name"]

    def csv_cells(self, value):
        return [None, None, None] if value is None else [value["kind"], value["id"], value["name"]]


class Aliases(ListReader):
    """Other names of the record (editorial.AliasBase rows)."""

    def source(self):
        alias_model = self.plan.resource.model.aliases.rel.related_model
        return alias_model.objects.all(), "record", ("name", "kind", "language"), ("name",)

    def fetch(self, rows, ctx):
        return {
            owner: [{"name": name, "kind": kind, "language": language} for name, kind, language in items]
            for owner, items in self.items(rows).items()
        }

    def csv_cells(self, value):
        return ["; ".join(alias["name"] for alias in value)]


class Identifiers(ListReader):
    """The record's identifiers in other systems (editorial.ExternalIdentifier rows): Wikidata, ISO codes..."""

    def source(self):
        content_type = ContentType.objects.get_for_model(self.plan.resource.model)
        rows = ExternalIdentifier.objects.filter(content_type=content_type)
        return rows, "object_id", ("scheme", "value", "url"), ("scheme", "value")

    def fetch(self, rows, ctx):
        return {
            owner: [{"scheme": scheme, "value": value, "url": url} for scheme, value, url in items]
            for owner, items in self.items(rows).items()
        }

    def csv_cells(self, value):
        return ["; ".join(f"{identifier['scheme']}:{identifier['value']}" for identifier in value)]
