"""A curated record as data: taken whole (fields, links, owned rows), written back, compared.

A revision's data is a JSON object:
    {"fields": {name: value}, "m2m": {name: [pk, ...]}, "children": {relation: [{field: value}, ...]}}
Workflow bookkeeping (status, version numbers, timestamps, authors) is not part of it: a revision
is what an editor wrote, not what the workflow did with it.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.fields import GenericRelation
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from editorial.models import CuratedRecord

WORKFLOW_FIELDS = frozenset(
    {
        "id",
        "uuid",
        "editorial_status",
        "published_at",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "version",
        "published_version",
        "pending_revision",
        "last_reviewed_at",
    }
)


def _json(value: Any) -> Any:
    """Dates, decimals and UUIDs as JSON strings, the way Django's serializers write them."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _value(field: models.Field, value: Any) -> Any:
    """A field's value as JSON, written one way whether it came from a form, a loader or the database."""
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        # 200000000000 and 200000000000.00 are one amount: compare revisions by value, not by spelling.
        return str(Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places)))
    return _json(value)


def content_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields an editor writes: everything but identity and workflow bookkeeping."""
    # Fields that are not editable are derived (a copied flag, a search vector): the workflow or a trigger keeps them.
    return [field for field in model._meta.concrete_fields if field.editable and field.name not in WORKFLOW_FIELDS]


def child_relation(model: type[models.Model], name: str):
    """(child model, name of its field that points at the owner) for an owned relation such as `aliases`."""
    field = model._meta.get_field(name)
    if isinstance(field, GenericRelation):
        return field.related_model, None  # content_type/object_id point at the owner
    if not isinstance(field, models.ForeignObjectRel):
        raise TypeError(f"{model.__name__}.{name} is not a relation of rows the record owns.")
    return field.related_model, field.field.name  # a reverse ForeignKey


def child_key_fields(child: type[models.Model]) -> tuple[str, ...]:
    """What identifies an owned row within its owner: an alias by its name, an identifier by scheme and value."""
    return getattr(child, "revision_key", ("name",))


def _child_fields(child: type[models.Model], owner_field: str | None) -> list[models.Field]:
    skip = {"id", owner_field, "content_type", "object_id"}
    return [field for field in child._meta.concrete_fields if field.name not in skip]


def take(record: CuratedRecord, *, m2m: dict[str, list] | None = None, children: dict[str, list] | None = None) -> dict:
    """The record's data as it stands in memory; links and owned rows from the database unless given."""
    data: dict[str, dict[str, Any]] = {"fields": {}, "m2m": {}, "children": {}}
    for field in content_fields(type(record)):
        data["fields"][field.name] = _value(field, field.value_from_object(record))
    for field in record._meta.many_to_many:
        if m2m is not None and field.name in m2m:
            pks = [getattr(item, "pk", item) for item in m2m[field.name]]
        elif record.pk is None:
            pks = []
        else:
            pks = list(getattr(record, field.name).values_list("pk", flat=True))
        data["m2m"][field.name] = sorted(_json(pks))
    for name in record.revision_children:
        child, owner_field = child_relation(type(record), name)
        fields = {field.name: field for field in _child_fields(child, owner_field)}
        if children is not None and name in children:
            rows = children[name]
        elif record.pk is None:
            rows = []
        else:
            rows = [
                {name: field.value_from_object(row) for name, field in fields.items()}
                for row in getattr(record, name).all()
            ]
        rows = [
            {name: _value(fields[name], row.get(name, fields[name].get_default())) for name in fields} for row in rows
        ]
        keys = child_key_fields(child)
        data["children"][name] = sorted(rows, key=lambda row: [str(row.get(key)) for key in keys])
    return data


def working_copy(record: CuratedRecord) -> dict:
    """What an editor edits: a live record's edit waiting for review if it has one, else the record as saved."""
    pending = record.pending_revision if record.pending_revision_id else None
    return pending.data if pending is not None else take(record)


def overlay(data: dict, changes: dict) -> dict:
    """`data` with `changes` laid over it: some of a revision's fields, links or owned rows."""
    return {part: {**data[part], **changes.get(part, {})} for part in ("fields", "m2m", "children")}


def write_fields(record: models.Model, data: dict) -> None:
    """Set the record's own fields from `data` (in memory; the caller validates and saves)."""
    fields = {field.name: field for field in content_fields(type(record))}
    for name, value in data["fields"].items():
        field = fields.get(name)
        if field is None:
            continue  # a field removed since the revision was taken
        setattr(record, field.attname, None if value is None else field.to_python(value))


def write_checked(record: CuratedRecord, data: dict) -> None:
    """Set `data` on the record in memory and validate it whole: its fields, and its links as `data` sets them."""
    write_fields(record, data)
    record.full_clean()
    record.clean_links(data["m2m"])


def write_relations(record: models.Model, data: dict) -> None:
    """Bring the saved record's links and owned rows to `data`, touching only what differs."""
    for name, pks in data["m2m"].items():
        getattr(record, name).set(pks)
    for name, rows in data["children"].items():
        child, owner_field = child_relation(type(record), name)
        keys = child_key_fields(child)
        manager = getattr(record, name)
        existing = {tuple(getattr(row, key) for key in keys): row for row in manager.all()}
        wanted = set()
        for values in rows:
            instance = child(
                **{
                    f.attname: None if values.get(f.name) is None else f.to_python(values[f.name])
                    for f in _child_fields(child, owner_field)
                    if f.name in values
                }
            )
            key = tuple(getattr(instance, key) for key in keys)
            wanted.add(key)
            row = existing.get(key)
            if row is None:
                manager.add(instance, bulk=False)
                continue
            changed = [
                f.attname
                for f in _child_fields(child, owner_field)
                if getattr(row, f.attname) != getattr(instance, f.attname)
            ]
            if changed:
                for attname in changed:
                    setattr(row, attname, getattr(instance, attname))
                row.save(update_fields=changed)
        for key, row in existing.items():
            if key not in wanted:
                row.delete()


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


def compare(model: type[models.Model], before: dict | None, after: dict) -> list[FieldChange]:
    """Field-by-field differences between two revisions' data, for a reviewer to read."""
    before = before or {"fields": {}, "m2m": {}, "children": {}}
    changes = []
    for field in content_fields(model):
        old, new = before["fields"].get(field.name), after["fields"].get(field.name)
        if old != new:
            changes.append(FieldChange(_label(field), _display(field, old), _display(field, new)))
    for field in model._meta.many_to_many:
        old, new = before["m2m"].get(field.name, []), after["m2m"].get(field.name, [])
        if sorted(old) != sorted(new):
            related = {obj.pk: str(obj) for obj in field.related_model._default_manager.filter(pk__in={*old, *new})}
            changes.append(
                FieldChange(
                    _label(field),
                    ", ".join(related.get(pk, f"#{pk}") for pk in old) or "—",
                    ", ".join(related.get(pk, f"#{pk}") for pk in new) or "—",
                )
            )
    for name in after["children"]:
        child, _ = child_relation(model, name)
        keys = child_key_fields(child)
        old_rows = [_row_label(row, keys) for row in before["children"].get(name, [])]
        new_rows = [_row_label(row, keys) for row in after["children"].get(name, [])]
        if before["children"].get(name, []) != after["children"].get(name, []):
            changes.append(
                FieldChange(
                    str(child._meta.verbose_name_plural), "; ".join(old_rows) or "—", "; ".join(new_rows) or "—"
                )
            )
    return changes


def _label(field: models.Field) -> str:
    return str(field.verbose_name)


def _row_label(row: dict, keys: tuple[str, ...]) -> str:
    extras = [f"{name}: {value}" for name, value in row.items() if name not in keys and value not in ("", None)]
    head = " ".join(str(row.get(key)) for key in keys)
    return f"{head} ({', '.join(extras)})" if extras else head


def _display(field: models.Field, value: Any) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_one and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(field, models.BooleanField):
        return "yes" if value else "no"
    return str(value)
