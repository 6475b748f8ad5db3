"""The lists on a phone, in Debian's Chromium on the demo data: results first, the filters one tap away.

Before, a phone showed about 40 facet links before the first result. Now the filters follow the results in the
page's order and sit, closed, behind a "Filters" disclosure above them; a wide screen shows them open beside the
results. Screenshots go to artifacts/screenshots/.
"""

import pytest

from tests.website.test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, playwright_api, site  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not at /usr/bin/chromium (apt-get install chromium)"),
]

PHONE = {"width": 390, "height": 844}
LISTS = ["/initiatives/", "/people/", "/meetings/"]
FOLLOWS = "(first, second) => Boolean(first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING)"


@pytest.fixture
def browser(site):  # noqa: F811
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(site, browser):  # noqa: F811
    context = browser.new_context(base_url=site["base"], viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def _within_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("path", LISTS)
def test_a_phone_shows_results_first_and_the_filters_one_tap_away(phone, path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.goto(path)
    first_result = phone.locator("ol.rows > li a").first
    first_facet = phone.locator("section.facet a").first
    assert phone.locator("section.facet a").count() > 0
    assert first_result.evaluate(FOLLOWS, first_facet.element_handle()), "a facet link comes before the results"
    # On screen: the first result in the first screenful, the facet links folded away behind one control.
    assert _within_first_screen(first_result)
    assert not first_facet.is_visible()
    disclosure = phone.locator("summary", has_text="Filters")
    assert _within_first_screen(disclosure)
    name = path.strip("/")
    phone.screenshot(path=str(SCREENSHOTS / f"{name}-list-phone.png"))

    disclosure.tap()
    assert first_facet.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.screenshot(path=str(SCREENSHOTS / f"{name}-list-phone-filters.png"))


def test_a_phone_chooses_a_facet_and_reads_the_narrowed_results_first(phone):
    phone.goto("/initiatives/")
    phone.locator("summary", has_text="Filters").tap()
    phone.locator("#facet-status + ul").get_by_role("link", name="Proposed").tap()
    phone.wait_for_url("**/initiatives/?status=proposed")
    assert phone.locator("ol.rows > li").count() == 2
    assert _within_first_screen(phone.locator("ol.rows > li a").first)
    assert not phone.locator("section.facet a").first.is_visible()


def test_a_wide_screen_shows_the_filters_open_beside_the_results(site, browser):  # noqa: F811
    context = browser.new_context(base_url=site["base"], viewport={"width": 1200, "height": 900})
    page = context.new_page()
    for path in LISTS:
        page.goto(path)
        first_facet, first_result = page.locator("section.facet a").first, page.locator("ol.rows > li a").first
        assert first_facet.is_visible(), path
        assert not page.locator("summary", has_text="Filters").is_visible(), path
        # Drawn in the left column, level with the results.
        assert first_facet.bounding_box()["x"] < first_result.bounding_box()["x"], path
    context.close()
