"""The workflow's admin screens: transitions, the reviewer's diff, history, revert and merge."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from editorial.merge import merge_records
from editorial.models import Change, EditorialStatus, Revision
from editorial.revisions import compare, take
from editorial.workflow import (
    TRANSITIONS,
    TransitionNotAllowed,
    available_transitions,
    may_edit,
    may_review,
    revert,
    transition,
)


def error_message(error: Exception) -> str:
    """What an editor reads when a step is refused."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "Not allowed."


def _record(modeladmin, request, object_id):
    record = modeladmin.get_queryset(request).filter(pk=unquote(object_id)).first()
    if record is None:
        raise Http404(f"No {modeladmin.opts.verbose_name} with this id.")
    if not modeladmin.has_view_or_change_permission(request, record):
        raise PermissionDenied
    return record


def _url(modeladmin, view: str, *args) -> str:
    return reverse(
        f"{modeladmin.admin_site.name}:{modeladmin.opts.app_label}_{modeladmin.opts.model_name}_{view}", args=args
    )


def _context(modeladmin, request, record, title: str, **extra) -> dict:
    return {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "original": record,
        "title": title,
        "change_url": _url(modeladmin, "change", record.pk),
        "history_url": _url(modeladmin, "history", record.pk),
        **extra,
    }


def offered_transitions(modeladmin, request, record) -> list[dict]:
    """The buttons this user may press on this record now, with where each posts."""
    return [
        {
            "action": spec.action,
            "label": spec.label,
            "url": _url(modeladmin, "transition", record.pk, spec.action),
            "comment_required": spec.comment_required,
        }
        for spec in available_transitions(record, request.user)
    ]


def transition_view(modeladmin, request, object_id, action):
    """POST only: move the record one step; refusals come back as messages, forbidden roles as 403."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    record = _record(modeladmin, request, object_id)
    if action not in TRANSITIONS:
        raise Http404("No such step.")
    try:
        transition(record=record, action=action, by=request.user, comment=request.POST.get("comment", ""))
    except (TransitionNotAllowed, ValidationError) as error:
        modeladmin.message_user(request, error_message(error), messages.ERROR)
    else:
        modeladmin.message_user(request, f"{TRANSITIONS[action].label}: done.", messages.SUCCESS)
    return HttpResponseRedirect(request.POST.get("next") or _url(modeladmin, "change", record.pk))


def review(modeladmin, request, object_id):
    """What the reviewer approves: the waiting edit against the live version, field by field."""
    record = _record(modeladmin, request, object_id)
    pending = record.pending_revision if record.pending_revision_id else None
    if pending is not None:
        before, after, heading = take(record), pending.data, "Edit of the published version"
    else:
        last_published = (
            _revisions(record).filter(published_version=record.published_version).first()
            if (record.published_version)
            else None
        )
        before = last_published.data if last_published else None
        after = take(record)
        heading = "Changes since the last published version" if last_published else "New record"
    return TemplateResponse(
        request,
        "admin/editorial/review.html",
        _context(
            modeladmin,
            request,
            record,
            f"Review {record}",
            heading=heading,
            changes=compare(type(record), before, after),
            pending=pending,
            transitions=offered_transitions(modeladmin, request, record),
        ),
    )


def history(modeladmin, request, object_id):
    """Every revision and every transition, newest first, with who, when and why."""
    record = _record(modeladmin, request, object_id)
    content_type = ContentType.objects.get_for_model(record)
    changes = Change.objects.filter(content_type=content_type, object_id=record.pk).select_related("user", "revision")
    return TemplateResponse(
        request,
        "admin/editorial/history.html",
        _context(
            modeladmin,
            request,
            record,
            f"History of {record}",
            revisions=_revisions(record).select_related("created_by"),
            changes=changes,
            revision_url=_url(modeladmin, "revision", record.pk, 0).rsplit("/0/", 1)[0],
        ),
    )


def revision_detail(modeladmin, request, object_id, number):
    """One revision, compared with the one before it, with a revert button."""
    record = _record(modeladmin, request, object_id)
    revision = get_object_or_404(_revisions(record), number=number)
    previous = _revisions(record).filter(number__lt=number).order_by("-number").first()
    return TemplateResponse(
        request,
        "admin/editorial/revision.html",
        _context(
            modeladmin,
            request,
            record,
            f"Revision {number} of {record}",
            revision=revision,
            changes=compare(type(record), previous.data if previous else None, revision.data),
            can_revert=may_edit(request.user, type(record)) and record.editorial_status != EditorialStatus.ARCHIVED,
            revert_url=_url(modeladmin, "revert", record.pk, number),
        ),
    )


def revert_view(modeladmin, request, object_id, number):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    record = _record(modeladmin, request, object_id)
    revision = get_object_or_404(_revisions(record), number=number)
    try:
        revert(record=record, revision=revision, by=request.user, comment=request.POST.get("comment", ""))
    except (TransitionNotAllowed, ValidationError) as error:
        modeladmin.message_user(request, error_message(error), messages.ERROR)
    else:
        where = "as an edit waiting for review" if record.pending_revision_id else "to the draft"
        modeladmin.message_user(request, f"Revision {number} restored {where}.", messages.SUCCESS)
    return HttpResponseRedirect(_url(modeladmin, "change", record.pk))


class MergeForm(forms.Form):
    survivor = forms.SlugField(label="Slug of the record to keep", help_text="This record's links move there.")
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, model, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        self.model, self.duplicate = model, duplicate

    def clean_survivor(self):
        survivor = self.model.objects.filter(slug=self.cleaned_data["survivor"]).first()
        if survivor is None:
            raise ValidationError(f"No {self.model._meta.verbose_name} has this slug.")
        if survivor.pk == self.duplicate.pk:
            raise ValidationError("Choose another record: a record cannot be merged into itself.")
        return survivor


def merge_view(modeladmin, request, object_id):
    """A reviewer folds this record (a duplicate) into another of its kind."""
    record = _record(modeladmin, request, object_id)
    if not may_review(request.user, type(record)):
        raise PermissionDenied
    form = MergeForm(request.POST or None, model=type(record), duplicate=record)
    if request.method == "POST" and form.is_valid():
        survivor = form.cleaned_data["survivor"]
        try:
            merge_records(duplicate=record, survivor=survivor, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            modeladmin.message_user(request, f"Merged “{record}” into “{survivor}”.", messages.SUCCESS)
            return HttpResponseRedirect(_url(modeladmin, "change", survivor.pk))
    return TemplateResponse(
        request, "admin/editorial/merge.html", _context(modeladmin, request, record, f"Merge {record}", form=form)
    )


def _revisions(record):
    content_type = ContentType.objects.get_for_model(record)
    return Revision.objects.filter(content_type=content_type, object_id=record.pk).order_by("-number")
