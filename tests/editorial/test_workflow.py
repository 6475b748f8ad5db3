"""The editorial workflow's services: states, pending edits of live records, versions, history."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.models import Change, ChangeAction, EditorialStatus, Redirect, Revision, RevisionStatus, UnrecordedWrite
from editorial.revisions import take
from editorial.workflow import (
    CitationsMissing,
    EditConflict,
    TransitionNotAllowed,
    available_transitions,
    missing_citations,
    revert,
    save_record,
    transition,
)
from initiatives.models import Initiative
from sources.models import Citation
from tests.factories import ArticleFactory, InitiativeFactory, PersonFactory

pytestmark = pytest.mark.django_db


def new_initiative(by, **fields) -> Initiative:
    initiative = Initiative(slug=fields.pop("slug", "ai-hub"), name=fields.pop("name", "AI Hub"), **fields)
    save_record(record=initiative, by=by)
    return initiative


def cite(record, by, passage="The Financial Secretary announced a fund of HK$10 billion.", field=""):
    article = ArticleFactory()
    citation = Citation(record=record, field=field, article=article, passage=passage, slug=f"c-{record.slug}-{field}")
    save_record(record=citation, by=by)
    return citation


def published(editor, reviewer, **fields) -> Initiative:
    initiative = new_initiative(editor, **fields)
    cite(initiative, editor)
    transition(record=initiative, action="submit", by=editor)
    transition(record=initiative, action="publish", by=reviewer)
    initiative.refresh_from_db()
    return initiative


def test_save_record_creates_a_draft_with_its_first_revision(editor):
    initiative = new_initiative(editor)
    assert initiative.editorial_status == EditorialStatus.DRAFT
    assert initiative.created_by == editor
    revision = Revision.objects.get(object_id=initiative.pk, content_type=ContentType.objects.get_for_model(Initiative))
    assert (revision.number, revision.status, revision.data["fields"]["name"]) == (1, RevisionStatus.SAVED, "AI Hub")
    assert Change.objects.filter(object_id=initiative.pk, action=ChangeAction.CREATE, user=editor).exists()


def test_the_walk_from_draft_to_published_numbers_version_one(editor, reviewer):
    initiative = new_initiative(editor)
    cite(initiative, editor)
    transition(record=initiative, action="submit", by=editor)
    assert initiative.editorial_status == EditorialStatus.IN_REVIEW
    transition(record=initiative, action="publish", by=reviewer)
    initiative.refresh_from_db()
    assert initiative.editorial_status == EditorialStatus.PUBLISHED
    assert initiative.published_version == 1
    assert initiative.last_reviewed_at is not None
    revisions = Revision.objects.filter(content_type=ContentType.objects.get_for_model(Initiative))
    assert revisions.get(object_id=initiative.pk, published_version=1).number == 1
    # The draft source went live with the record it was reviewed with.
    assert Citation.objects.for_record(initiative).get().editorial_status == EditorialStatus.PUBLISHED


def test_request_changes_sends_the_record_back_with_a_comment(editor, reviewer):
    initiative = new_initiative(editor)
    transition(record=initiative, action="submit", by=editor)
    with pytest.raises(ValidationError, match="Say why"):
        transition(record=initiative, action="request_changes", by=reviewer, comment="  ")
    transition(record=initiative, action="request_changes", by=reviewer, comment="Add the launch date.")
    assert initiative.editorial_status == EditorialStatus.DRAFT
    change = Change.objects.filter(object_id=initiative.pk).first()
    expected = (ChangeAction.REQUEST_CHANGES, "Add the launch date.", reviewer)
    assert (change.action, change.comment, change.user) == expected


def test_publishing_without_a_citation_is_refused_with_a_clear_message(editor, reviewer):
    initiative = new_initiative(editor)
    transition(record=initiative, action="submit", by=editor)
    with pytest.raises(CitationsMissing, match="citation for: the record itself"):
        transition(record=initiative, action="publish", by=reviewer)
    initiative.refresh_from_db()
    assert initiative.editorial_status == EditorialStatus.IN_REVIEW


def test_a_budget_needs_its_own_citation(editor, reviewer):
    initiative = new_initiative(editor, budget_amount=Decimal("10000000000"), budget_currency="HKD")
    cite(initiative, editor)
    assert missing_citations(initiative) == ["the budget"]
    cite(initiative, editor, passage="HK$10 billion", field="budget")
    assert missing_citations(initiative) == []


def test_only_allowed_transitions_happen(editor, reviewer):
    initiative = new_initiative(editor)
    with pytest.raises(TransitionNotAllowed):
        transition(record=initiative, action="publish", by=reviewer)  # a draft is submitted first
    with pytest.raises(TransitionNotAllowed):
        transition(record=initiative, action="unpublish", by=reviewer, comment="why")
    with pytest.raises(TransitionNotAllowed):
        transition(record=initiative, action="restore", by=reviewer)


def test_an_edit_of_a_published_record_waits_for_review(editor, reviewer):
    initiative = published(editor, reviewer)
    initiative.name = "AI Hub, renamed"
    save_record(record=initiative, by=editor, message="New official name.")

    live = Initiative.objects.get(pk=initiative.pk)
    assert live.name == "AI Hub"  # what the website and the API read
    assert Initiative.objects.published().filter(name="AI Hub, renamed").count() == 0
    assert live.pending_revision.status == RevisionStatus.PENDING_DRAFT
    assert live.pending_revision.data["fields"]["name"] == "AI Hub, renamed"

    transition(record=live, action="submit", by=editor)
    transition(record=live, action="publish", by=reviewer)
    live.refresh_from_db()
    assert live.name == "AI Hub, renamed"
    assert live.published_version == 2
    assert live.pending_revision is None
    assert Change.objects.filter(object_id=live.pk, action=ChangeAction.APPROVE_EDIT, is_public=True).exists()


def test_a_pending_edit_keeps_links_and_owned_rows_off_the_live_record(editor, reviewer):
    initiative = published(editor, reviewer)
    person = PersonFactory(editorial_status=EditorialStatus.PUBLISHED)
    aliases = [{"name": "AIH", "kind": "acronym"}]
    data = take(initiative, m2m={"lead_officials": [person]}, children={"aliases": aliases})
    save_record(record=initiative, by=editor, data=data)
    assert not initiative.lead_officials.exists()
    assert not initiative.aliases.exists()

    transition(record=initiative, action="submit", by=editor)
    transition(record=initiative, action="publish", by=reviewer)
    assert list(initiative.lead_officials.all()) == [person]
    assert list(initiative.aliases.values_list("name", flat=True)) == ["AIH"]


def test_a_second_edit_supersedes_the_first_and_every_version_is_kept(editor, reviewer):
    initiative = published(editor, reviewer)
    for name in ("First try", "Second try"):
        initiative.name = name
        save_record(record=initiative, by=editor)
    revisions = Revision.objects.filter(object_id=initiative.pk, content_type__model="initiative").order_by("number")
    assert [revision.status for revision in revisions] == [
        RevisionStatus.SAVED,
        RevisionStatus.SUPERSEDED,
        RevisionStatus.PENDING_DRAFT,
    ]
    assert Initiative.objects.get(pk=initiative.pk).pending_revision.data["fields"]["name"] == "Second try"


def test_an_edit_refuses_invalid_data_even_when_it_would_wait(editor, reviewer):
    initiative = published(editor, reviewer)
    initiative.start_date = datetime.date(2025, 1, 1)
    initiative.end_date = datetime.date(2024, 1, 1)
    with pytest.raises(ValidationError):
        save_record(record=initiative, by=editor)
    assert Initiative.objects.get(pk=initiative.pk).pending_revision is None


def test_a_stale_version_is_refused_instead_of_overwriting(editor, second_editor):
    initiative = new_initiative(editor)
    opened = initiative.version
    first = Initiative.objects.get(pk=initiative.pk)
    first.summary = "Edna's summary."
    save_record(record=first, by=editor, expected_version=opened)

    second = Initiative.objects.get(pk=initiative.pk)
    second.summary = "Eddie's summary."
    with pytest.raises(EditConflict, match="edna saved this record while you were editing it"):
        save_record(record=second, by=second_editor, expected_version=opened)
    assert Initiative.objects.get(pk=initiative.pk).summary == "Edna's summary."


def test_discarding_a_pending_edit_leaves_the_live_version(editor, reviewer):
    initiative = published(editor, reviewer)
    initiative.name = "Unwanted"
    save_record(record=initiative, by=editor)
    transition(record=initiative, action="discard_edit", by=editor)
    live = Initiative.objects.get(pk=initiative.pk)
    assert (live.name, live.pending_revision) == ("AI Hub", None)


def test_unpublishing_makes_the_waiting_edit_the_draft(editor, reviewer):
    initiative = published(editor, reviewer)
    initiative.name = "Work in progress"
    save_record(record=initiative, by=editor)
    with pytest.raises(ValidationError):
        transition(record=initiative, action="unpublish", by=reviewer)  # a withdrawal says why
    transition(record=initiative, action="unpublish", by=reviewer, comment="The source was retracted.")
    live = Initiative.objects.get(pk=initiative.pk)
    assert (live.editorial_status, live.name) == (EditorialStatus.DRAFT, "Work in progress")
    assert live.pending_revision is None
    assert Change.objects.filter(object_id=live.pk, action=ChangeAction.UNPUBLISH, is_public=True).exists()


@pytest.mark.parametrize("is_live", [True, False], ids=["pending-edit", "draft"])
def test_changes_are_laid_over_the_record_as_it_is_once_locked(editor, second_editor, reviewer, is_live):
    initiative = published(editor, reviewer) if is_live else new_initiative(editor)
    stale = Initiative.objects.get(pk=initiative.pk)  # read before the other editor's save, as a request does
    save_record(record=initiative, by=second_editor, changes={"fields": {"name": "AI Hub, renamed"}})
    save_record(record=stale, by=editor, changes={"fields": {"summary": "A hub."}})

    saved = Initiative.objects.get(pk=initiative.pk)
    fields = saved.pending_revision.data["fields"] if is_live else take(saved)["fields"]
    assert (fields["name"], fields["summary"]) == ("AI Hub, renamed", "A hub.")  # neither edit undid the other


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks: it writes one at a time")
def test_publishing_locks_the_draft_citations_it_publishes(editor, reviewer):
    initiative = new_initiative(editor)
    cite(initiative, editor)
    transition(record=initiative, action="submit", by=editor)
    with CaptureQueriesContext(connection) as queries:
        transition(record=initiative, action="publish", by=reviewer)

    table = Citation._meta.db_table
    reads = [sql for query in queries if (sql := query["sql"]).startswith(f'SELECT "{table}"') and "IN (" in sql]
    assert reads, "publishing reads the citations still in draft"
    assert all(sql.endswith("FOR UPDATE") for sql in reads)


def test_archive_and_restore(editor, reviewer):
    initiative = published(editor, reviewer)
    transition(record=initiative, action="archive", by=reviewer)
    assert not Initiative.objects.published().filter(pk=initiative.pk).exists()
    with pytest.raises(TransitionNotAllowed):
        save_record(record=initiative, by=editor)  # restore first
    transition(record=initiative, action="restore", by=reviewer)
    assert initiative.editorial_status == EditorialStatus.DRAFT


def test_archiving_discards_the_waiting_edit_as_a_step_of_its_own(editor, reviewer):
    initiative = published(editor, reviewer)
    initiative.name = "AI Hub, renamed"
    edit = save_record(record=initiative, by=editor)
    transition(record=initiative, action="archive", by=reviewer)

    edit.refresh_from_db()
    assert (initiative.pending_revision_id, edit.status) == (None, RevisionStatus.DISCARDED)
    steps = Change.objects.filter(object_id=initiative.pk, content_type__model="initiative").order_by("pk")
    assert [step.action for step in steps][-2:] == [ChangeAction.DISCARD_EDIT, ChangeAction.ARCHIVE]
    discard = steps.get(action=ChangeAction.DISCARD_EDIT)
    assert (discard.revision, discard.user) == (edit, reviewer)
    assert Initiative.objects.get(pk=initiative.pk).version == steps.count()  # one version per step


def test_restoring_folds_in_no_edit_left_waiting_on_an_archived_record(editor, reviewer):
    initiative = published(editor, reviewer)
    initiative.name = "AI Hub, renamed"
    edit = save_record(record=initiative, by=editor)
    # What a race between archive and edit once left: an archived record with a live edit waiting.
    Initiative.objects.filter(pk=initiative.pk).update_unrecorded(editorial_status=EditorialStatus.ARCHIVED)
    transition(record=initiative, action="restore", by=reviewer)

    restored = Initiative.objects.get(pk=initiative.pk)
    assert (restored.editorial_status, restored.name, restored.pending_revision) == (
        EditorialStatus.DRAFT,
        "AI Hub",
        None,
    )
    edit.refresh_from_db()
    assert edit.status == RevisionStatus.DISCARDED
    assert Change.objects.filter(object_id=initiative.pk, action=ChangeAction.DISCARD_EDIT, revision=edit).exists()


def test_revert_is_a_new_edit_that_goes_through_review(editor, reviewer):
    initiative = published(editor, reviewer)
    first = Revision.objects.get(object_id=initiative.pk, content_type__model="initiative", number=1)
    initiative.name = "Version two"
    save_record(record=initiative, by=editor)
    transition(record=initiative, action="submit", by=editor)
    transition(record=initiative, action="publish", by=reviewer)

    revision = revert(record=initiative, revision=first, by=editor)
    assert revision.reverts == first
    assert Initiative.objects.get(pk=initiative.pk).name == "Version two"  # not live before review
    transition(record=initiative, action="submit", by=editor)
    transition(record=initiative, action="publish", by=reviewer)
    live = Initiative.objects.get(pk=initiative.pk)
    assert (live.name, live.published_version) == ("AI Hub", 3)
    assert Change.objects.filter(object_id=live.pk, action=ChangeAction.REVERT).exists()


def test_a_renamed_live_slug_keeps_answering(editor, reviewer):
    initiative = published(editor, reviewer)
    initiative.slug = "ai-hub-hong-kong"
    save_record(record=initiative, by=editor)
    transition(record=initiative, action="submit", by=editor)
    transition(record=initiative, action="publish", by=reviewer)
    redirect = Redirect.objects.get(old_slug="ai-hub")
    assert (redirect.target_id, redirect.reason) == (initiative.pk, Redirect.Reason.RENAME)
    other = Initiative(slug="ai-hub", name="Another hub")
    with pytest.raises(ValidationError, match="still leads there"):
        save_record(record=other, by=editor)


def test_bulk_writes_cannot_bypass_the_history():
    InitiativeFactory()
    with pytest.raises(UnrecordedWrite):
        Initiative.objects.update(name="Everything renamed")
    with pytest.raises(UnrecordedWrite):
        Initiative.objects.bulk_update(list(Initiative.objects.all()), ["name"])


def test_roles_are_checked_by_the_services(editor, reviewer, outsider):
    initiative = new_initiative(editor)
    with pytest.raises(PermissionDenied):
        save_record(record=initiative, by=outsider)
    transition(record=initiative, action="submit", by=editor)
    with pytest.raises(PermissionDenied):
        transition(record=initiative, action="publish", by=editor)
    assert [step.action for step in available_transitions(initiative, editor)] == []
    offered = {step.action for step in available_transitions(initiative, reviewer)}
    assert offered == {"request_changes", "publish", "archive"}
