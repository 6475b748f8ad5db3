"""Reads the website and the API need, with their joins."""

from django.db import models
from django.db.models import QuerySet

from articles.models import Citation


def list_citations(record: models.Model, *, field: str | None = None) -> QuerySet[Citation]:
    """The published sources of one record, or of one of its fields, with their articles."""
    return Citation.objects.published().for_record(record, field).select_related("article").order_by("start", "pk")
