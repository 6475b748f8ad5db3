"""Reads of the pipeline's proposals for the review screens, the linker and the ingest command."""

from django.db import models
from django.db.models import QuerySet

from ingestion.linking import registry
from ingestion.models import Ingestion, Mention, Outcome, ReviewStatus, Suggestion
from sources.models import Article


def list_current_mentions(article: Article) -> QuerySet[Mention]:
    """The mentions of the article's current text that no editor rejected, in text order."""
    return (
        Mention.objects.filter(article=article, text_sha256=article.text_sha256)
        .exclude(status=ReviewStatus.REJECTED)
        .order_by("start")
    )


def list_current_suggestions(article: Article) -> QuerySet[Suggestion]:
    """The suggestions from the article's current text that no editor rejected, in text order."""
    return (
        Suggestion.objects.filter(article=article, text_sha256=article.text_sha256)
        .exclude(status=ReviewStatus.REJECTED)
        .order_by("start")
    )


def describe_ingestion(
    ingestion: Ingestion, *, input_name: str, mentions: list[Mention], suggestions: list[Suggestion]
) -> dict:
    """One line of `ingest --json`: the input, its outcome, the article, its mentions and suggestions."""
    article = ingestion.article
    records = _records(mentions)
    return {
        "input": input_name,
        "status": "error" if ingestion.outcome in ("", Outcome.ERROR, Outcome.REFUSED) else ingestion.outcome,
        "error": ingestion.error or None,
        "article": None
        if article is None
        else {
            "id": str(article.uuid),
            "url": article.url,
            "title": article.title,
            "author": article.author,
            "published": article.published_at.date().isoformat() if article.published_at else None,
            "language": article.language,
            "text": article.text,
        },
        "mentions": [
            {
                "kind": mention.kind,
                "id": str(records[mention.kind, mention.object_id].uuid),
                "slug": records[mention.kind, mention.object_id].slug,
                "name": str(records[mention.kind, mention.object_id]),
                "surface": mention.surface,
                "start": mention.start,
                "end": mention.end,
                "method": mention.method,
            }
            for mention in mentions
            if (mention.kind, mention.object_id) in records
        ],
        "suggestions": [
            {
                "kind": suggestion.kind,
                "text": suggestion.text,
                "normalized": suggestion.normalized,
                "data": suggestion.data,
                "start": suggestion.start,
                "end": suggestion.end,
                "evidence": suggestion.evidence,
            }
            for suggestion in suggestions
        ],
    }


def _records(mentions: list[Mention]) -> dict[tuple[str, int], models.Model]:
    """The mentioned records, one query per kind."""
    ids: dict[str, set[int]] = {}
    for mention in mentions:
        ids.setdefault(mention.kind, set()).add(mention.object_id)
    records = {}
    for kind, pks in ids.items():
        linkable = registry.get(kind)
        if linkable is None:
            continue
        for pk, record in linkable.model._default_manager.in_bulk(pks).items():
            records[kind, pk] = record
    return records
