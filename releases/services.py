"""Making a release: read the public data in one snapshot, and keep it as a new release unless nothing changed."""

import logging
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from editorial.models import Change
from releases import package
from releases.models import Release, ReleaseFile

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    release: Release
    is_new: bool

    @property
    def message(self) -> str:
        if self.is_new:
            return f"Made release {self.release.number} ({self.release.content_hash[:12]})."
        return (
            f"Nothing changed since release {self.release.number} ({self.release.content_hash[:12]}): "
            "no new release made."
        )


def _changes_between(after: int, until: int) -> dict[str, dict[str, int]]:
    """What the public saw happen between two entries of the change log: {kind: {action: count}}."""
    counted = (
        Change.objects.public()
        .filter(pk__gt=after, pk__lte=until)
        .order_by()
        .values_list("content_type", "action")
        .annotate(count=Count("pk"))
    )
    changes: dict[str, dict[str, int]] = {}
    for content_type, action, count in counted:
        kind = str(ContentType.objects.get_for_id(content_type).model)
        changes.setdefault(kind, {})[action] = count
    return {kind: dict(sorted(actions.items())) for kind, actions in sorted(changes.items())}


def _snapshot() -> tuple[package.Tables, int]:
    """The public data and the last change-log entry it includes, read as of one moment."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # A dozen tables read as of one moment: a record published half way through must not leave a
            # citation in the package that points at an article it lacks.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        last_change = Change.objects.aggregate(last=Max("pk"))["last"] or 0
        tables = package.read_tables()
    return tables, last_change


def make_release(*, by=None, force: bool = False) -> Outcome:
    """A new release of the public data, or, when its content hash is the latest release's, that release.

    Idempotent (a task acknowledged late may run twice): the same data makes no second release.
    `force` makes one anyway, for the tests that compare two releases of the same data.
    """
    created_at = timezone.now()
    tables, last_change = _snapshot()
    with transaction.atomic():
        # Two makers at once (the weekly task and a reviewer) take turns here; the unique number stops the rest.
        previous = Release.objects.select_for_update().newest_first().first()
        if previous is not None and previous.content_hash == tables.content_hash and not force:
            return Outcome(release=previous, is_new=False)
        number = previous.number + 1 if previous else 1
        release = Release.objects.create(
            number=number,
            created_at=created_at,
            content_hash=tables.content_hash,
            made_by=by.get_username() if by is not None else "",
            last_change_id=last_change,
            tables=tables.rows,
            changes=_changes_between(previous.last_change_id if previous else 0, last_change),
        )
        ReleaseFile.objects.bulk_create(
            ReleaseFile(
                release=release,
                path=file.path,
                media_type=file.media_type,
                size=len(file.data),
                sha256=file.sha256,
                data=file.data,
            )
            for file in package.package(tables, number=number, created_at=created_at)
        )
    logger.info("Made release %s (%s)", number, tables.content_hash)
    return Outcome(release=release, is_new=True)
