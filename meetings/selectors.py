"""Reads the website and the API need, with their joins."""

from django.db.models import QuerySet

from initiatives.models import Initiative
from meetings.models import Meeting
from people.models import Person


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
