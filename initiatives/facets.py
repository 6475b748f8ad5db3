"""The public list's stored facet keys follow an initiative's fields and theme links, however they change.

The workflow refreshes them after it writes content, and a merge after it moves links
(`Initiative.after_content_saved`); the receiver below catches theme links added or removed anywhere
else (a test's factory, a shell). Django sends no save or delete signal for the rows of an
auto-created link table, which is why a merge calls the hook itself.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models.signals import m2m_changed

from initiatives import facet_counts_sql
from initiatives.models import Initiative


def refresh_facet_keys(pks: Iterable[int]) -> None:
    from website.initiatives import INITIATIVE_LISTING

    INITIATIVE_LISTING.store_facet_keys(pks)


def _themes_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action == "pre_clear" and reverse:
        # Which initiatives lose this theme is only known before the links go.
        instance._initiatives_losing_theme = list(instance.initiatives.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        refresh_facet_keys(pk_set if reverse else [instance.pk])
    elif action == "post_clear":
        refresh_facet_keys(instance.__dict__.pop("_initiatives_losing_theme", []) if reverse else [instance.pk])


def connect() -> None:
    m2m_changed.connect(_themes_changed, sender=Initiative.themes.through, dispatch_uid="initiative_facet_keys")


def rebuild_facet_counts() -> None:
    """Count every published initiative's facet keys again, from scratch, in one transaction."""
    _execute(facet_counts_sql.rebuild_statements(connection.vendor))


@contextmanager
def facet_counts_paused() -> Iterator[None]:
    """For a bulk load of many initiatives: the counting triggers off meanwhile, one recount after.

    With the triggers on, each row written runs one. Meant for a load nobody else writes beside:
    what others write meanwhile is counted by the recount only if it committed before it.
    """
    _execute(facet_counts_sql.drop_statements(connection.vendor))
    try:
        yield
    finally:
        _execute(facet_counts_sql.create_statements(connection.vendor))
        rebuild_facet_counts()


def _execute(statements: Iterable[str]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
