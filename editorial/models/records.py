"""What every curated record shares: identity, editorial state, aliases, identifiers, dates.

This module knows no domain model. Domain apps subclass `CuratedRecord` and `AliasBase`;
`ExternalIdentifier` points at any curated record through the contenttypes framework.
"""

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from editorial.dates import DatePrecision, PartialDate
from editorial.models.writes import UnrecordedWrite, refuse_outside_workflow


class EditorialStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class CuratedQuerySet(models.QuerySet):
    def published(self):
        """Only what a reviewer approved: the one rule the website and the API read through."""
        return self.filter(editorial_status=EditorialStatus.PUBLISHED)

    def awaiting_review(self):
        """Records submitted for review, and live records whose submitted edit awaits approval."""
        return self.filter(Q(editorial_status=EditorialStatus.IN_REVIEW) | Q(pending_revision__status="pending_review"))

    def update(self, **kwargs):
        # Every change of a curated record goes through editorial.workflow, which keeps its history.
        raise UnrecordedWrite(
            f"{self.model.__name__}.objects.update() would bypass the record's history; use editorial.workflow, "
            "or update_unrecorded() for a field that is derived, not edited."
        )

    def bulk_update(self, objs, fields, batch_size=None):
        raise UnrecordedWrite(f"{self.model.__name__}.objects.bulk_update() would bypass the record's history.")

    def delete(self):
        refuse_outside_workflow(self.model, "objects.delete()")
        return super().delete()

    # As Django marks its own: a template may not call it, and the manager does not offer it (objects.delete()).
    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]

    def update_unrecorded(self, **kwargs) -> int:
        """Bulk-update derived bookkeeping (a denormalised flag, a lock counter): never editorial content."""
        return super().update(**kwargs)


# Paths the public lists keep beside their records' pages (/initiatives/feed/): no record may take them.
RESERVED_SLUGS = frozenset({"feed"})


class CuratedRecord(models.Model):
    """Identity that lasts, and the editorial state every curated record carries.

    The integer primary key stays internal (joins, keyset paging); partners see `uuid`,
    researchers see `slug` in URLs.
    """

    uuid = models.UUIDField(
        "UUID", default=uuid.uuid4, unique=True, editable=False, help_text="Stable identifier used by the API."
    )
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in the record's web address.")
    editorial_status = models.CharField(
        max_length=20, choices=EditorialStatus, default=EditorialStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up with every saved change; guards against lost updates."
    )
    published_version = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Number of the version the public sees."
    )
    pending_revision = models.ForeignKey(
        "editorial.Revision",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An edit of the live record that the public does not see until a reviewer approves it.",
    )
    last_reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    identifiers = GenericRelation("editorial.ExternalIdentifier")

    # Rows owned by the record and versioned with it (a reverse relation name each).
    revision_children: tuple[str, ...] = ("identifiers",)
    # Whether publishing needs at least one published-or-approved citation of the record.
    requires_citation = False

    objects = CuratedQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.slug

    def save(self, *args, **kwargs):
        # The workflow writes with the revision and the change entry that say so; anywhere else it would not.
        refuse_outside_workflow(type(self), "save()")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_outside_workflow(type(self), "delete()")
        return super().delete(*args, **kwargs)

    def partial_date(self, field_name: str) -> PartialDate | None:
        """The date stored in `field_name` at the precision its source gave."""
        return PartialDate.from_fields(getattr(self, field_name), getattr(self, f"{field_name}_precision"))

    def clean(self):
        super().clean()
        normalise_partial_dates(self)
        self._refuse_a_redirected_slug()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is a path of the public lists; choose another address."})

    def _refuse_a_redirected_slug(self) -> None:
        # An old slug of a merged or renamed record keeps answering for it: no other record may take it.
        from editorial.models.history import Redirect

        if not self.slug:
            return
        taken = Redirect.objects.filter(content_type=ContentType.objects.get_for_model(self), old_slug=self.slug)
        if taken.exclude(target_id=self.pk).exists():
            raise ValidationError(
                {"slug": "This address belonged to a merged or renamed record and still leads there."}
            )

    @property
    def is_live(self) -> bool:
        """The public sees this record: its edits wait for review."""
        return self.editorial_status == EditorialStatus.PUBLISHED

    def required_citation_fields(self) -> dict[str, str]:
        """Facts of this record that need their own citation, as {citation field: label}."""
        return {}

    def clean_links(self, m2m: dict[str, list]) -> None:
        """Check the many-to-many links as `m2m` ({field: [pk, ...]}) would set them, which full_clean cannot see."""


class AliasKind(models.TextChoices):
    ALTERNATE = "alternate", "Alternate name"
    SHORT = "short", "Short name"
    ACRONYM = "acronym", "Acronym or abbreviation"
    ORIGINAL_SCRIPT = "original_script", "Name in original script"
    ROLE = "role", "Descriptive reference"
    FORMER = "former", "Former name"


class AliasBase(models.Model):
    """Another name a record goes by; the ingestion linker matches records by every one of them.

    Subclasses add `record = ForeignKey(<owner>, related_name="aliases")`.
    """

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=AliasKind, default=AliasKind.ALTERNATE)
    language = models.CharField(max_length=35, blank=True, help_text="BCP 47 tag, e.g. en, zh-Hant.")

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def unique_per_record(cls, prefix: str) -> models.UniqueConstraint:
        """The same alias twice on one record is noise for the linker."""
        return models.UniqueConstraint(fields=["record", "name"], name=f"{prefix}_alias_unique_per_record")


class ExternalIdentifier(models.Model):
    """A record's identifier in another system, e.g. Wikidata Q-number or an ISO code."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    scheme = models.CharField(max_length=50, help_text="e.g. wikidata, iso-3166, lei, apec.")
    value = models.CharField(max_length=200)
    url = models.URLField(blank=True)

    revision_key = ("scheme", "value")

    class Meta:
        ordering = ["scheme", "value"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            # One Wikidata item names one record of a kind; a duplicate means two records to merge.
            models.UniqueConstraint(
                fields=["content_type", "scheme", "value"], name="external_identifier_unique_per_kind"
            ),
        ]

    def __str__(self):
        return f"{self.scheme}:{self.value}"


class DatePrecisionField(models.CharField):
    """The precision of the date field it sits beside (`<name>_precision`).

    `is_end=True` marks the end of a span ("until 2024"): its date is stored as the last day of
    its period, so that "end not before start" and "held on a date" are plain comparisons.
    """

    def __init__(self, *args, is_end: bool = False, **kwargs):
        self.is_end = is_end
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("choices", DatePrecision.choices)
        kwargs.setdefault("default", DatePrecision.DAY)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        path = "editorial.models.DatePrecisionField"  # the public name, wherever the class lives
        for key, value in (("max_length", 5), ("choices", DatePrecision.choices), ("default", DatePrecision.DAY)):
            if kwargs.get(key) == value:
                kwargs.pop(key)
        if self.is_end:
            kwargs["is_end"] = True
        return name, path, args, kwargs


def ends_after_start(prefix: str, start: str = "start_date", end: str = "end_date") -> models.CheckConstraint:
    """End not before start, where both are known."""
    return models.CheckConstraint(
        condition=Q(**{f"{start}__isnull": True}) | Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=f"{prefix}_ends_after_start",
    )


def not_negative(prefix: str, field: str) -> models.CheckConstraint:
    """Amounts are magnitudes; a cut is a milestone, not a negative budget."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}), name=f"{prefix}_{field}_not_negative"
    )


def refuse_cycle(record: models.Model, field_name: str, parents: Iterable[int | None]) -> None:
    """Refuse `parents` (of a `parent` key or `parents` links) that are the record itself or anything it is above."""
    above = {pk for pk in parents if pk is not None}
    seen: set[int] = set()
    while above and record.pk is not None:
        if record.pk in above:
            name = record._meta.verbose_name
            raise ValidationError(
                {field_name: f"A {name} cannot be part of itself, nor of a {name} that is part of it."}
            )
        seen |= above
        # One query a level: walks up the stored links, whatever the state of the records on the way.
        above = set(type(record)._default_manager.filter(pk__in=above).values_list(field_name, flat=True)) - seen
        above.discard(None)


def normalise_partial_dates(instance: models.Model) -> None:
    """Store each partial date as the first day of its period, or the last for the end of a span."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, DatePrecisionField) and field.name.endswith("_precision"):
            date_name = field.name.removesuffix("_precision")
            value = PartialDate.from_fields(getattr(instance, date_name), getattr(instance, field.name))
            if value is not None:
                setattr(instance, date_name, value.last_day if field.is_end else value.date)
