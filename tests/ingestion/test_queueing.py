"""The outbox and the lease: a message the broker did not take is sent later; a lapsed run is queued again, once."""

import contextlib
import datetime
import time

import kombu.pools
import pytest
from django.db import transaction
from django.utils import timezone

from config.celery import app
from ingestion import queueing
from ingestion.models import Ingestion, Outcome, Step
from ingestion.services import fetch_and_store, submit_url
from sources.models import Article
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import FOUNDING_ARTICLE, html_page

pytestmark = pytest.mark.django_db

DEAD_BROKER = "redis://127.0.0.1:9/0"  # the discard port: nothing listens, the connection is refused


def _reset_broker_connections() -> None:
    """Forget the connections open to the broker (Celery's and kombu's pools): the next send connects anew."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    kombu.pools.reset()


@contextlib.contextmanager
def broker_down():
    """A broker that refuses connections, for real: publishing raises as it does in an outage."""
    names = ("broker_url", "broker_write_url", "task_always_eager")
    before = {name: app.conf[name] for name in names}
    _reset_broker_connections()
    app.conf.update(broker_url=DEAD_BROKER, broker_write_url=DEAD_BROKER, task_always_eager=False)
    try:
        yield
    finally:
        app.conf.update(before)
        _reset_broker_connections()


def ago(seconds: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


def test_a_message_the_broker_refused_stays_owed_and_the_sweep_sends_it(web, django_capture_on_commit_callbacks):
    web.routes["/apec"] = Route(html_page(FOUNDING_ARTICLE))
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        ingestion, created = submit_url(url=web.url("/apec"))  # no exception: the row is the outbox
    ingestion.refresh_from_db()
    assert created
    assert ingestion.step == Step.QUEUED
    assert ingestion.unsent_since is not None
    assert web.requests == []

    assert queueing.sweep() == 0  # owed for a moment only: the send may still be on its way
    Ingestion.objects.filter(pk=ingestion.pk).update(unsent_since=ago(10))
    with django_capture_on_commit_callbacks(execute=True):  # the broker is back: the task runs in-process
        assert queueing.sweep() == 1
    ingestion.refresh_from_db()
    assert (ingestion.step, ingestion.outcome, ingestion.unsent_since) == (Step.DONE, Outcome.NEW, None)
    assert Article.objects.count() == 1


def test_a_commit_whose_message_was_never_sent_is_sent_by_the_sweep(web, django_capture_on_commit_callbacks):
    """The process died between the commit and the send: the mark was committed with the step."""
    web.routes["/apec"] = Route(html_page(FOUNDING_ARTICLE))
    with django_capture_on_commit_callbacks(execute=False) as never_run, transaction.atomic():
        ingestion, _ = submit_url(url=web.url("/apec"))
    assert len(never_run) == 1
    Ingestion.objects.filter(pk=ingestion.pk).update(unsent_since=ago(10))
    with django_capture_on_commit_callbacks(execute=True):
        assert queueing.sweep() == 1
    assert Ingestion.objects.get(pk=ingestion.pk).step == Step.DONE


def test_a_sent_message_clears_the_mark(web, django_capture_on_commit_callbacks):
    web.routes["/apec"] = Route(html_page(FOUNDING_ARTICLE))
    with django_capture_on_commit_callbacks(execute=True):
        ingestion, _ = submit_url(url=web.url("/apec"))
    ingestion.refresh_from_db()
    assert ingestion.unsent_since is None
    assert ingestion.lease_until is None  # done: nobody holds it
    assert queueing.sweep() == 0


def test_a_step_held_by_a_live_run_is_claimed_by_no_other(web):
    web.routes["/apec"] = Route(html_page(FOUNDING_ARTICLE))
    ingestion, _ = submit_url(url=web.url("/apec"), enqueue=False)
    assert queueing.claim(ingestion.pk, waiting_in=(Step.QUEUED, Step.FETCHING), step=Step.FETCHING) == (True, False)
    # A second delivery of the same message (a redelivery after a lost connection, a sweep) finds it held.
    assert fetch_and_store(ingestion_id=ingestion.pk) is None
    assert web.requests == []
    assert queueing.sweep() == 0  # the lease is alive
    ingestion.refresh_from_db()
    assert ingestion.attempts == 1


def test_a_lapsed_lease_is_queued_again_once(web, django_capture_on_commit_callbacks):
    """Its worker was killed: the lease was not renewed; one sweep queues it, the next finds it queued."""
    web.routes["/apec"] = Route(html_page(FOUNDING_ARTICLE))
    ingestion, _ = submit_url(url=web.url("/apec"), enqueue=False)
    queueing.claim(ingestion.pk, waiting_in=(Step.QUEUED, Step.FETCHING), step=Step.FETCHING)
    Ingestion.objects.filter(pk=ingestion.pk).update(lease_until=ago(6))
    with django_capture_on_commit_callbacks(execute=False) as sent:
        assert queueing.sweep() == 1
        assert queueing.sweep() == 0  # queued, not yet claimed: not queued twice
    assert len(sent) == 1
    for callback in sent:
        callback()
    ingestion.refresh_from_db()
    assert (ingestion.step, ingestion.attempts, ingestion.lease_until) == (Step.DONE, 2, None)
    assert Article.objects.count() == 1


def test_a_retry_waiting_for_its_countdown_is_left_to_it(web):
    web.routes["/apec"] = Route(html_page(FOUNDING_ARTICLE))
    ingestion, _ = submit_url(url=web.url("/apec"), enqueue=False)
    queueing.claim(ingestion.pk, waiting_in=(Step.QUEUED, Step.FETCHING), step=Step.FETCHING)
    queueing.hold_until(ingestion.pk, timezone.now() + datetime.timedelta(minutes=10))
    assert queueing.sweep() == 0
    assert queueing.claim(ingestion.pk, waiting_in=(Step.FETCHING,), step=Step.FETCHING) == (False, False)
    Ingestion.objects.filter(pk=ingestion.pk).update(lease_until=ago(1))  # its countdown is over
    assert queueing.claim(ingestion.pk, waiting_in=(Step.FETCHING,), step=Step.FETCHING) == (True, False)


def test_a_run_renews_its_lease_while_it_runs(transactional_db, web, monkeypatch):
    """From a thread of its own, with its own connection: a long fetch keeps what it holds."""
    web.routes["/apec"] = Route(html_page(FOUNDING_ARTICLE))
    ingestion, _ = submit_url(url=web.url("/apec"), enqueue=False)
    queueing.claim(ingestion.pk, waiting_in=(Step.QUEUED,), step=Step.FETCHING)
    Ingestion.objects.filter(pk=ingestion.pk).update(lease_until=ago(60))
    monkeypatch.setattr(queueing, "RENEW_EVERY", 0.05)
    with queueing.renewed(ingestion.pk, Step.FETCHING):
        time.sleep(0.5)
    assert Ingestion.objects.get(pk=ingestion.pk).lease_until > timezone.now() + queueing.LEASE / 2
