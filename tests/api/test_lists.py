"""Lists: filters, search, ordering, cursors, updated_since; bad input is a 400 in the one error shape."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.resources.initiatives import InitiativeViewSet
from initiatives.models import Initiative, InitiativeAlias
from tests.api.records import Shared, initiative, live
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [record["slug"] for record in response.json()["results"]]


def test_filters_by_related_records_status_and_dates(api_client):
    shared = Shared.create()
    matching = initiative(shared)
    other = live(InitiativeFactory, status="proposed", start_date=datetime.date(2019, 5, 1))
    url = "/api/v1/initiatives/"
    assert slugs(api_client.get(url, {"organization": str(shared.organization.uuid)})) == [matching.slug]
    assert slugs(api_client.get(url, {"organization": shared.organization.slug})) == [matching.slug]
    assert slugs(api_client.get(url, {"theme": shared.theme.slug})) == [matching.slug]
    assert slugs(api_client.get(url, {"person": str(shared.person.uuid)})) == [matching.slug]
    assert slugs(api_client.get(url, {"jurisdiction": "hk"})) == [matching.slug]
    assert slugs(api_client.get(url, {"status": "proposed"})) == [other.slug]
    assert slugs(api_client.get(url, {"start_date_from": "2019", "start_date_to": "2019-05"})) == [other.slug]
    assert slugs(api_client.get(url, {"start_date_to": "2019-04"})) == []


def test_search_reads_the_words_of_the_record_not_its_aliases(api_client):
    row = live(InitiativeFactory, name="Harbour tunnel", summary="A second crossing.")
    InitiativeAlias.objects.create(record=row, name="Cross-harbour link")
    # Full-text, as the website: every word, in any field and order, whatever the case (tests/api/test_search.py).
    assert slugs(api_client.get("/api/v1/initiatives/", {"search": "CROSSING harbour"})) == [row.slug]
    assert slugs(api_client.get("/api/v1/initiatives/", {"search": "harbour bridge"})) == []
    assert slugs(api_client.get("/api/v1/initiatives/", {"search": "link"})) == []


def test_cursor_pages_are_stable_under_inserts(api_client):
    rows = [live(InitiativeFactory, name=f"Initiative {letter}") for letter in "ACEG"]
    first = api_client.get("/api/v1/initiatives/", {"ordering": "name", "page_size": 2}).json()
    assert [record["name"] for record in first["results"]] == ["Initiative A", "Initiative C"]
    live(InitiativeFactory, name="Initiative B")  # lands on the page already read: not seen twice, no shift
    second = api_client.get(first["next"]).json()
    assert [record["name"] for record in second["results"]] == ["Initiative E", "Initiative G"]
    assert second["next"] is None
    assert len(rows) == 4


def test_descending_order_with_empty_values_last(api_client):
    dated = live(InitiativeFactory, start_date=datetime.date(2024, 1, 1))
    older = live(InitiativeFactory, start_date=datetime.date(2020, 1, 1))
    undated = live(InitiativeFactory)
    seen, url = [], "/api/v1/initiatives/?ordering=-start_date&page_size=1"
    while url:
        page = api_client.get(url).json()
        seen += [record["slug"] for record in page["results"]]
        url = page["next"]
    assert seen == [dated.slug, older.slug, undated.slug]


def test_updated_since_takes_any_offset(api_client):
    live(InitiativeFactory)
    # Found by schemathesis: PostgreSQL refuses offsets past 16 hours, which ISO 8601 allows.
    response = api_client.get("/api/v1/initiatives/", {"updated_since": "5238-10-26T19:09:37.3+17:01"})
    assert slugs(response) == []
    assert api_client.get("/api/v1/initiatives/", {"updated_since": "9999-12-31T23:00-17:00"}).status_code == 400


def test_updated_since_lists_what_changed_after(api_client):
    old = live(InitiativeFactory)
    Initiative.objects.filter(pk=old.pk).update_unrecorded(updated_at=timezone.now() - datetime.timedelta(days=3))
    new = live(InitiativeFactory)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert slugs(api_client.get("/api/v1/initiatives/", {"updated_since": since})) == [new.slug]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"cursor": "not-a-cursor"}, "invalid_cursor"),
        ({"cursor": "eyJvIjoibmFtZSIsInYiOm51bGwsInAiOjF9"}, "invalid_cursor"),  # made for another ordering
        ({"ordering": "budget"}, "invalid_ordering"),
        ({"page_size": "0"}, "invalid_page_size"),
        ({"page_size": "lots"}, "invalid_page_size"),
        ({"page_size": "²"}, "invalid_page_size"),  # str.isdigit() says yes; int() says no
        ({"start_date_from": "2024-13"}, "invalid"),
        ({"start_date_from": "%"}, "invalid"),  # quoted in the reason, which django-filter formats with `%`
        ({"announced_date_to": "%(x)s"}, "invalid"),
        ({"updated_since": "yesterday"}, "invalid"),
        ({"status": "imaginary"}, "invalid"),
        ({"expand": "nothing"}, "invalid_expand"),
    ],
)
def test_bad_input_is_a_400_with_a_code(api_client, query, code):
    live(InitiativeFactory)
    response = api_client.get("/api/v1/initiatives/", query)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert set(response.json()["error"]) == {"code", "message", "details"}


def test_a_cursor_with_a_tampered_value_is_a_400(api_client):
    from api.pagination import ORDERED_CURSOR

    live(InitiativeFactory)
    token = ORDERED_CURSOR.encode(("start_date", "not a date", 1))
    response = api_client.get("/api/v1/initiatives/", {"ordering": "start_date", "cursor": token})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        ("2024-01-01T00:00:00+23:59", 200),  # ISO 8601 allows it, PostgreSQL refuses it: read in UTC
        ("9999-12-31T23:59:59-23:59", 400),  # past the year 9999 in UTC
    ],
)
def test_a_cursor_with_an_offset_the_database_refuses_is_read_in_utc(api_client, moment, status):
    from api.pagination import ORDERED_CURSOR

    live(InitiativeFactory)
    token = ORDERED_CURSOR.encode(("-updated", moment, 1))
    response = api_client.get("/api/v1/initiatives/", {"ordering": "-updated", "cursor": token})
    assert response.status_code == status


def test_a_server_error_answers_in_the_api_shape_and_is_logged(monkeypatch, caplog):
    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(InitiativeViewSet, "list", fail)
    monkeypatch.setattr("website.views.get_home", fail)
    client = APIClient(raise_request_exception=False)
    response = client.get("/api/v1/initiatives/", {"format": "csv"})
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "server_error"
    assert set(response.json()["error"]) == {"code", "message", "details"}
    logged = [record.exc_info[1] for record in caplog.records if record.name == "django.request"]
    assert [str(error) for error in logged] == ["a bug"]
    website = client.get("/")  # the website's own page, not the API's shape
    assert website.status_code == 500
    assert not website["Content-Type"].startswith("application/json")


def test_unknown_addresses_and_methods_answer_in_json(api_client):
    assert api_client.get("/api/v1/nothing-here/").json()["error"]["code"] == "not_found"
    assert api_client.get("/api/v1/initiatives/not-a-uuid/").json()["error"]["code"] == "not_found"
    response = api_client.delete("/api/v1/initiatives/")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
