"""Concurrent writes to one record through the API: served in turn or refused, never a 500 or a state the rules forbid.

Real threads, each with a database connection of its own (closed when it is done), released together by a
barrier, for a few rounds: the requests do wait on one another's row lock, as a partner's parallel writes do.
"""

import threading

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.db.migrations.state import ProjectState
from rest_framework.test import APIClient

from editorial.models import Change, ChangeAction, EditorialStatus, Revision, RevisionStatus
from editorial.roles import EDITOR, REVIEWER, sync_roles
from editorial.workflow import save_record, transition
from initiatives.models import Theme
from tests.api.conftest import keyed_client, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are PostgreSQL's: SQLite writes one transaction at a time, and its test database is one "
        "in-memory connection that threads cannot each open",
    ),
]
ROUNDS = 4
PENDING = (RevisionStatus.PENDING_DRAFT, RevisionStatus.PENDING_REVIEW)


@pytest.fixture
def keys(django_user_model) -> dict[str, str]:
    # A transactional test's flush empties the groups the data migrations made (see tests/admin_browser/conftest.py).
    sync_roles(ProjectState.from_apps(apps).apps)
    return {
        role: keyed_client(make_user(django_user_model, name, staff=True, groups=(group,))).raw_key
        for role, name, group in (("editor", "edna", EDITOR), ("reviewer", "rita", REVIEWER))
    }


def together(*requests: tuple[str, str, str, dict]) -> list[int]:
    """Send each (key, method, url, body) from a thread of its own, all released at once: their status codes."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = [0] * len(requests)

    def send(index: int, key: str, method: str, url: str, body: dict) -> None:
        client = APIClient()
        client.credentials(HTTP_X_API_KEY=key)
        client.raise_request_exception = False  # a server error is an answer to count, not this thread's exception
        try:
            barrier.wait(timeout=30)
            statuses[index] = getattr(client, method)(url, body, format="json").status_code
        finally:
            connections.close_all()  # the connection this thread opened

    threads = [threading.Thread(target=send, args=(index, *request)) for index, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def published_theme(name: str, *, edit_in_review: bool = False, steps=("submit", "publish")) -> Theme:
    theme = Theme(slug=name.lower().replace(" ", "-"), name=name, description="As published.")
    save_record(record=theme, by=None)
    for action in steps:
        transition(record=theme, action=action, by=None)
    if edit_in_review:
        theme.description = "The edit a reviewer is looking at."
        save_record(record=theme, by=None)
        transition(record=theme, action="submit", by=None)
    return theme


def url(theme: Theme, suffix: str = "") -> str:
    return f"/api/v1/themes/{theme.uuid}/{suffix}"


def history(theme: Theme) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(Theme)
    return list(Revision.objects.filter(content_type=content_type, object_id=theme.pk).order_by("number"))


def assert_allowed(theme: Theme) -> Theme:
    """An end state the rules allow: numbers without gaps, at most one edit waiting and only on a live record."""
    theme = Theme.objects.get(pk=theme.pk)
    revisions = history(theme)
    assert [revision.number for revision in revisions] == list(range(1, len(revisions) + 1))
    published = sorted(revision.published_version for revision in revisions if revision.published_version)
    assert published == list(range(1, (theme.published_version or 0) + 1))
    pending = [revision.pk for revision in revisions if revision.status in PENDING]
    assert pending == ([theme.pending_revision_id] if theme.pending_revision_id else [])
    if pending:
        assert theme.editorial_status == EditorialStatus.PUBLISHED
    steps = Change.objects.filter(content_type=ContentType.objects.get_for_model(Theme), object_id=theme.pk)
    assert theme.version == steps.count()  # each step the history records moved the version on by one
    return theme


def edits(theme: Theme, requests: int) -> list[tuple[str, str]]:
    """A PATCH body per request, every one its own value: half rename the theme, half describe it."""
    return [
        ("name", f"{theme.name}, renamed {index}") if index % 2 else ("description", f"Described by edit {index}.")
        for index in range(requests)
    ]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_twenty_edits_at_once_are_each_applied_in_turn(keys, round_):
    theme = published_theme(f"Theme {round_}")
    bodies = edits(theme, 20)
    statuses = together(*((keys["editor"], "patch", url(theme), {field: value}) for field, value in bodies))

    assert statuses == [200] * 20, f"{statuses.count(500)} server errors"
    assert_allowed(theme)
    # In turn: each edit is its own revision, made from the one before it with only its own field changed.
    base, *edited = [revision.data["fields"] for revision in history(theme)]  # the published one, then the edits
    assert len(edited) == 20
    applied = []
    for before, after in zip([base, *edited], edited, strict=False):
        changed = {name: value for name, value in after.items() if before[name] != value}
        assert len(changed) == 1, f"an edit undid another: {changed}"
        applied.append(next(iter(changed.items())))
    assert sorted(applied) == sorted(bodies)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_approving_an_edit_while_it_is_being_edited(keys, round_):
    theme = published_theme(f"Theme {round_}", edit_in_review=True)
    bodies = [f"Edit {index} while the reviewer approves." for index in range(5)]
    statuses = together(
        (keys["reviewer"], "post", url(theme, "transitions/"), {"action": "publish"}),
        *((keys["editor"], "patch", url(theme), {"description": body}) for body in bodies),
    )

    assert 500 not in statuses, f"{statuses.count(500)} server errors of {len(statuses)}"
    assert statuses[0] in (200, 409)
    assert set(statuses[1:]) == {200}
    theme = assert_allowed(theme)
    written = {revision.data["fields"]["description"] for revision in history(theme)}
    assert set(bodies) <= written
    approved = [revision for revision in history(theme) if revision.status == RevisionStatus.APPROVED]
    if statuses[0] == 200:
        assert theme.published_version == 2
        assert theme.description == approved[-1].data["fields"]["description"]  # what was approved is what is live
    else:
        assert (theme.published_version, approved) == (1, [])


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_archiving_a_record_while_it_is_being_edited(keys, round_):
    theme = published_theme(f"Theme {round_}")
    bodies = [f"Edit {index} while the reviewer archives." for index in range(5)]
    statuses = together(
        (keys["reviewer"], "post", url(theme, "transitions/"), {"action": "archive"}),
        *((keys["editor"], "patch", url(theme), {"description": body}) for body in bodies),
    )

    assert 500 not in statuses, f"{statuses.count(500)} server errors of {len(statuses)}"
    assert statuses[0] == 200
    assert set(statuses[1:]) <= {200, 409}  # an edit after the archive is refused
    theme = assert_allowed(theme)
    assert (theme.editorial_status, theme.pending_revision_id) == (EditorialStatus.ARCHIVED, None)
    revisions = history(theme)
    accepted = {body for body, status in zip(bodies, statuses[1:], strict=True) if status == 200}
    assert accepted <= {revision.data["fields"]["description"] for revision in revisions}
    if accepted:  # the edit still waiting was discarded by the archive, and the history says so
        discard = Change.objects.get(
            content_type=ContentType.objects.get_for_model(Theme), object_id=theme.pk, action=ChangeAction.DISCARD_EDIT
        )
        assert (discard.revision, discard.revision.status) == (revisions[-1], RevisionStatus.DISCARDED)

    restored = APIClient()
    restored.credentials(HTTP_X_API_KEY=keys["reviewer"])
    assert restored.post(url(theme, "transitions/"), {"action": "restore"}, format="json").status_code == 200
    theme = assert_allowed(theme)
    assert theme.description == "As published."  # restored as archived: no edit folded in


@pytest.mark.parametrize("edit_in_review", [False, True], ids=["record-in-review", "edit-in-review"])
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_reviewers_publishing_at_once_publish_once(keys, round_, edit_in_review):
    theme = published_theme(
        f"Theme {round_}", edit_in_review=edit_in_review, steps=("submit", "publish")[: 1 + edit_in_review]
    )
    statuses = together(*[(keys["reviewer"], "post", url(theme, "transitions/"), {"action": "publish"})] * 4)

    assert sorted(statuses) == [200, 409, 409, 409], statuses
    theme = assert_allowed(theme)
    assert (theme.editorial_status, theme.published_version) == (EditorialStatus.PUBLISHED, 1 + edit_in_review)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_records_created_at_once_with_one_address(keys, round_):
    body = {"slug": f"theme-{round_}", "name": f"Theme {round_}"}
    statuses = together(*[(keys["editor"], "post", "/api/v1/themes/", body)] * 4)

    assert sorted(statuses) == [201, 400, 400, 400], statuses  # the others are told the address is taken
    assert_allowed(Theme.objects.get(slug=body["slug"]))
