"""Invariants of articles/: kept by the database, by `clean()`, and read through the QuerySets."""

import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from editorial.models import EditorialStatus
from editorial.workflow import save_record
from sources.models import Article, Citation, text_sha256
from tests.constraints import assert_refused_by_database
from tests.factories import ArticleFactory, CitationFactory, InitiativeFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

PASSAGE = "The Financial Secretary announced a fund of HK$10 billion."


def test_text_sha256_is_the_hex_digest_of_the_utf8_text():
    assert text_sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert text_sha256("陳茂波") != text_sha256("陳茂")


# Articles


def test_articles_are_read_without_their_search_vector_and_saved_without_overwriting_it():
    article = ArticleFactory(text="The new ferry pier opened on Monday.")
    loaded = Article.objects.get(pk=article.pk)
    assert loaded.get_deferred_fields() == {"search_vector"}
    loaded.title = "Pier opened"
    loaded.save()
    assert Article.objects.values_list("title", flat=True).get(pk=article.pk) == "Pier opened"


def test_article_factory_stores_the_hash_of_its_text():
    article = ArticleFactory(text="One sentence.")
    article.refresh_from_db()
    assert article.text_sha256 == text_sha256("One sentence.")


def test_article_needs_text():
    assert_refused_by_database(lambda: ArticleFactory(text="", text_sha256=text_sha256("")), check="article_has_text")


def test_article_needs_a_text_hash():
    assert_refused_by_database(lambda: ArticleFactory(text="Some text.", text_sha256=""), check="article_has_text_hash")


def test_article_uuid_is_unique():
    shared = uuid.uuid4()
    ArticleFactory(uuid=shared)
    assert_refused_by_database(lambda: ArticleFactory(uuid=shared))


def test_article_canonical_url_is_unique_when_given():
    ArticleFactory(canonical_url="https://example.org/news/1")
    assert_refused_by_database(lambda: ArticleFactory(canonical_url="https://example.org/news/1"))


def test_article_canonical_url_may_be_empty_on_many():
    ArticleFactory(canonical_url="")
    ArticleFactory(canonical_url="")
    assert Article.objects.filter(canonical_url="").count() == 2


# Citations: the database


def test_citation_slug_is_unique():
    CitationFactory(slug="same-slug")
    assert_refused_by_database(lambda: CitationFactory(slug="same-slug"))


def test_citation_uuid_is_unique():
    shared = uuid.uuid4()
    CitationFactory(uuid=shared)
    assert_refused_by_database(lambda: CitationFactory(uuid=shared))


def test_citation_factory_locates_its_passage():
    citation = CitationFactory()
    assert citation.article.text[citation.start : citation.end] == citation.passage
    assert citation.text_sha256 == citation.article.text_sha256


def test_citation_needs_an_article_or_a_url():
    assert_refused_by_database(lambda: CitationFactory(from_url=True, url=""), check="citation_has_source")


def test_citation_of_a_url_needs_no_passage_or_offsets():
    citation = CitationFactory(from_url=True)
    citation.refresh_from_db()
    assert citation.article is None
    assert citation.url.startswith("https://")
    assert (citation.passage, citation.start, citation.end, citation.text_sha256) == ("", None, None, "")


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param({"start": None}, id="no-start"),
        pytest.param({"end": None}, id="no-end"),
        pytest.param({"start": None, "end": None}, id="no-offsets"),
        pytest.param({"start": 10, "end": 10}, id="empty-span"),
        pytest.param({"start": 10, "end": 5}, id="end-before-start"),
        pytest.param({"passage": ""}, id="no-passage"),
        pytest.param({"text_sha256": ""}, id="no-text-hash"),
    ],
)
def test_citation_of_an_article_needs_a_located_passage(broken):
    assert_refused_by_database(lambda: CitationFactory(**broken), check="citation_article_passage_located")


# Citations: clean()


def build_citation(**kwargs) -> Citation:
    """An unsaved citation of a saved article and record, as an editor's form would fill it."""
    kwargs.setdefault("article", ArticleFactory())
    kwargs.setdefault("record", InitiativeFactory())
    kwargs.setdefault("start", None)
    kwargs.setdefault("end", None)
    kwargs.setdefault("text_sha256", "")
    return CitationFactory.build(**kwargs)


def test_citation_clean_finds_the_offsets_of_a_pasted_passage():
    citation = build_citation(passage=PASSAGE)
    citation.full_clean()
    assert citation.start == citation.article.text.index(PASSAGE)
    assert citation.start > 0
    assert citation.end == citation.start + len(PASSAGE)
    assert citation.article.text[citation.start : citation.end] == PASSAGE


def test_citation_clean_stores_the_hash_of_the_article_text():
    citation = build_citation(passage=PASSAGE, text_sha256="0" * 64)
    citation.full_clean()
    assert citation.text_sha256 == text_sha256(citation.article.text)
    save_record(record=citation, by=None)
    assert Citation.objects.get().text_sha256 == citation.article.text_sha256


def test_citation_clean_refuses_a_passage_not_in_the_text():
    citation = build_citation(passage="The Chief Executive cut the fund.")
    with pytest.raises(ValidationError) as excinfo:
        citation.full_clean()
    assert "does not appear" in excinfo.value.message_dict["passage"][0]


def test_citation_clean_refuses_offsets_that_do_not_match_the_passage():
    article = ArticleFactory()
    start = article.text.index(PASSAGE)
    citation = build_citation(article=article, passage=PASSAGE, start=start + 1, end=start + 1 + len(PASSAGE))
    with pytest.raises(ValidationError) as excinfo:
        citation.full_clean()
    assert "do not match" in excinfo.value.message_dict["passage"][0]


def test_citation_clean_accepts_offsets_that_match_the_passage():
    article = ArticleFactory()
    start = article.text.index(PASSAGE)
    citation = build_citation(article=article, passage=PASSAGE, start=start, end=start + len(PASSAGE))
    citation.full_clean()
    assert (citation.start, citation.end) == (start, start + len(PASSAGE))


def test_citation_clean_refuses_an_article_citation_without_passage_or_offsets():
    with pytest.raises(ValidationError) as excinfo:
        build_citation(passage="").full_clean()
    assert "passage" in excinfo.value.message_dict


def test_citation_clean_of_a_url_needs_no_passage():
    citation = CitationFactory.build(from_url=True, record=InitiativeFactory())
    citation.full_clean()
    assert (citation.start, citation.end, citation.text_sha256) == (None, None, "")


# QuerySets


def test_published_returns_only_published_citations():
    published = CitationFactory(editorial_status=EditorialStatus.PUBLISHED)
    for status in (EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.ARCHIVED):
        CitationFactory(editorial_status=status)
    assert Citation.objects.count() == 4
    assert list(Citation.objects.published()) == [published]


def test_for_record_returns_the_citations_of_one_record():
    initiative = InitiativeFactory()
    of_record = CitationFactory(record=initiative)
    of_budget = CitationFactory(record=initiative, field="budget")
    CitationFactory(record=InitiativeFactory())
    CitationFactory(record=MembershipFactory())
    # Same object_id, another kind of record: the content type tells them apart.
    CitationFactory(content_type=ContentType.objects.get_for_model(PersonFactory()), object_id=initiative.pk)
    assert set(Citation.objects.for_record(initiative)) == {of_record, of_budget}


def test_for_record_narrows_to_one_field():
    initiative = InitiativeFactory()
    CitationFactory(record=initiative)
    of_budget = CitationFactory(record=initiative, field="budget")
    CitationFactory(record=initiative, field="start_date")
    CitationFactory(record=InitiativeFactory(), field="budget")
    assert list(Citation.objects.for_record(initiative, field="budget")) == [of_budget]


def test_for_record_finds_citations_of_any_kind_of_record():
    membership = MembershipFactory()
    citation = CitationFactory(record=membership)
    assert list(Citation.objects.for_record(membership)) == [citation]
    assert list(Citation.objects.for_record(membership, field="budget")) == []
