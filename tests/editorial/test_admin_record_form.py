"""A record's edit form is the one way to act on it: its buttons save the edit and take the step, in one post."""

from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from editorial.models import EditorialStatus, Revision, RevisionStatus
from editorial.workflow import save_record, transition
from initiatives.models import Initiative
from tests.editorial.test_admin_workflow import cited_initiative, post_change_form, url

pytestmark = pytest.mark.django_db


class FormNesting(HTMLParser):
    """Reads the HTML as the server sent it: the deepest <form> nesting, and where each button and comment box sits."""

    def __init__(self):
        super().__init__()
        self.depth = self.deepest = 0
        self.forms = []  # each form's action and the (tag, name, value) of its buttons and text areas
        self.outside = []  # buttons and text areas outside any form

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
            self.forms.append({"action": attrs.get("action"), "controls": []})
        elif tag in ("button", "textarea"):
            control = (tag, attrs.get("name"), attrs.get("value"))
            (self.forms[-1]["controls"] if self.depth else self.outside).append(control)

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1


def parse(response) -> FormNesting:
    parser = FormNesting()
    parser.feed(response.content.decode())
    return parser


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("status", "pending", "role"),
    [
        (EditorialStatus.DRAFT, False, "editor"),
        (EditorialStatus.IN_REVIEW, False, "reviewer"),
        (EditorialStatus.PUBLISHED, True, "reviewer"),
        (EditorialStatus.PUBLISHED, False, "editor"),
        (EditorialStatus.ARCHIVED, False, "reviewer"),
    ],
)
def test_no_form_nests_in_the_edit_form_and_every_button_posts_it(client, request, status, pending, role):
    initiative = cited_initiative(status, pending=pending)
    client.force_login(request.getfixturevalue(role))
    page = parse(client.get(url("change", initiative.pk)))
    assert page.deepest == 1
    [edit_form] = [form for form in page.forms if any(name == "_workflow" for _, name, _ in form["controls"])]
    buttons = [value for tag, name, value in edit_form["controls"] if tag == "button" and name == "_workflow"]
    assert buttons  # every state offers something to someone allowed
    assert [name for tag, name, _ in edit_form["controls"] if tag == "textarea"].count("workflow_comment") == 1
    assert not [control for control in page.outside if control[1] in ("_workflow", "workflow_comment", "action")]


def test_the_review_page_has_one_form_with_one_comment_box(client, reviewer):
    initiative = cited_initiative(EditorialStatus.PUBLISHED, pending=True)
    transition(record=initiative, action="submit", by=None)
    client.force_login(reviewer)
    page = parse(client.get(url("review", initiative.pk)))
    assert page.deepest == 1
    [step_form] = [form for form in page.forms if form["action"] == url("step", initiative.pk)]
    assert [name for tag, name, _ in step_form["controls"] if tag == "textarea"] == ["comment"]
    assert {value for tag, name, value in step_form["controls"] if name == "action"} == {
        "request_changes",
        "publish",
        "discard_edit",
        "unpublish",
        "archive",
    }


def test_save_and_submit_an_edit_of_a_published_record_in_one_post(client, editor):
    initiative = cited_initiative(EditorialStatus.PUBLISHED)
    client.force_login(editor)
    response = post_change_form(
        client, initiative, name="Northern Metropolis II", workflow_comment="New name.", _workflow="submit"
    )
    assert response.status_code == 302
    assert response.url == url("change", initiative.pk)
    initiative.refresh_from_db()
    assert initiative.name == "Northern Metropolis"  # the public's version, until approved
    assert initiative.pending_revision.status == RevisionStatus.PENDING_REVIEW
    assert initiative.pending_revision.data["fields"]["name"] == "Northern Metropolis II"
    assert initiative.pending_revision.message == "New name."
    assert messages_of(response) == [
        "Submitted your edit of “Northern Metropolis II” for review: it is in the reviewers' queue. "
        "The public sees version 1 until a reviewer approves it."
    ]


def test_request_changes_without_a_comment_is_refused_at_the_comment_box(client, reviewer):
    initiative = cited_initiative(EditorialStatus.IN_REVIEW)
    client.force_login(reviewer)
    response = post_change_form(client, initiative, summary="Reviewer's touch.", _workflow="request_changes")
    assert response.status_code == 200
    assert "needs a comment the editor will read" in str(response.context["adminform"].form.errors["workflow_comment"])
    initiative.refresh_from_db()
    assert (initiative.editorial_status, initiative.summary) == (EditorialStatus.IN_REVIEW, "")


def test_a_refused_step_keeps_the_saved_edit_and_says_why(client, reviewer):
    unsourced = Initiative(slug="no-source", name="No source")
    save_record(record=unsourced, by=None)
    transition(record=unsourced, action="submit", by=None)
    client.force_login(reviewer)
    response = post_change_form(client, unsourced, summary="Checked.", _workflow="publish")
    assert response.status_code == 302
    unsourced.refresh_from_db()
    assert (unsourced.summary, unsourced.editorial_status) == ("Checked.", EditorialStatus.IN_REVIEW)
    [message] = messages_of(response)
    assert message.startswith("Saved, but not approve and publish: Cannot publish without a citation")


def test_a_step_without_an_edit_takes_no_field_along(client, reviewer):
    initiative = cited_initiative(EditorialStatus.PUBLISHED)
    client.force_login(reviewer)
    # A name the form would refuse: the archive step neither validates nor saves the fields.
    response = post_change_form(client, initiative, name="", _workflow="archive")
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.editorial_status, initiative.name) == (EditorialStatus.ARCHIVED, "Northern Metropolis")
    assert initiative.pending_revision_id is None
    assert messages_of(response) == ["Archived “Northern Metropolis”: it is not public."]


def test_an_unchanged_save_says_so_and_writes_nothing(client, editor):
    initiative = cited_initiative(EditorialStatus.DRAFT)
    client.force_login(editor)
    before = Revision.objects.count()
    response = post_change_form(client, initiative)
    assert messages_of(response) == ["Nothing to save: you changed nothing in “Northern Metropolis”."]
    assert Revision.objects.count() == before


def test_history_speaks_in_words(client, editor):
    initiative = cited_initiative(EditorialStatus.PUBLISHED, pending=True)
    transition(record=initiative, action="submit", by=None)
    client.force_login(editor)
    history = client.get(url("history", initiative.pk)).content.decode()
    assert "Published as version 1" in history
    assert "Edit waiting for review" in history
    assert "Saved to the draft" not in history  # revision 1 went live: it says so
    for code in ("pending_review", "pending_draft", "in_review", "approve_edit"):
        assert code not in history


def test_revert_and_submit_goes_to_the_reviewers(client, editor):
    initiative = cited_initiative(EditorialStatus.PUBLISHED)
    post_change_form(client.force_login(editor) or client, initiative, name="Wrong name", _workflow="submit")
    transition(record=initiative, action="publish", by=None)
    response = client.post(url("revert", initiative.pk, 1), {"comment": "The old name was right.", "action": "submit"})
    assert response.url == url("change", initiative.pk)
    initiative.refresh_from_db()
    assert initiative.name == "Wrong name"  # live until a reviewer approves the revert
    assert initiative.pending_revision.status == RevisionStatus.PENDING_REVIEW
    assert initiative.pending_revision.data["fields"]["name"] == "Northern Metropolis"
    assert initiative in Initiative.objects.awaiting_review()
    queue = client.get(reverse("admin:editorial_queue"))
    assert "The old name was right." in queue.content.decode()


def test_only_a_never_published_draft_can_be_deleted(client, reviewer):
    draft = cited_initiative(EditorialStatus.DRAFT)
    client.force_login(reviewer)
    assert 'class="deletelink"' in client.get(url("change", draft.pk)).content.decode()
    transition(record=draft, action="submit", by=None)
    transition(record=draft, action="publish", by=None)
    transition(record=draft, action="unpublish", by=None, comment="Wrong.")
    # A draft again, but the public saw it once: it goes by archiving, which history keeps.
    assert 'class="deletelink"' not in client.get(url("change", draft.pk)).content.decode()
    assert client.post(url("delete", draft.pk), {"post": "yes"}).status_code == 403
    assert Initiative.objects.filter(pk=draft.pk).exists()
