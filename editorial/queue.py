"""The editorial queue: what awaits review, what was sent back to its author, what machines suggest."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery

from editorial.models import Change, ChangeAction, CuratedRecord, EditorialStatus, RevisionStatus


@dataclass
class QueueSection:
    key: str
    title: str
    count: int
    items: list  # (label, url) pairs
    url: str = ""


# Other apps add sections (the ingestion pipeline's suggestions) without editorial importing them.
_extra_sections: list[Callable] = []


def register_section(build: Callable) -> None:
    """`build(request, limit)` returns a QueueSection, or None when the user has nothing to see there."""
    if build not in _extra_sections:
        _extra_sections.append(build)


def awaiting_review(model):
    return model.objects.awaiting_review()


def sent_back_to(model, user):
    """Drafts (or edits of live records) by `user` whose latest workflow step was "request changes"."""
    latest_action = (
        Change.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"))
        .order_by("-pk")
        .values("action")[:1]
    )
    return (
        model.objects.filter(updated_by=user)
        .filter(Q(editorial_status=EditorialStatus.DRAFT) | Q(pending_revision__status=RevisionStatus.PENDING_DRAFT))
        .annotate(latest_action=Subquery(latest_action))
        .filter(latest_action=ChangeAction.REQUEST_CHANGES)
    )


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
        for key, queryset in (("review", awaiting_review(model)), ("sent_back", sent_back_to(model, request.user))):
            section = sections[key]
            count = queryset.count()
            section.count += count
            if count and len(section.items) < limit:
                for record in queryset.order_by("-updated_at")[: limit - len(section.items)]:
                    url = reverse(
                        f"{site.name}:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk]
                    )
                    section.items.append((f"{model._meta.verbose_name}: {record}", url))
    result = list(sections.values())
    for build in _extra_sections:
        section = build(request, limit)
        if section is not None:
            result.append(section)
    return result
