"""Stored keys: a JSON object of `<name>:<value>` keys (each `true`) that a row's columns and links give.

A public list narrows and counts by them (website.listing.facets): {"status:launched": true, "theme:12": true}.
A related record is keyed by its primary key, so a renamed theme keeps its rows. The keys are written by
triggers only: on the row's table when one of its columns changes (and whenever the keys column itself is
written, so a stale value from an old instance is computed again), and on each other table they are read
from (a link table, the records a path goes through) when a row there changes. Anything written to the keys
column by hand is replaced.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models

from editorial.derived import Derived

YEAR = {
    "postgresql": "CAST(CAST(EXTRACT(YEAR FROM {value}) AS INTEGER) AS TEXT)",
    "sqlite": "CAST(CAST(strftime('%Y', {value}) AS INTEGER) AS TEXT)",
}
AGGREGATE = {
    "postgresql": "SELECT COALESCE(jsonb_object_agg(key, true), '{{}}'::jsonb) FROM ({keys}) keys",
    "sqlite": "SELECT json_group_object(key, json('true')) FROM ({keys}) keys",
}


def keys_field() -> models.JSONField:
    """The column a model's `StoredKeys` fill: its public list's facet values."""
    return models.JSONField(
        default=dict,
        editable=False,
        help_text="The public list's facet values (derived: kept by database triggers, editorial.derived).",
    )


@dataclass(frozen=True)
class Watch:
    """Another table the keys are read from: when its rows change, the keyed rows `keyed` selects (SQL over
    the changed row, `{row}`) are computed again. `columns`: only updates of these matter; `updates_only`:
    rows there are never inserted or deleted while keyed rows point at them."""

    table: str
    keyed: str
    columns: tuple[str, ...] = ()
    updates_only: bool = False


@dataclass(frozen=True)
class Key:
    """Keys `<name>:<value>` from a column, a foreign key (its primary key) or a many-to-many field (one key
    per linked record); `year` keys a date by its year. Empty and missing values give no key."""

    name: str
    field: str
    year: bool = False


@dataclass(frozen=True)
class Linked:
    """Keys `<name>:<value>` for each `value` that `select` gives (SQL over the keyed row, `{row}`), read
    through other tables, which `watches` name: e.g. the organizations a person serves, through memberships."""

    name: str
    select: str
    watches: tuple[Watch, ...] = field(default=())


@dataclass(frozen=True)
class StoredKeys(Derived):
    column: str = ""
    keys: tuple[Key | Linked, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.table}.{self.column}"

    def _field(self, key: Key) -> Any:  # a column, a foreign key or a many-to-many field
        return self.bound._meta.get_field(key.field)

    def _linked(self) -> list[Linked]:
        """Every key read through another table: a many-to-many field's is read through its link table."""
        linked = []
        for key in self.keys:
            if isinstance(key, Linked):
                linked.append(key)
                continue
            model_field = self._field(key)
            if model_field.many_to_many:
                through = model_field.remote_field.through._meta
                own = through.get_field(model_field.m2m_field_name()).column
                other = through.get_field(model_field.m2m_reverse_field_name()).column
                select = (
                    f"SELECT link.{other} AS value FROM {through.db_table} link WHERE link.{own} = {{row}}.{self.pk}"
                )
                linked.append(Linked(key.name, select, (Watch(through.db_table, f"SELECT {{row}}.{own}"),)))
        return linked

    def _watches(self) -> list[Watch]:
        """Each other table once (keys read through the same tables share their triggers)."""
        watches: dict[str, Watch] = {}
        for linked in self._linked():
            for watch in linked.watches:
                kept = watches.setdefault(watch.table, watch)
                if kept != watch:
                    raise ValueError(f"{self.name}: two different watches of {watch.table}.")
        return list(watches.values())

    def _columns(self) -> list[str]:
        return [
            self._field(key).column for key in self.keys if isinstance(key, Key) and not self._field(key).many_to_many
        ]

    def expression(self, vendor: str, row: str) -> str:
        """The keys of the row `row` (a table name or NEW) as one SQL value."""
        selects = []
        for key in self.keys:
            if isinstance(key, Linked) or self._field(key).many_to_many:
                continue
            value = f"{row}.{self._field(key).column}"
            text = YEAR[vendor].format(value=value) if key.year else f"CAST({value} AS TEXT)"
            selects.append(f"SELECT '{key.name}:' || {text} AS key WHERE {text} <> ''")
        for linked in self._linked():
            selects.append(
                f"SELECT '{linked.name}:' || CAST(value AS TEXT) AS key FROM ({linked.select.format(row=row)}) linked "
                "WHERE value IS NOT NULL"
            )
        return f"({AGGREGATE[vendor].format(keys=' UNION ALL '.join(selects) or 'SELECT NULL AS key WHERE false')})"

    def _own(self) -> str:
        return f"{self.table}_{self.column}"

    def _watch_name(self, watch: Watch) -> str:
        return f"{watch.table}_{self.column}"  # PostgreSQL keeps 63 bytes of a name: no room for both tables

    def _trigger_names(self, vendor: str) -> list[tuple[str, str]]:
        """(trigger, table) of every trigger this makes."""
        if vendor == "postgresql":
            return [(self._own(), self.table)] + [(self._watch_name(watch), watch.table) for watch in self._watches()]
        names = [(f"{self._own()}_insert", self.table), (f"{self._own()}_update", self.table)]
        for watch in self._watches():
            events = ("update",) if watch.updates_only else ("insert", "delete", "update")
            names += [(f"{self._watch_name(watch)}_{event}", watch.table) for event in events]
        return names

    def create(self, vendor: str) -> list[str]:
        return self._postgresql() if vendor == "postgresql" else self._sqlite()

    def _watched(self, watch: Watch) -> str:
        return f"UPDATE OF {', '.join(watch.columns)}" if watch.columns else "UPDATE"

    def _postgresql(self) -> list[str]:
        watched = ", ".join([*self._columns(), self.column])
        statements = [
            f"""CREATE OR REPLACE FUNCTION {self._own()}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.{self.column} := {self.expression("postgresql", "NEW")};
                RETURN NEW;
            END $$""",
            f"CREATE TRIGGER {self._own()} BEFORE INSERT OR UPDATE OF {watched} ON {self.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {self._own()}()",
        ]
        for watch in self._watches():
            function = self._watch_name(watch)
            # Writing the keys column runs the keyed row's own trigger, which reads the other tables as they are now.
            touch = f"UPDATE {self.table} SET {self.column} = {self.column} WHERE {self.pk} IN "
            events = self._watched(watch) if watch.updates_only else f"INSERT OR DELETE OR {self._watched(watch)}"
            statements += [
                f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN {touch}({watch.keyed.format(row="OLD")}); END IF;
                    IF TG_OP <> 'DELETE' THEN {touch}({watch.keyed.format(row="NEW")}); END IF;
                    RETURN NULL;
                END $$""",
                f"CREATE TRIGGER {function} AFTER {events} ON {watch.table} FOR EACH ROW EXECUTE FUNCTION {function}()",
            ]
        return statements

    def _sqlite(self) -> list[str]:
        keys = self.expression("sqlite", self.table)

        def touch(where: str) -> str:
            return f"UPDATE {self.table} SET {self.column} = {keys} WHERE {self.pk} {where};"

        watched = ", ".join([*self._columns(), self.column])
        own = self._own()
        statements = [
            f"CREATE TRIGGER {own}_insert AFTER INSERT ON {self.table} BEGIN {touch(f'= NEW.{self.pk}')} END",
            # SQLite runs no trigger from within itself (recursive_triggers is off): its own write ends here.
            f"CREATE TRIGGER {own}_update AFTER UPDATE OF {watched} ON {self.table} "
            f"BEGIN {touch(f'= NEW.{self.pk}')} END",
        ]
        for watch in self._watches():
            name, old, new = self._watch_name(watch), watch.keyed.format(row="OLD"), watch.keyed.format(row="NEW")
            update = (
                f"CREATE TRIGGER {name}_update AFTER {self._watched(watch)} ON {watch.table} "
                f"BEGIN {touch(f'IN ({old}) OR {self.pk} IN ({new})')} END"
            )
            if watch.updates_only:
                statements.append(update)
                continue
            statements += [
                f"CREATE TRIGGER {name}_insert AFTER INSERT ON {watch.table} BEGIN {touch(f'IN ({new})')} END",
                f"CREATE TRIGGER {name}_delete AFTER DELETE ON {watch.table} BEGIN {touch(f'IN ({old})')} END",
                update,
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
