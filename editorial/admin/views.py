"""The workflow's admin screens: transitions, the reviewer's diff, history, revert and merge."""

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from editorial.admin import words
from editorial.merge import merge_records
from editorial.models import Change, ChangeAction, EditorialStatus, Revision, RevisionStatus
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


# Steps a record's form offers that take no edit with them: the form's fields are neither validated nor saved.
STEPS_WITHOUT_EDIT = ("discard_edit", "unpublish", "archive", "restore")


def _button(action: str, label: str) -> dict:
    spec = TRANSITIONS.get(action)
    return {"action": action, "label": label, "comment_required": bool(spec and spec.comment_required)}


def offered_transitions(request, record) -> list[dict]:
    """The steps this user may take on this record now, without an edit: the review page's buttons."""
    return [
        _button(spec.action, words.BUTTON_LABELS.get(spec.action, spec.label).removeprefix("Save and "))
        for spec in available_transitions(record, request.user)
    ]


def form_actions(request, record) -> list[dict]:
    """The buttons of a record's edit form: save, and each step this user may take with the edit, in one request."""
    user = request.user
    if record.pk is not None and record.editorial_status == EditorialStatus.ARCHIVED:
        return [_button(spec.action, words.BUTTON_LABELS[spec.action]) for spec in available_transitions(record, user)]
    if not may_edit(user, type(record)):
        return []
    buttons = [_button(words.SAVE, words.save_label(record))]
    pending = record.pending_revision if record.pk and record.pending_revision_id else None
    # "Submit" follows the save: a new record or a draft is submitted; a live record's edit is saved, then submitted.
    if (
        record.pk is None
        or record.editorial_status == EditorialStatus.DRAFT
        or (record.is_live and (pending is None or pending.status == RevisionStatus.PENDING_DRAFT))
    ):
        buttons.append(_button("submit", words.BUTTON_LABELS["submit"]))
    if record.pk is not None:
        buttons += [
            _button(spec.action, words.BUTTON_LABELS[spec.action])
            for spec in available_transitions(record, user)
            if spec.action != "submit"
        ]
    return buttons


def chosen_action(request) -> str:
    """The button the editor pressed on a record's form; "save" when none (Enter in a field)."""
    return request.POST.get("_workflow") or words.SAVE


def is_popup(request) -> bool:
    return IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET


def take_step(request, record, action: str, *, comment: str, edited: bool) -> tuple[int, str]:
    """After the form's save: take the step its button named; the message level and words for the editor."""
    if action == words.SAVE:
        if not edited:
            return messages.INFO, f"Nothing to save: you changed nothing in “{record}”."
        return messages.SUCCESS, words.step_outcome(record, words.SAVE)
    if action not in TRANSITIONS:
        return messages.ERROR, f"Saved, but “{action}” is not a step: nothing else was done."
    try:
        transition(record=record, action=action, by=request.user, comment=comment)
    except (TransitionNotAllowed, ValidationError, PermissionDenied) as error:
        if action == "submit" and not edited and record.is_live and not record.pending_revision_id:
            return messages.ERROR, f"Nothing to submit: you changed nothing in “{record}”."
        saved = "Saved, but not " if edited else "Not "
        label = words.BUTTON_LABELS[action].removeprefix("Save and ").lower()
        return messages.ERROR, f"{saved}{label}: {error_message(error)}"
    return messages.SUCCESS, words.step_outcome(record, action)


def after_save(modeladmin, request, record):
    """Back to the record's page, saying what the save and its step did and what comes next."""
    level, text = getattr(request, "workflow_outcome", (messages.SUCCESS, words.step_outcome(record, words.SAVE)))
    modeladmin.message_user(request, text, level)
    return HttpResponseRedirect(_url(modeladmin, "change", record.pk))


def step_without_edit(modeladmin, request, object_id):
    """A step pressed on a record's form that takes no edit along (archive, unpublish...): the step alone."""
    record = _record(modeladmin, request, object_id)
    _step(modeladmin, request, record, chosen_action(request), request.POST.get("workflow_comment", ""))
    return HttpResponseRedirect(_url(modeladmin, "change", record.pk))


def _step(modeladmin, request, record, action: str, comment: str) -> bool:
    try:
        transition(record=record, action=action, by=request.user, comment=comment)
    except (TransitionNotAllowed, ValidationError) as error:
        modeladmin.message_user(request, error_message(error), messages.ERROR)
        return False
    modeladmin.message_user(request, words.step_outcome(record, action), messages.SUCCESS)
    return True


def sent_back_change(record) -> Change | None:
    """The reviewer's "request changes" step, while the record (or its edit) is still back with its editor."""
    pending = record.pending_revision if record.pending_revision_id else None
    back_with_editor = (
        pending.status == RevisionStatus.PENDING_DRAFT
        if pending is not None
        else record.editorial_status == EditorialStatus.DRAFT
    )
    if not back_with_editor:
        return None
    latest = (
        Change.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
        .select_related("user")
        .order_by("-pk")
        .first()
    )
    return latest if latest is not None and latest.action == ChangeAction.REQUEST_CHANGES else None


def transition_view(modeladmin, request, object_id, action=None):
    """POST only: move the record one step (the button's `action`); refusals come back as messages, roles as 403."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    record = _record(modeladmin, request, object_id)
    action = action or request.POST.get("action", "")
    if action not in TRANSITIONS:
        raise Http404("No such step.")
    done = _step(modeladmin, request, record, action, request.POST.get("comment", ""))
    if done and request.POST.get("next") == "queue":
        return HttpResponseRedirect(reverse(f"{modeladmin.admin_site.name}:editorial_queue"))
    back = _url(modeladmin, "review", record.pk) if request.POST.get("next") == "queue" else None
    return HttpResponseRedirect(back or _url(modeladmin, "change", record.pk))


def review(modeladmin, request, object_id):
    """What the reviewer approves: the waiting edit against the live version, field by field."""
    record = _record(modeladmin, request, object_id)
    pending = record.pending_revision if record.pending_revision_id else None
    before: dict | None
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
            submitted=_latest(record, ChangeAction.SUBMIT),
            state=words.describe_state(record),
            transitions=offered_transitions(request, record),
            step_url=_url(modeladmin, "step", record.pk),
        ),
    )


def history(modeladmin, request, object_id):
    """Every revision and every transition, newest first, with who, when and why."""
    record = _record(modeladmin, request, object_id)
    content_type = ContentType.objects.get_for_model(record)
    changes = [
        {
            "change": change,
            "what": words.describe_change(change),
            "from_words": words.status_words(change.from_status),
            "to_words": words.status_words(change.to_status),
        }
        for change in Change.objects.filter(content_type=content_type, object_id=record.pk).select_related(
            "user", "revision__reverts"
        )
    ]
    revisions = list(_revisions(record).select_related("created_by"))
    for revision in revisions:
        revision.what = words.describe_revision(revision)
    return TemplateResponse(
        request,
        "admin/editorial/history.html",
        _context(
            modeladmin,
            request,
            record,
            f"History of {record}",
            revisions=revisions,
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
            what=words.describe_revision(revision),
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
    comment = request.POST.get("comment", "")
    try:
        revert(record=record, revision=revision, by=request.user, comment=comment)
    except (TransitionNotAllowed, ValidationError) as error:
        modeladmin.message_user(request, error_message(error), messages.ERROR)
        return HttpResponseRedirect(_url(modeladmin, "change", record.pk))
    submitted = request.POST.get("action") == "submit" and _step(
        modeladmin, request, record, "submit", comment or f"Reverted to revision {number}."
    )
    if submitted:
        return HttpResponseRedirect(_url(modeladmin, "change", record.pk))
    where = "as a draft edit (the public keeps its version)" if record.pending_revision_id else "to the draft"
    modeladmin.message_user(
        request,
        f"Revision {number} restored {where}. Submit it for review when it is ready: until then no reviewer sees it.",
        messages.SUCCESS,
    )
    return HttpResponseRedirect(_url(modeladmin, "change", record.pk))


class MergeForm(forms.Form):
    survivor = forms.SlugField(
        label="Record to keep",
        help_text="Its slug, as in its web address (e.g. paul-chan-mo-po). This record's links, citations, aliases "
        "and identifiers move there.",
    )
    comment = forms.CharField(
        label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Kept in both histories."
    )

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


def _latest(record, action: str) -> Change | None:
    content_type = ContentType.objects.get_for_model(record)
    changes = Change.objects.filter(content_type=content_type, object_id=record.pk, action=action)
    return changes.select_related("user").order_by("-pk").first()


def _revisions(record):
    content_type = ContentType.objects.get_for_model(record)
    return Revision.objects.filter(content_type=content_type, object_id=record.pk).order_by("-number")
