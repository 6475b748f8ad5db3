"""Releases are made weekly on beat's schedule, and on demand by a reviewer (admin button) or an operator (command)."""

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from config.celery import app
from releases.models import Release
from releases.tasks import make_weekly_release

pytestmark = pytest.mark.django_db

MAKE = "/admin/releases/release/make/"


def test_the_weekly_release_is_on_the_beat_schedule():
    app.loader.import_default_modules()

    weekly = PeriodicTask.objects.get(task="releases.tasks.make_weekly_release")

    assert weekly.task in app.tasks
    assert weekly.enabled
    assert (weekly.crontab.minute, weekly.crontab.hour, weekly.crontab.day_of_week) == ("0", "3", "1")
    assert (weekly.crontab.day_of_month, weekly.crontab.month_of_year) == ("*", "*")


def test_the_weekly_task_run_twice_makes_one_release(demo):
    make_weekly_release.apply()
    make_weekly_release.apply()  # acknowledged late: a worker may run it again

    assert Release.objects.count() == 1
    assert Release.objects.get().made_by == ""


def test_the_command_makes_a_release_and_says_when_it_did_not(demo, capsys):
    call_command("make_release")
    call_command("make_release")

    out = capsys.readouterr().out
    assert "Made release 1" in out
    assert "no new release made" in out


def test_a_reviewer_makes_a_release_from_the_admin(client, reviewer, demo):
    client.force_login(reviewer)

    changelist = client.get("/admin/releases/release/")
    response = client.post(MAKE, follow=True)

    assert changelist.status_code == 200
    assert "Make a release now" in changelist.content.decode()
    assert response.status_code == 200
    assert "Made release 1" in response.content.decode()
    assert Release.objects.get().made_by == reviewer.username


def test_making_a_release_needs_the_reviewer_permission(client, editor, outsider, db):
    for user in (editor, outsider):
        client.force_login(user)
        assert client.post(MAKE).status_code == 403
        assert "Make a release now" not in client.get("/admin/releases/release/").content.decode()

    assert not Release.objects.exists()


def test_making_a_release_is_a_post(client, reviewer, db):
    client.force_login(reviewer)

    assert client.get(MAKE).status_code == 405
    assert not Release.objects.exists()


def test_nobody_edits_or_deletes_a_release_in_the_admin(admin_client, demo):
    call_command("make_release")
    release = Release.objects.get()

    assert admin_client.get(f"/admin/releases/release/{release.pk}/change/").status_code == 200
    assert admin_client.post(f"/admin/releases/release/{release.pk}/change/", {"made_by": "x"}).status_code == 403
    assert admin_client.get(f"/admin/releases/release/{release.pk}/delete/").status_code == 403
