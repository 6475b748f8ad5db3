"""A record page's sources read once each: an article with its distinct passages and what each is cited for,
a URL with the facts it supports; a person at a meeting once, with every capacity."""

import datetime

import lxml.html
import pytest

from meetings.models import Capacity
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PostFactory,
    StatementFactory,
)
from tests.website.conftest import PUBLISHED, published_initiative

pytestmark = pytest.mark.django_db

OPENING = "Financial Secretary Paul Chan said <b>AI</b> & data matter."
LATER = "He spoke at the joint session in Incheon."
TEXT = f"{OPENING} Filler between the two. {LATER} The end."


def cite(record, article, passage, **fields):
    start = article.text.index(passage)
    return CitationFactory(
        **{**PUBLISHED, **fields},
        record=record,
        article=article,
        passage=passage,
        start=start,
        end=start + len(passage),
    )


def sources_of(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    (section,) = lxml.html.fromstring(response.content).xpath('//section[@aria-labelledby="sources-heading"]')
    return section.xpath('./ol[@class="sources"]/li')


def passages_of(entry) -> dict[str, list[str]]:
    return {
        item.xpath("./blockquote")[0].text_content(): [fact.text_content() for fact in item.xpath("./ul/li")]
        for item in entry.xpath('./ul[@class="passages"]/li')
    }


@pytest.fixture
def chan():
    person = PersonFactory(**PUBLISHED, full_name="Paul Chan")
    post = PostFactory(**PUBLISHED, title="Financial Secretary", organization=OrganizationFactory(**PUBLISHED))
    meeting = MeetingFactory(**PUBLISHED, name="Joint session")
    return {
        "person": person,
        "membership": MembershipFactory(**PUBLISHED, person=person, post=post),
        "statement": StatementFactory(**PUBLISHED, speaker=person, meeting=meeting, summary="AI and data matter"),
        "meeting": meeting,
        "attended": ParticipationFactory(**PUBLISHED, person=person, meeting=meeting, capacity=Capacity.ATTENDED),
        "spoke": ParticipationFactory(**PUBLISHED, person=person, meeting=meeting, capacity=Capacity.SPOKE),
    }


def test_a_person_page_lists_an_article_once_each_passage_once_with_every_fact_it_supports(client, chan):
    article = ArticleFactory(
        text=TEXT,
        title="Chan at APEC",
        outlet="The Standard",
        url="https://example.org/chan",
        published_at=datetime.datetime(2025, 10, 22, 12, tzinfo=datetime.UTC),
    )
    cite(chan["person"], article, OPENING)
    cite(chan["membership"], article, OPENING)
    cite(chan["statement"], article, OPENING)
    cite(chan["statement"], article, LATER, field="date")
    cite(chan["attended"], article, LATER)
    cite(chan["spoke"], article, LATER)

    (entry,) = sources_of(client, f"/people/{chan['person'].slug}/")
    (heading,) = entry.xpath('./p[@class="source"]')
    assert heading.text_content() == "Chan at APEC, The Standard, 22 October 2025 (original)"
    assert heading.xpath("./a/@href") == [f"/articles/{article.pk}/", "https://example.org/chan"]
    assert passages_of(entry) == {
        OPENING: ["Person: Paul Chan", "Membership: Paul Chan as Financial Secretary", "Statement: AI and data matter"],
        LATER: [
            "Participation: Paul Chan attended Joint session",
            "Participation: Paul Chan spoke Joint session",
            "Statement: AI and data matter (date)",
        ],
    }
    # Escaped, not markup: the passage's "<b>" is text.
    assert (
        b"Paul Chan said &lt;b&gt;AI&lt;/b&gt; &amp; data matter."
        in client.get(f"/people/{chan['person'].slug}/").content
    )


def test_sources_read_newest_article_first_then_urls_each_url_once(client, chan):
    older = ArticleFactory(text=TEXT, title="Older", published_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    newer = ArticleFactory(text=TEXT, title="Newer", published_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    cite(chan["person"], older, LATER)
    cite(chan["person"], newer, OPENING)
    cite(chan["membership"], newer, LATER)
    official = "https://www.gov.hk/chan"
    for record, read in [(chan["person"], datetime.date(2025, 1, 2)), (chan["membership"], datetime.date(2025, 3, 4))]:
        CitationFactory(
            **PUBLISHED, record=record, from_url=True, url=official, source_title="Gov bio", accessed_date=read
        )

    entries = sources_of(client, f"/people/{chan['person'].slug}/")
    assert [entry.xpath('./p[@class="source"]/a')[0].text_content() for entry in entries] == [
        "Newer",
        "Older",
        "Gov bio",
    ]
    assert list(passages_of(entries[0])) == [OPENING, LATER]  # in the article's order
    url_entry = entries[2]
    assert url_entry.xpath('./p[@class="source"]')[0].text_content() == "Gov bio, read 4 March 2025"
    assert [fact.text_content() for fact in url_entry.xpath('./ul[@class="supports"]/li')] == [
        "Person: Paul Chan",
        "Membership: Paul Chan as Financial Secretary",
    ]


def test_only_published_citations_of_published_records_are_listed(client, chan):
    article = ArticleFactory(text=TEXT, title="Chan at APEC")
    cite(chan["person"], article, OPENING)
    cite(chan["membership"], article, LATER, editorial_status="draft", published_version=None)  # a draft citation
    draft_statement = StatementFactory(speaker=chan["person"], summary="A draft statement")
    cite(draft_statement, article, LATER)  # a published citation of a draft record

    html = client.get(f"/people/{chan['person'].slug}/").content.decode()
    (entry,) = sources_of(client, f"/people/{chan['person'].slug}/")
    assert passages_of(entry) == {OPENING: ["Person: Paul Chan"]}
    assert "A draft statement" not in html


def test_a_participation_appears_once_with_its_capacities_on_the_person_and_the_meeting(client, chan):
    person_page = lxml.html.fromstring(client.get(f"/people/{chan['person'].slug}/").content)
    (attended,) = person_page.xpath('//h2[@id="meetings-heading"]/following-sibling::ul[1]/li')
    assert " ".join(attended.text_content().split()).startswith("Joint session Attended, spoke ·")

    meeting_page = lxml.html.fromstring(client.get(f"/meetings/{chan['meeting'].slug}/").content)
    (row,) = meeting_page.xpath('//h2[@id="participants-heading"]/following-sibling::table[1]/tbody/tr')
    assert [cell.text_content() for cell in row.xpath("./td")][:2] == ["Paul Chan", "Attended, spoke"]


def test_the_initiative_and_meeting_pages_group_their_sources_too(client, chan):
    initiative = published_initiative(name="AI fund")
    article = ArticleFactory(text=TEXT, title="Chan at APEC")
    cite(initiative, article, OPENING)
    cite(initiative, article, OPENING, field="start_date")
    (entry,) = sources_of(client, f"/initiatives/{initiative.slug}/")
    assert passages_of(entry) == {OPENING: ["Initiative: AI fund", "Initiative: AI fund (start date)"]}

    cite(chan["attended"], article, LATER)
    cite(chan["spoke"], article, LATER)
    CitationFactory(**PUBLISHED, record=chan["meeting"], from_url=True, url="https://apec.org/s", note="Agenda.")
    article_entry, url_entry = sources_of(client, f"/meetings/{chan['meeting'].slug}/")
    assert passages_of(article_entry) == {
        LATER: ["Participation: Paul Chan attended Joint session", "Participation: Paul Chan spoke Joint session"]
    }
    assert [paragraph.text_content() for paragraph in url_entry.xpath("./p")] == [
        "https://apec.org/s",
        "Agenda.",
        "Cited for:",
    ]
    assert [fact.text_content() for fact in url_entry.xpath('./ul[@class="supports"]/li')] == ["Meeting: Joint session"]
