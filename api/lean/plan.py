"""A serializer compiled into columns and readers: the list path's only per-row work is building dicts."""

from functools import cache, cached_property

from django.db.models import QuerySet
from rest_framework import serializers

from api import resources
from api.lean import readers
from api.lean.context import Context
from api.lean.fields import LeanField, column


def _plain_reader(key: str, field: serializers.Field) -> readers.Reader:
    if isinstance(field, serializers.DecimalField):
        return readers.DecimalColumn(key, column(field.source))
    return readers.Column(key, column(field.source))


class Plan:
    def __init__(self, serializer_class: type[serializers.Serializer], resource: resources.Resource):
        self.resource = resource
        self.readers: list[readers.Reader] = []
        columns = ["pk"]
        for key, field in serializer_class().fields.items():
            reader = field.reader(key) if isinstance(field, LeanField) else _plain_reader(key, field)
            reader.bind(self)
            reader.at = len(columns)
            columns += reader.columns
            self.readers.append(reader)
        self.columns = columns
        self.expandable = sorted(reader.key for reader in self.readers if isinstance(reader, readers.RefReader))

    @cached_property
    def annotations(self) -> dict:
        # Built on first use, not with the plan: some read content types, and schema generation (a deploy
        # check) builds plans before the database has tables.
        annotations = {}
        for reader in self.readers:
            annotations.update(reader.annotations)
        return annotations

    def fetch(self, queryset: QuerySet, extra: tuple[str, ...] = ()) -> list[tuple]:
        """The rows of the main query: one query, the plan's columns then `extra` (what a cursor needs)."""
        if self.annotations:
            queryset = queryset.annotate(**self.annotations)
        return list(queryset.values_list(*self.columns, *extra))

    def complete(self, rows: list[tuple], ctx: Context) -> list[dict]:
        """Dicts for `rows`, with each reader's related rows fetched once for all of them."""
        if not rows:
            return []
        pairs = [(reader, reader.fetch(rows, ctx)) for reader in self.readers]
        return [{reader.key: reader.read(row, fetched, ctx) for reader, fetched in pairs} for row in rows]

    def rows_for(self, ids: set[int], ctx: Context) -> dict[int, dict]:
        """Published records by primary key, as dicts: what an expansion embeds."""
        rows = self.fetch(self.resource.viewset.public_queryset().filter(pk__in=ids))
        return {row[0]: built for row, built in zip(rows, self.complete(rows, ctx), strict=True)}

    def csv_header(self) -> list[str]:
        return [name for reader in self.readers for name in reader.csv_columns()]

    def csv_cells(self, record: dict) -> list:
        return [cell for reader in self.readers for cell in reader.csv_cells(record[reader.key])]


@cache
def plan_for(serializer_class: type[serializers.Serializer], resource: resources.Resource) -> Plan:
    """The compiled plan of a serializer (compiled once per process)."""
    return Plan(serializer_class, resource)
