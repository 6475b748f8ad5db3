"""Serializer fields of the lean path: each documents its output in the schema and names its reader."""

from typing import Any

from rest_framework import serializers

from editorial.public import readers


def column(source: Any) -> str:  # a serializer field's `source`: a dotted path
    return str(source).replace(".", "__")


class LeanField(serializers.Field):
    """A read-only field that the plan reads with its own reader instead of `to_representation`."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def reader(self, key: str) -> readers.Reader:
        raise NotImplementedError


class SelfUrlField(LeanField):
    def reader(self, key):
        return readers.SelfUrl(key)


class WebUrlField(LeanField):
    def reader(self, key):
        return readers.WebUrl(key)


class PartialDateField(LeanField):
    """A date at the precision its source gave: {"date": "2024-10", "precision": "month"}."""

    def reader(self, key):
        return readers.PartialDateReader(key, column(self.source))


class JurisdictionField(LeanField):
    """Reference data (not a resource): {"slug", "code", "name"}."""

    def reader(self, key):
        return readers.JurisdictionReader(key, column(self.source))


class RefField(LeanField):
    """A related record as {id, name, url}; `?expand=<field>` embeds the whole record instead."""

    def __init__(self, resource: str, many: bool = False, **kwargs):
        self.resource, self.many = resource, many
        if not many:
            # Null too when the related record is not published: the public never sees it, not even its name.
            kwargs["allow_null"] = True
        super().__init__(**kwargs)

    def reader(self, key):
        cls = readers.ManyRef if self.many else readers.ForeignRef
        return cls(key, column(self.source), self.resource)


class GenericRefField(LeanField):
    """The record, of any kind, that a citation or mention points at: {kind, id, name, url}."""

    def reader(self, key):
        return readers.GenericRef(key)


class RowsField(LeanField):
    """Rows another table keeps for each record; `fetch_rows(pks, ctx)` reads them for a page in one query."""

    def __init__(self, fetch_rows, child: serializers.Serializer, **kwargs):
        self.fetch_rows, self.child = fetch_rows, child
        super().__init__(**kwargs)

    def reader(self, key):
        return readers.ReverseRows(key, self.fetch_rows)


class AliasesField(LeanField):
    """Other names the record goes by."""

    def reader(self, key):
        return readers.Aliases(key)


class IdentifiersField(LeanField):
    """The record's identifiers in other systems."""

    def reader(self, key):
        return readers.Identifiers(key)
