"""What can be linked, and how: `ingestion.linking.kinds` registers the domain's models here at start.

The pipeline stands above the domain and reads it; the domain never imports the pipeline. Each kind
module (`ingestion/linking/people.py`...) tells the registry its kinds (person, organization, post,
meeting, initiative, statement), how to list their names, and what it can do: give a post's holder
on a date, a meeting's date, or a draft record made from a suggestion and what its sentence links.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Max

from editorial.dates import DatePrecision, PartialDate
from editorial.models import EditorialStatus

# (record pk, name, alias kind); the alias kind is "" for the record's own name fields.
NameRow = tuple[int, str, str]


@dataclass(frozen=True)
class Linked:
    """A record the sentence names: a mention of it, or the draft of a suggestion accepted in the sentence."""

    kind: str
    pk: int
    start: int
    end: int


@dataclass(frozen=True)
class Suggested:
    """A suggestion to turn into a draft, with what the rest of its sentence links (article text offsets)."""

    name: str
    data: dict
    start: int
    end: int
    sentence: str
    linked: tuple[Linked, ...] = ()
    # The sentence's amount and date suggestions' data ({"value", "currency", "qualifier"}, {"value", "precision"}).
    amounts: tuple[dict, ...] = ()
    dates: tuple[dict, ...] = ()
    article_date: datetime.date | None = None

    def pks(self, kind: str) -> list[int]:
        """The records of a kind the sentence names, each once, in the order they are named."""
        return list(dict.fromkeys(linked.pk for linked in self.linked if linked.kind == kind))

    def one(self, kind: str) -> int | None:
        """The record of a kind the sentence names, when it names exactly one."""
        pks = self.pks(kind)
        return pks[0] if len(pks) == 1 else None

    def date(self, *, or_article: bool) -> tuple[PartialDate, str] | None:
        """The date the sentence gives and where it comes from; the article's date (to the day) when asked.

        A sentence with two dates gives none: which one dates what is the editor's call.
        """
        values = [date["value"] for date in self.dates if date.get("value")]
        if len(values) == 1:
            return PartialDate.parse(values[0]), "the sentence"
        if or_article and self.article_date is not None:
            return PartialDate(self.article_date, DatePrecision.DAY), "the article's date"
        return None


@dataclass(frozen=True)
class Tenure:
    """A post a person held: since and until, None where unknown (or, for until, still held)."""

    post: int
    start: datetime.date | None
    end: datetime.date | None

    def covers(self, on: datetime.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass
class Draft:
    """What a draft hook makes of a suggestion: an unsaved record and what it links, in the editor's words."""

    record: models.Model
    m2m: dict[str, list[int]] = field(default_factory=dict)
    children: dict[str, list[dict]] = field(default_factory=dict)
    # Records that point at the draft (a person's membership of the post named), made once it has its key.
    dependents: Callable[[models.Model], list[models.Model]] | None = None
    carried: list[str] = field(default_factory=list)
    to_complete: list[str] = field(default_factory=list)

    def carry_date(self, name: str, dated: tuple[PartialDate, str] | None, words: str) -> bool:
        """Set the record's date `name` and its precision from `Suggested.date()`; say so in `carried`."""
        if dated is None:
            return False
        setattr(self.record, name, dated[0].date)
        setattr(self.record, f"{name}_precision", dated[0].precision)
        self.carried.append(f"{words} {dated[0]} (from {dated[1]})")
        return True


@dataclass(frozen=True)
class Linkable:
    kind: str
    model: type[models.Model]
    # Every name the linker should find, for every record of this kind.
    names: Callable[[], Iterable[NameRow]] | None = None
    # (record pk, the name or code of its jurisdiction) for the records whose place is known.
    places: Callable[[], Iterable[tuple[int, str]]] | None = None
    # A person's family name, for "Chan said" after "Paul Chan" (person kind only).
    surname: Callable[[models.Model], str] | None = None
    # {person pk: the posts they held} (person kind only).
    tenures: Callable[[list[int]], dict[int, list[Tenure]]] | None = None
    # {post pk: (person pk, sure)} for posts with exactly one holder on the date (post kind only); not sure
    # when the membership's start is unknown and its earliest evidence is later than the date.
    holders: Callable[[list[int], datetime.date], dict[int, tuple[int, bool]]] | None = None
    # The day-precise date of a record (a meeting), when the article gives none.
    date_of: Callable[[models.Model], datetime.date | None] | None = None
    # A draft made from a suggestion: its kind's fields and links prefilled from the sentence.
    draft: Callable[[Suggested], Draft] | None = None

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


def record_places(model: type[models.Model], *paths: str) -> Callable[[], Iterable[tuple[int, str]]]:
    """Each record's jurisdiction, by the first of the paths that gives one ("jurisdiction__name")."""

    def places() -> Iterable[tuple[int, str]]:
        for row in model._default_manager.values_list("pk", *paths):
            value = next((value for value in row[1:] if value), "")
            if value:
                yield row[0], value

    return places


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
