"""The stored full-text vector a curated record may carry, kept in step by the workflow.

A model opts in with `search_fields = (...)` and a `search_vector = SearchVectorField(...)`.
PostgreSQL only: on SQLite the column stays empty and searches fall back to plain matching.
Articles, which are evidence and not curated, keep theirs by a database trigger (articles migration 0006).
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection, models

SEARCH_CONFIG = "english"


def document(*fields: str) -> SearchVector:
    """The vector searched for `fields`: one expression for the stored column and for ad-hoc searches."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


def refresh_search_vector(record: models.Model) -> None:
    """Recompute the record's stored vector from its saved fields (one UPDATE, in the database)."""
    fields = getattr(record, "search_fields", ())
    if not fields or connection.vendor != "postgresql":
        return
    type(record).objects.filter(pk=record.pk).update_unrecorded(search_vector=document(*fields))
