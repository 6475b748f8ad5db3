"""The stored full-text vector a searchable model carries, kept in step by a database trigger (PostgreSQL).

A model opts in with `search_fields = (...)`, `search_vector = search_vector_field(*search_fields)` and a
migration that runs `vector_trigger_sql(...)`: initiatives, people, organizations, meetings, statements and
articles. A trigger keeps the vector, not the code that saves: records are written by the
workflow, the pipeline, the admin, the API, merges and bulk updates alike. The vector is the expression
`document(*search_fields)` compiles to, so that searches and the stored column agree. On SQLite the column
stays empty and search falls back to plain matching (website.search).
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField

SEARCH_CONFIG = "english"


def document(*fields: str) -> SearchVector:
    """The vector searched for `fields`: one expression for the stored column and for ad-hoc searches."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


def search_vector_field(*fields: str) -> SearchVectorField:
    """The column that holds `document(*fields)`: a model's `search_vector`, beside its `search_fields`."""
    named = f"{', '.join(fields[:-1])} and {fields[-1]}" if len(fields) > 1 else fields[0]
    return SearchVectorField(
        null=True,
        editable=False,
        help_text=f"Full-text vector of {named} (PostgreSQL), kept by a database trigger (editorial.search).",
    )


def vector_sql(fields: tuple[str, ...], *, row: str = "") -> str:
    """What `document(*fields)` compiles to on PostgreSQL, over the columns of `row` ("NEW." in a trigger)."""
    joined = " || ' ' || ".join(f"COALESCE({row}{field}, '')" for field in fields)
    return f"to_tsvector('{SEARCH_CONFIG}'::regconfig, {joined})"


def vector_trigger_sql(*, table: str, fields: tuple[str, ...], index: str | None) -> tuple[list[str], list[str]]:
    """SQL that creates the trigger keeping `table.search_vector`, fills the rows there and indexes them (GIN,
    named `index`; None where the column has its index already); and SQL that drops what it created. A migration
    runs what this says when it runs: a change to the vector needs a new migration that creates the trigger again.
    """
    function = f"{table}_search_vector"
    create = [
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_vector := {vector_sql(fields, row="NEW.")};
            RETURN NEW;
        END $$""",
        f"DROP TRIGGER IF EXISTS {function} ON {table}",
        f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE OF {', '.join(fields)} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"UPDATE {table} SET search_vector = {vector_sql(fields)}",
    ]
    drop = [f"DROP TRIGGER IF EXISTS {function} ON {table}", f"DROP FUNCTION IF EXISTS {function}()"]
    if index is None:
        return create, drop
    create.append(f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_vector)")
    return create, [f"DROP INDEX IF EXISTS {index}", *drop]


def run_on_postgresql(statements: list[str]):
    """A RunPython function that runs `statements` on PostgreSQL and nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run
