"""Settings come from the environment; a production run refuses unsafe defaults."""

import os
import subprocess
import sys

import pytest

from tests.conftest import REPOSITORY

pytestmark = pytest.mark.slow

A_REAL_SECRET = "x7Kq2-not-a-real-secret-but-long-and-random-enough-for-check-deploy-9fQz"


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "SITE_URL"}
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_the_development_secret_key():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "development key is refused" in result.stderr


def test_production_passes_check_deploy(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        # A database with no tables yet, as on a fresh machine: no check may need one.
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        DEBUG="false",
        SECRET_KEY=A_REAL_SECRET,
        ALLOWED_HOSTS="tracker.example.org",
        SITE_URL="https://tracker.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_is_warned_off_the_development_site_url_and_a_malformed_one_is_refused():
    """Feed ids are built from SITE_URL: ids of localhost in production would stay in every reader for good."""
    deploy = manage("check", "--deploy", DEBUG="false", SECRET_KEY=A_REAL_SECRET, ALLOWED_HOSTS="tracker.example.org")
    assert "website.W001" in deploy.stderr + deploy.stdout
    malformed = manage("check", SITE_URL="tracker.example.org/path")
    assert malformed.returncode != 0
    assert "SITE_URL must be a scheme and host" in malformed.stderr


def test_the_embedded_defaults_pass_every_check_database_ones_included(tmp_path):
    """`make run` migrates SQLite, which runs the database's own checks too: a newcomer sees no warning."""
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = manage("check", "--database", "default", "--fail-level", "WARNING", DATABASE_URL=database)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_boolean_is_an_error_not_a_silent_default():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.parametrize(
    ("broker_url", "expected"),
    [("", "eager=True broker="), ("redis://127.0.0.1:6379/15", "eager=False broker=redis://127.0.0.1:6379/15")],
)
def test_tasks_run_in_process_unless_a_broker_is_configured(broker_url, expected):
    result = manage(
        "shell",
        "--verbosity",
        "0",
        "--command",
        "from config.celery import app; "
        "print('eager=%s broker=%s' % (app.conf.task_always_eager, app.conf.broker_url or ''))",
        CELERY_BROKER_URL=broker_url,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
