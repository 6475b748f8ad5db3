"""A real Celery worker on the real broker and PostgreSQL: a feed is polled, its articles appear, linked."""

import contextlib
import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from config.celery import app
from ingestion.models import Feed, Ingestion, Mention, Step, Suggestion
from ingestion.tasks import poll_feed
from sources.models import Article
from tests.conftest import REPOSITORY
from tests.factories import MembershipFactory, PersonFactory, PostFactory
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import FOUNDING_ARTICLE, html_page, rss

REAL_SERVICES = os.environ.get("CELERY_BROKER_URL") and os.environ.get("DATABASE_URL", "").startswith("postgres")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not REAL_SERVICES, reason="needs CELERY_BROKER_URL and a PostgreSQL DATABASE_URL"),
]


def start_worker(
    concurrency: int = 1, *, pool: str = "prefork", env: dict | None = None, command: tuple[str, ...] = ()
) -> subprocess.Popen:
    """`celery -A config worker` on the test database (pytest-django's test_<name>), the local server allowed.

    In a session of its own, so that a test can kill the worker with all its pool processes. `command`
    runs another Celery command on the same database instead (beat).
    """
    env = celery_env(env)
    command = command or (
        "worker", "--loglevel=WARNING", f"--concurrency={concurrency}", f"--pool={pool}", "--without-heartbeat",
        "--without-gossip", "--without-mingle",
    )  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", *command], cwd=REPOSITORY, env=env, start_new_session=True
    )


def celery_env(env: dict | None = None) -> dict:
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {
        **os.environ, "DATABASE_URL": url, "INGEST_ALLOW_LOOPBACK": "true", "INGEST_LINKER_CHECK_SECONDS": "0",
        **(env or {}),
    }  # fmt: skip
    return env


def stop_worker(worker: subprocess.Popen) -> None:
    """A warm shutdown, then whatever of its session is left (a pool process): none keeps a database connection
    that would stop pytest from dropping the test database."""
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGKILL)


def wait_for(condition, timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_a_real_worker_polls_a_feed_and_links_its_articles(transactional_db, web):
    app.conf.task_always_eager = False  # the eager_tasks fixture puts it back
    chan = PersonFactory(full_name="Paul Chan Mo-po", family_name="Chan")
    MembershipFactory(person=chan, post=PostFactory(title="Financial Secretary"), start_date=datetime.date(2017, 1, 16))
    web.routes["/apec"] = Route(html_page(FOUNDING_ARTICLE, title="Chan at APEC"))
    web.routes["/sport"] = Route(html_page("United beat Liverpool 2-1 at Old Trafford on a wet Sunday afternoon."))
    web.routes["/feed.xml"] = Route(rss([("APEC", web.url("/apec")), ("Sport", web.url("/sport"))]),
                                    headers={"Content-Type": "application/rss+xml"})  # fmt: skip
    feed = Feed.objects.create(url=web.url("/feed.xml"))
    app.control.purge()
    worker = start_worker()
    try:
        poll_feed.delay(feed.pk)
        assert wait_for(lambda: Ingestion.objects.filter(step=Step.DONE).count() == 2), list(
            Ingestion.objects.values_list("url", "step", "error")
        )
    finally:
        stop_worker(worker)
    apec = Article.objects.get(url__endswith="/apec")
    assert Mention.objects.filter(article=apec, kind="person", method="role").exists()
    assert Suggestion.objects.filter(article=apec, kind="amount", normalized="HKD 200000000000").exists()
    assert not Mention.objects.filter(article__url__endswith="/sport").exists()
    assert feed.runs.get().new == 2
