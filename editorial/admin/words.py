"""What editors read: states, history entries and the outcome of each step, in plain words, not codes."""

from editorial.models import Change, ChangeAction, CuratedRecord, EditorialStatus, Revision, RevisionStatus

# What each button of a record's page says; "save" is not a workflow step, the rest are editorial.rules' actions.
SAVE = "save"
BUTTON_LABELS = {
    "submit": "Save and submit for review",
    "publish": "Approve and publish",
    "request_changes": "Request changes",
    "discard_edit": "Discard the edit",
    "unpublish": "Unpublish",
    "archive": "Archive",
    "restore": "Restore to draft",
}

_REVISION_WORDS: dict[str, str] = {
    RevisionStatus.SAVED: "Saved to the draft",
    RevisionStatus.PENDING_DRAFT: "Edit in progress, not yet submitted",
    RevisionStatus.PENDING_REVIEW: "Edit waiting for review",
    RevisionStatus.APPROVED: "Edit approved",
    RevisionStatus.SUPERSEDED: "Replaced by a later edit",
    RevisionStatus.DISCARDED: "Edit discarded",
}

_STATUS_WORDS: dict[str, str] = {
    EditorialStatus.DRAFT: "draft",
    EditorialStatus.IN_REVIEW: "in review",
    EditorialStatus.PUBLISHED: "published",
    EditorialStatus.ARCHIVED: "archived",
    **{status: label.lower() for status, label in _REVISION_WORDS.items()},
}


def save_label(record: CuratedRecord) -> str:
    """The plain save button, which moves nothing along: an edit of a published record is a draft of its own."""
    if record.pk is None:
        return "Save draft"
    pending = record.pending_revision if record.pending_revision_id else None
    if pending is not None and pending.status == RevisionStatus.PENDING_REVIEW:
        return "Save edit"
    if record.is_live:
        return "Save edit as draft"
    return "Save" if record.editorial_status == EditorialStatus.IN_REVIEW else "Save draft"


def describe_revision(revision: Revision) -> str:
    """One line of a record's history: "Published as version 2", "Edit waiting for review"..."""
    if revision.published_version:
        return f"Published as version {revision.published_version}"
    if revision.status == RevisionStatus.SAVED and revision.number == 1:
        return "Created as a draft"
    if revision.reverts_id:
        return f"{_REVISION_WORDS[revision.status]} (a revert)"
    return _REVISION_WORDS.get(revision.status, revision.get_status_display())


def describe_change(change: Change) -> str:
    """One workflow step in words: "Submitted for review", "Published as version 2"..."""
    if change.action in (ChangeAction.PUBLISH, ChangeAction.APPROVE_EDIT) and change.published_version:
        what = "Edit approved: published" if change.action == ChangeAction.APPROVE_EDIT else "Published"
        return f"{what} as version {change.published_version}"
    if change.action == ChangeAction.CREATE:
        return "Created as a draft"
    if change.action == ChangeAction.EDIT and change.revision is not None:
        return f"Saved (revision {change.revision.number})"
    if change.action == ChangeAction.REVERT and change.revision is not None:
        reverts = change.revision.reverts
        reverted = reverts.number if reverts is not None else "an earlier revision"
        return f"Reverted to revision {reverted}"
    return change.get_action_display()


def status_words(status: str) -> str:
    """A record's or an edit's state as a word or two ("in review", "edit waiting for review"); "" for none."""
    return _STATUS_WORDS.get(status, status.replace("_", " "))


def describe_state(record: CuratedRecord, *, sent_back: Change | None = None) -> str:
    """Where the record stands and what the public sees, for the top of its page."""
    pending = record.pending_revision if record.pending_revision_id else None
    status = record.editorial_status
    if status == EditorialStatus.PUBLISHED:
        state = f"Published as version {record.published_version}: the public sees it."
        if pending is not None and pending.status == RevisionStatus.PENDING_REVIEW:
            state += (
                f" Edit waiting for review by a reviewer: the public sees version {record.published_version}"
                " until it is approved. The form shows the edit."
            )
        elif pending is not None:
            state += (
                " Edit in progress, not yet submitted: no reviewer sees it until you save and submit it for review."
                " The form shows the edit."
            )
    elif status == EditorialStatus.IN_REVIEW:
        state = "In review: waiting for a reviewer. Not public."
    elif status == EditorialStatus.ARCHIVED:
        state = "Archived: not public, and not editable until a reviewer restores it to a draft."
    else:
        state = "Draft: not public. Save and submit it for review when it is ready."
        if record.published_version:
            state = f"Draft: not public (it was published as version {record.published_version} before)."
    if sent_back is not None:
        who = sent_back.user.get_username() if sent_back.user is not None else "a reviewer"
        state += f" Changes requested by {who}: “{sent_back.comment}”"
    return state


def step_outcome(record: CuratedRecord, action: str) -> str:
    """What just happened to the record and what comes next, after a save or a step."""
    name = f"“{record}”"
    pending = record.pending_revision if record.pending_revision_id else None
    live = record.editorial_status == EditorialStatus.PUBLISHED
    if action == SAVE:
        if live and pending is not None and pending.status == RevisionStatus.PENDING_REVIEW:
            return (
                f"Saved your edit of {name}. It is waiting for a reviewer's approval; "
                f"the public sees version {record.published_version} until then."
            )
        if live:
            return (
                f"Saved your edit of {name} as a draft edit. The public still sees version "
                f"{record.published_version}; the edit is in nobody's queue until you submit it for review."
            )
        if record.editorial_status == EditorialStatus.IN_REVIEW:
            return f"Saved {name}. It is still waiting for a reviewer; it is not public."
        return f"Saved {name} as a draft. It is not public; submit it for review when it is ready."
    if action == "submit":
        if live:
            return (
                f"Submitted your edit of {name} for review: it is in the reviewers' queue. "
                f"The public sees version {record.published_version} until a reviewer approves it."
            )
        return f"Submitted {name} for review: it is in the reviewers' queue. It is not public until approved."
    if action == "publish":
        return f"Published {name} as version {record.published_version}: the public sees it now."
    if action == "request_changes" and live:
        return (
            f"Sent the edit of {name} back to its editor with your comment; the public keeps seeing version "
            f"{record.published_version}."
        )
    if action == "request_changes":
        return f"Sent {name} back to its editor with your comment; it is a draft again until they resubmit it."
    if action == "discard_edit":
        return f"Discarded the edit of {name}: the public keeps seeing version {record.published_version}."
    if action == "unpublish":
        return f"Unpublished {name}: it is a draft again and no longer public."
    if action == "archive":
        return f"Archived {name}: it is not public."
    if action == "restore":
        return f"Restored {name} to a draft: it is not public until it is submitted and approved."
    return f"{name}: done."
