"""The weekly release, as a django-celery-beat row that editors can change in the admin: Mondays, 03:00 UTC.

get_or_create: a schedule an editor changed is left as it is when migrations run again.
"""

import json

from django.db import migrations

WEEKLY = ("Make the weekly dataset release", "releases.tasks.make_weekly_release")


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    mondays, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="3", day_of_week="1", day_of_month="*", month_of_year="*", timezone="UTC"
    )
    PeriodicTask.objects.get_or_create(
        name=WEEKLY[0], defaults={"task": WEEKLY[1], "crontab": mondays, "args": json.dumps([])}
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=WEEKLY[0]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0002_no_update"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
