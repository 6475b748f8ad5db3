"""Partners' API for articles (with their accepted mentions) and citations: serializers, filters, viewsets."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Q
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from api.filters import RecordFilterSet, date_from, date_to, is_uuid
from api.viewsets import RecordViewSet
from editorial.public import Context, resources
from editorial.public.fields import GenericRefField, RefField, RowsField, SelfUrlField, WebUrlField
from editorial.public.readers import generic_ref, kinds_by_content_type, target_annotations
from editorial.public.resources import Resource
from editorial.public.shapes import GenericRefSerializer, RecordSerializer
from ingestion.models import Ingestion, Mention, ReviewStatus
from sources.canonical import canonical_url, validate_url
from sources.models import Article, Citation


class MentionSerializer(serializers.Serializer):
    record = GenericRefSerializer(help_text="The published record the words refer to.")
    surface = serializers.CharField(help_text="The words as written in the article.")
    start = serializers.IntegerField(help_text="Offset of the words in the article's text.")
    end = serializers.IntegerField(help_text="Offset just past them.")
    confidence = serializers.FloatField(
        help_text="How sure the linker was, 0 to 1, before an editor confirmed it: lower for a weaker method "
        "(an acronym, a description such as “the Institute”) or when another record fitted as well."
    )


def _by_article(rows, ctx: Context, fields: tuple[str, ...], shape) -> dict[int, list[dict]]:
    """Mentions or citations of a page's articles, each with the record it points at, grouped by article: one query.

    `shape(values, record)` writes one row as the API shows it; rows whose record the public may not see are left out.
    """
    kinds = kinds_by_content_type()
    rows = (
        rows.annotate(**target_annotations("content_type_id", "object_id"))
        .order_by("article_id", "start", "pk")
        .values_list("article_id", "content_type_id", "_target_uuid", "_target_label", *fields)
    )
    by_article: dict[int, list[dict]] = {}
    for article, content_type, target, label, *values in rows:
        record = generic_ref(ctx, kinds.get(content_type), target, label)
        if record is not None:
            by_article.setdefault(article, []).append(shape(dict(zip(fields, values, strict=True)), record))
    return by_article


def accepted_mentions(pks: list[int], ctx: Context) -> dict[int, list[dict]]:
    """Mentions an editor confirmed, of published records only: one query for the page."""
    return _by_article(
        Mention.objects.filter(article_id__in=pks, status=ReviewStatus.ACCEPTED),
        ctx,
        ("surface", "start", "end", "confidence"),
        lambda row, record: {"record": record, **row},
    )


class PassageSerializer(serializers.Serializer):
    citation = serializers.URLField(help_text="The citation that quotes it, in the API.")
    record = GenericRefSerializer(help_text="The published record whose fact the passage supports.")
    field = serializers.CharField(help_text="The attribute it supports, e.g. budget; empty: the record as a whole.")
    passage = serializers.CharField(help_text="The words cited, as in the article's text.")
    start = serializers.IntegerField(help_text="Offset of the passage in the article's text.")
    end = serializers.IntegerField(help_text="Offset just past it.")


def cited_passages(pks: list[int], ctx: Context) -> dict[int, list[dict]]:
    """The passages published records cite (the only words of the text the API shows): one query for the page."""
    return _by_article(
        Citation.objects.public().filter(article_id__in=pks),
        ctx,
        ("uuid", "field", "passage", "start", "end"),
        lambda row, record: {"citation": ctx.api_url("citations", row.pop("uuid")), "record": record, **row},
    )


class ArticleSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", help_text="Stable identifier of the article.")
    url = SelfUrlField(help_text="This article's address in the API.")
    web_url = WebUrlField(help_text="The article's page on the website.")
    source_url = serializers.CharField(source="url", help_text="Where it was fetched; empty for a file.")
    canonical_url = serializers.CharField(help_text="Its canonical address, as the pipeline keys it; may be empty.")
    title = serializers.CharField(help_text="Its headline; may be empty.")
    outlet = serializers.CharField(help_text="The publisher, e.g. The Standard; may be empty.")
    author = serializers.CharField(help_text="Its author; may be empty.")
    published = serializers.DateTimeField(
        source="published_at", allow_null=True, help_text="When the outlet published it."
    )
    language = serializers.CharField(help_text="BCP 47 tag, e.g. en; may be empty.")
    created = serializers.DateTimeField(source="created_at", help_text="When it was stored here.")
    updated = serializers.DateTimeField(source="updated_at", help_text="When it was last changed here.")
    text_sha256 = serializers.CharField(
        help_text="SHA-256 of its text (not shown: its publisher holds it): citations name the text they index into."
    )
    mentions = RowsField(
        accepted_mentions, MentionSerializer(), help_text="Published records it mentions, as editors confirmed."
    )
    passages = RowsField(
        cited_passages,
        PassageSerializer(),
        help_text="The passages published records cite, in text order: the only words of its text shown here.",
    )


class ArticleFilter(RecordFilterSet):
    url = django_filters.CharFilter(
        method="filter_url",
        help_text="Is this address stored? Matched after canonicalisation, as the ingestion pipeline does it.",
    )
    outlet = django_filters.CharFilter(field_name="outlet", lookup_expr="iexact", help_text="The publisher.")
    language = django_filters.CharFilter(field_name="language", help_text="BCP 47 tag, e.g. en.")
    published_from = date_from("published_at__date", "Published")
    published_to = date_to("published_at__date", "Published")

    class Meta:
        model = Article
        fields = []

    def filter_url(self, queryset, name, value):
        try:
            validate_url(value)  # a port past 65535, an unclosed IPv6 literal: no address stored can match it
        except DjangoValidationError as error:
            raise ValidationError({name: [error.messages[0]]}) from None
        key = canonical_url(value)
        submitted = Ingestion.objects.filter(article=OuterRef("pk"), url_key=key)
        return queryset.filter(Q(canonical_url=key) | Q(url=value) | Exists(submitted))


class ArticleViewSet(RecordViewSet):
    """The news and documents that published facts cite, or that a reviewer published: metadata and cited passages."""

    resource = Resource("articles", Article, label="title", web_path="/articles/{pk}/", queryset=Article.objects.public)
    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter
    ordering_fields = {"published": "published_at", "updated": "updated_at", "created": "created_at"}


class CitationSerializer(RecordSerializer):
    record = GenericRefField(help_text="The record whose fact it supports.")
    field = serializers.CharField(help_text="The attribute it supports, e.g. budget; empty: the record as a whole.")
    article = RefField("articles", allow_null=True, help_text="The stored article it quotes; null for a URL source.")
    passage = serializers.CharField(help_text="The words that support the fact, as in the article's text.")
    start = serializers.IntegerField(allow_null=True, help_text="Offset of the passage in the article's text.")
    end = serializers.IntegerField(allow_null=True, help_text="Offset just past the passage.")
    text_sha256 = serializers.CharField(help_text="SHA-256 of the article text the offsets index into.")
    source_url = serializers.CharField(source="url", help_text="A source not stored here; empty otherwise.")
    source_title = serializers.CharField(help_text="The title of that source; may be empty.")
    accessed_date = serializers.DateField(allow_null=True, help_text="When that source was read.")


class CitationFilter(RecordFilterSet):
    record = django_filters.CharFilter(method="filter_record", help_text="The cited record, by UUID.")
    kind = django_filters.CharFilter(method="filter_kind", help_text="The cited record's kind, e.g. initiative.")
    article = django_filters.UUIDFilter(field_name="article__uuid", help_text="The article quoted, by UUID.")
    field = django_filters.CharFilter(field_name="field", help_text="The attribute cited, e.g. budget.")

    search_fields = ("passage", "source_title")

    class Meta:
        model = Citation
        fields = []

    def filter_record(self, queryset, name, value):
        if not is_uuid(value):
            return queryset.none()
        condition = Q()
        for resource in resources.curated():
            content_type = ContentType.objects.get_for_model(resource.model)
            condition |= Q(
                content_type=content_type, object_id__in=resource.model.objects.filter(uuid=value).values("pk")
            )
        return queryset.filter(condition)

    def filter_kind(self, queryset, name, value):
        wanted = [pk for pk, resource in kinds_by_content_type().items() if resource.kind == value]
        return queryset.filter(content_type_id__in=wanted)


class CitationViewSet(RecordViewSet):
    """Who says so: each ties a fact of a record to an article's passage or to a URL."""

    resource = Resource("citations", Citation, label="slug", queryset=Citation.objects.public)
    serializer_class = CitationSerializer
    filterset_class = CitationFilter
    ordering_fields = {"updated": "updated_at", "created": "created_at", "published": "published_at"}
