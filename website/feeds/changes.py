"""What a published version changed, in words a feed reader shows: the fields, a choice's old and new value, and
the reviewer's note on an approved edit (the review form says it is published)."""

from django.db import models

from editorial.models import Change, ChangeAction, CuratedRecord, Revision
from editorial.revisions import child_relation, content_fields

VERSION_ACTIONS = (ChangeAction.PUBLISH, ChangeAction.APPROVE_EDIT)
PRECISION = "_precision"


def published_revisions(changes: list[Change]) -> dict[tuple[int, int, int], Revision]:
    """(content type id, object id, published version) -> the revision published as that version, for the
    records of `changes`: every published version of each, so that each one's predecessor is at hand."""
    records = {(change.content_type_id, change.object_id) for change in changes}
    if not records:
        return {}
    revisions = Revision.objects.filter(
        content_type_id__in={content_type_id for content_type_id, _ in records},
        object_id__in={object_id for _, object_id in records},
        published_version__isnull=False,
    ).only("content_type_id", "object_id", "published_version", "data")
    return {
        (revision.content_type_id, revision.object_id, revision.published_version): revision
        for revision in revisions
        if (revision.content_type_id, revision.object_id) in records
    }


def describe_version(change: Change, model: type[CuratedRecord], revisions: dict) -> str:
    """What version N of a record changed since the version before it, and the reviewer's note on an edit."""
    number = change.published_version
    versions = [key[2] for key in revisions if key[:2] == (change.content_type_id, change.object_id)]
    previous = max((version for version in versions if version < number), default=None)
    if previous is None:
        text = f"Version {number}: first published."
    else:
        before = revisions[change.content_type_id, change.object_id, previous]
        after = revisions.get((change.content_type_id, change.object_id, number))
        again = " published again" if change.action == ChangeAction.PUBLISH else ""
        changed = changed_fields(model, before.data, after.data) if after is not None else []
        if changed:
            text = f"Version {number}{again}, changed: {'; '.join(changed)}."
        else:
            text = f"Version {number}{again}: no change to what the record says."
    if change.action == ChangeAction.APPROVE_EDIT and change.comment.strip():
        text += f" Reviewer's note: {change.comment.strip()}"
    return text


def changed_fields(model: type[models.Model], before: dict, after: dict) -> list[str]:
    """Each field that differs, by its label; a choice with its old and new value ("Status: Proposed → Launched").

    Only labels and a choice's labels: a value itself may name a record the public does not see."""
    changed = []
    fields = {field.name: field for field in content_fields(model)}
    for name, field in fields.items():
        if name.endswith(PRECISION) and name.removesuffix(PRECISION) in fields:
            continue  # told with its date
        old, new = before["fields"].get(name), after["fields"].get(name)
        precision = f"{name}{PRECISION}"
        if old == new and (
            precision not in fields or before["fields"].get(precision) == after["fields"].get(precision)
        ):
            continue
        label = str(field.verbose_name).capitalize()
        if field.choices:
            labels = dict(field.flatchoices)
            changed.append(f"{label}: {labels.get(old, old) or '—'} → {labels.get(new, new) or '—'}")
        else:
            changed.append(label)
    for field in model._meta.many_to_many:
        if sorted(before["m2m"].get(field.name, [])) != sorted(after["m2m"].get(field.name, [])):
            changed.append(str(field.verbose_name).capitalize())
    for name in after["children"]:
        if before["children"].get(name, []) != after["children"].get(name, []):
            child, _ = child_relation(model, name)
            changed.append(str(child._meta.verbose_name_plural).capitalize())
    return changed
