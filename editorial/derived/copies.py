"""A copied column: a row keeps a copy of a column of the record its foreign key points at, so that a constraint
of its own table can read it (a membership's `is_sole_holder`, from its post: one current holder of a sole-holder
post). Triggers copy it when the row is written or moved to another record, and when the record's column changes.
"""

from dataclasses import dataclass
from typing import Any

from django.db import connection

from editorial.derived import Derived


@dataclass(frozen=True)
class CopiedColumn(Derived):
    column: str = ""  # this row's copy
    via: str = ""  # the foreign key to the record copied from, whose column has the same name

    @property
    def name(self) -> str:
        return f"{self.table}.{self.column}"

    def _via(self) -> tuple[str, str, str]:
        """(this row's foreign key column, the related table, its primary key column)."""
        field: Any = self.bound._meta.get_field(self.via)
        related = field.related_model._meta
        return str(field.column), str(related.db_table), str(related.pk.column)

    def _source(self, row: str) -> str:
        key, related, related_pk = self._via()
        return f"(SELECT source.{self.column} FROM {related} source WHERE source.{related_pk} = {row}.{key})"

    def _names(self) -> tuple[str, str]:
        _, related, _ = self._via()
        return f"{self.table}_{self.column}", f"{related}_{self.table}_{self.column}"

    def create(self, vendor: str) -> list[str]:
        key, related, related_pk = self._via()
        own, theirs = self._names()
        follow = (
            f"UPDATE {self.table} SET {self.column} = NEW.{self.column} "
            f"WHERE {key} = NEW.{related_pk} AND {self.column} {{distinct}} NEW.{self.column}"
        )
        if vendor == "postgresql":
            return [
                f"""CREATE OR REPLACE FUNCTION {own}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.{self.column} := {self._source("NEW")}; RETURN NEW; END $$""",
                f"CREATE TRIGGER {own} BEFORE INSERT OR UPDATE OF {key}, {self.column} ON {self.table} "
                f"FOR EACH ROW EXECUTE FUNCTION {own}()",
                f"""CREATE OR REPLACE FUNCTION {theirs}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN {follow.format(distinct="IS DISTINCT FROM")}; RETURN NULL; END $$""",
                f"CREATE TRIGGER {theirs} AFTER UPDATE OF {self.column} ON {related} "
                f"FOR EACH ROW EXECUTE FUNCTION {theirs}()",
            ]
        copy = (
            f"UPDATE {self.table} SET {self.column} = {self._source(self.table)} "
            f"WHERE {self.pk} = NEW.{self.pk} AND {self.column} IS NOT {self._source(self.table)};"
        )
        return [
            f"CREATE TRIGGER {own}_insert AFTER INSERT ON {self.table} BEGIN {copy} END",
            f"CREATE TRIGGER {own}_update AFTER UPDATE OF {key}, {self.column} ON {self.table} BEGIN {copy} END",
            f"CREATE TRIGGER {theirs} AFTER UPDATE OF {self.column} ON {related} "
            f"BEGIN {follow.format(distinct='IS NOT')}; END",
        ]

    def drop(self, vendor: str) -> list[str]:
        own, theirs = self._names()
        _, related, _ = self._via()
        if vendor == "postgresql":
            return [
                f"DROP TRIGGER IF EXISTS {own} ON {self.table}",
                f"DROP FUNCTION IF EXISTS {own}()",
                f"DROP TRIGGER IF EXISTS {theirs} ON {related}",
                f"DROP FUNCTION IF EXISTS {theirs}()",
            ]
        return [f"DROP TRIGGER IF EXISTS {name}" for name in (f"{own}_insert", f"{own}_update", theirs)]

    def rebuild(self, vendor: str) -> list[str]:
        source = self._source(self.table)
        distinct = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
        return [f"UPDATE {self.table} SET {self.column} = {source} WHERE {self.column} {distinct} {source}"]

    def state(self) -> object:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {self.pk}, {self.column} FROM {self.table}")
            return {pk: bool(value) for pk, value in cursor.fetchall()}
