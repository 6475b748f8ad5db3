"""The dataset on a date (transaction time): the version of each record that was public at a moment.

Every step the public saw is a Change. A publish, an approved edit, or a merge into a live survivor puts a
revision live (the change names it, with its version number, at the moment it went live); an unpublish, an
archive or a merge away takes the record down. The last such step at or before the moment says whether a
record was public then, and which revision it showed. A merged record answers under its own identity (the
change keeps its UUID) until its merge; a withdrawn one until its withdrawal.
"""

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from editorial.models import Change

# A step that put a revision live: it names one and its number, and did not merge the record away.
PUT_LIVE = Q(revision__isnull=False, published_version__isnull=False, merged_into_uuid__isnull=True)


@dataclass(frozen=True)
class PastRecord:
    """A record as the public read it at a moment: its published revision's data, and when that went live."""

    pk: int
    uuid: uuid.UUID
    data: dict
    version: int
    published_at: datetime.datetime
    created_at: datetime.datetime

    @classmethod
    def of(cls, change: Change) -> "PastRecord":
        return cls(
            pk=change.object_id,
            uuid=change.record_uuid,
            data=change.revision.data if change.revision is not None else {"fields": {}, "m2m": {}, "children": {}},
            version=change.published_version or 0,
            published_at=change.created_at,
            created_at=getattr(change, "first_at", None) or change.created_at,
        )

    def value(self, model: type[models.Model], name: str) -> Any:
        """A column of the record as it was: identity and history from the changes, content from the revision."""
        meta = {
            "pk": self.pk,
            "id": self.pk,
            "uuid": self.uuid,
            "created_at": self.created_at,
            "updated_at": self.published_at,
            "published_at": self.published_at,
            "published_version": self.version,
            "editorial_status": "published",
        }
        if name in meta:
            return meta[name]
        value = self.data["fields"].get(name)
        field = model._meta.get_field(name)
        if value is None or not isinstance(field, models.Field):
            return value
        return field.to_python(value)


def parse_moment(raw: str) -> datetime.datetime:
    """An ISO 8601 date-time in UTC (a time without offset is read as UTC); ValueError for anything else."""
    try:
        parsed = parse_datetime(raw.strip())
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValueError("Not an ISO 8601 date-time, e.g. 2025-03-01T12:00:00Z.")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    try:
        return parsed.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError("This time is out of range.") from None


def version_at(record: models.Model, at: datetime.datetime) -> int | None:
    """The number of the version of `record` that was public at `at`; None if it was not public then."""
    change = records_at(type(record), at, object_id=record.pk).first()
    return None if change is None else change.published_version


def public_steps(content_type: ContentType, at: datetime.datetime) -> QuerySet[Change]:
    """The steps the public saw of one kind of record, up to `at`."""
    return Change.objects.public().filter(content_type=content_type, created_at__lte=at)


def records_at(model: type[models.Model], at: datetime.datetime, **lookups) -> QuerySet[Change]:
    """For each record of `model` public at `at`, the change that put its version then live (`lookups` narrow).

    One query: the latest public step of each record up to `at` (none later, by time then sequence), kept
    when it put a version live. `first_at` is when the record was first recorded.
    """
    content_type = ContentType.objects.get_for_model(model)
    steps = public_steps(content_type, at)
    later = steps.filter(object_id=OuterRef("object_id")).filter(
        Q(created_at__gt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    first = Change.objects.filter(content_type=content_type, object_id=OuterRef("object_id")).order_by(
        "created_at", "pk"
    )
    return (
        steps.filter(PUT_LIVE, **lookups)
        .filter(~Exists(later))
        .annotate(first_at=Subquery(first.values("created_at")[:1]))
        .select_related("revision")
        .order_by("object_id")
    )


def get_record_at(model: type[models.Model], at: datetime.datetime, *, uuid) -> PastRecord | None:
    """The record with this UUID as the public read it at `at`; None if it was not public then."""
    change = records_at(model, at, record_uuid=uuid).first()
    return None if change is None else PastRecord.of(change)


def list_records_at(model: type[models.Model], at: datetime.datetime, pks) -> dict[int, PastRecord]:
    """Records of `model` by primary key, as public at `at` (those that were not are left out)."""
    return {change.object_id: PastRecord.of(change) for change in records_at(model, at, object_id__in=list(pks))}
