"""Poll a feed: conditional GET, entries queued as ingestions, a run report, health and backoff."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ingestion.feeds.parse import FeedError, parse_feed
from ingestion.fetch import FetchError, SafeFetcher
from ingestion.models import Feed, FeedRun, FeedRunStatus, Ingestion
from ingestion.services import queue_fetch
from sources.canonical import canonical_url, validate_url


def poll_feed(*, feed: Feed, fetcher: SafeFetcher | None = None) -> FeedRun:
    """Fetch one feed (outside any transaction), then record its entries and the run in one transaction."""
    started_at = timezone.now()
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        if fetcher is not None:
            result = fetcher.get(feed.url, headers=headers)
        else:
            with SafeFetcher() as own:
                result = own.get(feed.url, headers=headers)
        parsed = None if result.not_modified else parse_feed(result.content)
    except (FetchError, FeedError) as error:
        return _record_failure(feed=feed, started_at=started_at, error=str(error))
    with transaction.atomic():
        feed = Feed.objects.select_for_update().get(pk=feed.pk)
        run = FeedRun(feed=feed, started_at=started_at, http_status=result.status)
        if parsed is None:
            run.status = FeedRunStatus.NOT_MODIFIED
        else:
            run.status = FeedRunStatus.OK
            _queue_entries(feed, parsed, run)
            feed.etag = result.headers.get("etag", "")[:500]
            feed.last_modified = result.headers.get("last-modified", "")[:100]
            if not feed.title and parsed.title:
                feed.title = parsed.title
        run.finished_at = timezone.now()
        run.full_clean()
        run.save()
        feed.last_polled_at = feed.last_success_at = run.finished_at
        feed.consecutive_failures = 0
        feed.last_error = ""
        feed.next_poll_at = run.finished_at + feed.poll_interval
        feed.save()
    return run


def _queue_entries(feed: Feed, parsed, run: FeedRun) -> None:
    run.fetched = len(parsed.entries)
    notes = list(parsed.warnings)
    by_key: dict[str, Ingestion] = {}
    for entry in parsed.entries:
        ingestion = Ingestion(url=entry.link, url_key=canonical_url(entry.link), feed=feed)
        try:
            validate_url(entry.link)
            # The feed is locked (it exists) and a page added meanwhile is caught below: only the fields need checking.
            ingestion.full_clean(exclude=["feed"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            # One bad entry costs only itself: the others are queued, and the run says which and why.
            run.failed += 1
            name = entry.title or entry.guid or "(untitled)"
            notes.append(f"Entry {name!r} skipped: {error.messages[0]} ({entry.link[:200]!r})")
            continue
        by_key.setdefault(ingestion.url_key, ingestion)
    known = set(Ingestion.objects.filter(url_key__in=by_key).values_list("url_key", flat=True))
    run.duplicate = run.fetched - run.failed - (len(by_key) - len(known))
    new = [ingestion for key, ingestion in by_key.items() if key not in known]
    try:
        with transaction.atomic():
            new = Ingestion.objects.bulk_create(new)
    except IntegrityError:
        # An editor or another feed added one of these pages since we looked: one at a time, then.
        new = [_create_ingestion(feed, ingestion) for ingestion in new]
    for ingestion in new:
        if ingestion is None:
            run.duplicate += 1
            continue
        queue_fetch(ingestion)
        run.new += 1
    run.notes = notes[:200]


def _create_ingestion(feed: Feed, ingestion: Ingestion) -> Ingestion | None:
    """The ingestion, inserted unless its page is known by now."""
    ingestion, created = Ingestion.objects.get_or_create(
        url_key=ingestion.url_key, defaults={"url": ingestion.url, "feed": feed}
    )
    return ingestion if created else None


def _record_failure(*, feed: Feed, started_at: datetime.datetime, error: str) -> FeedRun:
    with transaction.atomic():
        feed = Feed.objects.select_for_update().get(pk=feed.pk)
        now = timezone.now()
        feed.consecutive_failures += 1
        # Back off exponentially so that a dead feed is polled less and less, up to a ceiling.
        delay = min(
            feed.poll_interval * 2 ** min(feed.consecutive_failures, 16),
            datetime.timedelta(hours=settings.INGEST_FEED_MAX_BACKOFF_HOURS),
        )
        feed.next_poll_at = now + delay
        feed.last_polled_at = now
        feed.last_error = error[:5000]
        feed.save()
        return FeedRun.objects.create(
            feed=feed, started_at=started_at, finished_at=now, status=FeedRunStatus.FAILED, error=error[:5000]
        )


def queue_due_feeds() -> int:
    """Queue a poll of every feed whose time has come."""
    from ingestion.tasks import poll_feed as poll_feed_task

    count = 0
    for feed_id in Feed.objects.due().values_list("pk", flat=True):
        with transaction.atomic():
            # Push the next poll forward first, so that the next beat tick does not queue it again.
            claimed = (
                Feed.objects.due()
                .filter(pk=feed_id)
                .update(next_poll_at=timezone.now() + datetime.timedelta(minutes=settings.INGEST_STUCK_AFTER_MINUTES))
            )
            if claimed:
                poll_feed_task.delay_on_commit(feed_id)
                count += 1
    return count
