"""The shapes every public record shares: identity and history, references, partial dates, aliases.

A kind's public shape (its app's `public.py`) is a serializer built of these: it describes the output (and
so the API's OpenAPI schema), and the plan (editorial.public.plan) reads the same declaration to write the
API's JSON, CSV and NDJSON and the website's JSON and CSV, so that none of them can drift apart.
"""

from rest_framework import serializers

from editorial.dates import DatePrecision
from editorial.models import AliasKind
from editorial.public.fields import SelfUrlField, WebUrlField


class CompactRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The related record's UUID.")
    name = serializers.CharField(help_text="Its name, title or summary.")
    url = serializers.URLField(help_text="Its address in this API.")


class GenericRefSerializer(CompactRefSerializer):
    kind = serializers.CharField(help_text="Which kind of record: initiative, person, organization, post...")


class PartialDateSerializer(serializers.Serializer):
    date = serializers.CharField(
        help_text="ISO 8601 at the source's precision: YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    precision = serializers.ChoiceField(choices=DatePrecision.choices, help_text="year, month or day.")


class JurisdictionSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="Stable name of the jurisdiction, e.g. hong-kong.")
    code = serializers.CharField(help_text="ISO 3166 code where there is one (e.g. HK), else empty.")
    name = serializers.CharField(help_text="e.g. Hong Kong, China.")


class CitationCompactSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The citation's UUID.")
    url = serializers.URLField(help_text="The citation's address in this API.")
    field = serializers.CharField(help_text="The attribute it supports (e.g. budget); empty: the record as a whole.")
    article = CompactRefSerializer(allow_null=True, help_text="The stored article it quotes; null for a URL source.")
    passage = serializers.CharField(help_text="The words of the article that support the fact.")
    start = serializers.IntegerField(allow_null=True, help_text="Offset of the passage in the article's text.")
    end = serializers.IntegerField(allow_null=True, help_text="Offset just past the passage.")
    source_url = serializers.CharField(help_text="A source not stored here (an official page); empty otherwise.")
    source_title = serializers.CharField(help_text="The title of that source.")
    accessed_date = serializers.DateField(allow_null=True, help_text="When that source was read.")


class RecordSerializer(serializers.Serializer):
    """The identity and history every curated record carries."""

    id = serializers.UUIDField(source="uuid", help_text="Stable identifier: use it to refer to the record.")
    slug = serializers.CharField(help_text="The record's name in web addresses; may change (its UUID does not).")
    url = SelfUrlField(help_text="This record's address in the API.")
    web_url = WebUrlField(help_text="The record's page on the website; null where the website has no page for it.")
    created = serializers.DateTimeField(source="created_at", help_text="When the record was created.")
    updated = serializers.DateTimeField(source="updated_at", help_text="When the public version last changed.")
    published = serializers.DateTimeField(
        source="published_at", allow_null=True, help_text="When its current public version was published."
    )
    version = serializers.IntegerField(
        source="published_version", help_text="Number of the public version: 1, 2, 3... as reviewers approve edits."
    )


class AliasSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Another name the record goes by.")
    kind = serializers.ChoiceField(choices=AliasKind.choices, help_text="What sort of name it is.")
    language = serializers.CharField(help_text="BCP 47 tag of the name's language (e.g. zh-Hant); may be empty.")


class IdentifierSerializer(serializers.Serializer):
    scheme = serializers.CharField(help_text="The system: wikidata, iso-3166, lei, apec...")
    value = serializers.CharField(help_text="The record's identifier there, e.g. Q123 for Wikidata.")
    url = serializers.CharField(help_text="Its page there; may be empty.")
