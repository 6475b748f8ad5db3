"""A worker killed mid-task (SIGKILL: no goodbye to the broker) costs its page under a minute, not an hour.

Redis hands an unacknowledged message back only after its visibility timeout (an hour); the run's lease
lapses in seconds instead, and the sweep that beat runs every 15 seconds queues the step again for the
worker the process manager started in its place.
"""

import os
import signal
import time

import pytest
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from config.celery import app
from ingestion.models import Ingestion, Outcome, Step
from ingestion.queueing import queue_fetch
from ingestion.services import submit_url
from sources.models import Article
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import FOUNDING_ARTICLE, html_page
from tests.ingestion.test_celery_worker import REAL_SERVICES, start_worker, stop_worker, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not REAL_SERVICES, reason="needs CELERY_BROKER_URL and a PostgreSQL DATABASE_URL"),
]


def the_sweep_every_15_seconds() -> None:
    """The schedule migration 0003 sets (tests/ingestion/test_beat_schedule.py), here again: a flush removed it."""
    every_15_seconds, _ = IntervalSchedule.objects.get_or_create(every=15, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.update_or_create(
        task="ingestion.tasks.sweep_stuck_ingestions",
        defaults={"name": "Re-queue stuck ingestions", "interval": every_15_seconds, "crontab": None},
    )


@pytest.mark.parametrize("pool", ["solo", "prefork"])
def test_a_page_whose_worker_is_killed_mid_fetch_is_ingested_within_a_minute(transactional_db, web, pool):
    web.routes["/slow"] = Route(html_page(FOUNDING_ARTICLE, title="Chan at APEC"), delay=120)
    the_sweep_every_15_seconds()
    ingestion, _ = submit_url(url=web.url("/slow"), enqueue=False)
    app.conf.task_always_eager = False  # the eager_tasks fixture puts it back
    app.control.purge()
    first = start_worker(pool=pool)
    beat = replacement = None
    try:
        queue_fetch(ingestion)  # no transaction open: sent at once
        assert wait_for(lambda: web.hits("/slow") == 1, timeout=60), "the first worker never fetched the page"
        os.killpg(first.pid, signal.SIGKILL)  # the worker and its pool processes, as a lost machine would
        first.wait()
        killed_at = time.monotonic()
        web.routes["/slow"].delay = 0
        replacement = start_worker(pool=pool)
        beat = start_worker(command=("beat", "--loglevel=WARNING", "--max-interval=5"))
        assert wait_for(lambda: Ingestion.objects.get(pk=ingestion.pk).step == Step.DONE, timeout=75), list(
            Ingestion.objects.values_list("step", "attempts", "lease_until", "unsent_since", "error")
        )
        recovered_in = time.monotonic() - killed_at
    finally:
        for process in (beat, replacement, first):
            if process is not None and process.poll() is None:
                stop_worker(process)
    ingestion.refresh_from_db()
    print(f"{pool}: ingested {recovered_in:.1f} s after its worker was killed")
    assert recovered_in < 60
    assert ingestion.outcome == Outcome.NEW
    assert ingestion.attempts == 2  # the killed run and the one after it
    assert Article.objects.count() == 1
    assert web.hits("/slow") == 2
