"""The website in a real browser: Debian's Chromium driven by Playwright, on the demo data.

Opens each page type, follows an initiative to its official to the meeting and back, uses a
facet and the search box, downloads a CSV, runs axe-core on every page type and saves a
screenshot of each to artifacts/screenshots/. Skipped (with the reason) where Chromium or
axe-core is missing; CI installs both.
"""

import csv
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import REPOSITORY

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(os.environ.get("AXE_CORE_JS", REPOSITORY / "artifacts/node/node_modules/axe-core/axe.min.js"))
SCREENSHOTS = REPOSITORY / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not at /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.skipif(
        not AXE.exists(), reason=f"axe-core not found at {AXE} (npm install --prefix artifacts/node axe-core)"
    ),
]

PAGE_TYPES = {
    "home": "/",
    "initiative-list": "/initiatives/",
    "initiative": "/initiatives/innovation-and-technology-investment/",
    "initiative-version": "/initiatives/ai-supercomputing-centre/v1/",
    "person-list": "/people/",
    "person": "/people/paul-chan-mo-po/",
    "meeting-list": "/meetings/",
    "meeting": "/meetings/apec-2025-fmm-srmm-joint-session/",
    "article": None,  # the founding article's id, known once loaded
    "search": "/search/?q=digital+divide",
}


@pytest.fixture
def site(live_server, transactional_db):
    call_command("load_demo", verbosity=0)
    from sources.models import Article

    article = Article.objects.get()
    # Playwright's sync API runs an event loop in this thread; the ORM is done with before it starts.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield {**PAGE_TYPES, "article": f"/articles/{article.pk}/", "base": live_server.url}
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(site):
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=site["base"], accept_downloads=True, viewport={"width": 1200, "height": 900}
        )
        yield context.new_page()
        context.close()
        browser.close()


def _axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{violation['id']}: {violation['help']} ({', '.join(node['target'][0] for node in violation['nodes'][:3])})"
        for violation in result["violations"]
    ]


def test_every_page_type_passes_axe_and_is_photographed(site, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name in PAGE_TYPES:
        response = page.goto(site[name])
        assert response.status == 200, name
        violations = _axe_violations(page)
        if violations:
            problems[name] = violations
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert problems == {}


def test_phone_width_screenshots(site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    for name in ("initiative-list", "initiative"):
        page.goto(site[name])
        # Nothing wider than the phone: the page reads without sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
        full_page_screenshot(page, SCREENSHOTS / f"{name}-phone.png")


def full_page_screenshot(page, path) -> None:
    """The whole page, for a person to look at. Chromium sometimes refuses a full-page capture on a loaded
    machine ("Unable to capture screenshot", a compositor error, not the page's): once more, else the viewport."""
    for _ in range(2):
        try:
            page.screenshot(path=str(path), full_page=True)
            return
        except playwright_api.Error:
            page.wait_for_timeout(500)
    page.screenshot(path=str(path))


def test_initiative_to_official_to_meeting_and_back(site, page):
    page.goto("/initiatives/dual-strategy-for-ai/")
    page.get_by_role("link", name="Paul Chan Mo-po").first.click()
    page.wait_for_url("**/people/paul-chan-mo-po/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Paul Chan Mo-po")
    page.locator("#meetings-heading + ul").get_by_role("link").first.click()
    page.wait_for_url("**/meetings/apec-2025-fmm-srmm-joint-session/")
    page.get_by_role("link", name="Dual strategy for AI development").first.click()
    page.wait_for_url("**/initiatives/dual-strategy-for-ai/")
    page.go_back()
    page.wait_for_url("**/meetings/apec-2025-fmm-srmm-joint-session/")
    page.go_back()
    page.wait_for_url("**/people/paul-chan-mo-po/")


def test_facet_then_search_box_by_keyboard(site, page):
    page.goto("/initiatives/")
    page.locator("#facet-status + ul").get_by_role("link", name="Proposed").click()
    page.wait_for_url("**/initiatives/?status=proposed")
    assert page.locator("ol.rows > li").count() == 2
    assert page.locator("#facet-status + ul a[aria-current=true]").count() == 1
    page.get_by_label("Search", exact=True).fill("supercomputing")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=supercomputing")
    assert page.locator("mark").count() >= 1
    assert page.get_by_role("link", name="AI Supercomputing Centre", exact=True).count() == 1


def test_download_the_filtered_list_as_csv(site, page):
    page.goto("/initiatives/?instrument=strategy")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "initiatives.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert {row["name"] for row in rows} == {
        "Dual strategy for AI development",
        "Framework for the responsible use of AI",
    }
