"""The newsroom's shared pieces: what every curated record's admin page carries.

Knows no domain model. Domain admins subclass `CuratedRecordAdmin`, add `ExternalIdentifierInline`
(and inlines of their own owned rows with `owned_relation` set), and use `AutoSlugForm` where a
record has no name to slug by hand. Every save goes through editorial.workflow: a draft is
written at once, an edit of a published record waits for review.
"""

from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import path

from editorial.admin import views, words
from editorial.admin.filters import AuthorFilter, PendingEditFilter
from editorial.admin.forms import CuratedChildForm, CuratedRecordForm, owned_rows
from editorial.deletion import collect_deletion
from editorial.models import CuratedRecord
from editorial.revisions import child_relation, take, write_fields
from editorial.workflow import (
    TRANSITIONS,
    EditConflict,
    TransitionNotAllowed,
    delete_draft,
    is_deletable,
    may_review,
    save_record,
    transition,
)

if TYPE_CHECKING:
    from typing import Any

    from django.contrib.admin.options import InlineModelAdmin, _FieldOpts
    from django_stubs_ext import StrOrPromise

    _InlineAdmin = InlineModelAdmin[Any, Any]  # what the mixin below is mixed into
else:
    _InlineAdmin = object

EDITORIAL_FIELDSET: tuple[str, "_FieldOpts"] = (
    "Editorial",
    {
        "fields": (
            ("editorial_status", "pending_edit"),
            ("version", "published_version", "published_at"),
            ("created_at", "created_by"),
            ("updated_at", "updated_by"),
            ("freshness",),
            "uuid",
        )
    },
)
# Rendered in the submit row, beside the buttons they go with, not among the record's fields.
SUBMIT_ROW_FIELDS = ("workflow_comment", "expected_version")
WORKFLOW_READONLY: tuple[str, ...] = (
    "editorial_status",
    "pending_edit",
    "version",
    "published_version",
    "published_at",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "freshness",
    "uuid",
)


def _bulk_action(action: str):
    spec = TRANSITIONS[action]

    def run(modeladmin, request, queryset):
        done, refused = 0, []
        comment = f"{spec.label} (bulk action)."
        for record in queryset.select_related("pending_revision"):
            try:
                transition(record=record, action=action, by=request.user, comment=comment)
                done += 1
            except (TransitionNotAllowed, ValidationError, PermissionDenied) as error:
                refused.append(f"{record}: {views.error_message(error)}")
        if done:
            modeladmin.message_user(request, f"{spec.label}: {done} done.", messages.SUCCESS)
        for line in refused:
            modeladmin.message_user(request, line, messages.ERROR)

    run.__name__ = f"bulk_{action}"
    # Offered only to those who may: the service checks again for each record.
    permissions = ["review"] if spec.needs_review else ["change"]
    return admin.action(description=f"{spec.label} the selected records", permissions=permissions)(run)


class CuratedRecordAdmin(admin.ModelAdmin):
    """A curated record's admin: edits go through the workflow; transitions are buttons and bulk actions."""

    form = CuratedRecordForm
    change_form_template = "admin/editorial/change_form.html"
    readonly_fields = WORKFLOW_READONLY
    # Transitions that need a comment ("request changes", "unpublish") are offered on the record's page only.
    actions = [_bulk_action(name) for name in ("submit", "publish", "archive", "restore")]

    def has_review_permission(self, request) -> bool:
        return may_review(request.user, self.model)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A record the public has seen leaves by archiving or merging, which history keeps; a deletion would not.
        if obj is not None and not is_deletable(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [refusal for record in objs if (refusal := deletion_refusal(record))]
        if refusals:
            # What the workflow refuses (a record, or one going with it, that is not an unseen draft) is listed as
            # protected: the confirmation page then deletes nothing and says why, where Django would have blamed a
            # missing permission (has_delete_permission says no to such a record).
            return deleted, counts, set(), [*protected, *refusals]
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        delete_draft(record=obj, by=request.user)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for record in queryset:
            delete_draft(record=record, by=request.user)

    # Lists

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        for extra in (PendingEditFilter, AuthorFilter, ("updated_at", admin.DateFieldListFilter)):
            if extra not in filters:
                filters.append(extra)
        if "editorial_status" not in filters:
            filters.insert(0, "editorial_status")
        return filters

    def get_queryset(self, request):
        # The changelist applies list_select_related only to a queryset with no select_related yet: join both here.
        related = self.list_select_related if isinstance(self.list_select_related, (list, tuple)) else ()
        queryset = (
            super().get_queryset(request).select_related(*related, "pending_revision", "created_by", "updated_by")
        )
        if hasattr(self.model, "citations"):
            # One aggregate, not a query per row: the freshness column reads it.
            queryset = queryset.annotate(
                newest_evidence_at=Max(Coalesce("citations__article__published_at", "citations__created_at"))
            )
            # An aggregate makes a GROUP BY, which drops Meta.ordering: keep the model's order (autocomplete pages).
            queryset = queryset.order_by(*(self.ordering or self.model._meta.ordering or ["-pk"]))
        return queryset

    @admin.display(description="pending edit")
    def pending_edit(self, record):
        if not record.pending_revision_id:
            return "—"
        return record.pending_revision.get_status_display()

    @admin.display(description="freshness")
    def freshness(self, record):
        evidence = getattr(record, "newest_evidence_at", None)
        parts = [
            f"newest evidence {evidence:%Y-%m-%d}" if evidence else "no evidence",
            f"last reviewed {record.last_reviewed_at:%Y-%m-%d}" if record.last_reviewed_at else "never reviewed",
        ]
        return "; ".join(parts)

    # The record's page

    def get_fieldsets(self, request, obj=None):
        fieldsets: list[tuple[StrOrPromise | None, _FieldOpts]] = [
            (name, {**options, "fields": [field for field in options["fields"] if field not in SUBMIT_ROW_FIELDS]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if "pending_edit" not in set(flatten_fieldsets(fieldsets)):
            fieldsets.append(EDITORIAL_FIELDSET)
        return fieldsets

    def get_object(self, request, object_id, from_field=None):
        record = super().get_object(request, object_id, from_field)
        if record is not None and record.pending_revision_id:
            # Editors keep working on the waiting edit, not on the live version the public sees.
            record.pending_data = record.pending_revision.data
            write_fields(record, record.pending_data)
        return record

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        relation = getattr(inline, "owned_relation", None)
        pending = getattr(obj, "pending_data", None)
        if relation and pending is not None:
            # The waiting edit's rows, as unsaved forms: the live rows stay as the public sees them.
            kwargs["queryset"] = inline.model._default_manager.none()
            kwargs["initial"] = pending["children"].get(relation, [])
        return kwargs

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        pending = getattr(obj, "pending_data", None)
        for inline in instances:
            relation = getattr(inline, "owned_relation", None)
            if relation and pending is not None:
                inline.extra = len(pending["children"].get(relation, [])) + 1
        return instances

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        record = obj if obj is not None else self.model()
        context["workflow_buttons"] = views.form_actions(request, record)
        if record.pk:
            context["workflow_state"] = words.describe_state(record, sent_back=views.sent_back_change(record))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        """Nothing yet: save_related writes the record with its links and owned rows, through the workflow."""

    def save_related(self, request, form, formsets, change):
        record = form.instance
        owned = {}
        for formset in formsets:
            relation = self._owned_relation(formset)
            if relation:
                child, owner_field = child_relation(type(record), relation)
                fields = [f.name for f in child._meta.concrete_fields if f.name not in {"id", owner_field}]
                owned[relation] = owned_rows(formset, fields)
                # Saved with the record's revision, not by the formset; the admin's change message reads these.
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        m2m = {
            field.name: form.cleaned_data[field.name]
            for field in record._meta.many_to_many
            if field.name in form.cleaned_data
        }
        data = take(record, m2m=m2m, children=owned)
        comment = form.cleaned_data.get("workflow_comment", "")
        action = views.chosen_action(request)
        edited = not change or set(form.changed_data) - set(SUBMIT_ROW_FIELDS) or any(f.has_changed() for f in formsets)
        if edited:
            save_record(
                record=record,
                by=request.user,
                data=data,
                expected_version=form.cleaned_data.get("expected_version"),
                message=comment,
            )
        for formset in formsets:
            if not self._owned_relation(formset):
                self.save_formset(request, form, formset, change=change)
        # The step the button names, after the edit it goes with: one click, one request.
        request.workflow_outcome = views.take_step(request, record, action, comment=comment, edited=bool(edited))

    def _owned_relation(self, formset) -> str | None:
        for relation in getattr(self.model, "revision_children", ()):
            child, _ = child_relation(self.model, relation)
            if formset.model is child:
                return relation
        return None

    def save_formset(self, request, form, formset, change):
        if not issubclass(formset.model, CuratedRecord):
            return super().save_formset(request, form, formset, change)
        # Curated records edited inline are records in their own right: drafts, through the workflow.
        for record in formset.save(commit=False):
            save_record(record=record, by=request.user)
        for record in formset.deleted_objects:
            delete_draft(record=record, by=request.user, comment=f"Deleted on the page of “{form.instance}”.")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and views.chosen_action(request) in views.STEPS_WITHOUT_EDIT:
            # Archive, unpublish, restore, discard: the step alone, whatever the fields hold (not validated, not saved).
            return views.step_without_edit(self, request, object_id)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            # The form check passed but someone saved in between: the transaction rolled back.
            self.message_user(request, str(conflict), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def response_add(self, request, obj, post_url_continue=None):
        if views.is_popup(request):
            return super().response_add(request, obj, post_url_continue)
        return views.after_save(self, request, obj)

    def response_change(self, request, obj):
        if views.is_popup(request):
            return super().response_change(request, obj)
        return views.after_save(self, request, obj)

    def history_view(self, request, object_id, extra_context=None):
        return views.history(self, request, object_id)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/step/", wrap(self._view(views.transition_view)), name=f"{prefix}_step"),
            path(
                "<path:object_id>/transition/<str:action>/",
                wrap(self._view(views.transition_view)),
                name=f"{prefix}_transition",
            ),
            path("<path:object_id>/review/", wrap(self._view(views.review)), name=f"{prefix}_review"),
            path(
                "<path:object_id>/revisions/<int:number>/",
                wrap(self._view(views.revision_detail)),
                name=f"{prefix}_revision",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/revert/",
                wrap(self._view(views.revert_view)),
                name=f"{prefix}_revert",
            ),
            path("<path:object_id>/merge/", wrap(self._view(views.merge_view)), name=f"{prefix}_merge"),
            *super().get_urls(),
        ]

    def _view(self, function):
        def view(request, *args, **kwargs):
            return function(self, request, *args, **kwargs)

        return view


def deletion_refusal(record: CuratedRecord) -> str:
    """Why delete_draft would refuse to delete `record`, or "" if it would not (checked before the form is saved)."""
    try:
        collect_deletion(record)
    except ValidationError as refusal:
        return " ".join(refusal.messages)
    except ProtectedError:
        return ""  # Django's own check lists what protects it
    return ""


class CuratedChildInlineMixin(_InlineAdmin):
    """A curated record on its parent's page: drafts are editable, the rest read-only (their own page reviews)."""

    form = CuratedChildForm
    extra = 0
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        # A subclass of the class Django builds for this inline (the inline's own formset, if it has one).
        class ProtectingFormSet(formset):  # type: ignore[valid-type,misc]
            def clean(self):
                super().clean()
                for form in self.deleted_forms:
                    refusal = deletion_refusal(form.instance) if form.instance.pk else ""
                    if refusal:
                        raise ValidationError(refusal)

        return ProtectingFormSet


class CuratedChildInline(CuratedChildInlineMixin, admin.TabularInline):
    pass
