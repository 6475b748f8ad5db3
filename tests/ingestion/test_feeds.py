"""Feeds: polled twice they add nothing; the shared real and broken feeds each give a run or a clear error."""

import json

import pytest
from django.utils import timezone

from ingestion.feeds.parse import FeedError, parse_feed
from ingestion.feeds.services import poll_feed, queue_due_feeds
from ingestion.models import Feed, FeedRun, FeedRunStatus, Ingestion, Step
from sources.models import Article
from tests.conftest import SHARED_TESTDATA
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import html_page, rss

pytestmark = pytest.mark.django_db
FEEDS = SHARED_TESTDATA / "feeds"


@pytest.fixture
def news_feed(web, django_capture_on_commit_callbacks):
    stories = {
        f"/story-{n}": f"Story {n} opens here with enough words to be an article about the harbour." for n in (1, 2)
    }
    for path, text in stories.items():
        web.routes[path] = Route(html_page(text))
    items = [(f"Story {n}", web.url(f"/story-{n}", host="news.test") + "?utm_source=rss") for n in (1, 2)]
    web.routes["/feed.xml"] = Route(rss(items), headers={"Content-Type": "application/rss+xml"})
    return Feed.objects.create(url=web.url("/feed.xml"))


def test_poll_feed_twice_creates_nothing_new(news_feed, web, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = poll_feed(feed=news_feed)
    assert (first.status, first.fetched, first.new, first.duplicate) == (FeedRunStatus.OK, 2, 2, 0)
    assert Article.objects.count() == 2
    assert set(Ingestion.objects.values_list("step", flat=True)) == {Step.DONE}
    with django_capture_on_commit_callbacks(execute=True):
        second = poll_feed(feed=news_feed)
    assert (second.fetched, second.new, second.duplicate) == (2, 0, 2)
    assert (Article.objects.count(), Ingestion.objects.count()) == (2, 2)


def test_poll_feed_sends_its_etag_and_reads_304_as_not_modified(news_feed, web, django_capture_on_commit_callbacks):
    web.routes["/feed.xml"].headers["ETag"] = '"v1"'
    poll_feed(feed=news_feed)
    news_feed.refresh_from_db()
    assert news_feed.etag == '"v1"'
    run = poll_feed(feed=news_feed)
    assert run.status == FeedRunStatus.NOT_MODIFIED
    assert run.http_status == 304
    assert web.requests[-1][1]["If-None-Match"] == '"v1"'


def test_a_failing_feed_backs_off_and_shows_its_error(web):
    feed = Feed.objects.create(url=web.url("/missing.xml"))
    for expected_failures in (1, 2):
        run = poll_feed(feed=feed)
        feed.refresh_from_db()
        assert run.status == FeedRunStatus.FAILED
        assert "404" in run.error
        assert feed.consecutive_failures == expected_failures
        assert not feed.is_healthy
    assert feed.next_poll_at - timezone.now() > 3 * feed.poll_interval


def test_queue_due_feeds_polls_each_due_feed_once(news_feed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_due_feeds() == 1
    assert FeedRun.objects.filter(feed=news_feed).count() == 1
    assert queue_due_feeds() == 0  # polled: next poll is an interval away


def test_parse_feed_does_not_read_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    document = (f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM 'file://{secret}'>]>"
                "<rss version='2.0'><channel><title>t &x;</title><item><title>i</title>"
                "<link>https://example.org/1</link></item></channel></rss>").encode()  # fmt: skip
    parsed = parse_feed(document)
    assert "TOP-SECRET" not in parsed.title + "".join(entry.title for entry in parsed.entries)


def test_parse_feed_refuses_what_is_not_a_feed():
    with pytest.raises(FeedError):
        parse_feed(b"<html><body>Not a feed</body></html>")
    with pytest.raises(FeedError):
        parse_feed(json.dumps({"hello": "world"}).encode())


@pytest.mark.skipif(not FEEDS.is_dir(), reason=f"{FEEDS} is absent: the shared third-party feeds stay out of the repo")
@pytest.mark.parametrize("path", sorted(FEEDS.glob("0*")) if FEEDS.is_dir() else [], ids=lambda path: path.name[:40])
def test_every_shared_feed_gives_a_run_or_a_clear_error(path, web, django_capture_on_commit_callbacks):
    web.routes["/feed"] = Route(path.read_bytes(), headers={"Content-Type": "application/xml"})
    feed = Feed.objects.create(url=web.url("/feed"))
    with django_capture_on_commit_callbacks(execute=True):
        run = poll_feed(feed=feed)
    if run.status == FeedRunStatus.FAILED:
        assert run.error.startswith("Not a feed")
        assert Ingestion.objects.count() == 0
        return
    assert run.fetched == run.new + run.duplicate + run.failed
    # Entry links point at the publishers' hosts, which the test resolver does not resolve: no traffic leaves.
    for ingestion in Ingestion.objects.all():
        assert ingestion.step in (Step.FAILED, Step.DONE)
        assert ingestion.step == Step.DONE or ingestion.error
    assert Article.objects.count() == Ingestion.objects.filter(step=Step.DONE).count()
