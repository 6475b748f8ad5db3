"""Extraction fixes beyond trafilatura's own: text kept only in a page's schema.org data, titles, datelines."""

import datetime
import json

import pytest

from ingestion.extract import ExtractionError, extract_html, extract_text_file
from sources.models import Article

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


@pytest.mark.parametrize("reference", ["&#x1;", "&#1;", "&#X1F;", "&#x0b;", "&#65534;", "&#xFFFF;", "&#x1"])
def test_a_reference_to_a_control_character_costs_nothing_of_the_text(reference):
    # In the text or the title, each once made the extractor discard everything ("No article text found").
    first, rest = BODY.split(" ", 1)
    body = f"{first}{reference} {rest} Caf&#xE9; &#x1F600; &#169;&#x9;end."
    extracted = extract_html(page(title=f"Ferry{reference} pier &#9733;", body=body))
    assert f"{BODY} Café \U0001f600 © end." in extracted.text.split("\n")  # other references are kept
    assert extracted.title == "Ferry pier ★"


def page(*, title: str, h1: str = "", site: str = "", date: str = "", og: str = "", body: str = BODY) -> str:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    meta += f'<meta property="og:title" content="{og}">' if og else ""
    meta += f'<meta property="article:published_time" content="{date}">' if date else ""
    heading = f"<h1>{h1}</h1>" if h1 else ""
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n"))
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>{meta}</head>"
        f"<body><article>{heading}{paragraphs}<p>{BODY}</p></article></body></html>"
    )


def test_the_title_is_the_headline_the_page_shows_when_its_title_repeats_it():
    # The social-media title is often a shorter rewrite: the page's headline is what its reader saw.
    html = page(
        title="Pier opens: a first for the west | The Harbour Times",
        h1="Pier opens: a first for the west",
        og="New pier for the west",
    )
    assert extract_html(html).title == "Pier opens: a first for the west"


def test_the_title_loses_the_sites_name():
    html = page(title="The Harbour Times - Ferry pier opens on Monday", site="The Harbour Times")
    assert extract_html(html).title == "Ferry pier opens on Monday"


def test_a_title_that_is_only_the_sites_or_a_cms_name_is_not_a_title():
    assert extract_html(page(title="HBT", site="HBT")).title == ""


def test_a_dateline_gives_the_date_when_the_page_has_none():
    wire = "HONG KONG, Oct 22 (Reuters) - " + BODY
    assert extract_html(page(title="Pier", body=wire), today=datetime.date(2025, 11, 3)).published == (
        datetime.date(2025, 10, 22)
    )
    # Without a year, the latest such day not after the day it is read: a December story read in January.
    assert extract_html(
        page(title="Pier", body=wire.replace("Oct", "Dec")), today=datetime.date(2026, 1, 5)
    ).published == (datetime.date(2025, 12, 22))
    with_year = "WASHINGTON, March 3, 2024 (AP) \u2014 " + BODY
    assert extract_text_file(with_year.encode()).published == datetime.date(2024, 3, 3)


def test_the_pages_own_date_wins_over_its_dateline():
    html = page(title="Pier", date="2025-10-23", body="HONG KONG, Oct 22 (Reuters) - " + BODY)
    assert extract_html(html, today=datetime.date(2025, 11, 3)).published == datetime.date(2025, 10, 23)


def test_words_that_only_look_like_a_dateline_give_no_date():
    assert extract_text_file(f"The plan, May 5 - June 6: {BODY}".encode()).published is None
    assert extract_text_file(BODY.encode()).published is None


def test_an_article_without_a_title_is_named_by_its_first_words_never_cut_mid_word():
    article = Article(
        text="The harbour authority opened a new ferry pier on Monday, the first of three planned waterfronts."
    )
    assert str(article) == "The harbour authority opened a new ferry pier on Monday, the first of three…"
