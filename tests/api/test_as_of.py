"""`?as_of=` on the API: derived values with their certainty and evidence, a 400 for a bad date, flat query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.dates import DatePrecision
from initiatives.models import MilestoneKind
from tests.api.records import BUILDERS, Shared
from tests.factories import (
    CitationFactory,
    InitiativeFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    ParticipationFactory,
    PostFactory,
)

pytestmark = pytest.mark.django_db
PUBLISHED = "published"
day = datetime.date


def _launched_during_2024():
    initiative = InitiativeFactory(editorial_status=PUBLISHED)
    milestone = MilestoneFactory(
        initiative=initiative,
        kind=MilestoneKind.LAUNCHED,
        date=day(2024, 1, 1),
        date_precision=DatePrecision.YEAR,
        editorial_status=PUBLISHED,
    )
    citation = CitationFactory(record=milestone, editorial_status=PUBLISHED)
    return initiative, citation


def test_initiative_as_of_carries_the_uncertainty_of_a_year(api_client):
    initiative, citation = _launched_during_2024()
    body = api_client.get(f"/api/v1/initiatives/{initiative.uuid}/?as_of=2024-06-01").json()
    status = body["as_of"]["status"]
    assert body["as_of"]["date"] == "2024-06-01"
    assert (status["status"], status["certain"], status["between"]) == ("launched", False, ["2024-01-01", "2024-12-31"])
    assert [item["id"] for item in status["evidence"]] == [str(citation.uuid)]
    assert body["as_of"]["responsible_organization"]["certain"] is False
    later = api_client.get(f"/api/v1/initiatives/{initiative.uuid}/?as_of=2025").json()["as_of"]["status"]
    assert (later["status"], later["certain"], later["between"]) == ("launched", True, None)
    listed = api_client.get("/api/v1/initiatives/?as_of=2023-12").json()["results"]
    assert [row["as_of"]["status"]["status"] for row in listed] == [None]
    assert "as_of" not in api_client.get(f"/api/v1/initiatives/{initiative.uuid}/").json()


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "2024-02-30", "24"])
def test_a_malformed_as_of_is_a_400_in_the_error_shape(api_client, value):
    _launched_during_2024()
    response = api_client.get(f"/api/v1/initiatives/?as_of={value}")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_as_of"


def test_post_person_and_meeting_as_of(api_client):
    post = PostFactory(editorial_status=PUBLISHED, organization__editorial_status=PUBLISHED)
    membership = MembershipFactory(
        post=post, person__editorial_status=PUBLISHED, editorial_status=PUBLISHED, start_date=day(2022, 7, 1)
    )
    holders = api_client.get(f"/api/v1/posts/{post.uuid}/?as_of=2023").json()["as_of"]["holders"]
    assert [(item["person"]["id"], item["certain"]) for item in holders] == [(str(membership.person.uuid), True)]
    assert api_client.get(f"/api/v1/posts/{post.uuid}/?as_of=2022-06").json()["as_of"]["holders"] == []
    posts = api_client.get(f"/api/v1/people/{membership.person.uuid}/?as_of=2022-07").json()["as_of"]["posts"]
    assert [(item["post"]["id"], item["certain"]) for item in posts] == [(str(post.uuid), True)]
    meeting = MeetingFactory(editorial_status=PUBLISHED, start_date=day(2025, 10, 22))
    ParticipationFactory(meeting=meeting, person=membership.person, editorial_status=PUBLISHED)
    before = api_client.get(f"/api/v1/meetings/{meeting.uuid}/?as_of=2025-10-21").json()["as_of"]
    after = api_client.get(f"/api/v1/meetings/{meeting.uuid}/?as_of=2025-10-22").json()["as_of"]
    assert (before["participants"], [item["capacity"] for item in after["participants"]]) == ([], ["attended"])


def _count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("name", ["initiatives", "people", "posts", "meetings"])
def test_a_list_as_of_costs_the_same_for_one_record_or_fifty(api_client, name):
    shared = Shared.create()
    url = f"/api/v1/{name}/?page_size=200&as_of=2024-06-01"
    BUILDERS[name](shared)
    one = _count(api_client, url)
    for _ in range(49):
        BUILDERS[name](shared)
    assert _count(api_client, url) == one


def test_the_schema_documents_as_of(api_client):
    schema = api_client.get("/api/v1/schema/?format=json").json()
    for path in ("/api/v1/initiatives/", "/api/v1/initiatives/{uuid}/", "/api/v1/people/", "/api/v1/posts/{uuid}/"):
        names = [parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]]
        assert "as_of" in names, path
    assert set(schema["components"]["schemas"]["Initiative"]["properties"]["as_of"]["properties"]) >= {
        "status",
        "budget",
    }
    themes = [parameter["name"] for parameter in schema["paths"]["/api/v1/themes/"]["get"]["parameters"]]
    assert "as_of" not in themes
