"""Who may take which editorial step from which state: the workflow's rules, and its refusals."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

from editorial.models import CuratedRecord, EditorialStatus, RevisionStatus

REVIEW_PERMISSION = "editorial.review_records"


class TransitionNotAllowed(Exception):
    """The record's state does not allow this step."""

    def __init__(self, action: str, state: str):
        self.action, self.state = action, state
        super().__init__(f"Cannot {action.replace('_', ' ')} a record that is {state.replace('_', ' ')}.")


class EditConflict(Exception):
    """Someone saved the record after the editor opened it: saving would silently overwrite them."""

    def __init__(self, record: CuratedRecord, expected_version: int):
        self.record, self.expected_version = record, expected_version
        who = record.updated_by.get_username() if record.updated_by is not None else "someone else"
        super().__init__(
            f"{who} saved this record while you were editing it (version {record.version}; you opened "
            f"version {expected_version}). Your changes were not saved: reload the page to see theirs."
        )


class CitationsMissing(ValidationError):
    """Publishing needs a source for the record and for each fact that must carry its own."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(f"Cannot publish without a citation for: {', '.join(missing)}. Add the source first.")


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    needs_review: bool
    record_moves: dict[str, str] = field(default_factory=dict)
    pending_moves: dict[str, str] = field(default_factory=dict)
    comment_required: bool = False


S, R = EditorialStatus, RevisionStatus
TRANSITIONS = {
    transition.action: transition
    for transition in (
        Transition(
            "submit",
            "Submit for review",
            False,
            {S.DRAFT: S.IN_REVIEW},
            {R.PENDING_DRAFT: R.PENDING_REVIEW},
        ),
        Transition(
            "request_changes",
            "Request changes",
            True,
            {S.IN_REVIEW: S.DRAFT},
            {R.PENDING_REVIEW: R.PENDING_DRAFT},
            comment_required=True,
        ),
        Transition("publish", "Approve and publish", True, {S.IN_REVIEW: S.PUBLISHED}, {R.PENDING_REVIEW: R.APPROVED}),
        Transition(
            "discard_edit",
            "Discard the pending edit",
            False,
            {},
            {R.PENDING_DRAFT: R.DISCARDED, R.PENDING_REVIEW: R.DISCARDED},
        ),
        Transition("unpublish", "Unpublish", True, {S.PUBLISHED: S.DRAFT}, comment_required=True),
        Transition("archive", "Archive", True, {S.DRAFT: S.ARCHIVED, S.IN_REVIEW: S.ARCHIVED, S.PUBLISHED: S.ARCHIVED}),
        Transition("restore", "Restore to draft", True, {S.ARCHIVED: S.DRAFT}),
    )
}
del S, R


def may_edit(user, model: type[models.Model]) -> bool:
    """Editors and reviewers may write drafts of `model`; the system (None) may do anything."""
    if user is None:
        return True
    opts = model._meta
    return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def may_review(user, model: type[models.Model]) -> bool:
    return user is None or (may_edit(user, model) and user.has_perm(REVIEW_PERMISSION))


def may_delete(user, model: type[models.Model]) -> bool:
    """Staff holding the kind's delete permission (reviewers) may delete its drafts; the system (None) may."""
    if user is None:
        return True
    opts = model._meta
    return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.delete_{opts.model_name}")


def is_deletable(record: CuratedRecord) -> bool:
    """A draft the public never saw: one it has seen leaves by archiving or merging, which history keeps."""
    return record.editorial_status == EditorialStatus.DRAFT and record.published_version is None


def may(user, transition: Transition, record: CuratedRecord) -> bool:
    """Whether `user` holds the role `transition` needs on this kind of record."""
    return may_review(user, type(record)) if transition.needs_review else may_edit(user, type(record))


def available_transitions(record: CuratedRecord, user) -> list[Transition]:
    """The steps this user may take on this record now: the buttons an admin page offers."""
    return [
        transition
        for transition in TRANSITIONS.values()
        if may(user, transition, record) and target_of(transition, record) is not None
    ]


def target_of(transition: Transition, record: CuratedRecord) -> tuple[str, str] | None:
    """("pending", new revision status) or ("record", new record status), or None if not allowed."""
    pending = record.pending_revision if record.pending_revision_id else None
    if pending is not None and pending.status in transition.pending_moves:
        return "pending", transition.pending_moves[pending.status]
    if record.editorial_status in transition.record_moves:
        return "record", transition.record_moves[record.editorial_status]
    return None


def missing_citations(record: CuratedRecord) -> list[str]:
    """What publishing `record` as it stands would leave unsourced."""
    citations = getattr(record, "citations", None)
    required = record.required_citation_fields()
    if citations is None or not (record.requires_citation or required):
        return []
    cited = set(citations.exclude(editorial_status=EditorialStatus.ARCHIVED).values_list("field", flat=True))
    missing = ["the record itself"] if record.requires_citation and "" not in cited else []
    return missing + [label for name, label in required.items() if name not in cited]


def require_citations(record: CuratedRecord) -> None:
    """Refuse to publish `record` while a fact it must cite has no source."""
    missing = missing_citations(record)
    if missing:
        raise CitationsMissing(missing)
