"""The reads of sources the layers above need: a record's published citations, with their articles."""

from django.db import models
from django.db.models import QuerySet

from sources.models import Citation


def list_citations(record: models.Model, *, field: str | None = None) -> QuerySet[Citation]:
    """The published sources of one record, or of one of its fields, with their articles."""
    citations = Citation.objects.published().for_record(record, field)
    return citations.select_related("article").defer("article__search_vector").order_by("start", "pk")
