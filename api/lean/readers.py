"""Readers: how one output field is read from a `values_list()` row, with what it fetches per page.

A reader names the columns it needs from the main query, may run a fixed number of queries for
the whole page (`fetch`), and builds its value for one row (`read`). `csv_columns`/`csv_cells`
flatten its value into CSV cells.
"""

import string
from decimal import Decimal
from typing import Any

import orjson
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import BooleanField, Case, CharField, OuterRef, Subquery, UUIDField, When
from django.db.models.expressions import RawSQL

from api import resources
from api.lean.context import Context
from editorial.dates import DatePrecision


class Reader:
    columns: tuple[str, ...] = ()

    def __init__(self, key: str):
        self.key = key
        self.at = 0  # index of this reader's first column in the row, set by the plan
        self.plan = None
        self.annotations: dict[str, Any] = {}

    def bind(self, plan) -> None:
        self.plan = plan

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

    def read(self, row, fetched, ctx):
        path = self.plan.resource.web_path
        if path is None:
            return None
        values = dict(zip(self.columns, row[self.at : self.at + len(self.columns)], strict=True))
        return ctx.site_base + path.format(**values)


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
        from api.lean.plan import plan_for

        target = self.target
        return plan_for(target.viewset.serializer_class, target).rows_for(ids, ctx.nested())

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


class ManyRef(RefReader):
    """A many-to-many relation, read from its through table in one query for the page."""

    def fetch(self, rows, ctx):
        field = self.plan.resource.model._meta.get_field(self.column)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        label = self.target.label
        links = (
            where_in(through.objects.all(), source, [row[0] for row in rows])
            .filter(**({f"{target}__editorial_status": "published"} if self.target.is_curated else {}))
            .order_by(f"{target}__{label}", target)
            .values_list(source, target, f"{target}__uuid", f"{target}__{label}")
        )
        by_row: dict[int, list] = {}
        if self.key in ctx.expand:
            links = list(links)
            embedded = self.expanded({link[1] for link in links}, ctx) if links else {}
            for owner, target_pk, _uuid, _name in links:
                if target_pk in embedded:
                    by_row.setdefault(owner, []).append(embedded[target_pk])
            return by_row
        for owner, _target_pk, uuid, name in links:
            by_row.setdefault(owner, []).append(ref(ctx, self.resource_name, uuid, name))
        return by_row

    def read(self, row, fetched, ctx):
        return fetched.get(row[0], [])

    def csv_columns(self):
        return [f"{self.key}_ids"]

    def csv_cells(self, value):
        return [" ".join(str(item["id"]) for item in value)]


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
        target = resource.model.objects.published().filter(pk=OuterRef(object_id))
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

    @annotations.setter
    def annotations(self, value):
        """Reader.__init__ sets an empty dict; this reader computes its own when the plan first reads it."""

    def fetch(self, rows, ctx):
        return kinds_by_content_type()

    def read(self, row, fetched, ctx):
        return generic_ref(ctx, fetched.get(row[self.at]), row[self.at + 1], row[self.at + 2])

    def csv_columns(self):
        return [f"{self.key}_kind", f"{self.key}_id", f"{self.key}_name"]

    def csv_cells(self, value):
        return [None, None, None] if value is None else [value["kind"], value["id"], value["name"]]


class Citations(Reader):
    """The record's published sources, compact, one query for the page."""

    def fetch(self, rows, ctx):
        from articles.models import Citation

        content_type = ContentType.objects.get_for_model(self.plan.resource.model)
        citations = (
            where_in(Citation.objects.published(), "object_id", [row[0] for row in rows])
            .filter(content_type=content_type)
            .order_by("object_id", "field", "start", "pk")
            .values_list(
                "object_id",
                "uuid",
                "field",
                "article__uuid",
                "article__title",
                "passage",
                "start",
                "end",
                "url",
                "source_title",
                "accessed_date",
            )
        )
        by_row: dict[int, list] = {}
        for owner, uuid, field, article, title, passage, start, end, url, source_title, accessed in citations:
            by_row.setdefault(owner, []).append(
                {
                    "id": uuid,
                    "url": ctx.api_url("citations", uuid),
                    "field": field,
                    "article": None if article is None else ref(ctx, "articles", article, title),
                    "passage": passage,
                    "start": start,
                    "end": end,
                    "source_url": url,
                    "source_title": source_title,
                    "accessed_date": accessed,
                }
            )
        return by_row

    def read(self, row, fetched, ctx):
        return fetched.get(row[0], [])

    def csv_columns(self):
        return ["citation_ids"]

    def csv_cells(self, value):
        return [" ".join(str(item["id"]) for item in value)]


class Aliases(Reader):
    """Other names of the record (editorial.AliasBase rows), one query for the page."""

    def fetch(self, rows, ctx):
        alias_model = self.plan.resource.model.aliases.rel.related_model
        by_row: dict[int, list] = {}
        aliases = where_in(alias_model.objects.all(), "record", [row[0] for row in rows]).order_by("record_id", "name")
        for owner, name, kind, language in aliases.values_list("record_id", "name", "kind", "language"):
            by_row.setdefault(owner, []).append({"name": name, "kind": kind, "language": language})
        return by_row

    def read(self, row, fetched, ctx):
        return fetched.get(row[0], [])

    def csv_cells(self, value):
        return ["; ".join(alias["name"] for alias in value)]


def where_in(queryset, column: str, ids: list[int]):
    """`column IN ids`, as one array parameter on PostgreSQL (`= ANY`): a page's hundred ids bind as one value."""
    if connections[queryset.db].vendor == "postgresql":
        model = queryset.model
        field = model._meta.get_field(column)
        sql = f'"{model._meta.db_table}"."{field.column}" = ANY(%s)'
        return queryset.filter(RawSQL(sql, (list(ids),), output_field=BooleanField()))
    return queryset.filter(**{f"{column}__in": ids})
