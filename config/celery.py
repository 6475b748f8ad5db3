"""The Celery app, configured from Django settings (the CELERY_* names)."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

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
