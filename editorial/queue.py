"""The editorial queue: what awaits review, what was sent back to its author, what machines suggest."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery

from editorial.models import Change, ChangeAction, CuratedRecord, EditorialStatus, RevisionStatus


@dataclass
class QueueItem:
    """One line of the queue: what, who sent it here, when, with what comment, and where to act on it."""

    label: str
    url: str
    who: str = ""
    when: datetime.datetime | None = None
    comment: str = ""


@dataclass
class QueueSection:
    key: str
    title: str
    count: int
    items: list  # QueueItems, or (label, url) pairs, which build_queue turns into QueueItems
    url: str = ""


# Other apps add sections (the ingestion pipeline's suggestions) without editorial importing them.
_extra_sections: list[Callable] = []


def register_section(build: Callable) -> None:
    """`build(request, limit)` returns a QueueSection, or None when the user has nothing to see there."""
    if build not in _extra_sections:
        _extra_sections.append(build)


def _with_latest_step(queryset, model, action: str | None = None):
    """Annotate who took the record's latest step (of `action`, if given), when, and with what comment."""
    steps = Change.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"))
    if action is not None:
        steps = steps.filter(action=action)
    steps = steps.order_by("-pk")
    return queryset.annotate(
        step_action=Subquery(steps.values("action")[:1]),
        step_who=Subquery(steps.values("user__username")[:1]),
        step_at=Subquery(steps.values("created_at")[:1]),
        step_comment=Subquery(steps.values("comment")[:1]),
    )


def awaiting_review(model):
    """Records and edits submitted for review, with who submitted them, when and why."""
    return _with_latest_step(model.objects.awaiting_review(), model, ChangeAction.SUBMIT)


def sent_back_to(model, user):
    """Drafts (or edits of live records) by `user` whose latest workflow step was "request changes"."""
    drafts = model.objects.filter(updated_by=user).filter(
        Q(editorial_status=EditorialStatus.DRAFT) | Q(pending_revision__status=RevisionStatus.PENDING_DRAFT)
    )
    return _with_latest_step(drafts, model).filter(step_action=ChangeAction.REQUEST_CHANGES)


def build_queue(site, request, *, limit: int = 0) -> list[QueueSection]:
    """The sections of the queue this user may see, with counts and (up to `limit`) links."""
    from django.urls import reverse

    sections = {
        "review": QueueSection("review", "Awaiting review", 0, []),
        "sent_back": QueueSection("sent_back", "Sent back to you", 0, []),
    }
    for model, modeladmin in site._registry.items():
        if not issubclass(model, CuratedRecord) or not modeladmin.has_view_or_change_permission(request):
            continue
        # A reviewer opens what awaits review on its diff; an editor opens what came back on its form.
        for key, queryset, view in (
            ("review", awaiting_review(model), "review"),
            ("sent_back", sent_back_to(model, request.user), "change"),
        ):
            section = sections[key]
            count = queryset.count()
            section.count += count
            if count and len(section.items) < limit:
                for record in queryset.order_by("-updated_at")[: limit - len(section.items)]:
                    name = f"{site.name}:{model._meta.app_label}_{model._meta.model_name}_{view}"
                    url = reverse(name, args=[record.pk])
                    section.items.append(
                        QueueItem(
                            f"{model._meta.verbose_name}: {record}",
                            url,
                            who=record.step_who or "",
                            when=record.step_at,
                            comment=record.step_comment or "",
                        )
                    )
    result = list(sections.values())
    for build in _extra_sections:
        section = build(request, limit)
        if section is not None:
            result.append(section)
    for section in result:
        section.items = [item if isinstance(item, QueueItem) else QueueItem(*item) for item in section.items]
    return result
