"""A client nobody here wrote can trust the schema: openapi-python-client generates one from the schema the API
serves, and it walks the API on the demo data and records whose names carry `&`, quotes, `<`, accents and Chinese.

The generator and what its code imports (httpx, attrs) live in a virtualenv of their own outside git
(`artifacts/openapi-client`, made by .ci/run from .ci/openapi-client.txt; `OPENAPI_CLIENT_VENV` names another), so
that its pins never touch ours; the walk (tests/api/generated_client_walk.py) runs with that virtualenv's python.
Skipped, with the reason, where it is missing; in CI (`CI=true`), which installs it, a missing generator fails.
"""

import io
import json
import os
import subprocess
import time

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.migrations.state import ProjectState

from api.services import issue_api_key
from config.celery import app as celery_app
from editorial.merge import merge_records
from editorial.models import writes_through
from editorial.roles import EDITOR, sync_roles
from editorial.workflow import save_record, transition
from initiatives.models import Initiative, Milestone, Theme
from meetings.models import Meeting, Statement
from people.models import Jurisdiction, Organization, Person, Post
from sources.models import Article
from tests.api.conftest import make_user
from tests.api.records import BUILDERS, Shared, live
from tests.conftest import REPOSITORY
from tests.factories import CitationFactory, InitiativeFactory, MeetingFactory, PersonFactory

VENV = REPOSITORY / os.environ.get("OPENAPI_CLIENT_VENV", "artifacts/openapi-client")
WALK = REPOSITORY / "tests" / "api" / "generated_client_walk.py"
# Names a client must carry whole: markup, quotes, an ampersand, accents, Chinese.
HARD = '&<b> "Ñandú" l\'été & <Zoë> 創新科技'
# Every name-like field the generated records get HARD in.
NAMES = {
    Jurisdiction: "name",
    Organization: "name",
    Post: "title",
    Person: "full_name",
    Theme: "name",
    Initiative: "name",
    Milestone: "description",
    Meeting: "name",
    Statement: "summary",
    Article: "title",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def generator() -> str:
    """The generator's command; the test skips without it (before any data is loaded), except in CI."""
    command = VENV / "bin" / "openapi-python-client"
    if not command.exists():
        missing = (
            f"openapi-python-client is not at {command} (python3 -m venv {VENV} && "
            f"{VENV}/bin/pip install -r .ci/openapi-client.txt)"
        )
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail(f"CI must run the generated client: {missing}")
        pytest.skip(missing)
    return str(command)


@pytest.fixture
def eager_tasks():
    """The ingestion runs in the request, on a broker too: the round trip ends with the page stored, and nothing
    is left queued for a later test's worker."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


def _publish(record, *, source: Article):
    """A new record through the workflow: saved, cited, submitted and published."""
    save_record(record=record, by=None)
    CitationFactory(record=record, article=source)
    transition(record=record, action="submit", by=None)
    return transition(record=record, action="publish", by=None)


def _hard_records() -> None:
    """One record of every resource with every relation filled (tests/api/records.py), a dozen more initiatives,
    people and meetings, a merged person and a withdrawn theme, all with HARD in their names; the demo data's own
    names are left as they are."""
    before = {model: set(model.objects.values_list("pk", flat=True)) for model in NAMES}
    shared = Shared.create(jurisdiction_code="XA")  # the demo data has HK
    for build in BUILDERS.values():
        build(shared)
    for _ in range(12):
        live(InitiativeFactory, jurisdiction=shared.jurisdiction, parent=shared.initiative)
        live(PersonFactory)
        live(MeetingFactory, organizer=shared.organization)
    with writes_through("tests.api.test_generated_client"):  # set up as the factories are, with no revision
        for model, field in NAMES.items():
            for row in model.objects.exclude(pk__in=before[model]):
                setattr(row, field, f"{HARD} {getattr(row, field)}")
                row.save(update_fields=[field])
    # Through the workflow, so that the change feed tells them: a person merged into another (its UUID answers
    # 301) and a theme withdrawn (410).
    duplicate = _publish(Person(slug="hard-duplicate", full_name=f"{HARD} duplicate"), source=shared.article)
    merge_records(duplicate=duplicate, survivor=Person.objects.get(slug="paul-chan-mo-po"), by=None)
    withdrawn = _publish(Theme(slug="hard-withdrawn", name=f"{HARD} withdrawn"), source=shared.article)
    transition(record=withdrawn, action="unpublish", by=None, comment=f"Withdrawn: {HARD}")


def test_generated_client_parses_every_response(
    generator, live_server, transactional_db, eager_tasks, django_user_model, settings, tmp_path
):
    # The live server answers to its own name; the ingest round trip fetches a page of it.
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    settings.INGEST_ALLOW_LOOPBACK = True
    # A transactional test's flush empties the groups the data migrations made (tests/admin_browser/conftest.py).
    sync_roles(ProjectState.from_apps(apps).apps)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    _hard_records()
    user = make_user(django_user_model, "walker", staff=True)
    user.groups.add(apps.get_model("auth", "Group").objects.get(name=EDITOR))
    _key, raw_key = issue_api_key(name="generated client", owner=user, requests_per_minute=1_000_000)

    package = tmp_path / "initiative_tracker_client"
    config = tmp_path / "config.yaml"
    config.write_text("post_hooks: []\n")  # no formatting of the generated code: it is read by nobody
    generated = subprocess.run(
        [
            generator,
            "generate",
            "--url",
            f"{live_server.url}/api/v1/schema/?format=json",
            "--output-path",
            str(package),
            "--meta",
            "none",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    # A warning means an operation or a type the generator could not read, left out of the client.
    assert "Warning" not in generated.stdout + generated.stderr, generated.stdout + generated.stderr

    page = f"{live_server.url}/initiatives/innovation-and-technology-investment/"
    started = time.monotonic()
    walked = subprocess.run(
        [str(VENV / "bin" / "python"), str(WALK), str(package), live_server.url, raw_key, page],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert walked.returncode == 0, walked.stdout + walked.stderr
    report = json.loads(walked.stdout)
    calls = sum(report["calls"].values())
    print(
        f"\ngenerated client: {calls} calls in {time.monotonic() - started:.0f} s over {len(report['resources'])} "
        f"resources, {report['records']} records, {report['changes']} changes ({report['withdrawn']} records "
        f"withdrawn or merged, read back), an ingestion {report['ingested']}; "
        f"{len(report['failures'])} failures. Calls: {report['calls']}"
    )
    assert report["failures"] == [], "\n".join(report["failures"][:50])
    assert len(report["resources"]) == 12
    assert report["withdrawn"] >= 2, "the merged person and the withdrawn theme, read back"
    assert report["ingested"] == "stored", "the live server's own page, fetched and stored in the request"
