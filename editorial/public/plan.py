"""A serializer compiled into columns and readers: the list path's only per-row work is building dicts."""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import QuerySet
from rest_framework import serializers

from editorial.public import readers, resources
from editorial.public.context import Context
from editorial.public.fields import LeanField, column


def _plain_reader(key: str, field: serializers.Field) -> readers.Reader:
    if isinstance(field, serializers.DecimalField):
        return readers.DecimalColumn(key, column(field.source))
    return readers.Column(key, column(field.source))


class Plan:
    def __init__(self, serializer_class: type[serializers.Serializer], resource: resources.Resource):
        self.resource = resource
        # PostgreSQL aggregates the lists a row carries into the row itself (editorial.public.folded).
        self.folds = connections[router.db_for_read(resource.model)].vendor == "postgresql"
        self.readers: list[readers.Reader] = []
        columns = ["pk"]
        for key, field in serializer_class().fields.items():
            reader = field.reader(key) if isinstance(field, LeanField) else _plain_reader(key, field)
            reader.bind(self)
            reader.at = len(columns)
            columns += reader.columns
            self.readers.append(reader)
        self.columns = columns
        self._querysets: dict[tuple, QuerySet] = {}
        self.expandable = sorted(reader.key for reader in self.readers if isinstance(reader, readers.RefReader))

    def queryset(self, extra: tuple[str, ...] = ()) -> QuerySet:
        """Published records as rows of the plan's columns, then `extra` (what a cursor needs): filter, order, slice it.

        Resolving three dozen columns and their joins costs more than reading a page's rows, so the
        queryset is built once per plan (and `extra`); each call returns a fresh, unevaluated copy.
        """
        # Some annotations compile content type ids in: a flush or a restore (import_data --replace) numbers them
        # anew, and ContentType's own cache, cleared then, gives the ids of today (a dict lookup per kind).
        key = (extra, *(ContentType.objects.get_for_model(resource.model).pk for resource in resources.curated()))
        template = self._querysets.get(key)
        if template is None:
            # Built on first use, not with the plan: some annotations read content types, and schema
            # generation (a deploy check) builds plans before the database has tables.
            annotations = {name: value for reader in self.readers for name, value in reader.annotations.items()}
            template = self.resource.public_queryset().annotate(**annotations)
            template = self._querysets[key] = template.values_list(*self.columns, *extra)
        return template.all()

    def complete(self, rows: list[tuple], ctx: Context) -> list[dict]:
        """Dicts for `rows`, with each reader's related rows fetched once for all of them."""
        if not rows:
            return []
        fields = [(reader.key, reader.read, reader.fetch(rows, ctx)) for reader in self.readers]
        return [{key: read(row, fetched, ctx) for key, read, fetched in fields} for row in rows]

    def rows_for(self, ids: set[int], ctx: Context) -> dict[int, dict]:
        """Published records by primary key, as dicts: what an expansion embeds."""
        rows = list(self.queryset().filter(pk__in=ids))
        return {row[0]: built for row, built in zip(rows, self.complete(rows, ctx), strict=True)}

    def of(self, resource: resources.Resource) -> "Plan":
        """Another kind's plan (what an expansion embeds), compiled once as every plan is."""
        return plan_for(resource.shape, resource)

    def csv_header(self) -> list[str]:
        return [name for reader in self.readers for name in reader.csv_columns()]

    def csv_cells(self, record: dict) -> list:
        return [cell for reader in self.readers for cell in reader.csv_cells(record[reader.key])]


@cache
def plan_for(serializer_class: type[serializers.Serializer], resource: resources.Resource) -> Plan:
    """The compiled plan of a serializer (compiled once per process)."""
    return Plan(serializer_class, resource)
