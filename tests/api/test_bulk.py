"""Every list as CSV and NDJSON, streamed in batches for full dumps."""

import csv
import io

import orjson
import pytest
from rest_framework.test import APIClient

from api import export
from api.resources.initiatives import InitiativeViewSet
from tests.api.records import Shared, initiative, live
from tests.factories import InitiativeFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

BOM = "\ufeff".encode()


def body(response) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


def test_ndjson_dumps_every_record_past_one_batch(api_client, monkeypatch):
    monkeypatch.setattr(export, "BATCH_SIZE", 2)
    shared = Shared.create()
    rows = [initiative(shared) for _ in range(5)]
    response = api_client.get("/api/v1/initiatives/", {"format": "ndjson", "theme": shared.theme.slug})
    assert response["Content-Type"] == "application/x-ndjson"
    records = [orjson.loads(line) for line in body(response).splitlines()]
    assert [record["slug"] for record in records] == [row.slug for row in rows]
    assert records[0]["themes"][0]["id"] == str(shared.theme.uuid)


def test_csv_has_one_row_per_record_with_flat_columns(api_client):
    shared = Shared.create()
    row = initiative(shared)
    response = api_client.get("/api/v1/initiatives/", {"format": "csv", "organization": shared.organization.slug})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="initiatives.csv"' in response["Content-Disposition"]
    [record] = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert record["slug"] == row.slug
    assert record["responsible_organization_id"] == str(shared.organization.uuid)
    assert record["themes_ids"] == str(shared.theme.uuid)
    assert record["jurisdiction_code"] == "HK"


def test_changes_dump_as_csv(api_client, demo):
    rows = list(csv.reader(io.StringIO(body(api_client.get("/api/v1/changes/?format=csv")).decode("utf-8-sig"))))
    assert rows[0][:3] == ["sequence", "action", "kind"]
    assert len(rows) > 10


@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil")', "+1", "-1", "@SUM(A1)", "\tx"])
def test_csv_quotes_a_cell_a_spreadsheet_would_run_as_a_formula_as_the_website_does(api_client, client, name):
    organization = live(OrganizationFactory)
    live(InitiativeFactory, name=name, responsible_organization=organization)

    api = body(api_client.get("/api/v1/initiatives/", {"format": "csv", "organization": organization.slug}))
    website = body(client.get("/initiatives/export.csv", {"organization": organization.slug}))

    assert api.startswith(BOM)  # a byte-order mark, as the website's exports: spreadsheets read it as UTF-8
    assert website.startswith(BOM)
    [record] = list(csv.DictReader(io.StringIO(api.decode("utf-8-sig"))))
    [page_row] = list(csv.DictReader(io.StringIO(website.decode("utf-8-sig"))))
    assert record["name"] == page_row["name"] == "'" + name


def test_a_single_record_as_csv_has_the_same_guard_and_mark(api_client):
    row = live(InitiativeFactory, summary="=1+1")

    response = api_client.get(f"/api/v1/initiatives/{row.uuid}/", {"format": "csv"})

    assert response.content.startswith(BOM)
    [record] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert record["summary"] == "'=1+1"


def test_a_dump_with_bad_input_answers_json(api_client):
    response = api_client.get("/api/v1/initiatives/", {"format": "csv", "cursor": "bad"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
def test_a_dump_whose_first_query_fails_answers_an_error_not_a_cut_download(monkeypatch, fmt):
    # Once, a cursor PostgreSQL could not compare passed every check, and the download answered 200, sent its
    # header, and stopped: the first batch is read before the response starts now.
    live(InitiativeFactory)
    monkeypatch.setattr(
        InitiativeViewSet, "filter_queryset", lambda self, queryset: queryset.extra(where=["no_such_column = 1"])
    )
    response = APIClient(raise_request_exception=False).get("/api/v1/initiatives/", {"format": fmt})
    assert not response.streaming
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
