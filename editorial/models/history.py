"""Every version of every curated record, every transition, and where merged records went."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


class RevisionStatus(models.TextChoices):
    SAVED = "saved", "Saved to the draft"
    PENDING_DRAFT = "pending_draft", "Edit of the live record, in progress"
    PENDING_REVIEW = "pending_review", "Edit of the live record, awaiting review"
    APPROVED = "approved", "Edit approved and published"
    SUPERSEDED = "superseded", "Replaced by a later edit"
    DISCARDED = "discarded", "Edit discarded"


PENDING_STATUSES = (RevisionStatus.PENDING_DRAFT, RevisionStatus.PENDING_REVIEW)


class Revision(models.Model):
    """One saved version of a curated record: its fields, many-to-many links and owned rows.

    A revision of a record the public does not see is written to the record at once (SAVED).
    A revision of a live record waits (PENDING_*) until a reviewer approves it; only then is it
    written to the record, which is what the website and the API read.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField(help_text="1, 2, 3... for each record.")
    status = models.CharField(max_length=20, choices=RevisionStatus)
    data = models.JSONField(help_text="The record as saved: fields, links and owned rows.")
    published_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="Set when this revision went live: the number a citation of it uses."
    )
    message = models.TextField(blank=True, help_text="Why the change was made.")
    reverts = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The earlier revision this one restores.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["content_type", "object_id", "-number"]
        indexes = [models.Index(fields=["content_type", "object_id", "number"])]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "number"], name="revision_number_unique"),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "published_version"],
                condition=Q(published_version__isnull=False),
                name="revision_published_version_unique",
            ),
            # A live record has at most one edit waiting: editors keep working on it, not beside it.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(status__in=["pending_draft", "pending_review"]),
                name="revision_one_pending_per_record",
            ),
        ]
        permissions = [
            ("review_records", "Can approve, publish, request changes, unpublish, archive, restore and merge"),
        ]

    def __str__(self):
        return f"Revision {self.number} of {self.content_type.model} {self.object_id}"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES


class ChangeAction(models.TextChoices):
    CREATE = "create", "Created"
    EDIT = "edit", "Edited"
    SUBMIT = "submit", "Submitted for review"
    REQUEST_CHANGES = "request_changes", "Changes requested"
    PUBLISH = "publish", "Published"
    APPROVE_EDIT = "approve_edit", "Edit approved"
    DISCARD_EDIT = "discard_edit", "Edit discarded"
    UNPUBLISH = "unpublish", "Unpublished"
    ARCHIVE = "archive", "Archived"
    RESTORE = "restore", "Restored to draft"
    REVERT = "revert", "Reverted"
    MERGE = "merge", "Merged"
    DELETE = "delete", "Deleted"


# What partners' change feed lists: what the public saw appear, change, go or move.
PUBLIC_ACTIONS = (
    ChangeAction.PUBLISH,
    ChangeAction.APPROVE_EDIT,
    ChangeAction.UNPUBLISH,
    ChangeAction.ARCHIVE,
    ChangeAction.MERGE,
)


class ChangeQuerySet(models.QuerySet):
    def public(self):
        """Entries partners may see, in the order they happened."""
        return self.filter(action__in=PUBLIC_ACTIONS, is_public=True).order_by("pk")


class Change(models.Model):
    """Who did what to which record, when and why: the audit trail and partners' change feed.

    Keeps the record's UUID and slug as they were, so an entry outlives a merged (deleted) record.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record_uuid = models.UUIDField(db_index=True)
    record_slug = models.SlugField(max_length=120)
    action = models.CharField(max_length=20, choices=ChangeAction)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    revision = models.ForeignKey(Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes")
    published_version = models.PositiveIntegerField(null=True, blank=True)
    merged_into_uuid = models.UUIDField(null=True, blank=True)
    is_public = models.BooleanField(
        default=False, help_text="Whether the public saw this happen (a transition of a published record)."
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.content_type.model} {self.record_slug}"


class Redirect(models.Model):
    """An old slug or UUID of a merged or renamed record, and the record that answers for it now."""

    class Reason(models.TextChoices):
        MERGE = "merge", "Merged into another record"
        RENAME = "rename", "Slug changed"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    old_slug = models.SlugField(max_length=120)
    old_uuid = models.UUIDField(null=True, blank=True)
    target_id = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=10, choices=Reason)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="redirect_old_slug_unique"),
            models.UniqueConstraint(
                fields=["content_type", "old_uuid"],
                condition=Q(old_uuid__isnull=False),
                name="redirect_old_uuid_unique",
            ),
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.old_slug} -> {self.target_id}"
