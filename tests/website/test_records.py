"""Record pages: everything published about a record, nothing else, in a fixed number of queries."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.models import ExternalIdentifier
from initiatives.models import Initiative
from meetings.models import Meeting
from tests.factories import (
    CitationFactory,
    MeetingFactory,
    MilestoneFactory,
    ParticipationFactory,
    PersonFactory,
    StatementFactory,
)
from tests.website.conftest import PUBLISHED, published_initiative

pytestmark = pytest.mark.django_db


def _statement(initiative, **fields):
    statement = StatementFactory(**fields)
    statement.initiatives.add(initiative)
    return statement


def _queries(client, url: str) -> tuple[int, str]:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries), response.content.decode()


def _grow(initiative, person, meeting, count: int):
    for _ in range(count):
        statement = _statement(initiative, **PUBLISHED, speaker=person, meeting=meeting)
        MilestoneFactory(**PUBLISHED, initiative=initiative)
        CitationFactory(**PUBLISHED, record=statement)
        ParticipationFactory(**PUBLISHED, person=person, meeting=MeetingFactory(**PUBLISHED))
        initiative.lead_officials.add(PersonFactory(**PUBLISHED))
        for record in (initiative, person, meeting):
            ExternalIdentifier.objects.create(record=record, scheme="test", value=uuid.uuid4().hex)


def test_record_pages_cost_the_same_queries_for_1_or_30_facts(client):
    initiative = published_initiative()
    person, meeting = PersonFactory(**PUBLISHED), MeetingFactory(**PUBLISHED)
    CitationFactory(**PUBLISHED, record=initiative)
    urls = [f"/initiatives/{initiative.slug}/", f"/people/{person.slug}/", f"/meetings/{meeting.slug}/"]
    _grow(initiative, person, meeting, 1)
    before = [_queries(client, url)[0] for url in urls]
    _grow(initiative, person, meeting, 29)
    after = [_queries(client, url)[0] for url in urls]
    assert before == after == [10, 9, 9]  # identifiers ("Elsewhere"): one query
    assert _queries(client, urls[0])[1].count('class="statements"') == 1


def test_initiative_page_hides_what_is_not_published(client):
    initiative = published_initiative(name="The live initiative")
    initiative.lead_officials.add(
        PersonFactory(full_name="Draft Official"), PersonFactory(**PUBLISHED, full_name="Live Official")
    )
    _statement(initiative, summary="Draft statement")
    _statement(initiative, **PUBLISHED, summary="Said by a draft speaker")
    _statement(
        initiative,
        **PUBLISHED,
        summary="Live statement",
        speaker=PersonFactory(**PUBLISHED),
        meeting=MeetingFactory(name="Draft Meeting"),
    )
    CitationFactory(
        record=initiative, passage="", article=None, url="https://example.org/a", source_title="Draft source"
    )
    CitationFactory(**PUBLISHED, record=initiative)
    MilestoneFactory(initiative=initiative, description="Draft milestone")
    html = client.get(f"/initiatives/{initiative.slug}/").content.decode()
    assert "Live Official" in html
    assert "Live statement" in html
    for secret in (
        "Draft Official",
        "Draft statement",
        "draft speaker",
        "Draft Meeting",
        "Draft source",
        "Draft milestone",
    ):
        assert secret not in html
    assert "The Financial Secretary announced a fund of HK$10 billion." in html  # the published source's passage


def test_initiative_page_shows_dates_at_their_precision_and_a_timeline(client):
    initiative = published_initiative(start_date="2024-01-01", start_date_precision="year")
    MilestoneFactory(**PUBLISHED, initiative=initiative, date="2024-10-01", date_precision="month", kind="launched")
    html = client.get(f"/initiatives/{initiative.slug}/").content.decode()
    assert '<time datetime="2024">2024</time>' in html
    assert "October 2024" in html
    assert '<svg class="timeline"' in html
    assert "<rect " in html  # a month is drawn as a period, not a day


def test_unknown_record_is_404(client):
    for url in ("/initiatives/nothing-here/", "/people/nobody/", "/meetings/no-meeting/", "/articles/999999/"):
        assert client.get(url).status_code == 404


def test_demo_pages_link_initiative_to_official_to_meeting(client, demo):
    initiative = client.get("/initiatives/dual-strategy-for-ai/").content.decode()
    assert 'href="/people/paul-chan-mo-po/"' in initiative
    assert 'href="/meetings/apec-2025-fmm-srmm-joint-session/"' in initiative
    person = client.get("/people/paul-chan-mo-po/").content.decode()
    assert "Financial Secretary" in person
    assert 'href="/meetings/apec-2025-fmm-srmm-joint-session/"' in person
    meeting = client.get("/meetings/apec-2025-fmm-srmm-joint-session/").content.decode()
    assert 'href="/initiatives/dual-strategy-for-ai/"' in meeting
    assert "APEC Finance Ministers&#x27; Meeting 2025" in meeting  # a parent event
    assert Initiative.objects.published().count()
    assert Meeting.objects.published().count()


def test_a_record_page_links_to_the_record_elsewhere(client):
    initiative = published_initiative()
    ExternalIdentifier.objects.create(
        record=initiative, scheme="wikidata", value="Q42", url="https://www.wikidata.org/wiki/Q42"
    )
    page = client.get(f"/initiatives/{initiative.slug}/").content.decode()
    assert '<a href="https://www.wikidata.org/wiki/Q42" rel="external">wikidata: Q42</a>' in page
