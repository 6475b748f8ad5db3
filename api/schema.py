"""How the API's own pieces read in the OpenAPI schema: key auth, lean fields, expand, error responses."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_array_type
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from api.asof import PARAMETER as AS_OF
from api.asof import READERS
from api.published_at import DESCRIPTION, PARAMETER
from api.serializers import ErrorSerializer, MovedSerializer
from editorial.public import resources
from editorial.public.shapes import (
    AliasSerializer,
    CitationCompactSerializer,
    CompactRefSerializer,
    GenericRefSerializer,
    IdentifierSerializer,
    JurisdictionSerializer,
    PartialDateSerializer,
)


class APIKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.APIKeyAuthentication"
    name = "APIKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-API-Key",
            "description": "A key issued in the admin. Without one, reads are allowed at a lower rate.",
        }


def _ref(auto_schema, serializer, direction):
    return auto_schema.resolve_serializer(serializer, direction).ref


class UrlFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "editorial.public.fields.SelfUrlField"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "format": "uri"}


class WebUrlFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "editorial.public.fields.WebUrlField"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": ["string", "null"], "format": "uri"}


class PartialDateFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "editorial.public.fields.PartialDateField"

    def map_serializer_field(self, auto_schema, direction):
        return _ref(auto_schema, PartialDateSerializer, direction)


class JurisdictionFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "editorial.public.fields.JurisdictionField"

    def map_serializer_field(self, auto_schema, direction):
        return _ref(auto_schema, JurisdictionSerializer, direction)


class RefFieldSchema(OpenApiSerializerFieldExtension):
    """A compact reference, or (with `?expand=`) the whole related record."""

    target_class = "editorial.public.fields.RefField"

    def map_serializer_field(self, auto_schema, direction):
        target = resources.get(self.target.resource).shape
        # The whole record first: a generated client tries each in turn, and a reference lacks its required
        # fields; a reference admits no other property (api.schema.closed_references), so neither passes as the other.
        one = {"anyOf": [_ref(auto_schema, target, direction), _ref(auto_schema, CompactRefSerializer, direction)]}
        return build_array_type(one) if self.target.many else one


class GenericRefFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "editorial.public.fields.GenericRefField"

    def map_serializer_field(self, auto_schema, direction):
        return _ref(auto_schema, GenericRefSerializer, direction)


class CitationsFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "sources.public.CitationsField"

    def map_serializer_field(self, auto_schema, direction):
        return build_array_type(_ref(auto_schema, CitationCompactSerializer, direction))


class AliasesFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "editorial.public.fields.AliasesField"

    def map_serializer_field(self, auto_schema, direction):
        return build_array_type(_ref(auto_schema, AliasSerializer, direction))


class IdentifiersFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "editorial.public.fields.IdentifiersField"

    def map_serializer_field(self, auto_schema, direction):
        return build_array_type(_ref(auto_schema, IdentifierSerializer, direction))


class RowsFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "editorial.public.fields.RowsField"

    def map_serializer_field(self, auto_schema, direction):
        return build_array_type(_ref(auto_schema, type(self.target.child), direction))


def _published_at_parameter() -> OpenApiParameter:
    return OpenApiParameter(
        PARAMETER, {"type": "string", "format": "date-time"}, OpenApiParameter.QUERY, description=DESCRIPTION
    )


ERRORS = {
    400: "Bad input: an unknown filter value, cursor, ordering, expand field or date.",
    401: "The X-API-Key header names no active key.",
    403: "The key may not do this (writes need a staff key; publishing needs a reviewer's).",
    404: "No published record has this identifier.",
    429: "Over the rate limit: retry after the seconds in Retry-After.",
}


class APIAutoSchema(AutoSchema):
    """Adds what every endpoint shares: the expand parameter and the error responses."""

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        plan_fields = self._expandable()
        if plan_fields and self.method == "GET":
            parameters.append(
                OpenApiParameter(
                    "expand",
                    {"type": "array", "items": {"type": "string", "enum": plan_fields}},
                    OpenApiParameter.QUERY,
                    description="Related records to embed whole instead of as references, comma-separated.",
                    style="form",
                    explode=False,
                )
            )
        if plan_fields is not None and self.method == "GET" and self.view.resource.is_curated:
            parameters.append(_published_at_parameter())
        resource = getattr(self.view, "resource", None)
        if getattr(self.view, "action", None) in ("list", "retrieve") and getattr(resource, "name", None) in READERS:
            parameters.append(AS_OF)
        return parameters

    def _expandable(self) -> list[str] | None:
        """The fields a record read may expand; None for an endpoint that is not one."""
        from api.viewsets import RecordViewSet
        from editorial.public.plan import plan_for

        view = self.view
        if not isinstance(view, RecordViewSet) or view.action not in ("list", "retrieve"):
            return None
        return plan_for(view.get_serializer_class(), view.resource).expandable

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        error = OpenApiResponse(ErrorSerializer)
        codes = dict(ERRORS)
        if self.method == "GET":
            codes.pop(403)
        for code, description in codes.items():
            responses.setdefault(str(code), self._get_response_for_code(error, str(code), direction=direction))
            responses[str(code)]["description"] = description
        if getattr(self.view, "action", None) == "retrieve":
            moved = self._get_response_for_code(OpenApiResponse(MovedSerializer), "301", direction=direction)
            moved["description"] = "A merged record's old UUID: Location is the surviving record."
            responses.setdefault("301", moved)
            gone = self._get_response_for_code(error, "410", direction=direction)
            gone["description"] = "The record was public once and has been withdrawn."
            responses.setdefault("410", gone)
        return responses


def closed_references(result, generator, request, public):
    """A compact reference has its three properties and no other: an expanded record never reads as one."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name in ("CompactRef", "GenericRef"):
            component["additionalProperties"] = False
    return result


BULK = {
    "text/csv": "CSV (RFC 4180) with a byte-order mark: a header row, then one row per record; nested values as "
    "JSON text, a cell that a spreadsheet would read as a formula prefixed with an apostrophe.",
    "application/x-ndjson": "NDJSON: one JSON object per line, each a record as in the JSON list's `results`.",
}


def bulk_formats(result, generator, request, public):
    """CSV and NDJSON declared as what they are, on the lists that serve them; JSON alone everywhere else.

    Every renderer is offered on every operation by default, each with the JSON schema: a generated client then
    tries to parse a CSV download as a page of JSON, and expects CSV from a write.
    """
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            bulk = (
                operation.get("operationId", "").endswith("_list") or operation.get("operationId") == "changes_retrieve"
            )
            for code, response in operation["responses"].items():
                content = response.get("content", {})
                for media_type, description in BULK.items():
                    if media_type not in content:
                        continue
                    if bulk and code == "200":
                        content[media_type] = {"schema": {"type": "string", "description": description}}
                    else:
                        del content[media_type]
            if not bulk:
                operation["parameters"] = [
                    parameter
                    for parameter in operation.get("parameters", [])
                    if not (parameter.get("name") == "format" and parameter.get("in") == "query")
                ]
                if not operation["parameters"]:
                    del operation["parameters"]
    return result


def write_links(result, generator, request, public):
    """OpenAPI links from each write to the writes it makes possible, on the record it answered with.

    A client (and schemathesis's stateful phase) follows them: the draft a POST created is edited
    (PATCH) and moved through the workflow (transitions) by the `id` in the answer; a published record
    is read back at its address.
    """
    operations = {
        operation["operationId"]: (path, method, operation)
        for path, methods in result.get("paths", {}).items()
        for method, operation in methods.items()
        if isinstance(operation, dict) and "operationId" in operation
    }
    follows = {"create": ("partial_update", "transitions_create"), "partial_update": ("transitions_create",)}
    follows["transitions_create"] = ("partial_update", "retrieve")
    for operation_id, (_path, _method, operation) in operations.items():
        for step, nexts in follows.items():
            resource, _, rest = operation_id.partition("_")
            if rest != step:
                continue
            answered = next(
                (operation["responses"][code] for code in ("201", "200") if code in operation["responses"]), None
            )
            links = {
                f"{resource}_{following}": {
                    "operationId": f"{resource}_{following}",
                    "parameters": {"uuid": "$response.body#/id"},
                }
                for following in nexts
                if f"{resource}_{following}" in operations
            }
            if answered is not None and links:
                answered.setdefault("links", {}).update(links)
    return result
