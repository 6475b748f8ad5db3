"""The read side every resource shares: lists and details on the lean path, with DRF around them.

DRF keeps authentication, throttling, filtering (django-filter), pagination and the schema; the
rows themselves come from `editorial.public`, never from serializer instances.
"""

from dataclasses import replace

from django.http import Http404, JsonResponse
from rest_framework import viewsets
from rest_framework.response import Response

from api.asof import add_as_of
from api.conditional import finish, last_public_write, not_modified
from api.errors import BadRequest, body
from api.export import batches, streaming_response
from api.filters import RecordFilterBackend
from api.pagination import KeysetPagination
from api.published_at import moment, past_list, past_retrieve
from api.renderers import BULK_FORMATS, OrjsonRenderer
from editorial.public import Context, Plan, plan_for, resources
from editorial.selectors import find_redirect


def context_for(request, expand: frozenset[str] = frozenset()) -> Context:
    return Context.of(request, expand)


class JSONErrorsMixin:
    """Errors answer in JSON whatever format the request asked for; a 200 gets its ETag and Last-Modified."""

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400 and isinstance(response, Response):
            renderer = getattr(request, "accepted_renderer", None)
            if renderer is not None and renderer.format != "json":
                request.accepted_renderer, request.accepted_media_type = OrjsonRenderer(), "application/json"
        response = super().finalize_response(request, response, *args, **kwargs)
        last_modified = getattr(self, "last_modified", None)
        if last_modified is not False:
            response = finish(request, response, last_modified)
        return response


class RecordViewSet(JSONErrorsMixin, viewsets.GenericViewSet):
    """List and detail of one resource: published records only, by UUID."""

    resource: resources.Resource
    detail_serializer_class = None  # a detail with more than a list row shows (an article's text)
    ordering_fields: dict[str, str] = {}
    lookup_field = "uuid"
    lookup_value_converter = "uuid"
    filter_backends = [RecordFilterBackend]
    pagination_class = KeysetPagination
    last_modified = False  # False: not a conditional response; set per request by list and retrieve

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "resource" in cls.__dict__:
            # A kind declared with its shape (its app's public.py) keeps it; the API's own kinds bring theirs.
            cls.resource = replace(cls.resource, viewset=cls, shape=cls.resource.shape or cls.serializer_class)
            resources.register(cls.resource)

    @classmethod
    def public_queryset(cls):
        """What partners and the public may read (the resource says)."""
        return cls.resource.public_queryset()

    def get_queryset(self):
        return self.public_queryset()

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return super().get_serializer_class()

    def plan(self) -> Plan:
        return plan_for(self.get_serializer_class(), self.resource)

    def expansion(self, plan: Plan) -> frozenset[str]:
        # Comma-separated, repeated, or both: expand=themes,lead_officials or expand=themes&expand=lead_officials.
        raw = ",".join(self.request.query_params.getlist("expand"))
        asked = frozenset(name.strip() for name in raw.split(",") if name.strip())
        unknown = sorted(asked - set(plan.expandable))
        if unknown:
            raise BadRequest(
                "invalid_expand",
                f"Cannot expand {', '.join(unknown)}.",
                {"unknown": unknown, "allowed": plan.expandable},
            )
        return asked

    def list(self, request, *args, **kwargs):
        at = moment(request)
        if at is not None:
            return past_list(self, request, at)
        plan = self.plan()
        ctx = context_for(request, self.expansion(plan))
        ordering = self.paginator.ordering(request, self)
        queryset = self.filter_queryset(plan.queryset(self.paginator.extra_columns(ordering)))
        fmt = request.accepted_renderer.format
        if fmt in BULK_FORMATS:
            chunks = batches(
                queryset=queryset, ordering=ordering, plan=plan, ctx=ctx, paginator=self.paginator, request=request
            )
            return streaming_response(chunks=chunks, plan=plan, fmt=fmt, name=self.resource.name)
        self.last_modified = last_public_write()
        early = not_modified(request, self.last_modified)
        if early is not None:
            return early
        rows, next_url = self.paginator.page(queryset, ordering, request)
        results = plan.complete(rows, ctx)
        add_as_of(request, self.resource.name, ctx, rows, results)
        return Response({"next": next_url, "results": results})

    def retrieve(self, request, *args, **kwargs):
        at = moment(request)
        if at is not None:
            return past_retrieve(self, request, at, kwargs[self.lookup_field])
        plan = self.plan()
        ctx = context_for(request, self.expansion(plan))
        self.last_modified = last_public_write()
        early = not_modified(request, self.last_modified)
        if early is not None:
            return early
        uuid = kwargs[self.lookup_field]
        rows = list(plan.queryset().filter(uuid=uuid))
        if not rows:
            self.last_modified = False
            return self.missing(uuid)
        results = plan.complete(rows, ctx)
        add_as_of(request, self.resource.name, ctx, rows, results)
        return Response(results[0])

    def missing(self, uuid):
        """A merged record's old UUID leads to the survivor; a withdrawn record is gone (410); anything else 404."""
        model = self.resource.model
        if not self.resource.is_curated:
            raise Http404
        survivor = find_redirect(model, uuid=uuid)
        if survivor is not None:
            location = context_for(self.request).api_url(self.resource.name, survivor.uuid)
            query = self.request.META.get("QUERY_STRING")
            location += f"?{query}" if query else ""
            # 308 keeps the method and body of a write; a read gets the classic permanent redirect.
            status = 301 if self.request.method in ("GET", "HEAD") else 308
            response = JsonResponse(
                {"moved_to": {"id": str(survivor.uuid), "name": str(survivor), "url": location}}, status=status
            )
            response["Location"] = location
            return response
        if model._default_manager.filter(uuid=uuid, published_version__isnull=False).exists():
            return Response(
                body("withdrawn", "This record was public once and has been withdrawn (unpublished or archived)."),
                status=410,
            )
        raise Http404
