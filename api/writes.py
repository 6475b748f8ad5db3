"""Writes for staff keys: create and edit records as drafts, and move them along the workflow.

Everything goes through editorial.workflow, so the admin's rules hold: an edit of a published
record waits as a pending revision, and only a reviewer's key can publish (an editor's gets 403).
"""

import json
from functools import cache

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from api.models import APIKey
from api.viewsets import context_for
from editorial.dates import PartialDate
from editorial.models import CuratedRecord
from editorial.workflow import TRANSITIONS, save_record, transition

WRITE_ACTIONS = ("create", "partial_update", "transitions")


class IsStaffKey(permissions.BasePermission):
    """A key whose owner is active staff; what the owner may do is then the workflow's decision."""

    message = "Writes need an API key that belongs to a member of the editorial staff."

    def has_permission(self, request, view):
        user = request.user
        return isinstance(request.auth, APIKey) and user.is_active and user.is_staff


class PartialDateInput(serializers.CharField):
    """A date as precise as the source: "2024", "2024-10" or "2024-10-22"."""

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        try:
            return PartialDate.parse(text)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None


def _json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


@cache
def input_serializer(model: type[CuratedRecord], fields: tuple[str, ...]) -> type[serializers.Serializer]:
    """The request body of a create or an edit: the model's own fields, related records by UUID."""
    declared: dict[str, serializers.Field] = {}
    for name in fields:
        field = model._meta.get_field(name)
        options = {"required": False, "help_text": str(field.help_text or field.verbose_name).capitalize()}
        if field.is_relation:
            target = field.related_model
            key = "uuid" if issubclass(target, CuratedRecord) else "slug"
            options["help_text"] = f"{target._meta.verbose_name.capitalize()} by its {key}."
            if field.many_to_many:
                options["help_text"] = f"{target._meta.verbose_name_plural.capitalize()}, each by its {key}."
            declared[name] = serializers.SlugRelatedField(
                slug_field=key, queryset=target._default_manager.all(), many=field.many_to_many, **options
            )
            if not field.many_to_many and field.null:
                declared[name].allow_null = True
        elif f"{name}_precision" in {f.name for f in model._meta.concrete_fields}:
            declared[name] = PartialDateInput(allow_null=True, **options)
    declared["expected_version"] = serializers.IntegerField(
        required=False,
        write_only=True,
        help_text="On an edit: the version you read. If someone saved since, the edit is refused with 409.",
    )
    meta = type("Meta", (), {"model": model, "fields": [*fields, "expected_version"]})
    return type(f"{model.__name__}Input", (serializers.ModelSerializer,), {"Meta": meta, **declared})


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(TRANSITIONS), help_text="The workflow step to take.")
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Why; required to request changes or unpublish."
    )


class WriteResultSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The record's UUID.")
    slug = serializers.CharField(help_text="The record's slug.")
    url = serializers.URLField(help_text="Its address in the API (answers once it is published).")
    editorial_status = serializers.CharField(help_text="draft, in_review, published or archived.")
    version = serializers.IntegerField(help_text="Its version: send it back as expected_version with the next edit.")
    has_pending_edit = serializers.BooleanField(help_text="Whether an edit of the public version awaits review.")


def _result(record: CuratedRecord, request, resource_name: str) -> dict:
    return {
        "id": record.uuid,
        "slug": record.slug,
        "url": context_for(request).api_url(resource_name, record.uuid),
        "editorial_status": record.editorial_status,
        "version": record.version,
        "has_pending_edit": record.pending_revision_id is not None,
    }


def _changes(values: dict, model: type[models.Model]) -> dict:
    """The request's values as revision data, for the workflow to lay over the record once it holds its lock."""
    data: dict[str, dict] = {"fields": {}, "m2m": {}}
    for name, value in values.items():
        field = model._meta.get_field(name)
        if field.many_to_many:
            data["m2m"][name] = sorted(item.pk for item in value)
        elif field.is_relation:
            data["fields"][name] = None if value is None else value.pk
        elif isinstance(value, PartialDate):
            data["fields"][name] = _json(value.date)
            data["fields"][f"{name}_precision"] = value.precision
        else:
            data["fields"][name] = _json(value)
    return data


class WritableMixin:
    """POST (create a draft), PATCH (edit: a draft directly, a live record as a pending edit), transitions."""

    write_fields: tuple[str, ...] = ()

    def get_permissions(self):
        if self.action in WRITE_ACTIONS:
            return [IsStaffKey()]
        return super().get_permissions()

    def input_class(self):
        return input_serializer(self.resource.model, self.write_fields)

    @extend_schema(responses={201: WriteResultSerializer})
    def create(self, request, *args, **kwargs):
        self.last_modified = False
        serializer = self.input_class()(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        values.pop("expected_version", None)
        record = self.resource.model()
        self.save_through_workflow(serializer, record=record, changes=_changes(values, type(record)))
        return Response(_result(record, request, self.resource.name), status=201)

    def editable(self, uuid) -> CuratedRecord | None:
        """Any record of the resource, whatever its state: staff edit drafts too."""
        return self.resource.model._default_manager.select_related("pending_revision").filter(uuid=uuid).first()

    @extend_schema(responses={200: WriteResultSerializer})
    def partial_update(self, request, *args, **kwargs):
        self.last_modified = False
        record = self.editable(kwargs[self.lookup_field])
        if record is None:
            return self.missing(kwargs[self.lookup_field])
        serializer = self.input_class()(instance=record, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        expected = values.pop("expected_version", None)
        # Not read here: a PATCH sent while another is saved is laid over that one's edit, not over what it replaced.
        self.save_through_workflow(
            serializer, record=record, changes=_changes(values, type(record)), expected_version=expected
        )
        return Response(_result(record, request, self.resource.name))

    def save_through_workflow(self, serializer: serializers.Serializer, **options) -> None:
        """Save through the workflow; a unique value another request took since validation is refused as validation
        refuses it (a 400 naming the field), not a server error."""
        try:
            save_record(by=self.request.user, **options)
        except IntegrityError:
            # The other request's row is committed now: validating again names the field it took. A failure that
            # validation cannot explain stays a server error.
            again = type(serializer)(
                instance=serializer.instance, data=serializer.initial_data, partial=serializer.partial
            )
            again.is_valid(raise_exception=True)
            raise

    @extend_schema(request=TransitionSerializer, responses={200: WriteResultSerializer})
    @action(detail=True, methods=["post"], url_path="transitions")
    def transitions(self, request, *args, **kwargs):
        """Take one workflow step: submit, request_changes, publish, discard_edit, unpublish, archive, restore."""
        self.last_modified = False
        record = self.editable(kwargs[self.lookup_field])
        if record is None:
            return self.missing(kwargs[self.lookup_field])
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        transition(record=record, by=request.user, **serializer.validated_data)
        return Response(_result(record, request, self.resource.name))
