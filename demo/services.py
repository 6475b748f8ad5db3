"""Load the founding article and every fact it states, published and cited, idempotently."""

from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from articles.models import Article, Citation, text_sha256
from demo import dataset
from editorial.dates import PartialDate
from editorial.models import CuratedRecord, EditorialStatus
from editorial.services import upsert
from initiatives.models import Initiative, Milestone, Theme
from meetings.models import Meeting, Participation, Statement, StatementAmount
from people.models import Jurisdiction, Membership, Organization, Person, Post

# Parents before children: a record's related records exist when it is loaded.
ORDER = [
    (Jurisdiction, dataset.JURISDICTIONS),
    (Organization, dataset.ORGANIZATIONS),
    (Post, dataset.POSTS),
    (Person, dataset.PEOPLE),
    (Membership, dataset.MEMBERSHIPS),
    (Theme, dataset.THEMES),
    (Initiative, dataset.INITIATIVES),
    (Meeting, dataset.MEETINGS),
    (Participation, dataset.PARTICIPATIONS),
    (Statement, dataset.STATEMENTS),
]


class DemoDataError(Exception):
    """The demo data set names something that does not exist."""


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Load or refresh the demo records; returns how many rows of each kind were created or changed."""
    text = dataset.ARTICLE_PATH.read_text(encoding="utf-8")
    article, changed = upsert(
        Article,
        lookup={"text_sha256": text_sha256(text)},
        values={"text": text, **dataset.ARTICLE},
    )
    loader = _Loader(article=article, published_at=timezone.now())
    loader.count(Article, changed)
    for model, entries in ORDER:
        for entry in entries:
            loader.load(model, entry)
    return loader.changes


class _Loader:
    def __init__(self, *, article: Article, published_at):
        self.article = article
        self.published_at = published_at
        self.changes: dict[str, int] = {}

    def count(self, model: type[models.Model], changed: bool) -> None:
        self.changes.setdefault(model._meta.label, 0)
        self.changes[model._meta.label] += int(changed)

    def load(self, model: type[models.Model], entry: dict[str, Any], **known: Any) -> models.Model:
        entry = dict(entry)
        aliases = entry.pop("aliases", [])
        cites = entry.pop("cite", [])
        milestones = entry.pop("milestones", [])
        amounts = entry.pop("amounts", [])
        many = {name: entry.pop(name) for name in list(entry) if model._meta.get_field(name).many_to_many}
        values = {**known}
        for name, value in entry.items():
            values.update(self._field_values(model, name, value))

        lookup = {"slug": values.pop("slug")}
        create_only = None
        if issubclass(model, CuratedRecord):
            values["editorial_status"] = EditorialStatus.PUBLISHED
            create_only = {"published_at": self.published_at}
        record, changed = upsert(model, lookup=lookup, values=values, create_only=create_only)
        self.count(model, changed)

        for name, slugs in many.items():
            related = model._meta.get_field(name).related_model
            getattr(record, name).set([self._get(related, slug) for slug in slugs])
        for alias in aliases:
            self._alias(record, *alias)
        self._cite(record, record.slug, cites)
        for milestone in milestones:
            self.load(Milestone, milestone, initiative=record)
        for index, amount in enumerate(amounts, start=1):
            self._amount(record, index, amount)
        return record

    def _field_values(self, model: type[models.Model], name: str, value: Any) -> dict[str, Any]:
        field = model._meta.get_field(name)
        if field.many_to_one and isinstance(value, str):
            return {name: self._get(field.related_model, value)}
        if isinstance(field, models.DateField) and isinstance(value, str):
            date = PartialDate.parse(value)
            return {name: date.date, f"{name}_precision": date.precision}
        if isinstance(field, models.DecimalField):
            return {name: Decimal(value)}
        return {name: value}

    @staticmethod
    def _get(model: type[models.Model], slug: str) -> models.Model:
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist:
            raise DemoDataError(f"No {model._meta.verbose_name} with slug {slug!r}.") from None

    def _alias(self, record: models.Model, name: str, kind: str, language: str = "") -> None:
        alias_model = record.aliases.model
        _, changed = upsert(
            alias_model, lookup={"record": record, "name": name}, values={"kind": kind, "language": language}
        )
        self.count(alias_model, changed)

    def _amount(self, statement: Statement, index: int, entry: dict[str, Any]) -> None:
        entry = dict(entry)
        cites = entry.pop("cite", [])
        values = {}
        for name, value in entry.items():
            values.update(self._field_values(StatementAmount, name, value))
        amount, changed = upsert(
            StatementAmount, lookup={"statement": statement, "surface": values.pop("surface")}, values=values
        )
        self.count(StatementAmount, changed)
        self._cite(amount, f"{statement.slug}-amount-{index}", cites)

    def _cite(self, record: models.Model, record_slug: str, cites: list) -> None:
        """One citation per passage (or URL), keyed by what it cites and where, so reloading adds none."""
        content_type = ContentType.objects.get_for_model(record)
        for index, cite in enumerate(cites, start=1):
            field, source = cite if isinstance(cite, tuple) else ("", cite)
            lookup = {"content_type": content_type, "object_id": record.pk, "field": field}
            if isinstance(source, dict):
                lookup |= {"article": None, "url": source["url"]}
                values = {key: value for key, value in source.items() if key != "url"}
            else:
                lookup |= {"article": self.article, "passage": source}
                values = {}
            slug = f"{content_type.model}-{record_slug}"[:100] + f"-{field or 'record'}-{index}"
            _, changed = upsert(
                Citation,
                lookup=lookup,
                values={"slug": slug.replace("_", "-"), "editorial_status": EditorialStatus.PUBLISHED, **values},
                create_only={"published_at": self.published_at},
            )
            self.count(Citation, changed)
