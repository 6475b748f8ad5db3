"""An article's public page: metadata and the passages published records cite, in context, never the whole text."""

import lxml.html
import pytest

from tests.factories import ArticleFactory, CitationFactory, InitiativeFactory
from tests.website.conftest import PUBLISHED, published_initiative

pytestmark = pytest.mark.django_db

FAR = "A far paragraph nobody cites. " * 20
TEXT = (
    "HONG KONG - The Financial Secretary spoke on Monday. "
    + "Filler words before the passage. " * 10
    + "He announced <b>a fund</b> of HK$10 billion & more."
    + " Filler words after the passage." * 10
    + "\n"
    + FAR
)
PASSAGE = "He announced <b>a fund</b> of HK$10 billion & more."


def cite(article, record, passage=PASSAGE, **fields):
    start = article.text.index(passage)
    return CitationFactory(
        **fields, record=record, article=article, passage=passage, start=start, end=start + len(passage)
    )


def page(client, article):
    response = client.get(f"/articles/{article.pk}/")
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def text_of(element) -> str:
    return element.text_content()


def marks(element) -> list[str]:
    return [mark.text_content() for mark in element.iter("mark")]


def html_of(element) -> str:
    return lxml.html.tostring(element, encoding="unicode")


def test_an_article_no_published_record_cites_is_not_found(client):
    article = ArticleFactory(text=TEXT)
    cite(article, InitiativeFactory())  # a draft citation of a draft record
    cite(article, published_initiative(), passage="The Financial Secretary spoke on Monday.")  # a draft citation
    assert client.get(f"/articles/{article.pk}/").status_code == 404


def test_the_page_shows_metadata_and_the_cited_passage_marked_in_its_context(client):
    article = ArticleFactory(
        text=TEXT, title="Fund announced", outlet="The Standard", language="en", url="https://x.org/a"
    )
    initiative = published_initiative(name="Innovation fund")
    cite(article, initiative, **PUBLISHED)
    soup = page(client, article)
    assert text_of(soup.find(".//h1")) == "Fund announced"
    facts = text_of(soup.find('.//dl[@class="facts"]'))
    assert "The Standard" in facts
    assert "English" in facts
    assert "https://x.org/a" in facts
    [excerpt] = soup.findall('.//figure[@class="excerpt"]')
    quote = excerpt.find("blockquote")
    assert marks(quote) == [PASSAGE]  # escaped: shown as text
    assert quote.find(".//b") is None
    words = text_of(quote)
    assert "Filler words before the passage." in words
    assert "Filler words after the passage." in words
    assert words.startswith("… ")
    assert words.endswith(" …")  # some context, not the whole paragraph
    assert not words.startswith("… Filler words before the passage. " * 10)
    assert text_of(excerpt.find(f'.//a[@href="/initiatives/{initiative.slug}/"]')) == "Innovation fund"
    html = html_of(soup)
    assert "far paragraph" not in html
    assert "HONG KONG" not in html


def test_passages_close_together_share_one_excerpt(client):
    article = ArticleFactory(text=TEXT)
    record = published_initiative()
    cite(article, record, **PUBLISHED)
    cite(article, record, passage="HK$10 billion", **PUBLISHED)  # inside the first passage
    cite(article, published_initiative(), passage="Filler words after the passage.", **PUBLISHED)
    [excerpt] = page(client, article).findall('.//figure[@class="excerpt"]')
    assert marks(excerpt) == [PASSAGE, "Filler words after the passage."]


def test_a_passage_of_an_unpublished_record_is_not_shown(client):
    article = ArticleFactory(text=TEXT)
    cite(article, published_initiative(), passage="The Financial Secretary spoke on Monday.", **PUBLISHED)
    cite(article, InitiativeFactory(name="SECRET DRAFT"), **PUBLISHED)
    soup = page(client, article)
    assert "SECRET DRAFT" not in html_of(soup)
    assert "HK$10 billion" not in html_of(soup)
    assert marks(soup) == ["The Financial Secretary spoke on Monday."]


def test_an_article_a_reviewer_published_on_its_own_shows_its_metadata_only(client):
    article = ArticleFactory(text=TEXT, title="On its own", published_on_its_own=True)
    soup = page(client, article)
    assert text_of(soup.find(".//h1")) == "On its own"
    assert "No published record cites a passage of it yet." in text_of(soup)
    assert "Filler" not in html_of(soup)


def test_site_search_finds_public_articles_only_and_shows_their_titles_not_their_text(client):
    public = ArticleFactory(title="Ferry news", text="The new ferry pier opened on Monday.", published_on_its_own=True)
    ArticleFactory(title="SECRET ferry draft", text="A ferry story nobody reviewed.")
    response = client.get("/search/?q=ferry")
    [section] = [section for section in response.context["sections"] if section.key == "articles"]
    assert [row.pk for row in section.rows] == [public.pk]
    html = response.content.decode()
    assert "SECRET" not in html
    assert "pier opened" not in html


def test_passages_that_overlap_are_marked_as_one(client):
    article = ArticleFactory(text=TEXT)
    record = published_initiative()
    cite(article, record, passage="He announced", **PUBLISHED)
    cite(article, record, **PUBLISHED)  # starts where the first does, and goes on
    assert marks(page(client, article)) == [PASSAGE]
