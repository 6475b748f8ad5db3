"""Follow (Atom), cite (permalinks), export (CSV streamed, JSON), and old addresses that redirect."""

import csv
import io

import feedparser
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from editorial.revisions import take
from editorial.workflow import save_record, transition
from initiatives.models import Initiative
from tests.factories import InitiativeFactory, JurisdictionFactory, ThemeFactory
from tests.website.conftest import PUBLISHED, published_initiative

pytestmark = pytest.mark.django_db


def _approve_edit(record, **changes):
    for name, value in changes.items():
        setattr(record, name, value)
    save_record(record=record, by=None, data=take(record))
    transition(record=record, action="submit", by=None)
    transition(record=record, action="publish", by=None)
    record.refresh_from_db()
    return record


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_csv_export_is_streamed_with_the_current_filters(client):
    korea = JurisdictionFactory(slug="kr")
    published_initiative(name="In Korea", jurisdiction=korea)
    published_initiative(name='=HYPERLINK("http://evil")', jurisdiction=korea)
    published_initiative(name="Elsewhere")
    InitiativeFactory(name="Draft in Korea", jurisdiction=korea)
    response = client.get("/initiatives/export.csv?jurisdiction=kr")
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_body(response))))
    assert sorted(row["name"] for row in rows) == ['\'=HYPERLINK("http://evil")', "In Korea"]


def test_csv_export_names_each_rows_published_themes_at_the_same_cost_for_1_or_10_rows(
    client, django_assert_num_queries
):
    themes = [ThemeFactory(**PUBLISHED, name=name) for name in ("Water", "Energy")] + [ThemeFactory(name="Draft")]

    def export() -> list[dict]:
        return list(csv.DictReader(io.StringIO(_body(client.get("/initiatives/export.csv")))))

    published_initiative().themes.add(*themes)
    export()  # warm the content-type cache: later requests are what a server answers
    with CaptureQueriesContext(connection) as one:
        export()
    for _ in range(9):
        published_initiative().themes.add(*themes)
    with django_assert_num_queries(len(one.captured_queries)):
        rows = export()
    assert [row["themes_names"] for row in rows] == ["Energy; Water"] * 10


def test_people_and_meetings_export_csv(client, demo):
    people = list(csv.DictReader(io.StringIO(_body(client.get("/people/export.csv")))))
    assert {row["full_name"] for row in people} == {"Paul Chan Mo-po", "Paul Lam Ting-kwok"}
    meetings = list(csv.DictReader(io.StringIO(_body(client.get("/meetings/export.csv?kind=session")))))
    assert len(meetings) == 2
    assert {row["kind"] for row in meetings} == {"session"}


def test_list_feed_follows_the_filters_and_record_feeds_list_versions(client, demo):
    feed = feedparser.parse(client.get("/initiatives/feed/?status=proposed").content)
    assert feed.version == "atom10"
    assert {entry.title for entry in feed.entries} == {
        "APEC cooperation to bridge the digital divide",
        "APEC policy dialogue on AI regulation, data flows and digital trade",
    }
    record = feedparser.parse(client.get("/initiatives/dual-strategy-for-ai/feed/").content)
    titles = [entry.title for entry in record.entries]
    assert "Dual strategy for AI development: version 1 published" in titles
    assert any("Paul Chan Mo-po: Hong Kong develops AI" in title for title in titles)
    for url in ("/people/paul-chan-mo-po/feed/", "/meetings/apec-2025/feed/", "/people/feed/", "/meetings/feed/"):
        assert feedparser.parse(client.get(url).content).entries, url


@override_settings(SITE_URL="https://tracker.example.org")
def test_site_feed_tells_of_an_approved_edit(client, demo):
    initiative = _approve_edit(Initiative.objects.get(slug="ai-supercomputing-centre"), summary="A new summary.")
    feed = feedparser.parse(client.get("/feeds/updates/").content)
    assert feed.entries[0].title == "AI Supercomputing Centre (initiative), version 2"
    assert (
        feed.entries[0].id
        == f"tag:tracker.example.org,2025:initiative/{initiative.uuid}/v{initiative.published_version}"
    )
    assert feed.entries[0].summary == "Version 2, changed: Summary."
    assert feed.entries[0].link == "https://tracker.example.org/initiatives/ai-supercomputing-centre/"


def test_permalink_keeps_the_published_version_after_an_edit_and_cite_points_at_it(client, demo):
    initiative = Initiative.objects.get(slug="ai-supercomputing-centre")
    first = initiative.published_version
    _approve_edit(initiative, name="AI Supercomputing Centre (renamed)")
    old = client.get(f"/initiatives/ai-supercomputing-centre/v{first}/").content.decode()
    assert "<h1>AI Supercomputing Centre <span" in old
    assert "the record has changed since" in old
    page = client.get("/initiatives/ai-supercomputing-centre/").content.decode()
    permalink = f"http://testserver/initiatives/ai-supercomputing-centre/v{first + 1}/"
    assert f"{permalink}. Accessed" in page
    assert f"url = {{{permalink}}}" in page
    assert "@misc{initiativetracker-ai-supercomputing-centre-v2," in page
    assert client.get("/initiatives/ai-supercomputing-centre/v99/").status_code == 404


def test_pending_edit_is_not_in_the_json_or_the_permalinks(client, demo):
    initiative = Initiative.objects.get(slug="ai-supercomputing-centre")
    initiative.name = "PENDING NAME"
    save_record(record=initiative, by=None, data=take(initiative))
    data = client.get("/initiatives/ai-supercomputing-centre.json").json()
    assert data["name"] == "AI Supercomputing Centre"
    assert data["citations"][0]["passage"].startswith("the launch of the AI Supercomputing Centre")
    for number in (1, 2, 3):
        assert "PENDING NAME" not in client.get(f"/initiatives/ai-supercomputing-centre/v{number}/").content.decode()


def test_renamed_record_redirects_from_its_old_address(client, demo):
    _approve_edit(Initiative.objects.get(slug="ai-supercomputing-centre"), slug="hong-kong-ai-supercomputing-centre")
    for suffix, target in [("/", "/"), ("/feed/", "/feed/"), (".json", ".json"), ("/v1/", "/v1/")]:
        response = client.get(f"/initiatives/ai-supercomputing-centre{suffix}")
        assert response.status_code == 301, suffix
        assert response["Location"] == f"/initiatives/hong-kong-ai-supercomputing-centre{target}"


def test_person_and_meeting_json(client, demo):
    person = client.get("/people/paul-chan-mo-po.json").json()
    assert person["full_name"] == "Paul Chan Mo-po"
    assert "陳茂波" in {alias["name"] for alias in person["aliases"]}
    meeting = client.get("/meetings/apec-2025-fmm-srmm-joint-session.json").json()
    assert meeting["start_date"] == {"date": "2025-10-22", "precision": "day"}
    assert {part["name"] for part in meeting["parents"]} == {
        "APEC Finance Ministers' Meeting 2025",
        "APEC Structural Reform Ministerial Meeting 2025",
    }
