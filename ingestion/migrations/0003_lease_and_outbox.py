"""The outbox and the lease of ingestion.queueing, and the sweep that reads them every 15 seconds, not 5 minutes.

A worker killed mid-task is noticed when its lease lapses (15 s) and the next sweep queues its step again:
the sweep must run often for that to take under a minute. A schedule an editor changed is left as it is.
"""

from django.db import migrations, models

SWEEP = "ingestion.tasks.sweep_stuck_ingestions"


def sweep_every_15_seconds(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_15_seconds, _ = IntervalSchedule.objects.get_or_create(every=15, period="seconds")
    PeriodicTask.objects.filter(task=SWEEP, crontab__minute="*/5").update(interval=every_15_seconds, crontab=None)


def sweep_every_5_minutes(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_five_minutes, _ = CrontabSchedule.objects.get_or_create(
        minute="*/5", hour="*", day_of_week="*", day_of_month="*", month_of_year="*", timezone="UTC"
    )
    PeriodicTask.objects.filter(task=SWEEP, interval__every=15, interval__period="seconds").update(
        crontab=every_five_minutes, interval=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ingestion", "0002_beat_task_names"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="ingestion",
            name="lease_until",
            field=models.DateTimeField(
                blank=True, editable=False, help_text="A run holds its step until then, renewed while it runs.", null=True
            ),
        ),
        migrations.AddField(
            model_name="ingestion",
            name="unsent_since",
            field=models.DateTimeField(
                blank=True, editable=False, help_text="Set while its step's message is owed to the broker.", null=True
            ),
        ),
        migrations.RunPython(sweep_every_15_seconds, sweep_every_5_minutes),
    ]
