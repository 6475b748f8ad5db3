"""The reads of sources the layers above need: a record's published citations, with their articles."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Min, QuerySet
from django.utils import timezone

from sources.models import Citation


def list_citations(record: models.Model, *, field: str | None = None) -> QuerySet[Citation]:
    """The published sources of one record, or of one of its fields, with their articles."""
    citations = Citation.objects.published().for_record(record, field)
    return citations.select_related("article").defer("article__search_vector").order_by("start", "pk")


def earliest_evidence(model, pks: list[int]) -> dict[int, datetime.date]:
    """{record: the date of the earliest article cited for it}, for the records with a dated one."""
    rows = (
        Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=pks,
            article__published_at__isnull=False,
        )
        .values("object_id")
        .annotate(first=Min("article__published_at"))
        .order_by()
    )
    return {row["object_id"]: timezone.localdate(row["first"]) for row in rows}


def citations_by_record(model: type[models.Model], pks) -> dict[int, list[Citation]]:
    """{record: its published citations, with their articles, in passage order} for records of `model` (one query)."""
    result: dict[int, list[Citation]] = {pk: [] for pk in pks}
    if not result:
        return result
    citations = (
        Citation.objects.published()
        .filter(content_type=ContentType.objects.get_for_model(model), object_id__in=result)
        .select_related("article")
        .defer("article__search_vector", "article__text")
        .order_by("start", "pk")
    )
    for citation in citations:
        result[citation.object_id].append(citation)
    return result
