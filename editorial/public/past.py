"""A public shape written from records as they were published at a moment, not as they are.

The plan's readers write the same fields as today's: those that read only their row's columns get a row
built from the past revision (references resolved to what was public at the moment); those that read lists
(aliases, links, citations) have a past reader here, or in the app that declares them (`past_reader`). Each
kind a page refers to costs one query, whatever the page's length.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from editorial.models import CuratedRecord
from editorial.public import readers, resources
from editorial.public.context import Context
from editorial.public.plan import Plan
from editorial.public.published_at import PastRecord, list_records_at

PastFetch = Callable[[Any, list[PastRecord], datetime.datetime, Context], dict[int, Any]]
_past_readers: dict[type, PastFetch] = {}


class PastUnsupported(Exception):
    """A field of this shape cannot be read as it was published: the answer would not be what was public."""


def past_reader(reader_class: type) -> Callable[[PastFetch], PastFetch]:
    """Register how `reader_class` reads its value for past records: {record pk: value}."""

    def register(fetch: PastFetch) -> PastFetch:
        _past_readers[reader_class] = fetch
        return fetch

    return register


def _fetcher(reader: readers.Reader) -> PastFetch | None:
    for cls in type(reader).__mro__:
        if cls in _past_readers:
            return _past_readers[cls]
    if isinstance(reader, readers.ListReader | readers.ReverseRows | readers.GenericRef):
        raise PastUnsupported(f"“{reader.key}” cannot be read as it was published at a past moment.")
    return None


def check(plan: Plan) -> None:
    """Refuse a shape with a field that has no past reading, before any query."""
    for reader in plan.readers:
        _fetcher(reader)


def related_at(model: type[models.Model] | None, pks, at: datetime.datetime) -> dict[int, Any]:
    """Related rows by primary key: curated records as public at `at`, reference data as it is."""
    pks = {pk for pk in pks if pk is not None}
    if model is None or not pks:
        return {}
    if issubclass(model, CuratedRecord):
        return list_records_at(model, at, pks)
    return model._default_manager.in_bulk(pks)


def label_of(resource: resources.Resource, record: PastRecord) -> Any:
    return record.value(resource.model, resource.label)


class _Row:
    """The plan's columns for one past record, the related rows' columns looked up in `related`."""

    def __init__(self, plan: Plan, related: dict[str, dict[int, Any]]):
        self.model = plan.resource.model
        self.plan, self.related = plan, related

    def value(self, record: PastRecord, column: str) -> Any:
        name, _, rest = column.partition("__")
        if not rest:
            return record.value(self.model, name)
        field = self.model._meta.get_field(name)
        target = self.related[name].get(record.value(self.model, name))
        if target is None:
            return None
        if isinstance(target, PastRecord) and field.related_model is not None:
            return target.value(field.related_model, rest)
        for part in rest.split("__"):
            target = getattr(target, part)
        return target

    def build(self, record: PastRecord, skip: set[int]) -> tuple:
        return tuple(None if at in skip else self.value(record, column) for at, column in enumerate(self.plan.columns))


def complete_at(plan: Plan, records: list[PastRecord], at: datetime.datetime, ctx: Context) -> list[dict]:
    """Dicts of the plan's shape for `records` as published at `at`: related rows fetched once for all of them."""
    if not records:
        return []
    model = plan.resource.model
    fetched: dict[int, dict[int, Any]] = {}
    skip: set[int] = set()
    for number, reader in enumerate(plan.readers):
        fetch = _fetcher(reader)
        if fetch is not None:
            fetched[number] = fetch(reader, records, at, ctx)
            skip.update(range(reader.at, reader.at + len(reader.columns)))
    foreign = {column.partition("__")[0] for column in plan.columns if "__" in column}
    related = {}
    for name in sorted(foreign - {""}):
        field = model._meta.get_field(name)
        related[name] = related_at(field.related_model, {record.value(model, name) for record in records}, at)
    row = _Row(plan, related)
    return [
        {
            reader.key: _read(reader, fetched[number], record) if number in fetched else reader.read(built, None, ctx)
            for number, reader in enumerate(plan.readers)
        }
        for record, built in ((record, row.build(record, skip)) for record in records)
    ]


def _read(reader: readers.Reader, fetched: dict[int, Any], record: PastRecord) -> Any:
    empty: list | None = [] if isinstance(reader, readers.ListReader | readers.ReverseRows) else None
    return fetched.get(record.pk, empty)


@past_reader(readers.ManyRef)
def _links(reader, records, at, ctx):
    field = reader.plan.resource.model._meta.get_field(reader.column)
    target = reader.target
    linked = related_at(target.model, {pk for record in records for pk in record.data["m2m"].get(field.name, [])}, at)
    by_record = {}
    for record in records:
        items = [linked[pk] for pk in record.data["m2m"].get(field.name, []) if pk in linked]
        if isinstance(target.label, str):
            items.sort(key=lambda item: (str(_label(target, item) or ""), item.pk))
        by_record[record.pk] = [readers.ref(ctx, target.name, item.uuid, _label(target, item)) for item in items]
    return by_record


def _label(target: resources.Resource, item: Any) -> Any:
    if isinstance(item, PastRecord):
        return label_of(target, item)
    return getattr(item, target.label)


def _children(name: str, keys: tuple[str, ...], ordering: tuple[str, ...]) -> PastFetch:
    def fetch(reader, records, at, ctx):
        return {
            record.pk: [
                {key: row.get(key, "") for key in keys}
                for row in sorted(
                    record.data["children"].get(name, []), key=lambda row: [str(row.get(o) or "") for o in ordering]
                )
            ]
            for record in records
        }

    return fetch


past_reader(readers.Aliases)(_children("aliases", ("name", "kind", "language"), ("name",)))
past_reader(readers.Identifiers)(_children("identifiers", ("scheme", "value", "url"), ("scheme", "value")))


@past_reader(readers.GenericRef)
def _targets(reader, records, at, ctx):
    """The record each past record points at (a citation's), as public at `at`: one query per kind it names."""
    wanted: dict[int, set[int]] = {}
    for record in records:
        content_type, object_id = record.data["fields"].get("content_type"), record.data["fields"].get("object_id")
        if content_type is not None and object_id is not None:
            wanted.setdefault(content_type, set()).add(object_id)
    found: dict[tuple[int, int], tuple[resources.Resource, PastRecord]] = {}
    for content_type_id, pks in wanted.items():
        kind = ContentType.objects.get_for_id(content_type_id).model_class()
        resource = resources.for_model(kind) if kind is not None else None
        if resource is None or not resource.is_curated:
            continue
        for pk, target in related_at(resource.model, pks, at).items():
            found[(content_type_id, pk)] = (resource, target)
    by_record = {}
    for record in records:
        fields = record.data["fields"]
        hit = found.get((fields.get("content_type"), fields.get("object_id")))
        by_record[record.pk] = None if hit is None else readers.generic_ref(ctx, hit[0], hit[1].uuid, label_of(*hit))
    return by_record
