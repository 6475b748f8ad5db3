"""What deleting a curated record takes with it, and when the workflow refuses: only unseen drafts go."""

from django.core.exceptions import ValidationError
from django.db import router
from django.db.models.deletion import Collector

from editorial.models import CuratedRecord
from editorial.rules import is_deletable


def collect_deletion(record: CuratedRecord) -> tuple[Collector, list[CuratedRecord]]:
    """The collector that deletes `record`, and the other curated records it would delete (its cascade).

    Raises ValidationError unless the record and every curated record going with it (an
    initiative's milestones, a record's citations) is a draft the public never saw, and
    ProtectedError while a record still points at it (a membership at its post).
    """
    if not is_deletable(record):
        raise ValidationError(f"“{record}” is not a draft the public never saw: archive it instead.")
    collector = Collector(using=router.db_for_write(type(record)), origin=record)
    collector.collect([record])
    # Read whole: the collector loads only the fields a deletion needs, and the workflow logs slugs and states.
    cascaded = [
        row
        for model, rows in collector.data.items()
        if issubclass(model, CuratedRecord)
        for row in model._base_manager.filter(pk__in=[row.pk for row in rows]).order_by("pk")
        if not (type(row) is type(record) and row.pk == record.pk)
    ]
    blocked = [row for row in cascaded if not is_deletable(row)]
    if blocked:
        raise ValidationError(
            f"Deleting “{record}” would delete “{blocked[0]}”, which is not a draft the public never saw: "
            f"archive “{record}” instead."
        )
    return collector, cascaded
