"""Citing in a real browser: Debian's Chromium driven by Playwright, on the demo data.

A citation's passage is picked from the article by typing a few of its words and clicking the occurrence; the
citations inline fits a 1280-pixel window. Skipped (with the reason) where Chromium or Playwright is missing.
"""

import os

import pytest
from django.core.management import call_command

from tests.conftest import REPOSITORY
from tests.website.test_browser import CHROMIUM, CHROMIUM_ARGS

SCREENSHOTS = REPOSITORY / "artifacts" / "screenshots" / "admin"
PASSWORD = "a-long-test-password"
WINDOW = {"width": 1280, "height": 900}
INLINE = "#sources-citation-content_type-object_id-group"
# "capacity building" is in two sentences of the demo article: the second one is the one picked.
WORDS = "capacity building"
SECOND_SENTENCE = "This year’s joint session focused on how APEC member economies"

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
expect = playwright_api.expect
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not at /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture
def draft(live_server, transactional_db, django_user_model):
    """A draft initiative citing the demo article and a web page, and a superuser (root) to edit it."""
    from editorial.workflow import save_record
    from initiatives.models import Initiative
    from sources.models import Article
    from tests.factories import CitationFactory

    call_command("load_demo", verbosity=0)
    root = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    initiative = Initiative(name="A cited draft", slug="a-cited-draft")
    save_record(record=initiative, by=root, message="Started.")
    article = Article.objects.get()
    CitationFactory(
        record=initiative,
        field="budget",
        article=article,
        passage="Hong Kong has invested more than HK$200 billion in innovation and technology",
    )
    CitationFactory(
        record=initiative,
        from_url=True,
        url="https://www.info.gov.hk/gia/general/202510/15/" + "a-very-long-press-release-address-" * 4 + ".htm",
        source_title="Financial Secretary speaks at the APEC Finance Ministers’ Meeting in Incheon, South Korea",
        note="The government's own account of the speech, with the figures as the Financial Secretary gave them.",
    )
    # Playwright's sync API runs an event loop in this thread; the ORM is done with before it starts.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield initiative
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(live_server, draft):
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, viewport=WINDOW)
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("root")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/admin/")
        yield page
        context.close()
        browser.close()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_citations_inline_fits_a_1280_pixel_window(page, draft):
    page.goto(f"/admin/initiatives/initiative/{draft.pk}/change/")

    expect(page.locator(f"{INLINE} .inline-related:not(.empty-form)")).to_have_count(2)
    shoot(page, "citing-two-citations")
    assert page.evaluate("document.documentElement.scrollWidth") <= WINDOW["width"]


def test_a_passage_is_picked_from_the_article_by_a_few_words(page, draft):
    from sources.models import Article, Citation

    page.goto(f"/admin/initiatives/initiative/{draft.pk}/change/")
    group = page.locator(INLINE)
    group.get_by_role("button", name="Add another Citation").click()
    row = group.locator(f"{INLINE[:-6]}-2")
    row.get_by_label("Fact cited").select_option(label="Start date")
    row.locator("[name$='-article'] + .select2").click()
    page.locator(".select2-dropdown .select2-search__field").fill("APEC")
    page.locator(".select2-results__option", has_text="Paul Chan").first.click()

    row.get_by_label("Find in the article").press_sequentially(WORDS)
    options = row.locator("button.passage-option")
    expect(options).to_have_count(2)
    expect(options.nth(1)).to_contain_text(SECOND_SENTENCE)
    shoot(page, "citing-occurrences-listed")
    options.nth(1).click()

    passage = row.get_by_label("Passage")
    chosen = passage.input_value()
    assert chosen.startswith(SECOND_SENTENCE)
    assert chosen.endswith("regional cooperation.")
    text = Article.objects.get().text
    assert row.locator("[name$='-start']").input_value() == str(text.index(SECOND_SENTENCE))
    page.locator("button[name=_workflow][value=save]").click()
    page.wait_for_load_state()

    expect(page.locator(INLINE)).to_contain_text(SECOND_SENTENCE)
    citation = Citation.objects.for_record(draft, field="start_date").get()
    assert (citation.start, citation.end) == (text.index(chosen), text.index(chosen) + len(chosen))
    assert citation.text_sha256 == Article.objects.get().text_sha256
