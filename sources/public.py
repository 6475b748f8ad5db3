"""The public shape every cited record shares: its published sources (a kind's shape extends it)."""

from django.contrib.contenttypes.models import ContentType

from editorial.public.fields import IdentifiersField, LeanField
from editorial.public.readers import ListReader, ref
from editorial.public.shapes import RecordSerializer
from sources.models import Citation


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


class CitationsField(LeanField):
    """The record's published sources."""

    def reader(self, key):
        return Citations(key)


class CitedRecordSerializer(RecordSerializer):
    identifiers = IdentifiersField(help_text="Its identifiers in other systems (Wikidata, ISO codes...).")
    citations = CitationsField(help_text="The published sources of the record and of its facts.")
