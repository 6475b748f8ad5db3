"""The public shape every cited record shares: its published sources (a kind's shape extends it)."""

from django.contrib.contenttypes.models import ContentType

from editorial.public.fields import IdentifiersField, LeanField
from editorial.public.past import past_reader
from editorial.public.published_at import PastRecord, records_at
from editorial.public.readers import ListReader, ref
from editorial.public.shapes import RecordSerializer
from sources.models import Article, Citation


class Citations(ListReader):
    """The record's published sources, compact."""

    def source(self):
        content_type = ContentType.objects.get_for_model(self.plan.resource.model)
        values = (
            "uuid",
            "field",
            "article__uuid",
            "article__title",
            "passage",
            "start",
            "end",
            "url",
            "source_title",
            "accessed_date",
        )
        citations = Citation.objects.published().filter(content_type=content_type)
        return citations, "object_id", values, ("field", "start", "pk")

    def fetch(self, rows, ctx):
        return {
            owner: [
                {
                    "id": uuid,
                    "url": ctx.api_url("citations", uuid),
                    "field": field,
                    "article": None if article is None else ref(ctx, "articles", article, title),
                    "passage": passage,
                    "start": start,
                    "end": end,
                    "source_url": url,
                    "source_title": source_title,
                    "accessed_date": accessed,
                }
                for uuid, field, article, title, passage, start, end, url, source_title, accessed in items
            ]
            for owner, items in self.items(rows).items()
        }

    def csv_columns(self):
        return ["citation_ids"]

    def csv_cells(self, value):
        return [" ".join(str(item["id"]) for item in value)]


@past_reader(Citations)
def _past_citations(reader, records, at, ctx):
    """The citations public at `at` of each past record, as their published revision placed them (before any merge)."""
    content_type = ContentType.objects.get_for_model(reader.plan.resource.model)
    changes = records_at(
        Citation,
        at,
        revision__data__fields__content_type=content_type.pk,
        revision__data__fields__object_id__in=[record.pk for record in records],
    )
    citations = [PastRecord.of(change) for change in changes]
    articles = Article.objects.in_bulk({citation.data["fields"].get("article") for citation in citations} - {None})
    by_record: dict[int, list] = {}
    for citation in sorted(citations, key=lambda c: (c.data["fields"]["field"], c.data["fields"]["start"] or -1, c.pk)):
        fields = citation.data["fields"]
        article = articles.get(fields.get("article"))
        by_record.setdefault(fields["object_id"], []).append(
            {
                "id": citation.uuid,
                "url": ctx.api_url("citations", citation.uuid),
                "field": fields["field"],
                "article": None if article is None else ref(ctx, "articles", article.uuid, article.title),
                "passage": fields["passage"],
                "start": fields["start"],
                "end": fields["end"],
                "source_url": fields["url"],
                "source_title": fields["source_title"],
                "accessed_date": citation.value(Citation, "accessed_date"),
            }
        )
    return by_record


class CitationsField(LeanField):
    """The record's published sources."""

    def reader(self, key):
        return Citations(key)


class CitedRecordSerializer(RecordSerializer):
    identifiers = IdentifiersField(help_text="Its identifiers in other systems (Wikidata, ISO codes...).")
    citations = CitationsField(help_text="The published sources of the record and of its facts.")
