"""What a search for words means, everywhere: the website's lists and /search/, and the API's `search` filter.

`search(queryset, query)` reads the query as a web search ("quoted phrase", -excluded, or) against an
English text-search vector on PostgreSQL; elsewhere (SQLite) every word must appear, case-insensitive,
in one of the fields.

A model opts in with `search_fields = (...)`, `search_vector = search_vector_field(*search_fields)` and a
migration that runs `vector_trigger_sql(...)`: initiatives, people, organizations, meetings, statements and
articles. A trigger keeps the vector, not the code that saves: records are written by the
workflow, the pipeline, the admin, the API, merges and bulk updates alike. The vector is the expression
`document(*search_fields)` compiles to, so that searches and the stored column agree. On SQLite the column
stays empty and search falls back to plain matching.
"""

import re
from collections.abc import Sequence

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Model, Q, QuerySet

SEARCH_CONFIG = "english"
# Words the plain fallback looks for at most: each is a LIKE over every field of every row.
MAX_WORDS = 10


def document(*fields: str) -> SearchVector:
    """The vector searched for `fields`: one expression for the stored column and for ad-hoc searches."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def words(query: str) -> list[str]:
    """The words of a query as the plain fallback reads them."""
    return re.findall(r"\w[\w'\u2019.-]*", query)[:MAX_WORDS]


def search_query(query: str) -> SearchQuery:
    """The query as PostgreSQL reads it: a web search ("quoted phrase", -excluded, or)."""
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


def has_stored_vector(model: type[Model], fields: Sequence[str]) -> bool:
    """Whether the model keeps the vector of these fields in its `search_vector` column."""
    return tuple(getattr(model, "search_fields", ())) == tuple(fields)


def search(queryset: QuerySet, query: str, fields: Sequence[str] | None = None) -> QuerySet:
    """Rows matching `query` in `fields` (the model's `search_fields` when None): full-text on PostgreSQL, every
    word somewhere elsewhere. Unranked: callers order the rows (a list's sort, /search/'s rank)."""
    fields = tuple(fields or queryset.model.search_fields)
    if uses_full_text_search():
        if has_stored_vector(queryset.model, fields):
            # The stored, GIN-indexed vector: no to_tsvector for every row scanned.
            return queryset.filter(search_vector=search_query(query))
        return queryset.annotate(search_document=document(*fields)).filter(search_document=search_query(query))
    terms = words(query)
    if not terms:
        return queryset.none()
    for term in terms:
        matches_term = Q()
        for name in fields:
            matches_term |= Q(**{f"{name}__icontains": term})
        queryset = queryset.filter(matches_term)
    return queryset


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
