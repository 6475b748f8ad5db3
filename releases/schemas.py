"""Table Schemas (Frictionless) of the public shapes: each CSV column's type, what it means, and the keys.

Read from the same declaration the API and the website write (editorial.public): a column's type comes from
the serializer field or the reader that writes it, its description from the field's help text.
"""

from typing import Any

from rest_framework import serializers

from editorial.dates import DatePrecision
from editorial.public import Plan, readers

PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
UUID_LIST = r"[0-9a-f-]{36}( [0-9a-f-]{36})*"


def _plain(field: serializers.Field) -> dict[str, Any]:
    """The Table Schema type of a serializer field the plan reads as a column."""
    if isinstance(field, serializers.UUIDField):
        return {"type": "string", "format": "uuid"}
    if isinstance(field, serializers.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, serializers.IntegerField):
        return {"type": "integer"}
    if isinstance(field, serializers.DecimalField):
        return {"type": "number"}
    if isinstance(field, serializers.DateTimeField):
        return {"type": "datetime"}
    if isinstance(field, serializers.DateField):
        return {"type": "date"}
    if isinstance(field, serializers.ChoiceField):
        return {"type": "string", "constraints": {"enum": sorted(str(choice) for choice in field.choices)}}
    return {"type": "string"}


def _columns(reader: readers.Reader, field: serializers.Field) -> list[dict[str, Any]]:
    """A reader's CSV columns, each with its type (a reference's id: a UUID, its name: text)."""
    names = reader.csv_columns()
    about = str(field.help_text or "")
    if isinstance(reader, readers.Column):
        return [{"name": names[0], "description": about, **_plain(field)}]
    if isinstance(reader, readers.PartialDateReader):
        return [
            {"name": names[0], "description": about, "type": "string", "constraints": {"pattern": PARTIAL_DATE}},
            {
                "name": names[1],
                "description": "Its precision.",
                "type": "string",
                "constraints": {"enum": sorted(DatePrecision.values)},
            },
        ]
    if isinstance(reader, readers.ForeignRef):
        return [
            {"name": names[0], "description": f"{about} (its id)", "type": "string", "format": "uuid"},
            {"name": names[1], "description": "Its name.", "type": "string"},
        ]
    if isinstance(reader, readers.ManyRef):
        return [
            {
                "name": names[0],
                "description": f"{about} (their ids, space-separated)",
                "type": "string",
                "constraints": {"pattern": UUID_LIST},
            },
            {"name": names[1], "description": "Their names, separated by '; '.", "type": "string"},
        ]
    if isinstance(reader, readers.GenericRef):
        return [
            {"name": names[0], "description": f"{about} (its kind)", "type": "string"},
            {"name": names[1], "description": "Its id.", "type": "string", "format": "uuid"},
            {"name": names[2], "description": "Its name.", "type": "string"},
        ]
    if isinstance(reader, readers.SelfUrl | readers.WebUrl):
        return [{"name": names[0], "description": about, "type": "string", "format": "uri"}]
    # Lists (aliases, identifiers, citations, amounts) and jurisdictions: text, as the website's CSV writes them.
    return [{"name": name, "description": about, "type": "string"} for name in names]


def table_schema(plan: Plan, references: dict[str, str]) -> dict[str, Any]:
    """The Table Schema of a resource's CSV; `references` says which resource each reference column points at,
    for the resources the package holds."""
    fields = plan.resource.shape().fields
    columns = [column for reader in plan.readers for column in _columns(reader, fields[reader.key])]
    foreign_keys = [
        {"fields": f"{reader.key}_id", "reference": {"resource": references[reader.resource_name], "fields": "id"}}
        for reader in plan.readers
        if isinstance(reader, readers.ForeignRef) and reader.resource_name in references
    ]
    schema: dict[str, Any] = {"fields": columns, "missingValues": [""], "primaryKey": "id"}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema
