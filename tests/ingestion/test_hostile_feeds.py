"""Hostile feeds: a bad entry costs only itself, recorded on the run; a feed we cannot read is a failed run."""

import json

import pytest
from django.utils import timezone

from ingestion.feeds.services import poll_feed
from ingestion.models import Feed, FeedRunStatus, Ingestion, Step
from sources.models import Article
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import html_page, rss

pytestmark = pytest.mark.django_db
JSON_FEED = b'{"version": "https://jsonfeed.org/version/1.1", '


@pytest.fixture
def stories(web):
    """Two good stories on the local server; their addresses as a feed lists them."""
    for n in (1, 2):
        web.routes[f"/story-{n}"] = Route(html_page(f"Story {n} opens here with enough words to be an article."))
    return [web.url(f"/story-{n}", host="news.test") for n in (1, 2)]


def poll(web, path: str, body: bytes, capture) -> tuple[Feed, object]:
    web.routes[path] = Route(body, headers={"Content-Type": "application/feed+json"})
    feed = Feed.objects.create(url=web.url(path))
    with capture(execute=True):
        run = poll_feed(feed=feed)
    feed.refresh_from_db()
    return feed, run


BAD_LINKS = {
    "port": "http://news.test:99999/story",
    "long": "http://news.test/" + "a" * 2010,  # 2,027 characters: Django's check allows 2,048, url_key keeps 2,000
    "key": "http://news.test/?q=" + "\u00e9" * 400,  # 420 characters, a key of 2,421 once encoded
    "ipv6": "http://[::1/story",
    "scheme": "javascript:alert(1)",
}


def test_bad_entry_links_cost_only_their_entries(web, stories, django_capture_on_commit_callbacks):
    items = [("Good one", stories[0]), *((f"Bad {name}", link) for name, link in BAD_LINKS.items())]
    items.append(("Good two", stories[1]))
    feed, run = poll(web, "/feed.xml", rss(items), django_capture_on_commit_callbacks)
    assert (run.status, run.fetched, run.new, run.duplicate, run.failed) == (FeedRunStatus.OK, 7, 2, 0, 5)
    assert feed.is_healthy
    assert feed.last_error == ""
    assert set(Ingestion.objects.values_list("step", flat=True)) == {Step.DONE}
    assert Article.objects.count() == 2
    # Each skipped entry is named with the reason, one note each.
    assert [note.split(" skipped: ")[0] for note in run.notes] == [f"Entry 'Bad {name}'" for name in BAD_LINKS]
    assert "port" in run.notes[0]
    assert "characters long" in run.notes[1]
    assert "once its query is encoded" in run.notes[2]


def test_a_json_feed_with_bad_items_queues_its_good_ones(web, stories, django_capture_on_commit_callbacks):
    nested = json.loads("[" * 500 + "]" * 500)
    items = [
        {"id": "1", "url": stories[0], "title": nested},
        {"id": "2", "url": nested, "title": "A link that is a list"},
        "not an item",
        {"id": "3", "url": BAD_LINKS["port"]},
        {"id": "4", "external_url": stories[1], "title": "Good"},
    ]
    body = JSON_FEED + json.dumps({"title": "Test Times", "items": items}).encode()[1:]
    _, run = poll(web, "/feed.json", body, django_capture_on_commit_callbacks)
    assert (run.status, run.fetched, run.new, run.failed) == (FeedRunStatus.OK, 5, 2, 3)
    assert Article.objects.count() == 2
    assert len(run.notes) == 3


@pytest.mark.parametrize(
    "body",
    [
        JSON_FEED + b'"items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        JSON_FEED + b'"items": [{"url": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_000 + b"}]}",
    ],
    ids=["nested-items", "nested-url"],
)
def test_a_feed_nested_too_deep_is_a_failed_run_that_backs_off(web, body, django_capture_on_commit_callbacks):
    feed, run = poll(web, "/deep.json", body, django_capture_on_commit_callbacks)
    assert run.status == FeedRunStatus.FAILED
    assert run.error.startswith("Not a feed: JSON nested deeper")
    assert feed.last_error == run.error
    assert feed.consecutive_failures == 1
    assert feed.next_poll_at - timezone.now() > feed.poll_interval
    assert not Ingestion.objects.exists()
