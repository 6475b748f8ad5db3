"""Writes on articles that are not the pipeline's: a reviewer publishing one on its own, or withdrawing it."""

from django.db import transaction

from sources.models import Article


@transaction.atomic
def publish_on_its_own(*, articles: list[Article]) -> list[Article]:
    """Make articles public although no published record cites them (a reviewer's decision); those it changed."""
    return _set_published_on_its_own(articles, True)


@transaction.atomic
def withdraw(*, articles: list[Article]) -> list[Article]:
    """Undo `publish_on_its_own`: those a published record cites stay public, by that citation."""
    return _set_published_on_its_own(articles, False)


def _set_published_on_its_own(articles: list[Article], value: bool) -> list[Article]:
    changed = []
    for article in Article.objects.select_for_update().filter(pk__in=[article.pk for article in articles]):
        if article.published_on_its_own != value:
            article.published_on_its_own = value
            # updated_at moves too: the API's Last-Modified and conditional requests read it.
            article.save(update_fields=["published_on_its_own", "updated_at"])
            changed.append(article)
    return changed
