"""Says who: the published citations behind a page's facts, read in one query."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q

from articles.models import Citation


def list_sources(records: list[Model]) -> list[Citation]:
    """Published citations of any of `records`, each with `.subject`, the record it supports."""
    by_key = {}
    ids_by_type: dict[int, list[int]] = {}
    for record in records:
        content_type = ContentType.objects.get_for_model(record)
        by_key[content_type.pk, record.pk] = record
        ids_by_type.setdefault(content_type.pk, []).append(record.pk)
    if not ids_by_type:
        return []
    condition = Q()
    for content_type_id, ids in ids_by_type.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=ids)
    citations = list(
        Citation.objects.published()
        .filter(condition)
        .select_related("article")
        .defer("article__search_vector")
        .order_by("content_type", "object_id", "field", "start", "pk")
    )
    for citation in citations:
        citation.subject = by_key[citation.content_type_id, citation.object_id]
    return citations


def evidence_date(citation: Citation) -> datetime.date | None:
    """When the source said it: the article's publication date, or the day a URL was read."""
    if citation.article_id and citation.article.published_at:
        return citation.article.published_at.date()
    return citation.accessed_date


def newest_evidence(citations: list[Citation]) -> datetime.date | None:
    """The date of the most recent source among `citations`, if any is dated."""
    dates = [date for date in map(evidence_date, citations) if date is not None]
    return max(dates, default=None)
