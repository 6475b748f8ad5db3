"""The beat schedule names the pipeline's tasks by their new module: `articles.tasks.*` is now `ingestion.tasks.*`.

A message queued under an old name before the deployment is refused by the new workers; the sweep
(every five minutes) queues its ingestion again, and the next minute's tick polls the feeds, so none is lost.
"""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr


def rename(apps, old: str, new: str) -> None:
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__startswith=old).update(task=Concat(Value(new), Substr(F("task"), len(old) + 1)))


def forward(apps, schema_editor):
    rename(apps, "articles.tasks.", "ingestion.tasks.")


def backward(apps, schema_editor):
    rename(apps, "ingestion.tasks.", "articles.tasks.")


class Migration(migrations.Migration):
    dependencies = [
        ("ingestion", "0001_initial"),
        ("articles", "0004_beat_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
