"""Reads of the pipeline's proposals for the review screens, the linker and the ingest command."""

from django.db import models
from django.db.models import QuerySet

from ingestion.linking import registry
from ingestion.models import Ingestion, Mention, Outcome, ReviewStatus, Suggestion, SuggestionKind
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
    """One line of `ingest --json`: the input, its outcome, the article, its mentions and suggestions.

    A suggestion of kind link (a doubtful match, for an editor to confirm) names its record as a mention does.
    """
    article = ingestion.article
    linked = [(mention.kind, mention.object_id) for mention in mentions]
    linked += [_link_target(suggestion) for suggestion in suggestions if suggestion.kind == SuggestionKind.LINK]
    records = _records(linked)
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
                **_record(records[mention.kind, mention.object_id]),
                "surface": mention.surface,
                "start": mention.start,
                "end": mention.end,
                "method": mention.method,
                "confidence": mention.confidence,
            }
            for mention in mentions
            if (mention.kind, mention.object_id) in records
        ],
        "suggestions": [_suggestion_line(suggestion, records) for suggestion in suggestions],
    }


def _record(record: models.Model) -> dict:
    return {"id": str(record.uuid), "slug": record.slug, "name": str(record)}


def _link_target(suggestion: Suggestion) -> tuple[str, int]:
    return suggestion.data.get("kind", ""), suggestion.data.get("record_id", 0)


def _suggestion_line(suggestion: Suggestion, records: dict[tuple[str, int], models.Model]) -> dict:
    line = {
        "kind": suggestion.kind,
        "text": suggestion.text,
        "normalized": suggestion.normalized,
        "data": suggestion.data,
        "start": suggestion.start,
        "end": suggestion.end,
        "evidence": suggestion.evidence,
    }
    if suggestion.kind == SuggestionKind.LINK:
        record = records.get(_link_target(suggestion))
        line["record"] = None if record is None else {"kind": suggestion.data["kind"], **_record(record)}
        line["method"] = suggestion.data.get("method")
        line["confidence"] = suggestion.data.get("confidence")
    return line


def _records(linked: list[tuple[str, int]]) -> dict[tuple[str, int], models.Model]:
    """The linked records, one query per kind."""
    ids: dict[str, set[int]] = {}
    for kind, pk in linked:
        ids.setdefault(kind, set()).add(pk)
    records = {}
    for kind, pks in ids.items():
        linkable = registry.get(kind)
        if linkable is None:
            continue
        for pk, record in linkable.model._default_manager.in_bulk(pks).items():
            records[kind, pk] = record
    return records
