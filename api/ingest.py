"""POST /api/v1/ingest/: staff keys hand URLs to the ingestion pipeline (fetched, extracted, linked later)."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.viewsets import JSONErrorsMixin, context_for
from api.writes import IsStaffKey
from editorial.workflow import may_edit
from ingestion.services import submit_url
from sources.canonical import MAX_URL_LENGTH, validate_url
from sources.models import Article

MAX_URLS = 100


class PageURLField(serializers.URLField):
    """An address the pipeline can fetch and store: the pipeline's own check, not DRF's looser one."""

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_URL_LENGTH, **kwargs)
        # DRF's validators let a port of 99999 and 2,048 characters through: the one check replaces them.
        self.validators = [validate_url]


class IngestRequestSerializer(serializers.Serializer):
    urls = serializers.ListField(
        child=PageURLField(),
        min_length=1,
        max_length=MAX_URLS,
        help_text=f"Addresses of articles to ingest, 1 to {MAX_URLS}.",
    )


class IngestedSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="The address as submitted.")
    queued = serializers.BooleanField(help_text="True: queued now. False: the page was submitted before.")
    step = serializers.CharField(help_text="Where its ingestion stands: queued, fetching, linking, done or failed.")
    outcome = serializers.CharField(help_text="new, duplicate, updated or error once done; empty before.")
    article = serializers.URLField(allow_null=True, help_text="The stored article's address in the API, once stored.")


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
            ingestion, created = submit_url(url=url, submitted_by=request.user)
            article = ingestion.article
            results.append(
                {
                    "url": url,
                    "queued": created,
                    "step": ingestion.step,
                    "outcome": ingestion.outcome,
                    "article": None if article is None else ctx.api_url("articles", article.uuid),
                }
            )
        return Response({"results": results}, status=202)
