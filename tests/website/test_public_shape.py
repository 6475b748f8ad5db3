"""One declaration per kind: the website's JSON and CSV are the API's, field for field and byte for byte."""

import csv
import io

import pytest

from initiatives.models import Initiative
from meetings.models import Meeting
from people.models import Person

pytestmark = pytest.mark.django_db

KINDS = [("initiatives", Initiative), ("people", Person), ("meetings", Meeting)]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(("kind", "model"), KINDS)
def test_a_records_json_is_what_the_api_answers_for_it(client, demo, kind, model):
    records = model.objects.published()
    assert records.exists()
    for record in records:
        website = client.get(f"/{kind}/{record.slug}.json")
        api = client.get(f"/api/v1/{kind}/{record.uuid}/")
        assert website.status_code == api.status_code == 200
        assert website["Content-Type"] == api["Content-Type"] == "application/json"
        assert website.content == api.content


@pytest.mark.parametrize(("kind", "model"), KINDS)
def test_a_lists_csv_has_the_api_csvs_columns_and_rows(client, demo, kind, model):
    website = _body(client.get(f"/{kind}/export.csv")).decode("utf-8")
    api = _body(client.get(f"/api/v1/{kind}/?format=csv&page_size=100")).decode("utf-8")
    assert website.startswith("\ufeff")
    assert api.startswith("\ufeff")  # the same byte-order mark, for spreadsheets
    website_rows = list(csv.reader(io.StringIO(website.removeprefix("\ufeff"))))
    api_rows = list(csv.reader(io.StringIO(api.removeprefix("\ufeff"))))
    assert website_rows[0] == api_rows[0]
    assert len(website_rows) == model.objects.published().count() + 1
    assert sorted(website_rows[1:]) == sorted(api_rows[1:])  # each list in its own order


def test_a_formula_is_guarded_alike_in_both(client, demo):
    from editorial.revisions import take
    from editorial.workflow import save_record, transition

    initiative = Initiative.objects.published().first()
    initiative.summary = '=HYPERLINK("http://evil.example","click")'
    save_record(record=initiative, by=None, data=take(initiative))
    transition(record=initiative, action="submit", by=None)
    transition(record=initiative, action="publish", by=None)
    website = _body(client.get("/initiatives/export.csv")).decode("utf-8")
    api = _body(client.get("/api/v1/initiatives/?format=csv&page_size=100")).decode("utf-8")
    for body in (website, api):
        (row,) = [
            row for row in csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))) if "HYPERLINK" in row["summary"]
        ]
        assert row["summary"].startswith("'=")


def test_a_record_gone_from_the_public_between_find_and_read_is_a_404(rf, demo):
    from django.http import Http404

    from initiatives.public import INITIATIVES
    from website.exports import json_response

    initiative = Initiative.objects.published().first()  # found, then unpublished meanwhile
    Initiative.objects.filter(pk=initiative.pk).update_unrecorded(editorial_status="draft")
    with pytest.raises(Http404):
        json_response(rf.get("/"), resource=INITIATIVES, record=initiative)
