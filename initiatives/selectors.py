"""Reads the website and the API need, with their joins."""

from django.db.models import QuerySet

from initiatives.models import Initiative


def list_published_initiatives() -> QuerySet[Initiative]:
    """Published initiatives with what a list row shows."""
    return (
        Initiative.objects.published()
        .select_related("jurisdiction", "responsible_organization")
        .order_by("-published_at", "name")
    )
