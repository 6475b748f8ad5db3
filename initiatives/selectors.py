"""Reads the website and the API need, with their joins: published records only, related records too."""

from django.db.models import Prefetch, QuerySet

from editorial.models import EditorialStatus
from initiatives.models import Initiative, Theme

PUBLISHED = EditorialStatus.PUBLISHED


def list_published_initiatives() -> QuerySet[Initiative]:
    """Published initiatives with what a CSV row or a feed entry shows; each one's published themes, by name, in
    `listed_themes`. A list page reads its rows as values instead (`build_initiative_rows`)."""
    # A list, not the `themes` manager's cache: Django builds a manager and a queryset per row to cache a
    # prefetch there, which took 4 ms of 50 rows.
    themes = Theme.objects.published().order_by("name").only("slug", "name")
    return (
        Initiative.objects.published()
        .select_related("jurisdiction", "responsible_organization")
        .prefetch_related(Prefetch("themes", queryset=themes, to_attr="listed_themes"))
        .order_by("-published_at", "name")
    )


def get_published_initiative(*, slug: str) -> Initiative | None:
    """The published initiative at `slug`, with its published jurisdiction, responsible body and parent."""
    initiative = (
        Initiative.objects.published()
        .select_related("jurisdiction", "responsible_organization", "parent")
        .filter(slug=slug)
        .first()
    )
    if initiative is None:
        return None
    for name in ("responsible_organization", "parent"):
        related = getattr(initiative, name)
        if related is not None and not related.is_live:
            setattr(initiative, name, None)
    return initiative
