"""The reads of this kind the layers above need: published records, with their joins."""

from django.db.models import QuerySet

from editorial.models import EditorialStatus
from initiatives.models import Initiative
from meetings.models import Meeting, Statement
from people.models import Person

PUBLISHED = EditorialStatus.PUBLISHED


def list_initiatives_spoken_about(*, person: Person, meeting: Meeting) -> QuerySet[Initiative]:
    """Published initiatives that `person`'s published statements at `meeting` are about."""
    return (
        Initiative.objects.published()
        .filter(statements__in=person.statements.published().filter(meeting=meeting))
        .distinct()
        .order_by("name")
    )


def list_meetings_containing(meeting: Meeting) -> QuerySet[Meeting]:
    """The published events `meeting` is directly part of (a joint session: both its meetings)."""
    return meeting.parents.published().order_by("name")


def published_statements() -> QuerySet[Statement]:
    """Published statements by published speakers, with their post and meeting (checked by the caller)."""
    return (
        Statement.objects.published()
        .filter(speaker__editorial_status=PUBLISHED)
        .select_related("speaker", "post", "meeting")
        .prefetch_related("amounts")
    )


def hide_unpublished_links(statements: list[Statement]) -> list[Statement]:
    """A statement's post or meeting that is not published is not shown: drop it from the statement."""
    for statement in statements:
        for name in ("post", "meeting"):
            related = getattr(statement, name)
            if related is not None and not related.is_live:
                setattr(statement, name, None)
    return statements


def list_published_meetings() -> QuerySet[Meeting]:
    """Published meetings with where and who convened them."""
    return Meeting.objects.published().select_related("country", "host_economy", "organizer")


def get_published_meeting(*, slug: str) -> Meeting | None:
    """The published meeting at `slug`, with its published organizer."""
    meeting = (
        Meeting.objects.published().select_related("country", "host_economy", "organizer").filter(slug=slug).first()
    )
    if meeting is not None and meeting.organizer is not None and not meeting.organizer.is_live:
        meeting.organizer = None
    return meeting
