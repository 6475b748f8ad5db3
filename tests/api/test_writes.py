"""Writes for staff keys: drafts through the workflow; the editorial roles decide, as in the admin."""

import pytest

from editorial.models import Revision
from initiatives.models import Initiative, Theme
from tests.factories import MeetingFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

NEW = {"slug": "new-fund", "name": "New Fund", "status": "announced", "start_date": "2025-10"}


@pytest.fixture
def clients(api_client, partner_client, editor_client, reviewer_client):
    return {"anonymous": api_client, "partner": partner_client, "editor": editor_client, "reviewer": reviewer_client}


@pytest.mark.parametrize(
    ("who", "create", "publish"),
    [("anonymous", 401, None), ("partner", 403, None), ("editor", 201, 403), ("reviewer", 201, 200)],
)
def test_permission_matrix(clients, who, create, publish):
    client = clients[who]
    response = client.post("/api/v1/themes/", {"slug": "ai", "name": "AI"}, format="json")
    assert response.status_code == create, response.content
    if create != 201:
        assert not Theme.objects.exists()
        assert response.json()["error"]["code"] in {"not_authenticated", "permission_denied"}
        return
    created = response.json()
    assert created["editorial_status"] == "draft"
    url = f"/api/v1/themes/{created['id']}/"
    assert client.get(url).status_code == 404  # a draft is not public
    assert client.post(f"{url}transitions/", {"action": "submit"}, format="json").status_code == 200
    response = client.post(f"{url}transitions/", {"action": "publish"}, format="json")
    assert response.status_code == publish
    assert Theme.objects.get().editorial_status == ("published" if publish == 200 else "in_review")
    if publish == 200:
        assert client.get(url).json()["name"] == "AI"


@pytest.mark.parametrize("who", ["anonymous", "partner"])
def test_readers_cannot_edit_or_move_records(clients, who, reviewer_client):
    theme = reviewer_client.post("/api/v1/themes/", {"slug": "ai", "name": "AI"}, format="json").json()
    url = f"/api/v1/themes/{theme['id']}/"
    assert clients[who].patch(url, {"name": "X"}, format="json").status_code in (401, 403)
    assert clients[who].post(f"{url}transitions/", {"action": "submit"}, format="json").status_code in (401, 403)
    assert Theme.objects.get().name == "AI"


def test_an_initiative_is_created_as_a_draft_with_its_partial_dates(editor_client, reviewer_client):
    response = editor_client.post("/api/v1/initiatives/", NEW, format="json")
    assert response.status_code == 201, response.content
    record = Initiative.objects.get(uuid=response.json()["id"])
    assert (record.start_date.isoformat(), record.start_date_precision) == ("2025-10-01", "month")
    url = f"/api/v1/initiatives/{record.uuid}/transitions/"
    assert editor_client.post(url, {"action": "submit"}, format="json").status_code == 200
    uncited = reviewer_client.post(url, {"action": "publish"}, format="json")
    assert uncited.status_code == 400
    assert uncited.json()["error"]["code"] == "citations_missing"


def test_an_edit_of_a_published_record_waits_for_review(reviewer_client, editor_client):
    theme = reviewer_client.post("/api/v1/themes/", {"slug": "ai", "name": "AI"}, format="json").json()
    url = f"/api/v1/themes/{theme['id']}/"
    for action in ("submit", "publish"):
        assert reviewer_client.post(f"{url}transitions/", {"action": action}, format="json").status_code == 200
    edited = editor_client.patch(url, {"name": "Artificial intelligence", "expected_version": 3}, format="json")
    assert edited.status_code == 200, edited.content
    assert edited.json()["has_pending_edit"] is True
    assert editor_client.get(url).json()["name"] == "AI"  # the public still reads the live version
    assert Theme.objects.get(slug="ai").name == "AI"
    assert Revision.objects.filter(status="pending_draft").count() == 1


def test_a_stale_edit_is_a_409(editor_client):
    theme = editor_client.post("/api/v1/themes/", {"slug": "ai", "name": "AI"}, format="json").json()
    url = f"/api/v1/themes/{theme['id']}/"
    assert (
        editor_client.patch(url, {"name": "A", "expected_version": theme["version"]}, format="json").status_code == 200
    )
    stale = editor_client.patch(url, {"name": "B", "expected_version": theme["version"]}, format="json")
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "edit_conflict"


def test_invalid_bodies_are_400s_naming_the_fields(editor_client):
    response = editor_client.post(
        "/api/v1/initiatives/",
        {"slug": "x", "name": "X", "start_date": "2025-13", "responsible_organization": "not-a-uuid"},
        format="json",
    )
    assert response.status_code == 400
    details = response.json()["error"]["details"]
    assert {"start_date", "responsible_organization"} <= set(details)


def test_related_records_are_named_by_uuid(editor_client):
    organization = OrganizationFactory(slug="bureau", name="Bureau", kind="bureau")
    response = editor_client.post(
        "/api/v1/initiatives/", {**NEW, "responsible_organization": str(organization.uuid)}, format="json"
    )
    assert response.status_code == 201, response.content
    assert Initiative.objects.get(slug="new-fund").responsible_organization == organization


def test_ingest_queues_urls_for_staff_keys_only(editor_client, partner_client, monkeypatch):
    from ingestion import services

    monkeypatch.setattr(services, "queue_fetch", lambda ingestion: None)  # no worker in this test
    urls = {"urls": ["https://news.example.org/a?utm_source=x", "https://news.example.org/a"]}
    assert partner_client.post("/api/v1/ingest/", urls, format="json").status_code == 403
    response = editor_client.post("/api/v1/ingest/", urls, format="json")
    assert response.status_code == 202
    assert [result["queued"] for result in response.json()["results"]] == [True, False]
    bad = editor_client.post("/api/v1/ingest/", {"urls": ["not a url"]}, format="json")
    assert bad.status_code == 400


def test_ingest_during_a_broker_outage_keeps_each_address_for_the_sweep(
    editor_client, django_capture_on_commit_callbacks
):
    """Not a 500 with the ingestion committed and its message lost: a 202, the message owed in the outbox."""
    from ingestion.models import Ingestion, Step
    from tests.ingestion.test_queueing import broker_down

    urls = {"urls": ["https://news.example.org/outage-a", "https://news.example.org/outage-b"]}
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post("/api/v1/ingest/", urls, format="json")
        again = editor_client.post("/api/v1/ingest/", urls, format="json")
    assert response.status_code == 202, response.content
    assert [result["queued"] for result in response.json()["results"]] == [True, True]
    assert again.status_code == 202
    assert [result["queued"] for result in again.json()["results"]] == [False, False]
    owed = Ingestion.objects.filter(step=Step.QUEUED, unsent_since__isnull=False)
    assert sorted(owed.values_list("url", flat=True)) == urls["urls"]


def test_a_meeting_made_part_of_its_own_session_is_a_400(editor_client):
    meeting, session = MeetingFactory(), MeetingFactory(kind="session")
    session.parents.set([meeting])
    response = editor_client.patch(f"/api/v1/meetings/{meeting.uuid}/", {"parents": [str(session.uuid)]}, format="json")
    assert response.status_code == 400, response.content
    assert "cannot be part of itself" in str(response.json()["error"]["details"]["parents"])
    assert not meeting.parents.exists()
