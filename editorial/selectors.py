"""Reads the website and the API share: old addresses, published versions, the public change feed."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from editorial.models import Change, CuratedRecord, Redirect, Revision


def find_redirect(model: type[CuratedRecord], *, slug: str | None = None, uuid=None) -> CuratedRecord | None:
    """The published record that now answers for a merged or renamed record's old slug or UUID."""
    lookup = {"old_slug": slug} if slug is not None else {"old_uuid": uuid}
    redirect = Redirect.objects.filter(content_type=ContentType.objects.get_for_model(model), **lookup).first()
    if redirect is None:
        return None
    return model.objects.published().filter(pk=redirect.target_id).first()


def get_published_version(record: CuratedRecord, number: int) -> Revision | None:
    """The revision a reviewer published as version `number` of `record`: a permalink's content."""
    if not record.is_live:
        return None
    content_type = ContentType.objects.get_for_model(record)
    # The change that put version `number` live names its revision: a revision published again unchanged (after
    # an unpublish) carries only its latest number.
    change = (
        Change.objects.public()
        .filter(content_type=content_type, object_id=record.pk, published_version=number, revision__isnull=False)
        .select_related("revision")
        .first()
    )
    if change is not None:
        return change.revision
    return Revision.objects.filter(content_type=content_type, object_id=record.pk, published_version=number).first()


def list_published_versions(record: CuratedRecord) -> QuerySet[Revision]:
    """Every published version of a live record, newest first."""
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk, published_version__isnull=False
    ).order_by("-published_version")


def list_public_changes(*, after: int = 0, models_: list[type[models.Model]] | None = None) -> QuerySet[Change]:
    """What the public saw appear, change, go or move, in order, after the entry numbered `after`."""
    changes = Change.objects.public().filter(pk__gt=after).select_related("content_type")
    if models_:
        changes = changes.filter(content_type__in=ContentType.objects.get_for_models(*models_).values())
    return changes
