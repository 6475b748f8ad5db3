"""The reads of this kind the layers above need: published records, with their joins."""

import datetime

from django.db.models import QuerySet

from editorial.models import EditorialStatus
from people.models import Person, Post

PUBLISHED = EditorialStatus.PUBLISHED


def list_post_holders(*, post: Post, on: datetime.date) -> QuerySet[Person]:
    """Who held `post` on `on`, by published memberships read at their precision."""
    return Person.objects.published().filter(memberships__in=post.memberships.published().active_on(on)).distinct()


def list_published_people() -> QuerySet[Person]:
    """Published people, in name order."""
    return Person.objects.published().order_by("family_name", "full_name")


def get_published_person(*, slug: str) -> Person | None:
    """The published person at `slug`."""
    return Person.objects.published().filter(slug=slug).first()
