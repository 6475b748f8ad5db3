"""The periodic tasks of the ingestion pipeline, as django-celery-beat rows that editors can change in the admin.

get_or_create: a schedule an editor changed is left as it is when migrations run again.
"""

import json

from django.db import migrations

POLL = ("Poll feeds that are due", "articles.tasks.poll_due_feeds")
SWEEP = ("Re-queue stuck ingestions", "articles.tasks.sweep_stuck_ingestions")


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    # Feeds carry their own interval (Feed.poll_interval); this tick only finds the ones that are due.
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=POLL[0], defaults={"task": POLL[1], "interval": every_minute, "args": json.dumps([])}
    )
    every_five_minutes, _ = CrontabSchedule.objects.get_or_create(
        minute="*/5", hour="*", day_of_week="*", day_of_month="*", month_of_year="*", timezone="UTC"
    )
    PeriodicTask.objects.get_or_create(
        name=SWEEP[0], defaults={"task": SWEEP[1], "crontab": every_five_minutes, "args": json.dumps([])}
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[POLL[0], SWEEP[0]]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_ingestion"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
