"""Says who: the published citations behind a page's facts, read in one query."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q
from django.utils.text import capfirst

from sources.models import Article, Citation


def list_sources(records: list[Model]) -> list[Citation]:
    """Published citations of any of `records`, in their order, each with `.subject`, the record it supports."""
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
    # In the order of `records`, the page's own: what a passage supports then reads as the page does.
    position = {key: index for index, key in enumerate(by_key)}
    citations.sort(key=lambda citation: position[citation.content_type_id, citation.object_id])
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


@dataclass
class Passage:
    """Words of a source, once, with every fact they are cited for."""

    text: str
    start: int | None  # where they sit in the article: passages read in the article's order
    supports: list[str] = field(default_factory=list)


@dataclass
class Source:
    """One article or URL behind a page, once: its passages, or (a URL read whole) the facts it supports."""

    article: Article | None
    url: str
    title: str
    accessed_date: datetime.date | None = None
    passages: list[Passage] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def supported_fact(citation: Citation) -> str:
    """What a citation is cited for, in words: "Statement: Hong Kong will… (date)"."""
    subject = citation.subject
    fact = f"{capfirst(subject._meta.verbose_name)}: {subject}"
    return f"{fact} ({_field_words(subject, citation.field)})" if citation.field else fact


def _field_words(record: Model, name: str) -> str:
    """A cited field as its label ("start date"); a name the model no longer has, as words."""
    try:
        return str(record._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name.replace("_", " ")


def _add_once(items: list[str], item: str) -> None:
    if item and item not in items:
        items.append(item)


def _source_of(citation: Citation) -> Source:
    if citation.article_id:
        return Source(article=citation.article, url=citation.article.url, title=str(citation.article))
    return Source(article=None, url=citation.url, title=citation.source_title or citation.url)


def group_sources(citations: list[Citation]) -> list[Source]:
    """`citations` (from list_sources) by article, then URL: each article once, newest first, its distinct
    passages in reading order, each with the facts it supports; then the URLs, by title."""
    by_source: dict[tuple, Source] = {}
    for citation in citations:
        key = ("article", citation.article_id) if citation.article_id else ("url", citation.url)
        if key not in by_source:
            by_source[key] = _source_of(citation)
        source = by_source[key]
        if citation.accessed_date and (source.accessed_date is None or citation.accessed_date > source.accessed_date):
            source.accessed_date = citation.accessed_date  # the latest reading of the page
        _add_once(source.notes, citation.note)
        if not citation.passage:
            _add_once(source.supports, supported_fact(citation))
            continue
        passage = next((passage for passage in source.passages if passage.text == citation.passage), None)
        if passage is None:
            passage = Passage(citation.passage, citation.start)
            source.passages.append(passage)
        _add_once(passage.supports, supported_fact(citation))
    for source in by_source.values():
        source.passages.sort(key=lambda passage: (passage.start is None, passage.start or 0, len(passage.text)))
    articles = sorted(
        (source for source in by_source.values() if source.article is not None),
        key=lambda source: (source.article.published_at is None, -_timestamp(source.article), source.article.pk),
    )
    urls = sorted(
        (source for source in by_source.values() if source.article is None), key=lambda source: source.title.lower()
    )
    return articles + urls


def _timestamp(article: Article) -> float:
    return article.published_at.timestamp() if article.published_at else 0.0
