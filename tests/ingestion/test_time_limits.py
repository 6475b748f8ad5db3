"""A page that never finishes is given up with an error an editor reads, in a prefork worker and a solo one."""

import datetime
import os
import subprocess
import sys
import textwrap
import time

import pytest
from django.utils import timezone

from config.celery import app
from ingestion.models import Ingestion, Mention, Step
from ingestion.queueing import sweep as sweep_stuck_ingestions
from ingestion.services import fetch_and_store, retry_ingestion, submit_url
from ingestion.tasks import ingest_page
from tests.conftest import REPOSITORY
from tests.factories import ArticleFactory, PersonFactory
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import FOUNDING_ARTICLE, html_page
from tests.ingestion.test_celery_worker import REAL_SERVICES, start_worker, stop_worker, wait_for


@pytest.mark.django_db
def test_the_fetch_step_is_given_up_after_its_last_attempt(web, settings, django_capture_on_commit_callbacks):
    """Each attempt was stopped before its end (a killed worker, a hard time limit): the sweep queued it again."""
    web.routes["/stops-every-worker"] = Route(html_page(FOUNDING_ARTICLE))
    ingestion, _ = submit_url(url=web.url("/stops-every-worker"), enqueue=False)
    stale = timezone.now() - datetime.timedelta(hours=1)
    Ingestion.objects.filter(pk=ingestion.pk).update(
        step=Step.FETCHING, attempts=settings.INGEST_MAX_ATTEMPTS, updated_at=stale
    )
    with django_capture_on_commit_callbacks(execute=True):  # the sweep queues it; the task runs in-process
        assert sweep_stuck_ingestions() == 1
    ingestion.refresh_from_db()
    assert ingestion.step == Step.FAILED
    assert ingestion.failed_step == Step.FETCHING
    assert f"Given up after {settings.INGEST_MAX_ATTEMPTS} attempts" in ingestion.error
    assert web.requests == []  # not fetched once more
    assert ingestion.article is None
    assert sweep_stuck_ingestions() == 0  # failed: no sweep queues it again


@pytest.mark.django_db
def test_the_link_step_is_given_up_after_its_last_attempt(settings, django_capture_on_commit_callbacks):
    PersonFactory(full_name="Paul Chan Mo-po", family_name="Chan")
    article = ArticleFactory(text="Paul Chan Mo-po spoke in Incheon on Wednesday about the AI institute.")
    ingestion = Ingestion.objects.create(
        url="https://news.example/links-kill-workers", url_key="links-kill-workers", article=article,
        step=Step.LINKING, attempts=settings.INGEST_MAX_ATTEMPTS,
    )  # fmt: skip
    Ingestion.objects.filter(pk=ingestion.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stuck_ingestions() == 1
    ingestion.refresh_from_db()
    assert ingestion.step == Step.FAILED
    assert ingestion.failed_step == Step.LINKING
    assert f"Given up after {settings.INGEST_MAX_ATTEMPTS} attempts" in ingestion.error
    assert not Mention.objects.filter(article=article).exists()


@pytest.mark.django_db
def test_an_attempt_under_the_limit_runs(web, settings):
    web.routes["/one-more-try"] = Route(html_page(FOUNDING_ARTICLE))
    ingestion, _ = submit_url(url=web.url("/one-more-try"), enqueue=False)
    Ingestion.objects.filter(pk=ingestion.pk).update(attempts=settings.INGEST_MAX_ATTEMPTS - 1)
    ingestion = fetch_and_store(ingestion_id=ingestion.pk, enqueue_link=False)
    assert ingestion.article is not None
    assert ingestion.attempts == settings.INGEST_MAX_ATTEMPTS


@pytest.mark.django_db
def test_an_editors_retry_starts_the_attempts_afresh(web, settings, django_capture_on_commit_callbacks):
    web.routes["/retried"] = Route(html_page(FOUNDING_ARTICLE))
    ingestion, _ = submit_url(url=web.url("/retried"), enqueue=False)
    Ingestion.objects.filter(pk=ingestion.pk).update(
        step=Step.FAILED, failed_step=Step.FETCHING, outcome="error", error="Given up.",
        attempts=settings.INGEST_MAX_ATTEMPTS,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        retry_ingestion(ingestion=Ingestion.objects.get(pk=ingestion.pk))
    ingestion.refresh_from_db()
    assert ingestion.step == Step.DONE
    assert ingestion.article is not None
    assert ingestion.attempts == 1


@pytest.mark.django_db
def test_a_link_step_past_the_soft_time_limit_fails_with_an_error_an_editor_reads(settings, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    from ingestion import tasks

    article = ArticleFactory(text="Paul Chan Mo-po spoke in Incheon on Wednesday about the AI institute.")
    ingestion = Ingestion.objects.create(
        url="https://news.example/links-slowly", url_key="links-slowly", article=article, step=Step.LINKING
    )

    def past_the_soft_limit(**kwargs):  # what the soft limit's signal raises in the task, whatever it was doing
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(tasks.linking_services, "link_ingestion", past_the_soft_limit)
    tasks.link_ingestion.apply((ingestion.pk,))
    ingestion.refresh_from_db()
    assert ingestion.step == Step.FAILED
    assert ingestion.failed_step == Step.LINKING
    assert ingestion.error == (
        f"Linking the article took longer than the time limit ({settings.CELERY_TASK_SOFT_TIME_LIMIT} s)."
    )
    assert not Mention.objects.filter(article=article).exists()


HARD_LIMIT_SCRIPT = textwrap.dedent(
    """
    import time
    from types import SimpleNamespace

    import django

    django.setup()
    from config import celery

    celery.note_the_pool(sender=SimpleNamespace(pool_cls="solo"))
    task = SimpleNamespace(
        request=SimpleNamespace(is_eager=False, timelimit=(1, None)), time_limit=None, soft_time_limit=None
    )
    celery.arm_solo_time_limits(task=task)
    print("armed", flush=True)
    time.sleep(30)  # a task that never returns
    print("not stopped", flush=True)
    """
)


def test_a_solo_worker_ends_a_task_past_its_hard_time_limit():
    """Celery enforces time limits from a prefork worker's main process only; a solo worker keeps its own."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", HARD_LIMIT_SCRIPT], cwd=REPOSITORY, capture_output=True, text=True, timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )  # fmt: skip
    assert result.stdout.strip() == "armed"
    assert result.returncode == 1
    assert "Timeout" in result.stderr
    assert 'File "<string>"' in result.stderr  # with the stack of the task
    assert time.monotonic() - started < 20


def test_a_prefork_worker_arms_no_limit_of_its_own(monkeypatch):
    """Its main process enforces them (and replaces a killed pool process): a second timer would race it."""
    import signal
    from types import SimpleNamespace

    from config import celery

    monkeypatch.setattr(celery._solo, "enabled", False)  # put back after the test, whatever it noted
    celery.note_the_pool(sender=SimpleNamespace(pool_cls="solo"))
    assert celery._solo.enabled
    celery.note_the_pool(sender=SimpleNamespace(pool_cls="prefork"))
    assert not celery._solo.enabled
    task = SimpleNamespace(request=SimpleNamespace(is_eager=False, timelimit=(30, 20)), time_limit=None,
                           soft_time_limit=None)  # fmt: skip
    celery.arm_solo_time_limits(task=task)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no timer of its own


@pytest.mark.slow
@pytest.mark.skipif(not REAL_SERVICES, reason="needs CELERY_BROKER_URL and a PostgreSQL DATABASE_URL")
@pytest.mark.parametrize("pool", ["solo", "prefork"])
def test_a_page_past_the_soft_time_limit_fails_with_an_error_an_editor_reads(transactional_db, web, pool):
    web.routes["/never-ends"] = Route(html_page(FOUNDING_ARTICLE), delay=20)
    ingestion, _ = submit_url(url=web.url("/never-ends"), enqueue=False)
    app.conf.task_always_eager = False  # the eager_tasks fixture puts it back
    app.control.purge()
    worker = start_worker(pool=pool)
    try:
        ingest_page.apply_async((ingestion.pk,), soft_time_limit=2, time_limit=10)
        assert wait_for(lambda: Ingestion.objects.get(pk=ingestion.pk).step == Step.FAILED, timeout=60), list(
            Ingestion.objects.values_list("step", "attempts", "error")
        )
    finally:
        stop_worker(worker)
    ingestion.refresh_from_db()
    assert ingestion.failed_step == Step.FETCHING
    assert "longer than the time limit (2 s)" in ingestion.error
    assert ingestion.article is None
