"""The editorial workflow: every write to a curated record, every transition, and who may make it.

Editors draft and submit; reviewers approve, request changes, unpublish, archive, restore,
merge and delete drafts. A record the public sees (published) is never changed by an edit: the
edit waits as a pending revision until a reviewer approves it. Each step leaves a Revision and/or
a Change. Only these steps may save or delete a curated record (`writes_through`): a `save()` or
`delete()` anywhere else raises WriteOutsideWorkflow.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from editorial.deletion import collect_deletion
from editorial.models import (
    Change,
    ChangeAction,
    CuratedRecord,
    EditorialStatus,
    Redirect,
    Revision,
    RevisionStatus,
    writes_through,
)
from editorial.revisions import overlay, take, working_copy, write_checked, write_relations
from editorial.rules import (
    TRANSITIONS,
    CitationsMissing,
    EditConflict,
    Transition,
    TransitionNotAllowed,
    available_transitions,
    is_deletable,
    may,
    may_delete,
    may_edit,
    may_review,
    missing_citations,
    require_citations,
    target_of,
)

# The rules live in editorial.rules; callers import the workflow's whole vocabulary from here.
__all__ = [
    "TRANSITIONS",
    "CitationsMissing",
    "EditConflict",
    "TransitionNotAllowed",
    "available_transitions",
    "delete_draft",
    "is_deletable",
    "may_delete",
    "may_edit",
    "may_review",
    "missing_citations",
    "revert",
    "save_record",
    "transition",
]


def _lock(record: CuratedRecord) -> CuratedRecord:
    # Row lock: two reviewers pressing "publish" at once must not both number a version. The pending edit is read
    # after it, never joined: a request that waited for the lock gets the row as the other one left it, but a joined
    # row as it was before (PostgreSQL rechecks only the locked row), its old edit or none beside the new id.
    return type(record).objects.select_for_update().get(pk=record.pk)


def _log(record, action, *, by, comment="", before="", after="", revision=None, is_public=None, **extra) -> Change:
    if is_public is None:
        is_public = EditorialStatus.PUBLISHED in (before, after)
    return Change.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        record_uuid=record.uuid,
        record_slug=record.slug,
        action=action,
        from_status=before,
        to_status=after,
        revision=revision,
        is_public=is_public,
        user=by,
        comment=comment,
        **extra,
    )


def _new_revision(record, data, status, *, by, message="", reverts=None) -> Revision:
    content_type = ContentType.objects.get_for_model(record)
    latest = Revision.objects.filter(content_type=content_type, object_id=record.pk).aggregate(Max("number"))
    return Revision.objects.create(
        content_type=content_type,
        object_id=record.pk,
        number=(latest["number__max"] or 0) + 1,
        status=status,
        data=data,
        message=message,
        reverts=reverts,
        created_by=by,
    )


def _bookkeeping(record: CuratedRecord, *fields: str) -> None:
    """Save workflow fields only: a pending edit must not touch what the public reads."""
    record.version += 1
    record.save(update_fields=["version", *fields])


@writes_through("editorial.workflow.save_record")
@transaction.atomic
def save_record(
    *,
    record: CuratedRecord,
    by,
    data: dict | None = None,
    changes: dict | None = None,
    expected_version: int | None = None,
    message: str = "",
    reverts: Revision | None = None,
) -> Revision:
    """Save an editor's version of a record: written to a record the public does not see, held for review otherwise.

    `data` (see editorial.revisions) defaults to the record as it is in memory; `changes`, a part of
    such data, is laid over the version editors work on as it is once locked, so that partial
    edits sent at once are each applied in turn. A new record is created as a draft.
    `expected_version` is the version the editor opened: if someone saved since, EditConflict is
    raised and nothing is written.
    """
    if not may_edit(by, type(record)):
        raise PermissionDenied("You may not edit this kind of record.")
    if record.pk is None:
        data = overlay(data if data is not None else take(record), changes or {})
        record.editorial_status = EditorialStatus.DRAFT
        record.created_by = record.updated_by = by
        _write(record, data)
        revision = _new_revision(record, take(record), RevisionStatus.SAVED, by=by, message=message)
        _log(record, ChangeAction.CREATE, by=by, comment=message, after=record.editorial_status, revision=revision)
        return revision

    locked = _lock(record)
    if expected_version is not None and locked.version != expected_version:
        raise EditConflict(locked, expected_version)
    if locked.editorial_status == EditorialStatus.ARCHIVED:
        raise TransitionNotAllowed("edit", locked.editorial_status)
    if changes is not None:
        data = overlay(working_copy(locked), changes)
    elif data is None:
        data = take(record)
    write_checked(locked, data)  # validates the edit now, even when it will wait for review; normalises dates
    data = {**data, "fields": take(locked, m2m=data["m2m"], children=data["children"])["fields"]}
    action = ChangeAction.REVERT if reverts else ChangeAction.EDIT
    locked.updated_by = by
    if locked.is_live:
        pending = locked.pending_revision
        status = pending.status if pending else RevisionStatus.PENDING_DRAFT
        if pending:
            pending.status = RevisionStatus.SUPERSEDED
            pending.save(update_fields=["status"])
        revision = _new_revision(locked, data, status, by=by, message=message, reverts=reverts)
        locked.pending_revision = revision
        # Only bookkeeping: the row keeps what the public sees until a reviewer approves.
        type(locked).objects.filter(pk=locked.pk).update_unrecorded(
            version=locked.version + 1, pending_revision=revision, updated_by=by
        )
        locked.version += 1
    else:
        locked.version += 1
        _write(locked, data)
        revision = _new_revision(locked, take(locked), RevisionStatus.SAVED, by=by, message=message, reverts=reverts)
    _log(
        locked,
        action,
        by=by,
        comment=message,
        before=locked.editorial_status,
        after=locked.editorial_status,
        revision=revision,
    )
    _copy_state(locked, record)
    return revision


def revert(*, record: CuratedRecord, revision: Revision, by, comment: str = "") -> Revision:
    """Restore an earlier revision's content as a new edit (which a live record's reviewer must approve)."""
    if (revision.content_type_id, revision.object_id) != (ContentType.objects.get_for_model(record).pk, record.pk):
        raise ValidationError("That revision belongs to another record.")
    message = comment or f"Reverted to revision {revision.number}."
    return save_record(record=record, by=by, data=revision.data, message=message, reverts=revision)


@writes_through("editorial.workflow.transition")
@transaction.atomic
def transition(*, record: CuratedRecord, action: str, by, comment: str = "") -> CuratedRecord:
    """Move a record (or its pending edit) one step along the workflow, checked and recorded."""
    spec = TRANSITIONS.get(action)
    if spec is None:
        raise TransitionNotAllowed(action, "in any state")
    if not may(by, spec, record):
        raise PermissionDenied(f"Your role may not {spec.label.lower()}.")
    if spec.comment_required and not comment.strip():
        raise ValidationError(f"Say why: “{spec.label}” needs a comment the editor will read.")
    locked = _lock(record)
    target = target_of(spec, locked)
    if target is None:
        state = locked.editorial_status
        if locked.pending_revision is not None:
            state = f"{state} with an edit {locked.pending_revision.get_status_display().lower()}"
        raise TransitionNotAllowed(action, state)
    where, new_status = target
    if where == "pending":
        _move_pending(locked, spec, new_status, by=by, comment=comment)
    else:
        _move_record(locked, spec, new_status, by=by, comment=comment)
    _copy_state(locked, record)
    return record


@writes_through("editorial.workflow.delete_draft")
@transaction.atomic
def delete_draft(*, record: CuratedRecord, by, comment: str = "") -> None:
    """Delete a draft the public never saw, and the curated rows that go with it, each leaving a change entry.

    A record the public has seen leaves by archiving or merging instead. Its revisions and change
    entries stay: they are the trace that it existed and who deleted it.
    """
    if not may_delete(by, type(record)):
        raise PermissionDenied("Your role may not delete records.")
    locked = _lock(record)
    collector, cascaded = collect_deletion(locked)
    for row in (locked, *cascaded):
        note = (comment or "Deleted.") if row is locked else f"Deleted with “{locked}”."
        _log(row, ChangeAction.DELETE, by=by, comment=note, before=row.editorial_status, revision=_latest_saved(row))
    collector.delete()


def _move_record(record: CuratedRecord, spec: Transition, new_status: str, *, by, comment: str) -> None:
    before = record.editorial_status
    pending = record.pending_revision
    latest = None
    if new_status == EditorialStatus.PUBLISHED:
        require_citations(record)
        latest = _latest_revision(record)
    if pending is not None and before == EditorialStatus.PUBLISHED and new_status == EditorialStatus.DRAFT:
        # Unpublished: nothing is live any more, so the waiting edit becomes the draft.
        _write(record, pending.data)
        pending.status = RevisionStatus.SAVED
        pending.save(update_fields=["status"])
        record.pending_revision = None
    elif pending is not None:
        # Only a live record keeps an edit waiting. Archiving discards it, as a step of its own in the history; so
        # does restoring a record archived with one (as a race once left), rather than fold it into the draft unseen.
        comment = f"Discarded by “{spec.label}”: only a published record keeps an edit waiting for review."
        _move_pending(record, TRANSITIONS["discard_edit"], RevisionStatus.DISCARDED, by=by, comment=comment)
    record.editorial_status = new_status
    fields = ["editorial_status", "pending_revision"]
    if EditorialStatus.PUBLISHED in (before, new_status):
        fields.append("updated_at")  # what the public sees changed: partners' ?updated_since= must notice
    if spec.needs_review:
        record.last_reviewed_at = timezone.now()
        fields.append("last_reviewed_at")
    if new_status == EditorialStatus.PUBLISHED:
        _number_published_version(record, latest)
        fields += ["published_version", "published_at"]
    _bookkeeping(record, *fields)
    _log(
        record,
        spec.action,
        by=by,
        comment=comment,
        before=before,
        after=new_status,
        revision=latest,
        published_version=record.published_version if new_status == EditorialStatus.PUBLISHED else None,
    )
    if new_status == EditorialStatus.PUBLISHED:
        _publish_sources(record, by=by)


def _move_pending(record: CuratedRecord, spec: Transition, new_status: str, *, by, comment: str) -> None:
    pending = record.pending_revision
    if pending is None:  # target_of sends here only a record with an edit waiting
        raise TransitionNotAllowed(spec.action, record.editorial_status)
    before = pending.status
    action = spec.action
    fields = ["pending_revision"]
    if new_status == RevisionStatus.APPROVED:
        action = ChangeAction.APPROVE_EDIT
        old_slug = record.slug
        write_checked(record, pending.data)
        require_citations(record)
        _write(record, pending.data)
        if record.slug != old_slug:
            _redirect(record, old_slug, reason=Redirect.Reason.RENAME)
        _number_published_version(record, pending)
        fields += ["published_version", "published_at", "updated_at"]
    if spec.needs_review:
        record.last_reviewed_at = timezone.now()
        fields.append("last_reviewed_at")
    pending.status = new_status
    pending.save(update_fields=["status", "published_version"])
    if new_status not in (RevisionStatus.PENDING_DRAFT, RevisionStatus.PENDING_REVIEW):
        record.pending_revision = None
    _bookkeeping(record, *fields)
    _log(
        record,
        action,
        by=by,
        comment=comment,
        before=before,
        after=new_status,
        revision=pending,
        published_version=pending.published_version,
        is_public=new_status == RevisionStatus.APPROVED,
    )
    if new_status == RevisionStatus.APPROVED:
        _publish_sources(record, by=by)


def _write(record: CuratedRecord, data: dict) -> None:
    """Write `data` to the record's row and its links and owned rows: the only place content is saved."""
    write_checked(record, data)
    record.save()
    write_relations(record, data)


def _number_published_version(record: CuratedRecord, revision: Revision | None) -> None:
    record.published_version = (record.published_version or 0) + 1
    record.published_at = timezone.now()
    if revision is not None:
        revision.published_version = record.published_version
        revision.save(update_fields=["published_version"])


def _latest_saved(record: CuratedRecord) -> Revision | None:
    content_type = ContentType.objects.get_for_model(record)
    return Revision.objects.filter(content_type=content_type, object_id=record.pk).order_by("-number").first()


def _latest_revision(record: CuratedRecord) -> Revision:
    # A record created before history existed (or by a loader) gets its first revision now.
    return _latest_saved(record) or _new_revision(
        record, take(record), RevisionStatus.SAVED, by=None, message="First revision."
    )


def _publish_sources(record: CuratedRecord, *, by) -> None:
    """Sources an editor attached while drafting go live with the record they were reviewed with."""
    citations = getattr(record, "citations", None)
    if citations is None:
        return
    drafts = [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW]
    # Locked, in one order, as read: a citation an editor saves meanwhile is not overwritten with its old state.
    for citation in citations.select_for_update().filter(editorial_status__in=drafts).order_by("pk"):
        before = citation.editorial_status
        latest = _latest_revision(citation)
        citation.editorial_status = EditorialStatus.PUBLISHED
        citation.last_reviewed_at = timezone.now()
        _number_published_version(citation, latest)
        _bookkeeping(citation, "editorial_status", "last_reviewed_at", "published_version", "published_at")
        _log(
            citation,
            ChangeAction.PUBLISH,
            by=by,
            comment=f"Published with {record}.",
            before=before,
            after=EditorialStatus.PUBLISHED,
            revision=latest,
            published_version=citation.published_version,
        )


def _redirect(record: CuratedRecord, old_slug: str, *, reason: str, old_uuid=None, target=None) -> None:
    target = target or record
    Redirect.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(record),
        old_slug=old_slug,
        defaults={"target_id": target.pk, "reason": reason, "old_uuid": old_uuid},
    )


def _copy_state(source: CuratedRecord, target: CuratedRecord) -> None:
    """Hand the caller's instance the state the locked copy ended with."""
    if source is target:
        return
    for name in (
        "editorial_status",
        "version",
        "published_version",
        "published_at",
        "pending_revision_id",
        "last_reviewed_at",
        "updated_by_id",
    ):
        setattr(target, name, getattr(source, name))
    target._state.fields_cache.pop("pending_revision", None)
