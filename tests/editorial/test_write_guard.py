"""No write outside the workflow: a curated record is saved or deleted only through editorial.workflow's steps."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.models import ProtectedError
from django.urls import reverse

from editorial.merge import merge_records
from editorial.models import (
    Change,
    ChangeAction,
    CuratedRecord,
    EditorialStatus,
    Revision,
    UnrecordedWrite,
    WriteOutsideWorkflow,
    writes_through,
)
from editorial.workflow import delete_draft, save_record, transition
from initiatives.models import Initiative, Milestone
from sources.models import Article, Citation
from tests import factories
from tests.editorial.test_admin_workflow import cited_initiative, url
from tests.test_admin_pages import form_data, formset_prefix

pytestmark = pytest.mark.django_db

KINDS = [
    factories.OrganizationFactory,
    factories.PostFactory,
    factories.PersonFactory,
    factories.MembershipFactory,
    factories.ThemeFactory,
    factories.InitiativeFactory,
    factories.MilestoneFactory,
    factories.MeetingFactory,
    factories.ParticipationFactory,
    factories.StatementFactory,
    factories.CitationFactory,
]
KIND_IDS = [factory._meta.model.__name__ for factory in KINDS]
SEEN = {"editorial_status": EditorialStatus.PUBLISHED, "published_version": 1}


def deletions(record) -> models.QuerySet[Change]:
    content_type = ContentType.objects.get_for_model(record)
    return Change.objects.filter(content_type=content_type, object_id=record.pk, action=ChangeAction.DELETE)


def test_every_curated_kind_is_tested_here():
    curated = {model for model in apps.get_models() if issubclass(model, CuratedRecord)}
    assert {factory._meta.model for factory in KINDS} == curated


# Outside the workflow


@pytest.mark.parametrize("factory", KINDS, ids=KIND_IDS)
def test_save_outside_the_workflow_raises(factory):
    record = factory()
    model = type(record)
    record.slug = "changed-behind-its-back"
    with pytest.raises(WriteOutsideWorkflow, match=rf"{model.__name__}\.save\(\) outside editorial\.workflow"):
        record.save()
    assert not model.objects.filter(slug="changed-behind-its-back").exists()
    with pytest.raises(WriteOutsideWorkflow):
        factory.build().save()  # nor a new one


@pytest.mark.parametrize("factory", KINDS, ids=KIND_IDS)
def test_delete_outside_the_workflow_raises(factory):
    record = factory()
    model = type(record)
    with pytest.raises(WriteOutsideWorkflow, match=rf"{model.__name__}\.delete\(\)"):
        record.delete()
    with pytest.raises(WriteOutsideWorkflow, match=rf"{model.__name__}\.objects\.delete\(\)"):
        model.objects.filter(pk=record.pk).delete()
    assert model.objects.filter(pk=record.pk).exists()
    assert not hasattr(model.objects, "delete")  # as Django's own managers: no delete-everything call


def test_a_write_outside_the_workflow_is_an_unrecorded_write():
    """Code that already catches the bulk update's refusal catches this one too."""
    assert issubclass(WriteOutsideWorkflow, UnrecordedWrite)


def test_the_door_closes_behind_the_block_even_on_an_error():
    record = factories.InitiativeFactory()
    with writes_through("a test"):
        with writes_through("a nested step"):
            record.save()
        record.save()  # the outer block is still open
    with pytest.raises(RuntimeError), writes_through("a step that fails"):
        raise RuntimeError
    with pytest.raises(WriteOutsideWorkflow):
        record.save()


def test_an_article_is_evidence_not_a_curated_record_and_saves_as_any_model():
    assert not issubclass(Article, CuratedRecord)
    article = factories.ArticleFactory()
    article.title = "Corrected title"
    article.save()
    assert Article.objects.get(pk=article.pk).title == "Corrected title"


def test_data_migrations_write_historical_models_which_the_guard_does_not_reach():
    historical = MigrationLoader(connection).project_state().apps.get_model("initiatives", "Initiative")
    assert historical.save is models.Model.save
    assert historical.delete is models.Model.delete


def test_a_cascade_from_a_row_that_is_no_curated_record_is_refused_too():
    """A statement's amount is an owned row, not a curated record; the citations of it that go with it are."""
    amount = factories.StatementAmountFactory()
    citation = factories.CitationFactory(record=amount)
    # Raised inside the collector's transaction, as a database error would be: a savepoint lets the test go on.
    refused = pytest.raises(WriteOutsideWorkflow, match=r"Citation\.delete\(\) \(with a row it belongs to\)")
    with refused, transaction.atomic():
        amount.delete()
    assert Citation.objects.filter(pk=citation.pk).exists()


# Through the workflow


@pytest.mark.parametrize("factory", KINDS, ids=KIND_IDS)
def test_the_workflow_saves_and_deletes_each_kind_leaving_its_history(factory, reviewer):
    record = factory()
    model = type(record)
    record.slug = f"{record.slug}-edited"
    revision = save_record(record=record, by=reviewer, message="Renamed.")
    assert model.objects.get(pk=record.pk).slug == record.slug
    assert Change.objects.filter(revision=revision, action=ChangeAction.EDIT, user=reviewer).exists()

    delete_draft(record=record, by=reviewer, comment="A duplicate of another.")

    assert not model.objects.filter(pk=record.pk).exists()
    entry = deletions(record).get()
    assert (entry.user, entry.comment, entry.revision) == (reviewer, "A duplicate of another.", revision)
    assert (entry.record_slug, entry.from_status, entry.to_status) == (record.slug, EditorialStatus.DRAFT, "")
    assert entry not in Change.objects.public()  # the public never saw it, nor sees it go
    assert Revision.objects.filter(pk=revision.pk).exists()  # its history outlives it


def test_a_merge_deletes_the_duplicate_through_the_workflow(reviewer):
    survivor, duplicate = factories.PersonFactory(), factories.PersonFactory()
    merge_records(duplicate=duplicate, survivor=survivor, by=reviewer)
    assert not type(duplicate).objects.filter(pk=duplicate.pk).exists()
    assert Change.objects.filter(object_id=duplicate.pk, action=ChangeAction.MERGE).exists()


@pytest.mark.parametrize(
    "steps",
    [["submit"], ["submit", "publish"], ["submit", "publish", "unpublish"], ["archive"]],
    ids=["in-review", "published", "unpublished", "archived"],
)
def test_delete_draft_refuses_a_record_that_is_not_a_draft_the_public_never_saw(reviewer, steps):
    initiative = cited_initiative(EditorialStatus.DRAFT)
    for step in steps:
        transition(record=initiative, action=step, by=None, comment="Not confirmed.")
    with pytest.raises(ValidationError, match="is not a draft the public never saw: archive it instead"):
        delete_draft(record=initiative, by=reviewer)
    assert Initiative.objects.filter(pk=initiative.pk).exists()
    assert not deletions(initiative).exists()


def test_delete_draft_is_for_those_who_hold_the_delete_permission(editor, reviewer):
    initiative = factories.InitiativeFactory()
    with pytest.raises(PermissionDenied):
        delete_draft(record=initiative, by=editor)
    delete_draft(record=initiative, by=reviewer)
    assert not Initiative.objects.filter(pk=initiative.pk).exists()


def test_a_deleted_draft_takes_its_draft_milestones_and_citations_each_with_a_change_entry(reviewer):
    initiative = factories.InitiativeFactory(name="AI Hub")
    milestone = factories.MilestoneFactory(initiative=initiative)
    citations = [factories.CitationFactory(record=initiative), factories.CitationFactory(record=milestone)]

    delete_draft(record=initiative, by=reviewer)

    for record in (initiative, milestone, *citations):
        assert not type(record).objects.filter(pk=record.pk).exists()
        assert deletions(record).get().user == reviewer
    assert deletions(initiative).get().comment == "Deleted."
    assert deletions(milestone).get().comment == "Deleted with “AI Hub”."


def test_a_deleted_draft_statement_takes_the_citations_of_its_amounts_each_with_a_change_entry(reviewer):
    amount = factories.StatementAmountFactory()
    citation = factories.CitationFactory(record=amount)
    delete_draft(record=amount.statement, by=reviewer)
    assert not Citation.objects.filter(pk=citation.pk).exists()
    assert deletions(citation).get().comment == f"Deleted with “{amount.statement}”."


def test_a_draft_whose_cascade_holds_a_record_the_public_saw_is_refused_whole(reviewer):
    initiative = factories.InitiativeFactory(name="AI Hub")
    milestone = factories.MilestoneFactory(initiative=initiative, **SEEN)
    with pytest.raises(ValidationError, match=r"would delete .*, which is not a draft the public never saw"):
        delete_draft(record=initiative, by=reviewer)
    assert Initiative.objects.filter(pk=initiative.pk).exists()
    assert Milestone.objects.filter(pk=milestone.pk).exists()
    assert not Change.objects.filter(action=ChangeAction.DELETE).exists()


def test_a_draft_another_record_points_at_is_protected_and_nothing_is_recorded(reviewer):
    membership = factories.MembershipFactory()
    with pytest.raises(ProtectedError):
        delete_draft(record=membership.post, by=reviewer)
    assert not Change.objects.filter(action=ChangeAction.DELETE).exists()


# The admin


def test_the_admins_delete_page_deletes_a_draft_through_the_workflow(client, reviewer):
    initiative = cited_initiative(EditorialStatus.DRAFT)
    client.force_login(reviewer)
    response = client.post(url("delete", initiative.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Initiative.objects.filter(pk=initiative.pk).exists()
    assert deletions(initiative).get().user == reviewer
    assert Change.objects.filter(action=ChangeAction.DELETE, comment__startswith="Deleted with").count() == 1


def test_the_lists_delete_action_deletes_nothing_while_the_selection_holds_a_record_the_public_saw(client, reviewer):
    draft = factories.InitiativeFactory()
    live = factories.InitiativeFactory(name="Live Fund", **SEEN)
    client.force_login(reviewer)
    selection = {"action": "delete_selected", "post": "yes"}

    response = client.post(url("changelist"), {**selection, "_selected_action": [draft.pk, live.pk]})
    assert response.status_code == 200  # the confirmation page, saying why
    assert "“Live Fund” is not a draft the public never saw" in response.content.decode()
    assert Initiative.objects.filter(pk__in=[draft.pk, live.pk]).count() == 2
    assert not Change.objects.filter(action=ChangeAction.DELETE).exists()

    response = client.post(url("changelist"), {**selection, "_selected_action": [draft.pk]})
    assert response.status_code == 302
    assert not Initiative.objects.filter(pk=draft.pk).exists()
    assert deletions(draft).get().user == reviewer


# (the inline's factory, the attribute naming the record on whose page it is an inline)
INLINES = [
    (factories.MilestoneFactory, "initiative"),
    (factories.MembershipFactory, "person"),  # the posts a person held
    (factories.ParticipationFactory, "meeting"),
    (factories.CitationFactory, "record"),
]


def post_inline_delete(client, child, parent):
    """Post the parent's page as a browser would, with the DELETE box of `child`'s row ticked."""
    opts = parent._meta
    change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[parent.pk])
    page = client.get(change_url)
    data = form_data(page)
    prefix = formset_prefix(page, type(child))
    [index] = [key.split("-")[-2] for key, value in data.items() if key.endswith("-id") and value == child.pk]
    data[f"{prefix}-{index}-DELETE"] = "on"
    return client.post(change_url, data)


@pytest.mark.parametrize(("factory", "parent_attribute"), INLINES, ids=[f._meta.model.__name__ for f, _ in INLINES])
def test_an_inline_delete_of_a_draft_goes_through_the_workflow(client, reviewer, factory, parent_attribute):
    child = factory()
    parent = getattr(child, parent_attribute)
    client.force_login(reviewer)

    response = post_inline_delete(client, child, parent)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert not type(child).objects.filter(pk=child.pk).exists()
    entry = deletions(child).get()
    assert (entry.user, entry.comment) == (reviewer, f"Deleted on the page of “{parent}”.")


@pytest.mark.parametrize("seen", [SEEN, {"published_version": 1}], ids=["published", "unpublished"])
def test_an_inline_delete_of_a_record_the_public_saw_is_refused_on_the_page(client, reviewer, seen):
    milestone = factories.MilestoneFactory(**seen)
    client.force_login(reviewer)

    response = post_inline_delete(client, milestone, milestone.initiative)

    assert response.status_code == 200
    assert f"“{milestone}” is not a draft the public never saw: archive it instead." in response.content.decode()
    assert Milestone.objects.filter(pk=milestone.pk).exists()
    assert not Change.objects.filter(action=ChangeAction.DELETE).exists()
