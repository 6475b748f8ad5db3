"""Load the founding article and every fact it states, published and cited, idempotently.

Curated records go through the editorial workflow like any editor's work (saved, submitted,
published by the system), so they carry revisions, published version numbers and history.
"""

from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from demo import dataset
from editorial.dates import PartialDate
from editorial.models import CuratedRecord, EditorialStatus, RevisionStatus, normalise_partial_dates
from editorial.revisions import take
from editorial.services import upsert
from editorial.workflow import save_record, transition
from initiatives.models import Initiative, Milestone, Theme
from meetings.models import Meeting, Participation, Statement
from people.models import Jurisdiction, Membership, Organization, Person, Post
from sources.models import Article, Citation, text_sha256

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
        Article, lookup={"text_sha256": text_sha256(text)}, values={"text": text, **dataset.ARTICLE}
    )
    loader = _Loader(article=article)
    loader.count(Article, changed)
    for model, entries in ORDER:
        for entry in entries:
            loader.load(model, entry)
    return loader.changes


class _Loader:
    def __init__(self, *, article: Article):
        self.article = article
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
        slug = values.pop("slug")

        if not issubclass(model, CuratedRecord):
            record, changed = upsert(model, lookup={"slug": slug}, values=values)
            self.count(model, changed)
            return record

        children = {}
        if aliases:
            children["aliases"] = [
                {"name": name, "kind": kind, "language": language[0] if language else ""}
                for name, kind, *language in aliases
            ]
        if amounts:
            children["amounts"] = [self._amount_row(amount) for amount in amounts]
        m2m = {
            name: [self._get(model._meta.get_field(name).related_model, related) for related in slugs]
            for name, slugs in many.items()
        }
        record = self._save(model, slug, values, m2m=m2m, children=children)
        self._cite(record, record.slug, cites)
        for milestone in milestones:
            self.load(Milestone, milestone, initiative=record)
        for index, amount in enumerate(amounts, start=1):
            self._cite(record.amounts.get(surface=amount["surface"]), f"{record.slug}-amount-{index}", amount["cite"])
        self._publish(record)
        return record

    def _save(self, model, slug: str, values: dict, *, m2m: dict, children: dict) -> CuratedRecord:
        """Save the record's wanted content through the workflow when it differs from what is stored."""
        record = model.objects.filter(slug=slug).select_related("pending_revision").first()
        candidate = record if record is not None else model(slug=slug)
        for name, value in values.items():
            setattr(candidate, name, value)
        normalise_partial_dates(candidate)
        wanted = take(candidate, m2m=m2m, children=children)
        stored = record.pending_revision.data if record is not None and record.pending_revision_id else None
        if record is not None and (stored or take(model.objects.get(pk=record.pk))) == wanted:
            self.count(model, False)
            return record
        save_record(record=candidate, by=None, data=wanted, message="Loaded from the founding article.")
        self.count(model, True)
        return candidate

    def _publish(self, record: CuratedRecord) -> None:
        """Submit and publish the record (or its waiting edit), as a reviewer would: sources go live with it."""
        record.refresh_from_db()
        pending = record.pending_revision
        if record.editorial_status == EditorialStatus.DRAFT or (
            pending is not None and pending.status == RevisionStatus.PENDING_DRAFT
        ):
            transition(record=record, action="submit", by=None)
        if record.editorial_status == EditorialStatus.IN_REVIEW or record.pending_revision_id:
            transition(record=record, action="publish", by=None, comment="Demo data.")
        # A source added to a record that was already live is reviewed on its own.
        for citation in Citation.objects.for_record(record).exclude(editorial_status=EditorialStatus.PUBLISHED):
            self._publish(citation)

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

    def _amount_row(self, amount: dict[str, Any]) -> dict[str, Any]:
        row = {key: value for key, value in amount.items() if key != "cite"}
        row["value"] = Decimal(row["value"])
        if "initiative" in row:
            row["initiative"] = self._get(Initiative, row["initiative"]).pk
        return row

    @staticmethod
    def _get(model: type[models.Model], slug: str) -> models.Model:
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist:
            raise DemoDataError(f"No {model._meta.verbose_name} with slug {slug!r}.") from None

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
            existing = Citation.objects.filter(**lookup).first()
            if existing is not None:
                self.count(Citation, False)
                continue
            citation = Citation(**lookup, **values, slug=slug.replace("_", "-"))
            save_record(record=citation, by=None, message="Loaded from the founding article.")
            self.count(Citation, True)
            if not isinstance(record, CuratedRecord):
                # A source of an owned row (a statement's amount) is reviewed on its own.
                self._publish(citation)
