"""Stored keys: a JSON object of `<name>:<value>` keys (each `true`) that a row's columns and links give.

A public list narrows and counts by them (website.listing.facets): {"status:launched": true, "theme:12": true}.
A related record is keyed by its primary key, so a renamed theme keeps its rows. The keys are written by
triggers only: on the row's table when one of its columns changes (and whenever the keys column itself is
written, so a stale value from an old instance is computed again), and on each link table when a link is
added, removed or moved. Anything written to the keys column by hand is replaced.
"""

import json
from dataclasses import dataclass
from typing import Any

from django.db import connection

from editorial.derived import Derived

YEAR = {
    "postgresql": "CAST(CAST(EXTRACT(YEAR FROM {value}) AS INTEGER) AS TEXT)",
    "sqlite": "CAST(CAST(strftime('%Y', {value}) AS INTEGER) AS TEXT)",
}
AGGREGATE = {
    "postgresql": "SELECT COALESCE(jsonb_object_agg(key, true), '{{}}'::jsonb) FROM ({keys}) keys",
    "sqlite": "SELECT json_group_object(key, json('true')) FROM ({keys}) keys",
}


@dataclass(frozen=True)
class Key:
    """Keys `<name>:<value>` from a column, a foreign key (its primary key) or a many-to-many field (one key
    per linked record); `year` keys a date by its year. Empty and missing values give no key."""

    name: str
    field: str
    year: bool = False


@dataclass(frozen=True)
class StoredKeys(Derived):
    column: str = ""
    keys: tuple[Key, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.table}.{self.column}"

    def _field(self, key: Key) -> Any:  # a column, a foreign key or a many-to-many field
        return self.bound._meta.get_field(key.field)

    def _links(self) -> list[tuple[Key, str, str, str]]:
        """(key, link table, column of this row, column of the linked record) of each many-to-many key."""
        links = []
        for key in self.keys:
            model_field = self._field(key)
            if model_field.many_to_many:
                through = model_field.remote_field.through._meta
                own = through.get_field(model_field.m2m_field_name()).column
                links.append(
                    (key, through.db_table, own, through.get_field(model_field.m2m_reverse_field_name()).column)
                )
        return links

    def _columns(self) -> list[str]:
        return [self._field(key).column for key in self.keys if not self._field(key).many_to_many]

    def expression(self, vendor: str, row: str) -> str:
        """The keys of the row `row` (a table name or NEW) as one SQL value."""
        selects = []
        for key in self.keys:
            model_field = self._field(key)
            if model_field.many_to_many:
                continue
            value = f"{row}.{model_field.column}"
            text = YEAR[vendor].format(value=value) if key.year else f"CAST({value} AS TEXT)"
            selects.append(f"SELECT '{key.name}:' || {text} AS key WHERE {text} <> ''")
        for key, link_table, own, other in self._links():
            selects.append(
                f"SELECT '{key.name}:' || CAST(link.{other} AS TEXT) FROM {link_table} link "
                f"WHERE link.{own} = {row}.{self.pk}"
            )
        return f"({AGGREGATE[vendor].format(keys=' UNION ALL '.join(selects))})"

    def _trigger_names(self, vendor: str) -> list[tuple[str, str]]:
        """(trigger, table) of every trigger this makes."""
        base = f"{self.table}_{self.column}"
        tables = [self.table] + [link_table for _, link_table, _, _ in self._links()]
        if vendor == "postgresql":
            return [(f"{table}_{self.column}", table) for table in tables]
        names = [(f"{base}_insert", self.table), (f"{base}_update", self.table)]
        for _, link_table, _, _ in self._links():
            names += [(f"{link_table}_{self.column}_{event}", link_table) for event in ("insert", "delete", "update")]
        return names

    def create(self, vendor: str) -> list[str]:
        return self._postgresql() if vendor == "postgresql" else self._sqlite()

    def _postgresql(self) -> list[str]:
        pk = self.pk
        own_function = f"{self.table}_{self.column}"
        watched = ", ".join([*self._columns(), self.column])
        statements = [
            f"""CREATE OR REPLACE FUNCTION {own_function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.{self.column} := {self.expression("postgresql", "NEW")};
                RETURN NEW;
            END $$""",
            f"CREATE TRIGGER {own_function} BEFORE INSERT OR UPDATE OF {watched} ON {self.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {own_function}()",
        ]
        for _, link_table, own, _ in self._links():
            function = f"{link_table}_{self.column}"
            # Writing the keys column runs the row's own trigger, which reads the links as they are now.
            touch = f"UPDATE {self.table} SET {self.column} = {self.column} WHERE {pk} = "
            statements += [
                f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN {touch}OLD.{own}; END IF;
                    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.{own} IS DISTINCT FROM OLD.{own}) THEN
                        {touch}NEW.{own};
                    END IF;
                    RETURN NULL;
                END $$""",
                f"CREATE TRIGGER {function} AFTER INSERT OR DELETE OR UPDATE ON {link_table} "
                f"FOR EACH ROW EXECUTE FUNCTION {function}()",
            ]
        return statements

    def _sqlite(self) -> list[str]:
        pk = self.pk
        keys = self.expression("sqlite", self.table)

        def touch(where: str) -> str:
            return f"UPDATE {self.table} SET {self.column} = {keys} WHERE {pk} {where};"

        watched = ", ".join([*self._columns(), self.column])
        base = f"{self.table}_{self.column}"
        statements = [
            f"CREATE TRIGGER {base}_insert AFTER INSERT ON {self.table} BEGIN {touch('= NEW.' + pk)} END",
            # SQLite runs no trigger from within itself (recursive_triggers is off): its own write ends here.
            f"CREATE TRIGGER {base}_update AFTER UPDATE OF {watched} ON {self.table} BEGIN {touch('= NEW.' + pk)} END",
        ]
        for _, link_table, own, _ in self._links():
            prefix = f"{link_table}_{self.column}"
            statements += [
                f"CREATE TRIGGER {prefix}_insert AFTER INSERT ON {link_table} BEGIN {touch(f'= NEW.{own}')} END",
                f"CREATE TRIGGER {prefix}_delete AFTER DELETE ON {link_table} BEGIN {touch(f'= OLD.{own}')} END",
                f"CREATE TRIGGER {prefix}_update AFTER UPDATE ON {link_table} "
                f"BEGIN {touch(f'IN (OLD.{own}, NEW.{own})')} END",
            ]
        return statements

    def drop(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                statement
                for trigger, table in self._trigger_names(vendor)
                for statement in (
                    f"DROP TRIGGER IF EXISTS {trigger} ON {table}",
                    f"DROP FUNCTION IF EXISTS {trigger}()",
                )
            ]
        return [f"DROP TRIGGER IF EXISTS {trigger}" for trigger, _ in self._trigger_names(vendor)]

    def rebuild(self, vendor: str) -> list[str]:
        return [f"UPDATE {self.table} SET {self.column} = {self.expression(vendor, self.table)}"]

    def state(self) -> object:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {self.pk}, {self.column} FROM {self.table}")
            return {pk: json.loads(value) if isinstance(value, str) else value for pk, value in cursor.fetchall()}
