"""`?published_at=`: the API's records and lists as they were public at a moment."""

import pytest

from tests.published_history import History, clock, day, make_history  # noqa: F401 (clock is a fixture)

pytestmark = pytest.mark.django_db

THEMES = "/api/v1/themes/"


@pytest.fixture
def history(clock) -> History:  # noqa: F811
    return make_history(clock)


def at(number: int) -> str:
    return day(number).isoformat()


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_list_answers_each_version_at_its_moment(api_client, history):
    assert names(api_client.get(THEMES, {"published_at": at(1)})) == ["Energy v1", "Water"]
    assert names(api_client.get(THEMES, {"published_at": at(2)})) == ["Energy v1", "Water", "Power"]
    assert names(api_client.get(THEMES, {"published_at": at(3)})) == ["Energy v2", "Water", "Power"]
    assert names(api_client.get(THEMES, {"published_at": at(4)})) == ["Energy v2"]  # merged into v2's survivor
    assert names(api_client.get(THEMES, {"published_at": at(7)})) == ["Energy v3"]  # the pending edit never


def test_detail_answers_the_version_then_with_its_number_and_time(api_client, history):
    url = f"{THEMES}{history.edited.uuid}/"
    for number, name, version in ((1, "Energy v1", 1), (3, "Energy v2", 2), (5, "Energy v3", 4), (7, "Energy v3", 4)):
        row = api_client.get(url, {"published_at": at(number)}).json()
        assert (row["name"], row["version"]) == (name, version)
    row = api_client.get(url, {"published_at": at(3)}).json()
    assert row["published"] == "2025-01-03T12:00:00Z"
    assert row["id"] == str(history.edited.uuid)
    assert row["slug"] == "energy"


def test_withdrawn_record_is_there_before_its_withdrawal_only(api_client, history):
    url = f"{THEMES}{history.withdrawn.uuid}/"
    assert api_client.get(url, {"published_at": at(3)}).json()["name"] == "Water"
    response = api_client.get(url, {"published_at": at(4)})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_public_then"
    assert api_client.get(url).status_code == 410  # today: withdrawn


def test_merged_record_answers_under_its_old_identity_before_the_merge(api_client, history):
    url = f"{THEMES}{history.merged_uuid}/"
    row = api_client.get(url, {"published_at": at(3)}).json()
    assert (row["id"], row["slug"], row["name"]) == (str(history.merged_uuid), "power", "Power")
    assert api_client.get(url, {"published_at": at(4)}).status_code == 404
    assert api_client.get(url).status_code == 301  # today: the survivor


def test_drafts_and_pending_edits_never_appear(api_client, history):
    body = str(api_client.get(THEMES, {"published_at": at(7)}).json())
    assert "Secret draft" not in body
    assert "Energy pending" not in body
    assert api_client.get(f"{THEMES}{history.draft.uuid}/", {"published_at": at(7)}).status_code == 404


def test_before_anything_and_in_the_future(api_client, history):
    assert names(api_client.get(THEMES, {"published_at": "2000-01-01T00:00:00Z"})) == []
    assert names(api_client.get(THEMES, {"published_at": "2999-01-01T00:00:00+08:00"})) == ["Energy v3"]
    before = api_client.get(f"{THEMES}{history.edited.uuid}/", {"published_at": "2000-01-01T00:00:00Z"})
    assert before.status_code == 404


@pytest.mark.parametrize("value", ["yesterday", "2025-02-30T00:00:00Z", "", "2025-01-01T25:00"])
def test_malformed_moment_is_a_400(api_client, value):
    response = api_client.get(THEMES, {"published_at": value})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_published_at"


@pytest.mark.parametrize(
    "query", [{"search": "energy"}, {"ordering": "name"}, {"format": "csv"}, {"updated_since": "2025-01-01"}]
)
def test_what_reads_todays_records_is_refused(api_client, history, query):
    response = api_client.get(THEMES, {"published_at": at(3), **query})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "published_at_unsupported"


def test_pages_by_cursor(api_client, history):
    first = api_client.get(THEMES, {"published_at": at(3), "page_size": 2}).json()
    assert [row["name"] for row in first["results"]] == ["Energy v2", "Water"]
    rest = api_client.get(first["next"]).json()
    assert [row["name"] for row in rest["results"]] == ["Power"]
    assert rest["next"] is None
    descending = api_client.get(THEMES, {"published_at": at(3), "ordering": "-id"}).json()
    assert [row["name"] for row in descending["results"]] == ["Power", "Water", "Energy v2"]


def test_list_costs_the_same_for_one_row_or_many(api_client, clock):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatives.models import Theme
    from tests.published_history import publish

    clock.now = day(1)
    publish(Theme(slug="only", name="Only"))
    clock.now = day(2)
    api_client.get(THEMES, {"published_at": at(2)})  # content types cached, as in a running server
    with CaptureQueriesContext(connection) as one:
        assert len(names(api_client.get(THEMES, {"published_at": at(2)}))) == 1
    clock.now = day(3)
    for number in range(12):
        publish(Theme(slug=f"theme-{number}", name=f"Theme {number}"))
    clock.now = day(4)
    with CaptureQueriesContext(connection) as many:
        assert len(names(api_client.get(THEMES, {"published_at": at(4)}))) == 13
    assert len(many) == len(one)
    assert len(one) == 2, [query["sql"] for query in one]  # the records at the moment, their citations then


def test_initiative_then_carries_its_links_and_sources_then(api_client, clock):  # noqa: F811
    from editorial.workflow import save_record, transition
    from initiatives.models import Initiative, Theme
    from tests.published_history import approve, publish, publish_cited

    clock.now = day(1)
    theme = publish(Theme(slug="energy", name="Energy"))
    initiative = Initiative(slug="grid", name="Grid v1")
    publish_cited(initiative, "grid-source")
    clock.now = day(2)
    save_record(record=initiative, by=None, changes={"m2m": {"themes": [theme.pk]}, "fields": {"name": "Grid v2"}})
    transition(record=initiative, action="submit", by=None)
    transition(record=initiative, action="publish", by=None)
    clock.now = day(3)
    approve(theme, name="Energy renamed")
    url = f"/api/v1/initiatives/{initiative.uuid}/"
    first = api_client.get(url, {"published_at": day(1).isoformat()}).json()
    assert (first["name"], first["themes"]) == ("Grid v1", [])
    assert [source["source_url"] for source in first["citations"]] == ["https://example.org/grid-source"]
    second = api_client.get(url, {"published_at": day(2).isoformat()}).json()
    assert [item["name"] for item in second["themes"]] == ["Energy"]  # the theme as it was named then
    third = api_client.get(url, {"published_at": day(3).isoformat()}).json()
    assert [item["name"] for item in third["themes"]] == ["Energy renamed"]
