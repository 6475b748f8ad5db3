"""Reads the website and the API need, with their joins."""

import datetime

from django.db.models import QuerySet

from people.models import Person, Post


def list_post_holders(*, post: Post, on: datetime.date) -> QuerySet[Person]:
    """Who held `post` on `on`, by published memberships read at their precision."""
    return Person.objects.published().filter(memberships__in=post.memberships.published().active_on(on)).distinct()
