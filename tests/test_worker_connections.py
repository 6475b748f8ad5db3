"""A worker keeps its database connection across tasks, but never a broken or expired one."""

import time
from types import SimpleNamespace

import pytest
from django.db import connection

from config.celery import close_broken_or_old_connections

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database ignores close()"),
]


def _task(*, eager: bool):
    return SimpleNamespace(request=SimpleNamespace(is_eager=eager))


def test_a_live_connection_is_kept_across_tasks():
    # A connection of its own age: the suite's may have been open past CONN_MAX_AGE (60 s) by now, and expired.
    connection.close()
    connection.ensure_connection()
    opened = connection.connection
    close_broken_or_old_connections(task=_task(eager=False))
    assert connection.connection is opened


def test_an_expired_connection_is_closed_before_the_next_task():
    connection.ensure_connection()
    connection.close_at = time.monotonic() - 1
    close_broken_or_old_connections(task=_task(eager=True))
    assert connection.connection is not None  # an in-process task leaves its caller's connection alone
    close_broken_or_old_connections(task=_task(eager=False))
    assert connection.connection is None


def test_a_broken_connection_is_closed_before_the_next_task():
    connection.ensure_connection()
    connection.errors_occurred = True
    connection.connection.close()  # what a database restart does to it
    close_broken_or_old_connections(task=_task(eager=False))
    assert connection.connection is None
