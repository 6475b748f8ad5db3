"""The Celery app, configured from Django settings (the CELERY_* names)."""

import faulthandler
import os
import signal
import sys
from types import SimpleNamespace

from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import task_postrun, task_prerun, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("initiative_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def close_broken_or_old_connections(task=None, **kwargs) -> None:
    """What Django does around each request, around each task: a broken or expired connection is not reused.

    Workers keep their connection across tasks (CELERY_DB_REUSE_MAX); without this, one dropped
    connection (a database restart) would fail every task until the worker restarted. In-process
    (eager) tasks run inside the caller's request or transaction, which owns the connection.
    """
    if task is not None and not getattr(task.request, "is_eager", False):
        from django.db import close_old_connections

        close_old_connections()


# Time limits in a solo worker. Celery enforces CELERY_TASK_TIME_LIMIT and CELERY_TASK_SOFT_TIME_LIMIT from a
# prefork worker's main process; a solo worker (`--pool=solo`, one process per core that runs its tasks
# itself) has no other process to do it, and Celery skips them. There the process sets its own: a timer
# signal raises SoftTimeLimitExceeded in the task at the soft limit, and at the hard limit a watchdog thread
# that needs no Python code to run (faulthandler) prints every thread's stack and ends the process, even
# one stuck in C code. Unacknowledged, the message goes back to the queue; the process manager starts a new
# worker, and the ingestion's attempt count stops a page that does this every time (INGEST_MAX_ATTEMPTS).
_solo = SimpleNamespace(enabled=False)


@worker_init.connect
def note_the_pool(sender=None, **kwargs) -> None:
    from celery.concurrency import get_implementation
    from celery.concurrency.solo import TaskPool as SoloPool

    pool = get_implementation(getattr(sender, "pool_cls", None) or app.conf.worker_pool)
    _solo.enabled = isinstance(pool, type) and issubclass(pool, SoloPool)


def _time_limits(task) -> tuple[float | None, float | None]:
    """(hard, soft) seconds for this run: the message's own, else the task's, else the settings'."""
    hard, soft = getattr(task.request, "timelimit", None) or (None, None)
    return (
        hard or task.time_limit or app.conf.task_time_limit,
        soft or task.soft_time_limit or app.conf.task_soft_time_limit,
    )


def _soft_time_limit_exceeded(signum, frame):
    raise SoftTimeLimitExceeded()


@task_prerun.connect
def arm_solo_time_limits(task=None, **kwargs) -> None:
    if not _solo.enabled or task is None or getattr(task.request, "is_eager", False):
        return
    hard, soft = _time_limits(task)
    if soft:
        signal.signal(signal.SIGALRM, _soft_time_limit_exceeded)
        signal.setitimer(signal.ITIMER_REAL, soft)
    if hard:
        # To the process's own stderr: Celery replaces sys.stderr with a logger, which has no file descriptor.
        faulthandler.dump_traceback_later(hard, exit=True, file=sys.__stderr__)


@task_postrun.connect
def disarm_solo_time_limits(task=None, **kwargs) -> None:
    if not _solo.enabled:
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    faulthandler.cancel_dump_traceback_later()
