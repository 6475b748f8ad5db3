"""Writes: one function per use case."""

from django.db import transaction

from people.models import Post


@transaction.atomic
def save_post(*, post: Post) -> Post:
    """Validate and save a post, keeping its memberships' copy of `is_sole_holder` in step."""
    post.full_clean()
    post.save()
    # The copy lets the database keep one current holder per sole-holder post (a partial unique index).
    post.memberships.exclude(is_sole_holder=post.is_sole_holder).update(is_sole_holder=post.is_sole_holder)
    return post
