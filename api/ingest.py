"""POST /api/v1/ingest/: staff keys hand URLs to the pipeline; GET /api/v1/ingestions/<id>/ says how each went."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.viewsets import JSONErrorsMixin, context_for
from api.writes import IsStaffKey
from editorial.workflow import may_edit
from ingestion.fetch import FetchRefused, check_address
from ingestion.models import Ingestion, Outcome, Step
from ingestion.services import submit_url
from sources.canonical import MAX_URL_LENGTH, validate_url
from sources.models import Article

MAX_URLS = 100


class PageURLField(serializers.URLField):
    """An address the pipeline can fetch and store: the pipeline's own check, not DRF's looser one."""

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_URL_LENGTH, **kwargs)
        # DRF's validators let a port of 99999 and 2,048 characters through: the one check replaces them.
        self.validators = [validate_url, refuse_private_literal]


def refuse_private_literal(url: str) -> None:
    """What the fetcher would refuse, told at once where no name needs resolving: a literal private address."""
    try:
        host = urlsplit(url).hostname or ""
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return  # a name (resolved and checked when fetched), or no address at all (validate_url says so)
    try:
        check_address(host, allow_loopback=settings.INGEST_ALLOW_LOOPBACK)
    except FetchRefused as error:
        raise ValidationError(str(error)) from None


class IngestRequestSerializer(serializers.Serializer):
    urls = serializers.ListField(
        child=PageURLField(),
        min_length=1,
        max_length=MAX_URLS,
        help_text=f"Addresses of articles to ingest, 1 to {MAX_URLS}.",
    )


STATUSES = ("queued", "fetching", "stored", "refused", "failed")


def status_of(ingestion: Ingestion) -> str:
    if ingestion.step == Step.QUEUED:
        return "queued"
    if ingestion.step == Step.FETCHING:
        return "fetching"
    if ingestion.step == Step.FAILED and ingestion.article_id is None:
        return "refused" if ingestion.outcome == Outcome.REFUSED else "failed"
    return "stored"  # linking, done, or stored and then failed to link: the article is there


class IngestionStatusSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The ingestion's number: GET /api/v1/ingestions/<id>/ follows it.")
    url = serializers.CharField(help_text="The address as first submitted.")
    status_url = serializers.URLField(help_text="Where to follow it (the submitting keys only).")
    status = serializers.ChoiceField(
        choices=STATUSES,
        help_text="queued, fetching, stored (the article is in; linking may go on), refused (not a public "
        "address, not a page we fetch) or failed (see error; an editor may retry it).",
    )
    step = serializers.CharField(help_text="The pipeline's own step: queued, fetching, linking, done or failed.")
    outcome = serializers.CharField(help_text="new, duplicate, updated, refused or error once done; empty before.")
    error = serializers.CharField(help_text="Why it was refused or failed; empty otherwise.")
    article = serializers.URLField(allow_null=True, help_text="The stored article's address in the API, once stored.")
    submitted_at = serializers.DateTimeField(help_text="When the page was first submitted.")
    updated_at = serializers.DateTimeField(help_text="When its ingestion last moved on.")


def describe(ingestion: Ingestion, ctx) -> dict:
    article = ingestion.article
    return {
        "id": ingestion.pk,
        "url": ingestion.url,
        "status_url": ctx.api_url("ingestions", ingestion.pk),
        "status": status_of(ingestion),
        "step": ingestion.step,
        "outcome": ingestion.outcome,
        "error": ingestion.error,
        "article": None if article is None else ctx.api_url("articles", article.uuid),
        "submitted_at": ingestion.created_at,
        "updated_at": ingestion.updated_at,
    }


class IngestedSerializer(IngestionStatusSerializer):
    url = serializers.CharField(help_text="The address as submitted.")
    queued = serializers.BooleanField(help_text="True: queued now. False: the page was submitted before.")


class IngestResponseSerializer(serializers.Serializer):
    results = IngestedSerializer(many=True, help_text="One per submitted address, in order.")


class IngestView(JSONErrorsMixin, generics.GenericAPIView):
    """Queue URLs for ingestion; the pipeline fetches, extracts and links them in the background."""

    permission_classes = [IsStaffKey]
    serializer_class = IngestRequestSerializer
    last_modified = False

    @extend_schema(request=IngestRequestSerializer, responses={202: IngestResponseSerializer})
    def post(self, request):
        if not may_edit(request.user, Article):
            raise PermissionDenied("Your role may not add articles.")
        serializer = IngestRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ctx = context_for(request)
        results = []
        for url in serializer.validated_data["urls"]:
            ingestion, created = submit_url(url=url, submitted_by=request.user, key=request.auth.prefix)
            results.append({**describe(ingestion, ctx), "url": url, "queued": created})
        return Response({"results": results}, status=202)


class IngestionView(JSONErrorsMixin, generics.GenericAPIView):
    """How one submitted page went: for the keys that submitted it (any other key is told nothing, not even
    that it exists)."""

    permission_classes = [IsStaffKey]
    serializer_class = IngestionStatusSerializer
    last_modified = False

    @extend_schema(responses={200: IngestionStatusSerializer})
    def get(self, request, pk: int):
        ingestion = Ingestion.objects.select_related("article").filter(pk=pk).first()
        if ingestion is None or request.auth.prefix not in ingestion.submitted_keys:
            raise Http404
        return Response(describe(ingestion, context_for(request)))
