"""Merge duplicates: one record survives with everything that pointed at either."""

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction

from editorial.models import ChangeAction, CuratedRecord, Redirect, RevisionStatus, writes_through
from editorial.revisions import child_key_fields, child_relation, take
from editorial.workflow import (
    _bookkeeping,
    _lock,
    _log,
    _new_revision,
    _number_published_version,
    _redirect,
    may_review,
)


@writes_through("editorial.merge.merge_records")
@transaction.atomic
def merge_records(*, duplicate: CuratedRecord, survivor: CuratedRecord, by, comment: str = "") -> CuratedRecord:
    """Fold `duplicate` into `survivor`: links, citations and names move; the duplicate's slug and UUID redirect.

    The duplicate is deleted; its slug and UUID keep answering through Redirect, and both records'
    histories say what happened.
    """
    model = type(survivor)
    if type(duplicate) is not model:
        raise ValidationError("Only two records of the same kind can be merged.")
    if duplicate.pk == survivor.pk:
        raise ValidationError("A record cannot be merged into itself.")
    if not may_review(by, model):
        raise PermissionDenied("Only a reviewer may merge records.")
    # Lock both rows in primary-key order, so that two merges of the same pair cannot deadlock.
    first, second = sorted([duplicate, survivor], key=lambda record: record.pk)
    locked = {record.pk: _lock(record) for record in (first, second)}
    duplicate, survivor = locked[duplicate.pk], locked[survivor.pk]
    for record in (duplicate, survivor):
        if record.pending_revision_id:
            raise ValidationError(f"“{record}” has an edit waiting for review: approve or discard it first.")

    _move_owned_rows(duplicate, survivor)
    _move_links(duplicate, survivor)
    _move_generic_rows(duplicate, survivor)
    # Earlier merges into the duplicate now lead to the survivor too.
    Redirect.objects.filter(content_type=ContentType.objects.get_for_model(model), target_id=duplicate.pk).update(
        target_id=survivor.pk
    )
    _redirect(survivor, duplicate.slug, reason=Redirect.Reason.MERGE, old_uuid=duplicate.uuid)

    note = comment or f"Merged “{duplicate}” into “{survivor}”."
    _log(
        duplicate,
        ChangeAction.MERGE,
        by=by,
        comment=note,
        before=duplicate.editorial_status,
        after=duplicate.editorial_status,
        merged_into_uuid=survivor.uuid,
    )
    data = take(survivor)
    if survivor.is_live:
        # A reviewer merged: the survivor's new names and links are public at once, as a new version.
        revision = _new_revision(survivor, data, RevisionStatus.APPROVED, by=by, message=note)
        _number_published_version(survivor, revision)
        _bookkeeping(survivor, "published_version", "published_at", "updated_at")
    else:
        revision = _new_revision(survivor, data, RevisionStatus.SAVED, by=by, message=note)
        _bookkeeping(survivor, "updated_at")
    _log(
        survivor,
        ChangeAction.MERGE,
        by=by,
        comment=note,
        before=survivor.editorial_status,
        after=survivor.editorial_status,
        revision=revision,
        published_version=survivor.published_version,
    )
    duplicate.delete()
    return survivor


def _move_owned_rows(duplicate: CuratedRecord, survivor: CuratedRecord) -> None:
    """Aliases and identifiers move across, and the duplicate's own name becomes an alias."""
    for name in duplicate.revision_children:
        child, owner_field = child_relation(type(duplicate), name)
        keys = child_key_fields(child)
        taken = {tuple(getattr(row, key) for key in keys) for row in getattr(survivor, name).all()}
        for row in getattr(duplicate, name).all():
            if tuple(getattr(row, key) for key in keys) in taken:
                row.delete()
                continue
            if owner_field:
                setattr(row, owner_field, survivor)
            else:
                row.object_id = survivor.pk
            row.save()
    aliases = getattr(survivor, "aliases", None)
    if aliases is not None and str(duplicate) != str(survivor):
        aliases.get_or_create(name=str(duplicate)[:300])


def _move_links(duplicate: CuratedRecord, survivor: CuratedRecord) -> None:
    """Every foreign key and many-to-many link that pointed at the duplicate now points at the survivor."""
    for relation in type(duplicate)._meta.related_objects:
        if relation.name in duplicate.revision_children:
            continue
        if relation.many_to_many:
            _move_through_rows(relation, duplicate, survivor)
        elif relation.one_to_many or relation.one_to_one:
            related = relation.related_model
            for row in related._default_manager.filter(**{relation.field.name: duplicate}):
                _repoint(row, relation.field.name, survivor)
    for field in type(duplicate)._meta.many_to_many:
        through = field.remote_field.through
        if not isinstance(through, type):  # only before the apps are loaded, when it may still be a string
            raise TypeError(f"{field}'s through model is not loaded.")
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        for row in through._default_manager.filter(**{source: duplicate}):
            _move_through_row(row, source, survivor, other=target)
        if field.remote_field.symmetrical:
            # A symmetrical link is stored both ways; the reverse rows are not in related_objects.
            for row in through._default_manager.filter(**{target: duplicate}):
                _move_through_row(row, target, survivor, other=source)


def _move_through_rows(relation, duplicate, survivor) -> None:
    field = relation.field
    through = field.remote_field.through
    target = field.m2m_reverse_field_name()
    for row in through.objects.filter(**{target: duplicate}):
        _move_through_row(row, target, survivor, other=field.m2m_field_name())


def _move_through_row(row, name: str, survivor, *, other: str) -> None:
    self_link = type(row)._meta.get_field(other).related_model is type(survivor)
    if self_link and getattr(row, f"{other}_id") == survivor.pk:  # would link the survivor to itself
        row.delete()
        return
    if type(row).objects.filter(**{name: survivor, other: getattr(row, f"{other}_id")}).exists():
        row.delete()  # the survivor already has this link
        return
    setattr(row, name, survivor)
    row.save()  # what is derived from the link (a list's facets) follows it by the database's triggers


def _repoint(row: models.Model, field_name: str, survivor: CuratedRecord) -> None:
    """Point one row at the survivor; a row the survivor already has (same unique fields) is a duplicate fact."""
    if getattr(row, f"{field_name}_id") == survivor.pk:
        return
    target: CuratedRecord | None = survivor
    if type(row) is type(survivor) and row.pk == survivor.pk:
        target = None  # the survivor's parent was the duplicate: a record cannot be its own parent
    setattr(row, field_name, target)
    try:
        with transaction.atomic():
            if isinstance(row, CuratedRecord):
                # Bookkeeping of the merge, recorded on the survivor's history rather than as an edit of `row`.
                type(row).objects.filter(pk=row.pk).update_unrecorded(**{field_name: target})
            else:
                row.save(update_fields=[field_name])
    except IntegrityError:
        twin = _twin(row, field_name)
        if twin is not None and isinstance(row, CuratedRecord):
            _move_generic_rows(row, twin)
        row.delete()


def _twin(row: models.Model, field_name: str) -> models.Model | None:
    """The survivor's row that makes `row` a duplicate under one of its unique constraints."""
    for constraint in row._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field_name in constraint.fields:
            lookup = {name: getattr(row, name) for name in constraint.fields}
            twin = type(row)._default_manager.filter(**lookup).exclude(pk=row.pk).first()
            if twin is not None:
                return twin
    return None


def _move_generic_rows(duplicate: models.Model, survivor: models.Model) -> None:
    """Citations (and any other generic relation that is not an owned row) move to the survivor."""
    owned = set(getattr(duplicate, "revision_children", ()))
    for field in type(duplicate)._meta.private_fields:
        if not isinstance(field, GenericRelation) or field.name in owned:
            continue
        rows = field.related_model._default_manager.filter(
            **{field.content_type_field_name: field.get_content_type(), field.object_id_field_name: duplicate.pk}
        )
        if hasattr(rows, "update_unrecorded"):
            rows.update_unrecorded(**{field.object_id_field_name: survivor.pk})
        else:
            rows.update(**{field.object_id_field_name: survivor.pk})
