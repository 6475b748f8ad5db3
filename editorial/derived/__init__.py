"""Stored derivatives: columns and tables that the database keeps in step with other columns, by triggers.

A derivative is declared beside its model, in the model's `derived = (...)`; a search vector is declared by
the model's `search_fields` and `search_vector` (editorial.search). The triggers keep each one whoever writes:
the workflow, a merge, the pipeline, a bulk update, a shell. No signal and no after-save hook takes part.

A migration creates a derivative's triggers with what its `create(vendor)` says when the migration runs (a
change of the SQL needs a new migration). `manage.py rebuild_derived` recomputes every derivative from its
sources, in declaration order (keys before the counts of keys); `--check` only compares.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.db import connection, models, transaction

from editorial.search import vector_sql


@dataclass(frozen=True)
class Derived:
    """One stored derivative of `model`'s rows (bound when read from the model's declaration)."""

    model: type[models.Model] | None = field(default=None, kw_only=True)

    @property
    def name(self) -> str:
        raise NotImplementedError

    @property
    def bound(self) -> type[models.Model]:
        if self.model is None:
            raise TypeError("A declaration is bound to its model by `derivatives()`.")
        return self.model

    @property
    def table(self) -> str:
        return self.bound._meta.db_table

    @property
    def pk(self) -> str:
        return str(self.bound._meta.pk.column)

    def create(self, vendor: str) -> list[str]:
        """SQL that creates the triggers keeping it (dropping any of the same name first)."""
        raise NotImplementedError

    def drop(self, vendor: str) -> list[str]:
        raise NotImplementedError

    def rebuild(self, vendor: str) -> list[str]:
        """SQL that computes it again from its sources, for every row."""
        raise NotImplementedError

    def state(self) -> object:
        """What it holds now, comparable with what a rebuild gives (for --check)."""
        raise NotImplementedError

    def differences(self, before: object, after: object) -> int:
        if isinstance(before, dict) and isinstance(after, dict):
            return sum(before.get(key) != after.get(key) for key in before.keys() | after.keys())
        return len(set(before) ^ set(after))  # type: ignore[call-overload]


@dataclass(frozen=True)
class StoredVector(Derived):
    """A model's full-text `search_vector` (PostgreSQL; the column stays empty elsewhere)."""

    fields: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.table}.search_vector"

    def create(self, vendor: str) -> list[str]:
        raise NotImplementedError("The vectors' triggers are made by editorial.search.vector_trigger_sql.")

    def rebuild(self, vendor: str) -> list[str]:
        if vendor != "postgresql":
            return []
        return [f"UPDATE {self.table} SET search_vector = {vector_sql(self.fields)}"]

    def state(self) -> object:
        if connection.vendor != "postgresql":
            return {}
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {self.pk}, search_vector::text FROM {self.table}")
            return dict(cursor.fetchall())


def derivatives(model: type[models.Model] | None = None) -> list[Derived]:
    """Every declared derivative (or `model`'s), bound to its model, in the order to rebuild them."""
    found: list[Derived] = []
    for candidate in apps.get_models() if model is None else [model]:
        if hasattr(candidate, "search_fields") and hasattr(candidate, "search_vector"):
            found.append(StoredVector(fields=tuple(candidate.search_fields), model=candidate))
        found += [replace(declared, model=candidate) for declared in getattr(candidate, "derived", ())]
    return found


def execute(statements: Iterable[str]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def rebuild(derived: Derived) -> None:
    execute(derived.rebuild(connection.vendor))


def check(derived: Derived) -> int:
    """How many rows differ from what a rebuild would give; nothing is changed."""
    before = derived.state()
    with transaction.atomic():
        rebuild(derived)
        after = derived.state()
        transaction.set_rollback(True)
    return derived.differences(before, after)


@contextmanager
def paused(*paused_models: type[models.Model]) -> Iterator[None]:
    """For a bulk load of many rows: these models' declared triggers off meanwhile, one rebuild after (in
    declaration order: keys before their counts).

    With the triggers on, each row written runs them. Meant for a load nobody else writes beside: what others
    write meanwhile is taken into account by the rebuild only if it committed before it.
    """
    declared = [
        derived for derived in derivatives() if derived.model in paused_models and not isinstance(derived, StoredVector)
    ]
    vendor = connection.vendor
    execute(statement for derived in declared for statement in derived.drop(vendor))
    try:
        yield
    finally:
        for derived in declared:
            execute([*derived.create(vendor), *derived.rebuild(vendor)])


def migration(model_label: str, *, rebuild_after: bool = True):
    """RunPython functions (forward, backward) that create and drop a model's declared triggers."""

    def declared(apps_at_migration) -> list[Derived]:
        model = apps.get_model(model_label)  # today's declaration, over the same table
        return [derived for derived in derivatives(model) if not isinstance(derived, StoredVector)]

    def forward(apps_at_migration, schema_editor):
        vendor = schema_editor.connection.vendor
        for derived in declared(apps_at_migration):
            for statement in [*derived.drop(vendor), *derived.create(vendor)]:
                schema_editor.execute(statement)
            if rebuild_after:
                for statement in derived.rebuild(vendor):
                    schema_editor.execute(statement)

    def backward(apps_at_migration, schema_editor):
        for derived in declared(apps_at_migration):
            for statement in derived.drop(schema_editor.connection.vendor):
                schema_editor.execute(statement)

    return forward, backward
