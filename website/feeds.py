"""Atom feeds: follow a list (with its filters and search), one record, or the whole site."""

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from editorial.models import Change, ChangeAction, CuratedRecord
from website.listing import BadListRequest, Listing

FEED_ITEMS = 50
VERSION_ACTIONS = (ChangeAction.PUBLISH, ChangeAction.APPROVE_EDIT)


class _AtomFeed(Feed):
    feed_type = Atom1Feed

    def item_pubdate(self, item):
        return item.updated

    def item_updateddate(self, item):
        return item.updated

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.guid

    def item_guid_is_permalink(self, item):
        return False


class FeedItem:
    def __init__(self, *, title, summary, link, guid, updated):
        self.title, self.summary, self.link, self.guid, self.updated = title, summary, link, guid, updated


def version_link(record: CuratedRecord, number: int) -> str:
    namespace = type(record)._meta.app_label
    return reverse(f"{namespace}:version", kwargs={"slug": record.slug, "version": number})


class ListFeed(_AtomFeed):
    """Newest published records of a list, with the list's current filters and search."""

    def __init__(self, *, listing: Listing, list_route: str, title_text: str, describe: Callable[[Any], str]):
        super().__init__()
        self.listing, self.list_route, self.title_text, self.describe = listing, list_route, title_text, describe

    def get_object(self, request, *args, **kwargs):
        try:
            return self.listing.read(request.GET), request.GET.urlencode()
        except BadListRequest as error:
            raise Http404(str(error)) from None

    def title(self, obj):
        list_request, _ = obj
        return f"{self.title_text}{f': “{list_request.text}”' if list_request.text else ''} — Initiative Tracker"

    def link(self, obj):
        _, query = obj
        return reverse(self.list_route) + (f"?{query}" if query else "")

    def subtitle(self, obj):
        return "Records as reviewers publish them; an updated record appears again as a new version."

    def items(self, obj):
        list_request, _ = obj
        rows = list_request.filtered().order_by("-published_at", "-pk")[:FEED_ITEMS]
        return [
            FeedItem(
                title=str(row),
                summary=self.describe(row),
                link=row_link(row),
                guid=version_link(row, row.published_version or 1),
                updated=row.published_at,
            )
            for row in rows
        ]


def row_link(record: CuratedRecord) -> str:
    return reverse(f"{type(record)._meta.app_label}:detail", kwargs={"slug": record.slug})


def list_version_items(record: CuratedRecord) -> list[FeedItem]:
    """The record's published versions, newest first, as feed entries pointing at their permalinks."""
    changes = Change.objects.filter(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        action__in=VERSION_ACTIONS,
        is_public=True,
        published_version__isnull=False,
    ).order_by("-pk")[:FEED_ITEMS]
    return [
        FeedItem(
            title=f"{record}: version {change.published_version} published",
            summary=change.comment if change.action == ChangeAction.APPROVE_EDIT else "",
            link=version_link(record, change.published_version),
            guid=version_link(record, change.published_version),
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
    items = []
    for change in changes:
        record = records.get((change.content_type_id, change.object_id))
        if record is None:
            continue  # withdrawn or merged since: the public no longer sees it
        kind = type(record)._meta.verbose_name
        items.append(
            FeedItem(
                title=f"{record} ({kind}), version {change.published_version}",
                summary="Updated." if change.action == ChangeAction.APPROVE_EDIT else "Published.",
                link=row_link(record),
                guid=version_link(record, change.published_version),
                updated=change.created_at,
            )
        )
    return items[:FEED_ITEMS]


class RecordFeed(_AtomFeed):
    """One record's published versions and what was said about it since: follow one initiative or person."""

    def get_object(self, request, *, record, extra_items):
        return record, extra_items

    def title(self, obj):
        record, _ = obj
        return f"{record} — Initiative Tracker"

    def link(self, obj):
        record, _ = obj
        return row_link(record)

    def subtitle(self, obj):
        return "Each published version of this record, and the published statements about it."

    def items(self, obj):
        record, extra_items = obj
        items = [*list_version_items(record), *extra_items]
        items.sort(key=lambda item: item.updated, reverse=True)
        return items[:FEED_ITEMS]


class SiteFeed(_AtomFeed):
    title = "Initiative Tracker: updates"
    subtitle = "Initiatives, people and meetings as reviewers publish and update them."

    def get_object(self, request, *, models):
        return models

    def link(self, obj):
        return reverse("website:home")

    def items(self, obj):
        return site_update_items(obj)


def statement_items(statements) -> list[FeedItem]:
    """Published statements as feed entries, linked to where they appear on the speaker's page."""
    return [
        FeedItem(
            title=f"{statement.speaker}: {statement.summary}",
            summary=statement.text,
            link=f"{row_link(statement.speaker)}#statement-{statement.slug}",
            guid=f"{row_link(statement.speaker)}#statement-{statement.slug}",
            updated=statement.published_at,
        )
        for statement in statements
        if statement.published_at
    ]
