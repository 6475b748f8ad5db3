"""The editors' admin in a real browser: Debian's Chromium driven by Playwright, on the demo data.

Each test starts from `load_demo` on a live server, with an Editor and a Reviewer made by `manage.py add_editor`,
each in a browser context of their own, logged in through /admin/login/. Whatever a test does in the browser, it
does by clicking and typing: no request is posted any other way. Every HTML page the server sends is kept
(`Browser.pages_sent`), so a test can parse the markup as sent, before the browser repairs it.
"""

import io
import os

import pytest
from django.core.management import call_command

from tests.conftest import REPOSITORY
from tests.website.test_browser import AXE, CHROMIUM, CHROMIUM_ARGS

SCREENSHOTS = REPOSITORY / "artifacts" / "screenshots" / "admin"
PASSWORD = "a-long-test-password"
VIEWPORT = {"width": 1280, "height": 900}

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
NEEDS_AXE = pytest.mark.skipif(
    not AXE.exists(), reason=f"axe-core not found at {AXE} (npm install --prefix artifacts/node axe-core)"
)


# A module of browser tests: `pytestmark = BROWSER`; one test among others: `@in_browser`.
BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not at /usr/bin/chromium (apt-get install chromium)"),
]


def in_browser(test):
    for mark in BROWSER:
        test = mark(test)
    return test


class Browser:
    """One user's browser context: its page, and every HTML response body the server sent it."""

    def __init__(self, context, base_url: str):
        self.context = context
        self.base_url = base_url
        self.pages_sent: list[tuple[str, str]] = []
        self.page = context.new_page()
        self.page.on("response", self._keep_html)

    def _keep_html(self, response):
        if response.request.resource_type != "document" or response.status >= 300:
            return
        if "text/html" not in response.headers.get("content-type", ""):
            return
        # Read now: once the browser navigates on, Chromium may drop the body of the page it left.
        self.pages_sent.append((response.url, response.text()))

    def log_in(self, username: str) -> None:
        page = self.page
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/admin/")

    def shoot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The demo data on a live server, with an editor (edna) and a reviewer (rita) who log in with PASSWORD."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db.migrations.state import ProjectState

    from editorial.roles import sync_roles

    # A transactional test's flush empties the groups the data migrations made; the test before may have flushed.
    # sync_roles is written for a migration's historical apps: it clears each app's models_module when done, which
    # on the live registry would keep every later flush from making content types again. It gets historical apps.
    sync_roles(ProjectState.from_apps(apps).apps)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    for username, role in (("edna", "editor"), ("rita", "reviewer")):
        call_command("add_editor", username, "--role", role, f"--email={username}@example.org", stdout=io.StringIO())
        user = get_user_model().objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
    # Playwright's sync API runs an event loop in this thread; the ORM is done with before it starts.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield live_server.url
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def records_in_every_state(demo_site) -> dict[str, int]:
    """Initiatives in each state an editor meets, made through editorial.workflow: a draft, one in review, a
    published one with an edit waiting for review, an archived one; and a person (for the merge page). Their pks."""
    from django.contrib.auth import get_user_model

    from editorial.revisions import take
    from editorial.workflow import save_record, transition
    from initiatives.models import Initiative
    from people.models import Person

    edna, rita = (get_user_model().objects.get(username=name) for name in ("edna", "rita"))
    draft = Initiative(name="A draft initiative", slug="a-draft-initiative")
    save_record(record=draft, by=edna, message="Started.")
    in_review = Initiative.objects.get(slug="ai-in-education-at-all-levels")
    transition(record=in_review, action="unpublish", by=rita, comment="The dates need a source.")
    transition(record=in_review, action="submit", by=edna, comment="Sourced.")
    edited = Initiative.objects.get(slug="digital-corporate-identity-platform")
    edited.summary = "A platform that gives companies one digital identity for public services."
    save_record(record=edited, by=edna, data=take(edited), message="Plain words.")
    transition(record=edited, action="submit", by=edna, comment="Please check the summary.")
    archived = Initiative.objects.get(slug="digitalisation-of-trade-documents")
    transition(record=archived, action="archive", by=rita, comment="Out of scope.")
    return {
        "draft": draft.pk,
        "in review": in_review.pk,
        "edit in review": edited.pk,
        "published": Initiative.objects.get(slug="innovation-and-technology-investment").pk,  # three citations
        "archived": archived.pk,
        "person": Person.objects.get(slug="paul-lam-ting-kwok").pk,
    }


SUGGESTED = "Quantum Computing Taskforce"
STORY = (
    "HONG KONG, Nov 12 - The government spoke of quantum computing at a press conference.\n"
    f"Financial Secretary Paul Chan Mo-po said on Wednesday that the government has set up a “{SUGGESTED}” to "
    "study how quantum computing can serve public services.\n"
    "It will report within a year.\n"
)


@pytest.fixture
def ingested_story(demo_site, tmp_path) -> int:
    """A small article through the real pipeline (read from a file, extracted, linked, suggestions made): the pk of
    its suggested initiative."""
    from django.core.management import call_command

    from ingestion.models import Suggestion

    story = tmp_path / "quantum-taskforce.txt"
    story.write_text(STORY, encoding="utf-8")
    call_command("ingest", str(story), stdout=io.StringIO(), stderr=io.StringIO())
    return Suggestion.objects.get(kind="initiative", normalized=SUGGESTED).pk


@pytest.fixture
def chromium(demo_site):
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _user(chromium, base_url: str, username: str) -> Browser:
    context = chromium.new_context(base_url=base_url, viewport=VIEWPORT)
    context.set_default_timeout(15_000)
    user = Browser(context, base_url)
    user.log_in(username)
    return user


@pytest.fixture
def editor(chromium, demo_site):
    user = _user(chromium, demo_site, "edna")
    yield user
    user.context.close()


@pytest.fixture
def reviewer(chromium, demo_site):
    user = _user(chromium, demo_site, "rita")
    yield user
    user.context.close()


@pytest.fixture
def visitor(chromium, demo_site):
    """The public: no login."""
    context = chromium.new_context(base_url=demo_site, viewport=VIEWPORT)
    yield Browser(context, demo_site)
    context.close()
