"""Permalinks: a record as a reviewer published it in version N, readable after later edits."""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from editorial.models import Change, CuratedRecord
from editorial.revisions import content_fields, write_fields
from editorial.selectors import get_published_version


@dataclass
class PublishedVersion:
    record: CuratedRecord  # an unsaved copy holding the version's fields, its links resolved
    number: int
    published_at: datetime.datetime | None
    is_current: bool
    links: dict[str, list]  # many-to-many name -> the linked records that are published now
    aliases: list[str]


def get_version(*, record: CuratedRecord, number: int) -> PublishedVersion | None:
    """Version `number` of a live record as published; None if no such published version exists."""
    revision = get_published_version(record, number)
    if revision is None:
        return None
    copy = type(record)(pk=record.pk, uuid=record.uuid, slug=record.slug, editorial_status=record.editorial_status)
    write_fields(copy, revision.data)
    copy.slug = record.slug  # the address it answers at now; an old slug redirects here anyway
    for field in content_fields(type(record)):
        if field.many_to_one and field.name in revision.data["fields"]:
            setattr(copy, field.name, _published(field.related_model, getattr(copy, field.attname)))
    links = {}
    for field in type(record)._meta.many_to_many:
        pks = revision.data["m2m"].get(field.name, [])
        links[field.name] = list(_published_queryset(field.related_model).filter(pk__in=pks)) if pks else []
    change = (
        Change.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk, published_version=number
        )
        .order_by("pk")
        .first()
    )
    return PublishedVersion(
        record=copy,
        number=number,
        published_at=change.created_at if change else None,
        is_current=number == record.published_version,
        links=links,
        aliases=[row.get("name", "") for row in revision.data["children"].get("aliases", [])],
    )


def _published_queryset(model: type[models.Model]) -> models.QuerySet:
    """What the public may see of `model`: published records, or every row of reference data."""
    return model.objects.published() if issubclass(model, CuratedRecord) else model._default_manager.all()


def _published(model: type[models.Model], pk) -> models.Model | None:
    return None if pk is None else _published_queryset(model).filter(pk=pk).first()


def version_facts(record: CuratedRecord) -> list[tuple[str, str]]:
    """(label, value as a reader writes it) for each filled-in field of a version, dates at their precision."""
    facts = []
    names = {field.name for field in content_fields(type(record))}
    for field in content_fields(type(record)):
        if field.name == "slug" or field.name.endswith("_precision"):
            continue
        if f"{field.name}_precision" in names:
            value = record.partial_date(field.name)
            text = value.display() if value else ""
        elif field.many_to_one:
            related = getattr(record, field.name)
            text = str(related) if related is not None else ""
        elif field.choices:
            text = (
                str(dict(field.flatchoices).get(getattr(record, field.attname), ""))
                if getattr(record, field.attname)
                else ""
            )
        else:
            value = getattr(record, field.attname)
            text = "" if value in (None, "") else str(value)
        if text:
            facts.append((str(field.verbose_name).capitalize(), text))
    return facts
