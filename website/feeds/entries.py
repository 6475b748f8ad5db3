"""The entries the site's feeds list: records' published versions, statements, and search matches."""

from collections.abc import Iterable
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from editorial.models import Change, CuratedRecord
from website.feeds.atom import FeedItem, tag_uri, version_id
from website.feeds.changes import VERSION_ACTIONS, describe_version, published_revisions

FEED_ITEMS = 50


def version_link(record: CuratedRecord, number: int) -> str:
    namespace = type(record)._meta.app_label
    return reverse(f"{namespace}:version", kwargs={"slug": record.slug, "version": number})


def row_link(record: CuratedRecord) -> str:
    return reverse(f"{type(record)._meta.app_label}:detail", kwargs={"slug": record.slug})


def or_words_about(record: CuratedRecord, text: str) -> str:
    """The record's own text, or what it is when it has none: an entry's summary is never empty."""
    if text.strip():
        return text
    kind = str(type(record)._meta.verbose_name).capitalize()
    return f"{kind} published on Initiative Tracker (version {record.published_version or 1}); no summary yet."


def record_item(record: CuratedRecord, *, title: str, text: str) -> FeedItem:
    """A published record as it stands: its current version, linked to its page."""
    return FeedItem(
        title=title,
        summary=or_words_about(record, text),
        link=row_link(record),
        guid=version_id(record, record.published_version or 1),
        updated=record.published_at or record.updated_at,
    )


def list_version_items(record: CuratedRecord) -> list[FeedItem]:
    """The record's published versions, newest first, each saying what it changed, pointing at its permalink."""
    changes = list(
        Change.objects.filter(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            action__in=VERSION_ACTIONS,
            is_public=True,
            published_version__isnull=False,
        ).order_by("-pk")[:FEED_ITEMS]
    )
    revisions = published_revisions(changes)
    return [
        FeedItem(
            title=f"{record}: version {change.published_version} published",
            summary=describe_version(change, type(record), revisions),
            link=version_link(record, change.published_version),
            guid=version_id(record, change.published_version),
            updated=change.created_at,
        )
        for change in changes
    ]


def site_update_items(models: list[type[CuratedRecord]]) -> list[FeedItem]:
    """The newest versions published anywhere on the site, for records still published."""
    content_types = ContentType.objects.get_for_models(*models)
    by_id = {content_type.pk: model for model, content_type in content_types.items()}
    changes = list(
        Change.objects.filter(
            content_type__in=list(content_types.values()),
            action__in=VERSION_ACTIONS,
            is_public=True,
            published_version__isnull=False,
        ).order_by("-pk")[: FEED_ITEMS * 2]
    )
    records = {}
    for content_type_id, model in by_id.items():
        ids = [change.object_id for change in changes if change.content_type_id == content_type_id]
        if ids:
            for record in model.objects.published().filter(pk__in=ids):
                records[content_type_id, record.pk] = record
    changes = [change for change in changes if (change.content_type_id, change.object_id) in records][:FEED_ITEMS]
    revisions = published_revisions(changes)
    items = []
    for change in changes:
        record = records[change.content_type_id, change.object_id]  # withdrawn or merged records left out above
        kind = type(record)._meta.verbose_name
        items.append(
            FeedItem(
                title=f"{record} ({kind}), version {change.published_version}",
                summary=describe_version(change, type(record), revisions),
                link=row_link(record),
                guid=version_id(record, change.published_version),
                updated=change.created_at,
            )
        )
    return items


def statement_items(statements) -> list[FeedItem]:
    """Published statements as feed entries, linked to where they appear on the speaker's page."""
    return [
        FeedItem(
            title=f"{statement.speaker}: {statement.summary}",
            summary=or_words_about(statement, statement.text),
            link=f"{row_link(statement.speaker)}#statement-{statement.slug}",
            guid=version_id(statement, statement.published_version or 1),
            updated=statement.published_at,
        )
        for statement in statements
        if statement.published_at
    ]


def search_items(sections: Iterable) -> list[FeedItem]:
    """The site search's matches, kind by kind, best first: each as the list or record feeds show it."""
    items = []
    for section in sections:
        for row in section.rows:
            items.append(_search_item(section.key, row))
    return items


def _search_item(key: str, row) -> FeedItem:
    if key == "initiatives":
        return record_item(row, title=row.name, text=row.summary)
    if key == "people":
        return record_item(row, title=row.full_name, text=row.bio)
    if key == "meetings":
        return record_item(row, title=row.name, text=row.description)
    if key == "organizations":
        item = record_item(row, title=row.name, text=row.description)
        item.link = reverse("initiatives:list") + "?" + urlencode({"organization": row.slug})  # it has no page
        return item
    if key == "statements":
        (item,) = statement_items([row]) or [record_item(row, title=f"{row.speaker}: {row.summary}", text=row.text)]
        return item
    return _article_item(row)


def _article_item(article) -> FeedItem:
    """A public article: its title and where and when it appeared, never its text (its publisher's)."""
    when = article.published_at
    words = "A source article" + (f" from {article.outlet}" if article.outlet else "")
    words += f", published {when.day} {when:%B %Y}." if when else "."
    return FeedItem(
        title=str(article),
        summary=words,
        link=reverse("articles:detail", kwargs={"id": article.pk}),
        guid=tag_uri(f"article/{article.uuid}"),
        updated=article.published_at or article.updated_at,
    )
