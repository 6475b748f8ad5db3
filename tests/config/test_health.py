"""/healthz answers 200 when the database answers, 503 when it does not."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPOSITORY


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_healthz_checks_the_configured_broker(client, settings):
    if not settings.CELERY_BROKER_URL:
        pytest.skip("no broker configured for this run (CI's PostgreSQL run sets one)")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def run_healthz_in_a_subprocess(**environment: str) -> tuple[int, dict]:
    """Call /healthz in a fresh process whose settings read `environment` (no way to unplug our own DB)."""
    script = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "response = Client().get('/healthz', HTTP_HOST='localhost')\n"
        "print(json.dumps({'status': response.status_code, 'body': response.json()}))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    return answer["status"], answer["body"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "database_url",
    [
        "sqlite:////nonexistent-directory/initiative-tracker.sqlite3",
        # Port 9 (discard) has no PostgreSQL: the connection is refused at once.
        "postgres://postgres@127.0.0.1:9/initiative_tracker",
    ],
)
def test_healthz_is_503_when_the_database_does_not_answer(database_url):
    status, body = run_healthz_in_a_subprocess(DATABASE_URL=database_url, CELERY_BROKER_URL="")
    assert status == 503
    assert body["status"] == "error"
    assert body["checks"]["database"] == "error"


@pytest.mark.slow
def test_healthz_is_503_when_the_configured_broker_does_not_answer(tmp_path):
    status, body = run_healthz_in_a_subprocess(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", CELERY_BROKER_URL="redis://127.0.0.1:9/0"
    )
    assert status == 503
    assert body["checks"] == {"database": "ok", "broker": "error"}
