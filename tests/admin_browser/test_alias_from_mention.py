"""An editor adds an acronym the article defines as an alias of its record, in one click of the mention review."""

import pytest

from tests.admin_browser.conftest import BROWSER
from tests.admin_browser.markup import click_and_load, expect, expect_message, pages_with_nested_forms, press

pytestmark = BROWSER

TEXT = (
    "The Digital Policy Office launched the Digital Corporate Identity Platform (CorpID) for companies.\n"
    "CorpID will let firms sign government forms online, the office said."
)


@pytest.fixture
def acronym_mention(demo_site) -> int:
    """A proposed mention of the demo's published CorpID initiative by the acronym the article defines: its pk."""
    from ingestion.linking.matcher import Match
    from ingestion.linking.services import Links, save_links
    from ingestion.models import Mention
    from initiatives.models import Initiative
    from tests.factories import ArticleFactory

    initiative = Initiative.objects.get(slug="digital-corporate-identity-platform")
    article = ArticleFactory(title="CorpID opens", text=TEXT, language="en")
    start = TEXT.index("CorpID will")
    match = Match("initiative", initiative.pk, start, start + len("CorpID"), "CorpID", "acronym", 0.9)
    save_links(article=article, links=Links(article.text_sha256, [match], []))
    return Mention.objects.get(article=article).pk


def test_the_editor_adds_the_acronym_as_an_alias_from_the_mention_review(editor, acronym_mention):
    from initiatives.models import Initiative

    page = editor.page
    page.goto("/admin/")
    click_and_load(page, page.locator("tr.model-mention th").get_by_role("link"))
    click_and_load(page, page.locator("#result_list").get_by_role("link", name="CorpID", exact=True))
    expect(page.locator(".field-confidence")).to_contain_text("0.9")
    offer = page.get_by_role("button", name="Add “CorpID” as an alias of")
    expect(offer).to_have_count(1)
    offer_label = offer.inner_text()

    press(page, offer_label)

    expect_message(page, "the edit waits for a reviewer. The mention is accepted.")
    expect(page.get_by_role("button", name="Add “CorpID” as an alias of")).to_have_count(0)
    editor.shoot("alias-from-mention")
    initiative = Initiative.objects.get(slug="digital-corporate-identity-platform")
    assert "CorpID" in [alias["name"] for alias in initiative.pending_revision.data["children"]["aliases"]]
    assert pages_with_nested_forms(editor) == {}
