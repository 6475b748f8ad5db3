"""What can be linked, and how: the domain apps register their models here from their AppConfig.ready().

articles/ never imports people/, meetings/ or initiatives/ (they import articles/); each of them
tells the registry its kinds (person, organization, post, meeting, initiative, statement), how
to list their names, and what it can do: give a post's holder on a date, a meeting's date, or a
draft record made from a suggestion.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Max

from editorial.models import EditorialStatus

# (record pk, name, alias kind); the alias kind is "" for the record's own name fields.
NameRow = tuple[int, str, str]


@dataclass(frozen=True)
class Linkable:
    kind: str
    model: type[models.Model]
    # Every name the linker should find, for every record of this kind.
    names: Callable[[], Iterable[NameRow]] | None = None
    # A person's family name, for "Chan said" after "Paul Chan" (person kind only).
    surname: Callable[[models.Model], str] | None = None
    # {post pk: person pk} for posts with exactly one holder on the date (post kind only).
    holders: Callable[[list[int], datetime.date], dict[int, int]] | None = None
    # The day-precise date of a record (a meeting), when the article gives none.
    date_of: Callable[[models.Model], datetime.date | None] | None = None
    # An unsaved draft record made from a suggestion (its kind's fields prefilled).
    draft: Callable[..., models.Model] | None = None

    def fingerprint(self) -> tuple:
        """Cheap to compute, changes when a record or an alias is added, removed or saved."""
        records = self.model._default_manager.aggregate(count=Count("pk"), changed=Max("updated_at"))
        aliases = {}
        if hasattr(self.model, "aliases"):
            aliases = self.model.aliases.rel.related_model._default_manager.aggregate(count=Count("pk"), last=Max("pk"))
        return (self.kind, records["count"], records["changed"], aliases.get("count"), aliases.get("last"))


_registry: dict[str, Linkable] = {}


def register(kind: str, model: type[models.Model], **hooks) -> Linkable:
    """Register a kind of record; registering the same kind again replaces it."""
    linkable = Linkable(kind=kind, model=model, **hooks)
    _registry[kind] = linkable
    return linkable


def get(kind: str) -> Linkable | None:
    return _registry.get(kind)


def linkables() -> list[Linkable]:
    """The kinds whose names the linker looks for."""
    return [linkable for linkable in _registry.values() if linkable.names is not None]


def kind_of(model: type[models.Model]) -> str | None:
    for linkable in _registry.values():
        if linkable.model is model:
            return linkable.kind
    return None


def record_names(model: type[models.Model], *fields: str) -> Callable[[], Iterable[NameRow]]:
    """Names from the record's own fields and from its aliases (editorial.AliasBase), archived records left out."""

    def names() -> Iterable[NameRow]:
        live = model._default_manager.exclude(editorial_status=EditorialStatus.ARCHIVED)
        for row in live.values_list("pk", *fields):
            for value in row[1:]:
                if value:
                    yield row[0], value, ""
        alias_model = model.aliases.rel.related_model
        aliases = alias_model._default_manager.exclude(record__editorial_status=EditorialStatus.ARCHIVED)
        yield from aliases.values_list("record_id", "name", "kind")

    return names
