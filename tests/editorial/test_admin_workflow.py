"""The workflow through the admin's own pages: the walk, the permission matrix, locking, the queue."""

import pytest
from django.urls import reverse

from editorial.models import EditorialStatus, Revision, RevisionStatus
from editorial.workflow import save_record, transition
from ingestion.models import Suggestion
from initiatives.models import Initiative
from sources.models import Citation
from tests.factories import ArticleFactory
from tests.test_admin_pages import form_data, formset_prefix

pytestmark = pytest.mark.django_db

PASSAGE = "The Financial Secretary announced a fund of HK$10 billion."


def url(name: str, *args) -> str:
    return reverse(f"admin:initiatives_initiative_{name}", args=args)


def cited_initiative(status: str, *, pending: bool = False) -> Initiative:
    """An initiative brought to `status` by the system, with a source, optionally with an edit waiting."""
    initiative = Initiative(slug="northern-metropolis", name="Northern Metropolis")
    save_record(record=initiative, by=None)
    save_record(record=Citation(record=initiative, article=ArticleFactory(), passage=PASSAGE, slug="c1"), by=None)
    steps = {
        EditorialStatus.DRAFT: [],
        EditorialStatus.IN_REVIEW: ["submit"],
        EditorialStatus.PUBLISHED: ["submit", "publish"],
        EditorialStatus.ARCHIVED: ["archive"],
    }[status]
    for step in steps:
        transition(record=initiative, action=step, by=None)
    if pending:
        initiative.name = "Northern Metropolis, renamed"
        save_record(record=initiative, by=None)
    return Initiative.objects.get(pk=initiative.pk)


def post_change_form(client, record, **changes):
    page = client.get(url("change", record.pk))
    assert page.status_code == 200
    data = form_data(page)
    data.update(changes)
    return client.post(url("change", record.pk), data)


# The walk


def test_the_whole_walk_through_the_admin(client, editor, reviewer):
    """Each edit and its step are one post of the record's own form (the button's `_workflow`)."""
    article = ArticleFactory()
    client.force_login(editor)
    add = client.get(url("add"))
    data = form_data(add)
    prefix = formset_prefix(add, Citation)
    data.update(
        {
            "name": "Northern Metropolis",
            "slug": "northern-metropolis",
            "status": "announced",
            "workflow_comment": "First draft.",
            "_workflow": "submit",
            f"{prefix}-TOTAL_FORMS": 1,
            f"{prefix}-0-article": article.pk,
            f"{prefix}-0-passage": PASSAGE,
        }
    )
    response = client.post(url("add"), data)
    initiative = Initiative.objects.get(slug="northern-metropolis")
    assert response.status_code == 302
    assert response.url == url("change", initiative.pk)
    assert initiative.editorial_status == EditorialStatus.IN_REVIEW
    assert "it is in the reviewers&#x27; queue" in client.get(response.url).content.decode()

    client.force_login(reviewer)
    queue = client.get(reverse("admin:editorial_queue")).content.decode()
    assert f'href="{url("review", initiative.pk)}"' in queue
    assert "First draft." in queue
    assert f"<td>{editor.username}</td>" in queue
    response = client.post(
        url("step", initiative.pk), {"action": "request_changes", "comment": "Say what it is.", "next": "queue"}
    )
    assert response.url == reverse("admin:editorial_queue")
    initiative.refresh_from_db()
    assert initiative.editorial_status == EditorialStatus.DRAFT

    client.force_login(editor)
    assert _queue_count(client.get(reverse("admin:index")), "sent_back") == 1
    sent_back = client.get(url("change", initiative.pk)).content.decode()
    assert f"Changes requested by {reviewer.username}: “Say what it is.”" in sent_back
    response = post_change_form(client, initiative, summary="A new town in the north.", _workflow="submit")
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.summary, initiative.editorial_status) == ("A new town in the north.", EditorialStatus.IN_REVIEW)

    client.force_login(reviewer)
    assert _queue_count(client.get(reverse("admin:index")), "review") == 1
    assert client.get(url("review", initiative.pk)).status_code == 200
    response = post_change_form(client, initiative, _workflow="publish")
    initiative.refresh_from_db()
    assert (initiative.editorial_status, initiative.published_version) == (EditorialStatus.PUBLISHED, 1)
    assert "Published “Northern Metropolis” as version 1" in client.get(response.url).content.decode()
    # Created, then fixed: approving an unchanged form saves no revision of its own.
    assert Revision.objects.filter(object_id=initiative.pk, content_type__model="initiative").count() == 2
    client.logout()
    assert "Northern Metropolis" in client.get("/").content.decode()

    client.force_login(editor)
    response = post_change_form(client, initiative, name="Northern Metropolis Development Strategy")
    assert response.status_code == 302
    assert "in nobody&#x27;s queue until you submit it for review" in client.get(response.url).content.decode()
    post_change_form(client, initiative, _workflow="submit")
    client.logout()
    public = client.get("/").content.decode()
    assert "Northern Metropolis" in public
    assert "Development Strategy" not in public

    client.force_login(reviewer)
    review = client.get(url("review", initiative.pk)).content.decode()
    assert "Northern Metropolis Development Strategy" in review  # the diff shows both versions
    assert "<del>Northern Metropolis</del>" in review
    client.post(url("step", initiative.pk), {"action": "publish"})
    client.logout()
    assert "Northern Metropolis Development Strategy" in client.get("/").content.decode()
    initiative.refresh_from_db()
    assert initiative.published_version == 2

    client.force_login(editor)
    history = client.get(url("history", initiative.pk)).content.decode()
    assert "Published as version 1" in history
    assert "Published as version 2" in history
    assert "pending_review" not in history
    assert "in_review" not in history


def _queue_count(response, section: str) -> int:
    content = response.content.decode()
    marker = f'data-section="{section}">'
    return int(content[content.index(marker) + len(marker) :].split("<", 1)[0])


def test_the_change_form_of_a_live_record_shows_the_waiting_edit(client, editor):
    initiative = cited_initiative(EditorialStatus.PUBLISHED, pending=True)
    client.force_login(editor)
    page = client.get(url("change", initiative.pk))
    assert page.context["adminform"].form.initial["name"] == "Northern Metropolis, renamed"
    assert "Edit in progress, not yet submitted" in page.content.decode()
    assert [button["label"] for button in page.context["workflow_buttons"]][:2] == [
        "Save edit as draft",
        "Save and submit for review",
    ]


def test_an_alias_added_to_a_live_record_waits_with_the_edit(client, editor):
    initiative = cited_initiative(EditorialStatus.PUBLISHED)
    client.force_login(editor)
    page = client.get(url("change", initiative.pk))
    data = form_data(page)
    prefix = formset_prefix(page, initiative.aliases.model)
    data.update({f"{prefix}-TOTAL_FORMS": 1, f"{prefix}-0-name": "NM", f"{prefix}-0-kind": "acronym"})
    assert client.post(url("change", initiative.pk), data).status_code == 302
    assert not initiative.aliases.exists()
    initiative.refresh_from_db()
    assert initiative.pending_revision.data["children"]["aliases"][0]["name"] == "NM"

    # Saved again without touching it, the waiting alias is kept, not dropped.
    assert post_change_form(client, initiative, summary="Now with a summary.").status_code == 302
    initiative.refresh_from_db()
    assert [row["name"] for row in initiative.pending_revision.data["children"]["aliases"]] == ["NM"]


# Optimistic locking


def test_two_editors_saving_the_same_record_do_not_overwrite_each_other(client, editor, second_editor):
    initiative = cited_initiative(EditorialStatus.DRAFT)
    client.force_login(editor)
    edna_page = client.get(url("change", initiative.pk))
    client.force_login(second_editor)
    eddie_page = client.get(url("change", initiative.pk))

    client.force_login(editor)
    data = form_data(edna_page)
    data["summary"] = "Edna's summary."
    assert client.post(url("change", initiative.pk), data).status_code == 302

    client.force_login(second_editor)
    data = form_data(eddie_page)
    data["summary"] = "Eddie's summary."
    response = client.post(url("change", initiative.pk), data)
    assert response.status_code == 200
    assert "Someone saved this record after you opened it" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.summary == "Edna's summary."


# The permission matrix

ACTIONS = {
    # action: (state it starts from, whether an edit is waiting, what it leads to)
    "submit": (EditorialStatus.DRAFT, False, EditorialStatus.IN_REVIEW),
    "request_changes": (EditorialStatus.IN_REVIEW, False, EditorialStatus.DRAFT),
    "publish": (EditorialStatus.IN_REVIEW, False, EditorialStatus.PUBLISHED),
    "discard_edit": (EditorialStatus.PUBLISHED, True, EditorialStatus.PUBLISHED),
    "unpublish": (EditorialStatus.PUBLISHED, False, EditorialStatus.DRAFT),
    "archive": (EditorialStatus.PUBLISHED, False, EditorialStatus.ARCHIVED),
    "restore": (EditorialStatus.ARCHIVED, False, EditorialStatus.DRAFT),
}
ALLOWED = {
    "editor": {"submit", "discard_edit"},
    "reviewer": set(ACTIONS),
    "superuser": set(ACTIONS),
    "outsider": set(),
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ALLOWED)
def test_permission_matrix_in_the_admin(client, request, role, action):
    user = request.getfixturevalue(role)
    start, pending, target = ACTIONS[action]
    initiative = cited_initiative(start, pending=pending)

    client.force_login(user)
    response = client.post(url("transition", initiative.pk, action), {"comment": "Because."})

    initiative.refresh_from_db()
    if action in ALLOWED[role]:
        assert response.status_code == 302
        assert initiative.editorial_status == target
        assert initiative.pending_revision is None or action != "discard_edit"
    else:
        assert response.status_code == 403
        assert initiative.editorial_status == start
        if pending:
            assert initiative.pending_revision.status == RevisionStatus.PENDING_DRAFT


@pytest.mark.parametrize("action", ACTIONS)
def test_the_public_cannot_reach_a_transition(client, action):
    initiative = cited_initiative(ACTIONS[action][0], pending=ACTIONS[action][1])
    response = client.post(url("transition", initiative.pk, action))
    assert response.status_code == 302
    assert "/admin/login/" in response.url
    initiative.refresh_from_db()
    assert initiative.editorial_status == ACTIONS[action][0]


def test_buttons_and_bulk_actions_are_offered_only_to_those_allowed(client, editor, reviewer):
    initiative = cited_initiative(EditorialStatus.IN_REVIEW)
    client.force_login(editor)
    page = client.get(url("change", initiative.pk))
    assert [step["action"] for step in page.context["workflow_buttons"]] == ["save"]
    actions = client.get(url("changelist")).context["action_form"].fields["action"].choices
    assert {name for name, _ in actions} == {"", "bulk_submit"}

    client.force_login(reviewer)
    page = client.get(url("change", initiative.pk))
    assert [step["action"] for step in page.context["workflow_buttons"]] == [
        "save",
        "request_changes",
        "publish",
        "archive",
    ]
    actions = client.get(url("changelist")).context["action_form"].fields["action"].choices
    assert {"bulk_publish", "bulk_archive"} <= {name for name, _ in actions}


def test_bulk_publish_reports_what_it_refused(client, reviewer):
    ready = cited_initiative(EditorialStatus.IN_REVIEW)
    unsourced = Initiative(slug="no-source", name="No source")
    save_record(record=unsourced, by=None)
    transition(record=unsourced, action="submit", by=None)
    client.force_login(reviewer)
    response = client.post(
        url("changelist"), {"action": "bulk_publish", "_selected_action": [ready.pk, unsourced.pk]}, follow=True
    )
    content = response.content.decode()
    assert "Approve and publish: 1 done." in content
    assert "Cannot publish without a citation" in content
    assert Initiative.objects.published().get() == ready


def test_history_lists_versions_and_a_revision_can_be_reverted(client, editor):
    initiative = cited_initiative(EditorialStatus.DRAFT)
    initiative.name = "Second name"
    save_record(record=initiative, by=editor, message="Renamed.")
    client.force_login(editor)
    history = client.get(url("history", initiative.pk))
    assert history.status_code == 200
    assert "Renamed." in history.content.decode()
    assert client.get(url("revision", initiative.pk, 1)).status_code == 200
    client.post(url("revert", initiative.pk, 1), {"comment": "Back to the first name."})
    initiative.refresh_from_db()
    assert initiative.name == "Northern Metropolis"


def test_merge_through_the_admin_redirects_to_the_survivor(client, reviewer, editor):
    survivor = cited_initiative(EditorialStatus.PUBLISHED)
    duplicate = Initiative(slug="northern-metro", name="Northern Metro")
    save_record(record=duplicate, by=None)
    client.force_login(editor)
    assert client.get(url("merge", duplicate.pk)).status_code == 403
    client.force_login(reviewer)
    response = client.post(url("merge", duplicate.pk), {"survivor": survivor.slug, "comment": "Duplicate."})
    assert response.status_code == 302
    assert response.url == url("change", survivor.pk)
    assert not Initiative.objects.filter(pk=duplicate.pk).exists()
    assert "Northern Metro" in survivor.aliases.values_list("name", flat=True)


def test_the_queue_counts_what_the_pipeline_suggests(admin_client):
    article = ArticleFactory()
    sentence = article.text.split(". ")[1]
    start = article.text.index(sentence)
    Suggestion.objects.create(
        article=article,
        kind="initiative",
        text=sentence[:20],
        normalized=sentence[:20],
        start=start,
        end=start + 20,
        evidence=sentence,
        evidence_start=start,
        evidence_end=start + len(sentence),
        text_sha256=article.text_sha256,
    )
    assert _queue_count(admin_client.get(reverse("admin:index")), "suggestions") == 1
    queue = admin_client.get(reverse("admin:editorial_queue")).content.decode()
    assert sentence[:20] in queue
