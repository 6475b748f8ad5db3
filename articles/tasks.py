"""Thin Celery tasks: ids in, services do the work. Acknowledged late: a killed worker loses nothing."""

from celery import shared_task

from articles.feeds import services as feed_services
from articles.feeds.models import Feed
from articles.fetch import TransientFetchError
from articles.ingestion import services as ingestion_services
from articles.ingestion.models import Step
from articles.linking import services as linking_services

MAX_RETRIES = 5


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def ingest_page(self, ingestion_id: int) -> None:
    """Fetch, extract and store one page, then queue its linking."""
    try:
        ingestion_services.fetch_and_store(ingestion_id=ingestion_id)
    except TransientFetchError as error:
        if self.request.retries >= self.max_retries:
            ingestion_services.mark_failed(ingestion_id=ingestion_id, step=Step.FETCHING, error=str(error))
            return
        # Exponential backoff with a ceiling: 30 s, 1 min, 2 min... for a site that is down for a while.
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from None


@shared_task(acks_late=True)
def link_ingestion(ingestion_id: int) -> None:
    """Link one stored article and suggest what it states that we do not have."""
    try:
        linking_services.link_ingestion(ingestion_id=ingestion_id)
    except Exception as error:
        ingestion_services.mark_failed(ingestion_id=ingestion_id, step=Step.LINKING, error=repr(error))
        raise


@shared_task(acks_late=True)
def poll_feed(feed_id: int) -> None:
    """Poll one feed and queue its new entries."""
    feed = Feed.objects.filter(pk=feed_id, is_active=True).first()
    if feed is None:
        return  # deleted or paused since queued
    feed_services.poll_feed(feed=feed)


@shared_task(acks_late=True)
def poll_due_feeds() -> int:
    """Queue a poll of every feed that is due (run every minute by beat)."""
    return feed_services.queue_due_feeds()


@shared_task(acks_late=True)
def sweep_stuck_ingestions() -> int:
    """Queue again the ingestions stuck in a step (run by beat)."""
    return ingestion_services.sweep_stuck_ingestions()
