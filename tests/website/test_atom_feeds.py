"""Every Atom feed, read as a feed reader reads it: RFC 4287's MUSTs, feedparser, and text that comes through as
the records wrote it, over the demo data and records whose names carry `&`, quotes, `<`, `<script>`, accents and
Chinese."""

from html.parser import HTMLParser
from urllib.parse import urlencode

import feedparser
import pytest
from django.test import override_settings

from editorial.revisions import take
from editorial.workflow import save_record, transition
from initiatives.models import Initiative, InitiativeStatus
from meetings.models import Meeting
from people.models import Person
from tests.factories import CitationFactory, InitiativeFactory, MeetingFactory, PersonFactory, StatementFactory
from tests.website.atom_rules import ATOM, check_feed, check_house_rules, parse
from tests.website.conftest import PUBLISHED, published_at

pytestmark = pytest.mark.django_db

SITE = "https://tracker.example.org"
HOSTILE = {
    "initiative": "Café & “Smart” <Bridge> 智慧城市",
    "summary": '"AI <first>" & <script>alert("x")</script> — l\'été, 人工智能',
    "person": "Zoë O'Brien <script>alert(1)</script> 陳茂波",
    "bio": 'Said "AI <first>" & meant it: <b>not bold</b>.',
    "meeting": 'Sommet "Ré" & <Tech> 峰会',
    "description": "Où l'on parle d'IA <em>&amp;</em> 數據.",
    "statement": '"AI <first>" & more',
    "statement_text": "We will <script>invest</script> & “build” 智慧.",
    "comment": 'Checked against the minutes: "AI <first>" & <b>sources</b>.',
}
QUERIES = ("AI", '"AI <first>"', "Café &", "智慧", "Zoë")


def _publish(record, *, by=None):
    CitationFactory(record=record)
    transition(record=record, action="submit", by=by)
    transition(record=record, action="publish", by=by)
    record.refresh_from_db()
    return record


def _approve_edit(record, *, comment="", **changes):
    for name, value in changes.items():
        setattr(record, name, value)
    save_record(record=record, by=None, data=take(record))
    transition(record=record, action="submit", by=None)
    transition(record=record, action="publish", by=None, comment=comment)
    record.refresh_from_db()
    return record


@pytest.fixture
def hostile(demo):
    """Published records whose every text is what a careless feed mangles, one with an approved edit."""
    initiative = _publish(
        InitiativeFactory(name=HOSTILE["initiative"], summary=HOSTILE["summary"], status=InitiativeStatus.PROPOSED)
    )
    initiative = _approve_edit(
        initiative, comment=HOSTILE["comment"], status=InitiativeStatus.LAUNCHED, summary=HOSTILE["summary"] + "!"
    )
    person = _publish(PersonFactory(full_name=HOSTILE["person"], bio=HOSTILE["bio"]))
    meeting = _publish(MeetingFactory(name=HOSTILE["meeting"], description=HOSTILE["description"]))
    StatementFactory(
        **PUBLISHED,
        published_at=published_at(1),
        speaker=person,
        summary=HOSTILE["statement"],
        text=HOSTILE["statement_text"],
    )
    InitiativeFactory(name=f"Draft {HOSTILE['initiative']}", summary="A draft: never in a feed.")
    return {"initiative": initiative, "person": person, "meeting": meeting}


def _feed_urls() -> list[str]:
    urls = ["/feeds/updates/"]
    for namespace in ("initiatives", "people", "meetings"):
        urls.append(f"/{namespace}/feed/")
        urls += [f"/{namespace}/feed/?{urlencode({'q': query})}" for query in QUERIES]
    urls.append("/initiatives/feed/?" + urlencode([("status", "proposed"), ("status", "launched"), ("q", "AI")]))
    for model, namespace in ((Initiative, "initiatives"), (Person, "people"), (Meeting, "meetings")):
        urls += [f"/{namespace}/{slug}/feed/" for slug in model.objects.published().values_list("slug", flat=True)]
    urls += [f"/search/feed/?{urlencode({'q': query})}" for query in ("", *QUERIES)]
    return urls


def _read(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml"), url
    return response.content


def _errors_over_every_feed(client, check) -> str:
    """Each feed's broken rules, `check(url, document)` telling them; "" when every feed keeps them."""
    urls, errors = _feed_urls(), []
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            errors.append(f"{url}: answered {response.status_code}")
            continue
        errors += [f"{url}: {error}" for error in check(url, response.content)]
    return f"{len(errors)} errors over {len(urls)} feeds:\n" + "\n".join(errors[:40]) if errors else ""


@override_settings(SITE_URL=SITE)
def test_every_feed_keeps_every_must_of_rfc_4287(client, hostile):
    errors = _errors_over_every_feed(client, lambda url, document: check_feed(document))
    assert not errors, errors


@override_settings(SITE_URL=SITE)
def test_every_feed_links_itself_names_its_author_and_summarises_each_entry_as_text(client, hostile):
    assert not _errors_over_every_feed(client, lambda url, document: check_house_rules(document, self_url=SITE + url))


def test_feedparser_reads_every_feed_without_complaint(client, hostile):
    for url in _feed_urls():
        feed = feedparser.parse(_read(client, url))
        assert feed.bozo == 0, (url, feed.get("bozo_exception"))
        assert feed.version == "atom10", url
        assert feed.feed.author == "Initiative Tracker", url  # every entry's, as RFC 4287 4.1.2 reads it


def _by_title(url: str, client) -> dict:
    return {entry.title: entry for entry in feedparser.parse(_read(client, url)).entries}


def test_records_text_comes_through_every_kind_of_feed_as_written(client, hostile):
    initiative, person, meeting = hostile["initiative"], hostile["person"], hostile["meeting"]
    initiatives = _by_title("/initiatives/feed/?" + urlencode({"q": "Café"}), client)
    assert initiatives[initiative.name].summary == initiative.summary
    assert initiatives[initiative.name].title_detail.type == "text/plain"
    people = _by_title("/people/feed/?" + urlencode({"q": "Zoë"}), client)
    assert people[person.full_name].summary == HOSTILE["bio"]
    meetings = _by_title("/meetings/feed/", client)
    assert meetings[meeting.name].summary == HOSTILE["description"]
    statements = _by_title(f"/people/{person.slug}/feed/", client)
    statement = statements[f"{person.full_name}: {HOSTILE['statement']}"]
    assert statement.summary == HOSTILE["statement_text"]
    assert statement.summary_detail.type == "text/plain"
    found = _by_title("/search/feed/?" + urlencode({"q": "Zoë"}), client)
    assert found[person.full_name].summary == HOSTILE["bio"]


@override_settings(SITE_URL=SITE, ALLOWED_HOSTS=["one.example", "two.example"])
def test_feed_and_entry_ids_are_tag_uris_of_the_site_whatever_host_was_asked(client, hostile):
    for url in ("/initiatives/feed/", f"/initiatives/{hostile['initiative'].slug}/feed/", "/feeds/updates/"):
        one, two = (parse(_read_as(client, url, host)) for host in ("one.example", "two.example"))
        ids = [element.text for element in one.iter(f"{{{ATOM}}}id")]
        assert ids == [element.text for element in two.iter(f"{{{ATOM}}}id")], url
        assert len(ids) > 1, url
        assert all(value.startswith("tag:tracker.example.org,2025:") for value in ids), ids


def _read_as(client, url: str, host: str) -> bytes:
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    return response.content


@override_settings(SITE_URL=SITE)
def test_a_filtered_feed_links_itself_and_its_list_page_with_the_filters(client, hostile):
    query = urlencode([("status", "proposed"), ("status", "launched"), ("q", "Café & “Smart”")])
    feed = feedparser.parse(_read(client, f"/initiatives/feed/?{query}")).feed
    links = {link.rel: link.href for link in feed.links}
    assert links["self"] == f"{SITE}/initiatives/feed/?{query}"
    assert links["alternate"] == f"{SITE}/initiatives/?{query}"
    assert feed.author == "Initiative Tracker"
    assert feed.author_detail.href == SITE


def test_record_feed_says_what_changed_in_each_version(client, hostile):
    initiative = hostile["initiative"]
    entries = feedparser.parse(_read(client, f"/initiatives/{initiative.slug}/feed/")).entries
    versions = {entry.title: entry.summary for entry in entries if "version" in entry.title}
    second = versions[f"{initiative.name}: version 2 published"]
    assert "Status: Proposed → Launched" in second
    assert "Summary" in second
    assert f"Reviewer's note: {HOSTILE['comment']}" in second
    assert versions[f"{initiative.name}: version 1 published"] == "Version 1: first published."
    assert all(entry.summary for entry in entries)


def test_search_feed_lists_published_matches_only(client, hostile):
    feed = feedparser.parse(_read(client, "/search/feed/?" + urlencode({"q": "Café"})))
    titles = [entry.title for entry in feed.entries]
    assert hostile["initiative"].name in titles
    assert f"Draft {HOSTILE['initiative']}" not in titles
    assert feed.feed.title == "Search: “Café” — Initiative Tracker"
    assert not feedparser.parse(_read(client, "/search/feed/?q=")).entries
    assert client.get("/search/feed/?q=AI%02").status_code == 400  # XML has no control characters: not a 500


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.feeds: list[str] = []  # <link rel=alternate type=application/atom+xml>
        self.visible: list[str] = []  # <a type=application/atom+xml>

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("type") != "application/atom+xml":
            return
        if tag == "link" and attributes.get("rel") == "alternate":
            self.feeds.append(attributes["href"])
        elif tag == "a":
            self.visible.append(attributes["href"])


def _links(client, url: str) -> _Links:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Links()
    parser.feed(response.content.decode())
    return parser


def test_list_record_and_search_pages_advertise_their_feeds_with_their_filters(client, hostile):
    query = urlencode([("status", "proposed"), ("status", "launched"), ("q", "Café & “Smart”")])
    page = _links(client, f"/initiatives/?{query}")
    assert f"/initiatives/feed/?{query}" in page.feeds
    assert f"/initiatives/feed/?{query}" in page.visible
    for namespace in ("people", "meetings"):
        assert f"/{namespace}/feed/?q=AI" in _links(client, f"/{namespace}/?q=AI").feeds
    person = hostile["person"]
    assert f"/people/{person.slug}/feed/" in _links(client, f"/people/{person.slug}/").feeds
    search = _links(client, "/search/?" + urlencode({"q": "Café &"}))
    expected = "/search/feed/?" + urlencode({"q": "Café &"})
    assert expected in search.feeds
    assert expected in search.visible


def test_review_forms_say_the_approval_comment_is_published_in_the_records_feed(admin_client, hostile):
    initiative = hostile["initiative"]
    initiative.name = "An edit waiting for review"
    save_record(record=initiative, by=None, data=take(initiative))
    transition(record=initiative, action="submit", by=None)
    warning = "published with the new version in the record's public Atom feed"
    for url in (
        f"/admin/initiatives/initiative/{initiative.pk}/change/",
        f"/admin/initiatives/initiative/{initiative.pk}/review/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert warning in response.content.decode(), url
    comment = "Checked twice."
    transition(record=initiative, action="publish", by=None, comment=comment)
    entries = feedparser.parse(_read(admin_client, f"/initiatives/{initiative.slug}/feed/")).entries
    assert any(f"Reviewer's note: {comment}" in entry.summary for entry in entries)
