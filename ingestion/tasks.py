"""Thin Celery tasks: ids in, services do the work. Acknowledged late: a killed worker loses nothing."""

import datetime
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_init
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connections
from django.utils import timezone

from ingestion import queueing
from ingestion import services as ingestion_services
from ingestion.extract import warm_up as warm_up_extractor
from ingestion.feeds import services as feed_services
from ingestion.fetch import SafeFetcher, TransientFetchError
from ingestion.linking import registry
from ingestion.linking import services as linking_services
from ingestion.linking.matcher import get_linker
from ingestion.models import Feed, Step

MAX_RETRIES = 5
logger = logging.getLogger(__name__)


@worker_init.connect
def build_shared_state(**kwargs) -> None:
    """Build the per-process caches once, in the worker's main process, before it forks its pool processes.

    Each pool process would otherwise build the linker's automaton, import the HTTP stack, load the
    CA bundle and compile the extractor's patterns on its first article (some 100 ms, far more with
    many names); forked, they share one copy instead.
    """
    try:
        get_linker()
        for linkable in registry.linkables():
            ContentType.objects.get_for_model(linkable.model)
    except DatabaseError:
        logger.warning("Could not build the linker at start; each worker process builds it on its first article.")
    finally:
        connections.close_all()  # each pool process opens its own
    SafeFetcher().close()  # imports the HTTP stack and loads the CA bundle
    warm_up_extractor()


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def ingest_page(self, ingestion_id: int) -> None:
    """Fetch, extract, link and store one page: one message and one write transaction per article."""
    try:
        with queueing.renewed(ingestion_id, Step.FETCHING, eager=self.request.is_eager):
            ingestion_services.fetch_and_store(ingestion_id=ingestion_id)
    except SoftTimeLimitExceeded:
        # Whatever the run had begun to write was rolled back with its transaction.
        error = f"The page took longer than the time limit ({_soft_time_limit(self)} s) to fetch, extract and link."
        ingestion_services.mark_failed(ingestion_id=ingestion_id, step=Step.FETCHING, error=error)
    except TransientFetchError as error:
        if self.request.retries >= self.max_retries:
            ingestion_services.mark_failed(ingestion_id=ingestion_id, step=Step.FETCHING, error=str(error))
            return
        # Exponential backoff with a ceiling: 30 s, 1 min, 2 min... for a site that is down for a while.
        countdown = min(30 * 2**self.request.retries, 1800)
        # Held for the countdown: the sweep leaves it to the retry, and takes it back if the retry is lost.
        queueing.hold_until(ingestion_id, timezone.now() + datetime.timedelta(seconds=countdown))
        raise self.retry(exc=error, countdown=countdown) from None


def _soft_time_limit(task) -> float | None:
    """The soft time limit this run had: the message's own, else the task's, else the settings'."""
    _, soft = task.request.timelimit or (None, None)
    return soft or task.soft_time_limit or task.app.conf.task_soft_time_limit


@shared_task(bind=True, acks_late=True)
def link_ingestion(self, ingestion_id: int) -> None:
    """Link a stored article again: after a failure, a sweep, or a duplicate stored in another spelling."""
    if not ingestion_services.claim_link(ingestion_id=ingestion_id):
        return  # linked already, or given up after its last attempt
    try:
        with queueing.renewed(ingestion_id, Step.LINKING, eager=self.request.is_eager):
            linking_services.link_ingestion(ingestion_id=ingestion_id)
    except SoftTimeLimitExceeded:
        # Its mentions and suggestions are written in one transaction, rolled back with it: none half-written.
        error = f"Linking the article took longer than the time limit ({_soft_time_limit(self)} s)."
        ingestion_services.mark_failed(ingestion_id=ingestion_id, step=Step.LINKING, error=error)
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
    """Queue again each step whose message was not sent, whose worker is gone, or that was lost (beat, every 15 s)."""
    return queueing.sweep()
