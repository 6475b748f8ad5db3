"""The change feed: publishes, updates, withdrawals and merges in order, from a cursor or a time."""

import datetime

import pytest
from django.utils import timezone

from editorial.merge import merge_records
from editorial.revisions import take
from editorial.workflow import save_record, transition
from initiatives.models import Theme

pytestmark = pytest.mark.django_db


def publish(record):
    save_record(record=record, by=None)
    transition(record=record, action="submit", by=None)
    transition(record=record, action="publish", by=None)
    return record


def test_feed_lists_every_public_change_in_order_and_resumes_from_next(api_client):
    first = api_client.get("/api/v1/changes/").json()
    assert first["results"] == []
    assert first["has_more"] is False
    theme = publish(Theme(slug="ada", name="Ada"))
    theme.name = "Ada L."
    save_record(record=theme, by=None, data=take(theme))
    draft_only = Theme(slug="draft", name="Draft")
    save_record(record=draft_only, by=None)  # never public: not in the feed
    transition(record=theme, action="submit", by=None)
    transition(record=theme, action="publish", by=None)
    duplicate = publish(Theme(slug="ada-2", name="Ada 2"))
    merge_records(duplicate=duplicate, survivor=theme, by=None)
    transition(record=theme, action="archive", by=None)

    page = api_client.get(first["next"]).json()
    actions = [(entry["action"], entry["record"]["slug"]) for entry in page["results"]]
    assert actions == [
        ("publish", "ada"),
        ("update", "ada"),
        ("publish", "ada-2"),
        ("merge", "ada-2"),
        ("merge", "ada"),
        ("archive", "ada"),
    ]
    merge = page["results"][3]
    assert merge["merged_into"]["id"] == str(theme.uuid)
    assert merge["record"]["id"] == str(duplicate.uuid)
    assert [entry["sequence"] for entry in page["results"]] == sorted(entry["sequence"] for entry in page["results"])
    assert api_client.get(page["next"]).json()["results"] == []  # nothing new since


def test_feed_pages_and_takes_a_time(api_client):
    for name in ("a", "b", "c"):
        publish(Theme(slug=name, name=name))
    page = api_client.get("/api/v1/changes/", {"page_size": 2}).json()
    assert page["has_more"] is True
    assert len(page["results"]) == 2
    rest = api_client.get(page["next"]).json()
    assert [entry["record"]["slug"] for entry in rest["results"]] == ["c"]
    future = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert api_client.get("/api/v1/changes/", {"since": future}).json()["results"] == []
    assert len(api_client.get("/api/v1/changes/", {"since": "2000-01-01"}).json()["results"]) == 3
    assert [e["kind"] for e in api_client.get("/api/v1/changes/", {"kind": "theme"}).json()["results"]] == ["theme"] * 3


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"since": "garbage!"}, "invalid_cursor"),
        ({"since": "2024-02-30"}, "invalid_since"),
        ({"since": "9999-12-31T23:00-17:00"}, "invalid_since"),
        ({"kind": "x"}, "invalid_kind"),
    ],
)
def test_bad_since_or_kind_is_a_400(api_client, query, code):
    response = api_client.get("/api/v1/changes/", query)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
