"""Extraction fixes beyond trafilatura's own: text kept only in a page's schema.org data."""

import json

import pytest

from articles.extract import ExtractionError, extract_html

BODY = "The harbour authority opened a new ferry pier on Monday, the first of three planned for the western waterfront."
SCHEMA_ORG = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": BODY})


def test_a_page_whose_text_is_only_in_its_schema_org_data_gets_that_text():
    page = (
        "<!doctype html><html><head><title>Pier</title>"
        f'<script type="application/ld+json">{SCHEMA_ORG}</script></head><body><div id="app"></div></body></html>'
    )
    assert extract_html(page).text == BODY


def test_a_fragment_trafilatura_turns_away_still_gives_the_text_in_its_schema_org_data():
    # One element, and no "html" in its first characters: trafilatura takes it for something else than HTML.
    fragment = f'<div><script type="application/ld+json">{SCHEMA_ORG}</script>Loading…</div>'
    assert extract_html(fragment).text == BODY


def test_a_fragment_with_no_article_says_so():
    with pytest.raises(ExtractionError, match="No article text found"):
        extract_html("<div>Loading…</div>")
