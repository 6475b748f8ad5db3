"""The periodic tasks stored for beat name tasks a worker knows: a renamed task must not leave a dead row."""

import pytest
from django_celery_beat.models import PeriodicTask

from config.celery import app

pytestmark = pytest.mark.django_db


def test_every_scheduled_task_is_one_the_workers_run():
    app.loader.import_default_modules()  # what a worker does at start: find every app's tasks module

    scheduled = set(PeriodicTask.objects.values_list("task", flat=True))

    assert scheduled == {
        "ingestion.tasks.poll_due_feeds",
        "ingestion.tasks.sweep_stuck_ingestions",
        "releases.tasks.make_weekly_release",
    }
    assert scheduled <= set(app.tasks)


def test_the_sweep_runs_every_15_seconds():
    """Often enough that a step whose worker was killed is queued again within a minute (ingestion.queueing)."""
    sweep = PeriodicTask.objects.get(task="ingestion.tasks.sweep_stuck_ingestions")
    assert (sweep.interval.every, sweep.interval.period, sweep.crontab) == (15, "seconds", None)
