"""Every page type is valid HTML: the Nu Html Checker (npm `vnu-jar`, on Java) over the demo data and records whose
names carry `&`, quotes, `<`, accents and Chinese.

Each page is rendered through the test client and written to a file; one Java run checks them all (the JVM takes
seconds to start). Skipped, with the reason, where Java or vnu.jar is missing; in CI (`CI=true`), which installs
both (.ci/run), a missing validator is a failure.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from editorial.revisions import take
from editorial.workflow import save_record, transition
from releases.services import make_release
from sources.models import Article
from tests.conftest import REPOSITORY
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    InitiativeFactory,
    JurisdictionFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    StatementFactory,
    ThemeFactory,
)
from tests.website.conftest import PUBLISHED
from website.templatetags.website import machine_datetime

VNU = Path(os.environ.get("VNU_JAR", REPOSITORY / "artifacts/node/node_modules/vnu-jar/build/dist/vnu.jar"))
# Names a template must escape and a page must carry whole: markup, quotes, an ampersand, accents, Chinese.
HARD = '&<b> "Ñandú" l\'été & <Zoë> 創新科技'

pytestmark = pytest.mark.django_db


def _missing_validator() -> str | None:
    if shutil.which("java") is None:
        return "Java is not installed (apt-get install default-jre-headless): the Nu Html Checker runs on it"
    if not VNU.exists():
        return f"vnu.jar is not at {VNU} (npm install --prefix artifacts/node vnu-jar)"
    return None


@pytest.fixture(scope="module")
def validator() -> Path:
    """vnu.jar; the test skips without it (before the demo data is loaded), except in CI, which must run it."""
    missing = _missing_validator()
    if missing and os.environ.get("CI", "").lower() in {"true", "1"}:
        pytest.fail(f"CI must run the Nu Html Checker: {missing}")
    if missing:
        pytest.skip(missing)
    return VNU


def _publish(record, *, cite: Article | None = None, fields: tuple[str, ...] = ()):
    """Publish through the workflow (citing `cite` for the record and `fields`): a new version and its permalink."""
    for field in ("", *fields) if cite else ():
        CitationFactory(record=record, article=cite, field=field)
    save_record(record=record, by=None, data=take(record))
    transition(record=record, action="submit", by=None)
    transition(record=record, action="publish", by=None)
    record.refresh_from_db()
    return record


def _hard_records() -> dict[str, str]:
    """Records with hard names on every kind of page, and enough initiatives and people for a second list page."""
    at = timezone.now().replace(microsecond=123456)
    article = ArticleFactory(
        title=f"Article {HARD}",
        outlet=f"Outlet {HARD}",
        author=f"Author {HARD}",
        published_at=at,
        url="https://example.org/news?a=1&b=2",
        text=f"{HARD} opens here. The Financial Secretary announced a fund of HK$10 billion. Then 创新.",
    )
    jurisdiction = JurisdictionFactory(name=f"Jurisdiction {HARD}", slug="hard-jurisdiction")
    organization = OrganizationFactory(
        **PUBLISHED, name=f"Bureau {HARD}", slug="hard-bureau", jurisdiction=jurisdiction
    )
    theme = ThemeFactory(**PUBLISHED, name=f"Theme {HARD}", slug="hard-theme")
    person = _publish(
        PersonFactory(
            full_name=f"Person {HARD}",
            slug="hard-person",
            original_script_name="陳茂波",
            bio=f"A bio with {HARD} and <script>alert(1)</script>.",
        ),
        cite=article,
    )
    MembershipFactory(
        **PUBLISHED, person=person, post=PostFactory(**PUBLISHED, title=f"Secretary {HARD}", organization=organization)
    )
    meeting = _publish(
        MeetingFactory(
            name=f"Meeting {HARD}",
            slug="hard-meeting",
            description=f"Held {HARD}.",
            venue=f"Hall {HARD}",
            locality="Zürich",
            country=jurisdiction,
        ),
        cite=article,
    )
    initiative = _publish(
        InitiativeFactory(
            name=f"Initiative {HARD}",
            slug="hard-initiative",
            summary=f"A summary with {HARD}.",
            status="launched",
            instrument="funding",
            jurisdiction=jurisdiction,
            responsible_organization=organization,
            announced_date=datetime.date(2024, 10, 16),
            budget_amount=1_000_000,
            budget_currency="HKD",
        ),
        cite=article,
        fields=("budget",),
    )
    initiative.summary = f"An edited summary with {HARD}."  # version 2: version 1's page says it has changed since
    _publish(initiative)
    initiative.themes.add(theme)
    initiative.lead_officials.add(person)
    MilestoneFactory(**PUBLISHED, initiative=initiative, description=f"Step {HARD}", date=datetime.date(2025, 1, 1))
    MilestoneFactory(
        **PUBLISHED, initiative=initiative, kind="launched", date=datetime.date(2025, 3, 1), date_precision="month"
    )
    statement = StatementFactory(
        **PUBLISHED, speaker=person, meeting=meeting, summary=f"Said {HARD}", text=f"Words {HARD}"
    )
    statement.initiatives.add(initiative)
    CitationFactory(**PUBLISHED, record=meeting, from_url=True)
    for number in range(55):  # past a page of 50
        InitiativeFactory(**PUBLISHED, published_at=at, name=f"Initiative {number} {HARD}", jurisdiction=jurisdiction)
        PersonFactory(**PUBLISHED, published_at=at, full_name=f"Person {number} {HARD}")
        MeetingFactory(**PUBLISHED, published_at=at, name=f"Meeting {number} {HARD}")
    return {"article": f"/articles/{article.pk}/"}


def _next_page(html: str) -> str:
    match = re.search(r'<a rel="next" href="([^"]+)"', html)
    assert match, "a list of more than 50 records links to its next page"
    return match.group(1).replace("&amp;", "&")


def _pages(client) -> dict[str, tuple[str, int]]:
    """Every page type: its name, its address and the status it answers with."""
    demo_article = Article.objects.public().get()
    hard = _hard_records()
    pages = {
        "home": ("/", 200),
        "search": ("/search/?q=fund", 200),
        "search-hard": ("/search/?q=%C3%91and%C3%BA", 200),
        "search-nothing": ("/search/?q=zzzzyzzzz", 200),
        "search-empty": ("/search/", 200),
        "not-found": ("/no-such-page/", 404),
        "record-not-found": ("/initiatives/no-such-initiative/", 404),
        "version-not-found": ("/initiatives/hard-initiative/v99/", 404),
        "bad-list-request": ("/initiatives/?after=not-a-cursor", 400),
        "demo-article": (f"/articles/{demo_article.pk}/", 200),
        "hard-article": (hard["article"], 200),
        "demo-initiative": ("/initiatives/innovation-and-technology-investment/", 200),
        "demo-initiative-timeline": ("/initiatives/dual-strategy-for-ai/", 200),
        "demo-initiative-version": ("/initiatives/ai-supercomputing-centre/v1/", 200),
        "demo-person": ("/people/paul-chan-mo-po/", 200),
        "demo-person-version": ("/people/paul-chan-mo-po/v1/", 200),
        "demo-meeting": ("/meetings/apec-2025-fmm-srmm-joint-session/", 200),
        "demo-meeting-version": ("/meetings/apec-2025-fmm-srmm-joint-session/v1/", 200),
    }
    for namespace in ("initiatives", "people", "meetings"):
        kind = {"initiatives": "initiative", "people": "person", "meetings": "meeting"}[namespace]
        pages[f"{kind}-hard"] = (f"/{namespace}/hard-{kind}/", 200)
        pages[f"{kind}-hard-version"] = (f"/{namespace}/hard-{kind}/v1/", 200)
        pages[f"{namespace}-list"] = (f"/{namespace}/", 200)
        pages[f"{namespace}-list-words"] = (f"/{namespace}/?q=%C3%91and%C3%BA&sort=name", 200)
        pages[f"{namespace}-list-nothing"] = (f"/{namespace}/?q=zzzzyzzzz", 200)
    pages["initiatives-list-facets"] = ("/initiatives/?theme=hard-theme&status=launched&organization=hard-bureau", 200)
    pages["initiatives-list-jurisdiction"] = ("/initiatives/?jurisdiction=hard-jurisdiction&sort=recent", 200)
    pages["people-list-facets"] = ("/people/?organization=hard-bureau&jurisdiction=hard-jurisdiction&sort=recent", 200)
    pages["meetings-list-facets"] = ("/meetings/?country=hard-jurisdiction&year=2025", 200)
    make_release()
    make_release(force=True)
    pages["data"] = ("/data/", 200)
    pages["data-release"] = ("/data/1/", 200)
    for namespace in ("initiatives", "people", "meetings"):
        first = client.get(f"/{namespace}/")
        pages[f"{namespace}-list-page-2"] = (f"/{namespace}/{_next_page(first.content.decode())}", 200)
    filtered = client.get("/initiatives/?jurisdiction=hard-jurisdiction")
    pages["initiatives-list-facets-page-2"] = (f"/initiatives/{_next_page(filtered.content.decode())}", 200)
    return pages


def _check(validator: Path, files: list[Path]) -> list[dict]:
    result = subprocess.run(
        [
            shutil.which("java") or "java",
            "-jar",
            str(validator),
            "--format",
            "json",
            "--errors-only",
            "--exit-zero-always",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(result.stderr)["messages"]


def test_machine_datetime_is_utc_to_the_second():
    moment = datetime.datetime(2026, 12, 2, 18, 12, 33, 172088, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    assert machine_datetime(moment) == "2026-12-02T16:12:33Z"
    assert machine_datetime(None) == ""


@pytest.mark.slow
def test_every_page_type_is_valid_html(validator, demo, client, tmp_path):
    files = []
    for name, (url, status) in _pages(client).items():
        response = client.get(url)
        assert response.status_code == status, (name, url, response.status_code)
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    errors = [
        f"{message.get('url', '').rsplit('/', 1)[-1]}:{message.get('lastLine')}: {message['message']}"
        f" [{message.get('extract', '').strip()}]"
        for message in _check(validator, files)
        if message["type"] != "info"
    ]
    assert errors == [], f"{len(errors)} errors in {len(files)} pages:\n" + "\n".join(errors)
