"""Pages as of a date: the picker and banner, derived values with their evidence, the timeline's mark, the list."""

import datetime

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.dates import DatePrecision
from initiatives.models import MilestoneKind
from tests import factories
from tests.website.conftest import PUBLISHED, published_initiative

pytestmark = pytest.mark.django_db
day = datetime.date


LAUNCH = datetime.date(2024, 1, 1)


def _initiative_launched(date=LAUNCH, precision=DatePrecision.YEAR, *, citation=True):
    initiative = published_initiative()
    milestone = factories.MilestoneFactory(
        initiative=initiative, kind=MilestoneKind.LAUNCHED, date=date, date_precision=precision, **PUBLISHED
    )
    if citation:
        article = factories.ArticleFactory(title="Launch report")
        factories.CitationFactory(record=milestone, article=article, **PUBLISHED)
    return initiative


def _html(response):
    assert response.status_code == 200, response.content[:500]
    return lxml.html.fromstring(response.content)


def test_initiative_page_as_of_shows_the_banner_the_uncertainty_and_the_evidence(client):
    initiative = _initiative_launched()
    page = _html(client.get(f"/initiatives/{initiative.slug}/?as_of=2024-06-01"))
    assert page.xpath('//input[@type="date"][@name="as_of"]/@value') == ["2024-06-01"]
    assert "As of 1 June 2024" in page.xpath('string(//p[contains(@class, "as-of-banner")])')
    status = page.xpath('string(//dd[@class="as-of-value"][1])')
    assert "Launched" in status
    assert "Launched during 2024: before or after this date is not known" in status
    assert page.xpath('//dd[@class="as-of-value"]//a/text()')[:1] == ["Launch report"]
    assert page.xpath('//svg//line[@class="as-of"]')
    plain = _html(client.get(f"/initiatives/{initiative.slug}/"))
    assert not plain.xpath('//p[contains(@class, "as-of-banner")]')
    assert not plain.xpath('//line[@class="as-of"]')


def test_a_malformed_as_of_is_a_400_page(client):
    initiative = _initiative_launched()
    assert client.get(f"/initiatives/{initiative.slug}/?as_of=2024-02-30").status_code == 400
    assert client.get("/initiatives/?as_of=soon").status_code == 400


def test_an_unpublished_milestone_never_shows_as_of(client):
    initiative = published_initiative()
    factories.MilestoneFactory(initiative=initiative, kind=MilestoneKind.DISCONTINUED, date=day(2020, 1, 1))  # a draft
    page = _html(client.get(f"/initiatives/{initiative.slug}/?as_of=2024"))
    assert "no status known by then" in page.xpath('string(//dd[@class="as-of-value"][1])')
    assert "Discontinued" not in page.xpath('string(//dl[@class="facts"])')


def test_initiative_list_as_of_shows_and_counts_statuses_then(client):
    early = _initiative_launched(day(2021, 3, 1), DatePrecision.DAY)
    late = _initiative_launched(day(2025, 3, 1), DatePrecision.DAY)
    page = _html(client.get("/initiatives/?as_of=2023-01-01"))
    assert "As of 1 January 2023" in page.xpath('string(//p[contains(@class, "as-of-banner")])')
    statuses = {
        item.xpath("string(.//h3/a)"): item.xpath('string(.//span[contains(@class, "status")])').strip()
        for item in page.xpath('//ol[@class="rows"]/li')
    }
    assert statuses == {early.name: "Launched", late.name: "unknown"}
    assert page.xpath(f'//ol[@class="rows"]//a[text()="{early.name}"]/@href') == [
        f"/initiatives/{early.slug}/?as_of=2023-01-01"
    ]
    narrowed = _html(client.get("/initiatives/?as_of=2023-01-01&status=launched"))
    assert [a.text for a in narrowed.xpath('//ol[@class="rows"]/li/h3/a')] == [early.name]
    today = _html(client.get("/initiatives/?status=launched"))
    assert len(today.xpath('//ol[@class="rows"]/li')) == 0  # both records say "announced" today


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/initiatives/?as_of=2024-06-01", "/initiatives/?as_of=2024-06-01&status=launched"])
def test_initiative_list_as_of_costs_the_same_queries_for_1_or_30_rows(client, url):
    _initiative_launched()
    one = _queries(client, url)
    for _ in range(29):
        _initiative_launched()
    assert _queries(client, url) == one


def test_initiative_page_as_of_costs_the_same_queries_for_1_or_30_milestones(client):
    initiative = _initiative_launched()
    url = f"/initiatives/{initiative.slug}/?as_of=2024-06-01"
    one = _queries(client, url)
    for number in range(29):
        milestone = factories.MilestoneFactory(
            initiative=initiative, kind=MilestoneKind.OPERATIONAL, date=day(2020, 1, 1 + number), **PUBLISHED
        )
        factories.CitationFactory(record=milestone, **PUBLISHED)
    assert _queries(client, url) == one


def test_person_and_meeting_pages_as_of(client):
    post = factories.PostFactory(**PUBLISHED, organization__editorial_status="published")
    membership = factories.MembershipFactory(
        post=post,
        person__editorial_status="published",
        person__published_version=1,
        **PUBLISHED,
        start_date=day(2022, 1, 1),
        start_date_precision=DatePrecision.YEAR,
    )
    person = membership.person
    unsure = _html(client.get(f"/people/{person.slug}/?as_of=2022-06"))
    held = unsure.xpath('string(//li[@class="as-of-value"])')
    assert post.title in held
    assert "Began during 2022" in held
    assert "No post known" in _html(client.get(f"/people/{person.slug}/?as_of=2021")).text_content()
    meeting = factories.MeetingFactory(**PUBLISHED, start_date=day(2025, 10, 22))
    factories.ParticipationFactory(meeting=meeting, person=person, **PUBLISHED)
    before = _html(client.get(f"/meetings/{meeting.slug}/?as_of=2025-10-21"))
    assert "Nobody had taken part by that date" in before.text_content()
    after = _html(client.get(f"/meetings/{meeting.slug}/?as_of=2025-10-22"))
    assert after.xpath('//li[@class="as-of-value"]/a/text()') == [person.full_name]
