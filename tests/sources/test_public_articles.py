"""Which articles the public sees (`Article.objects.public()`), in the API too, and the reviewer's publish/withdraw."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sources.models import Article
from tests.factories import ArticleFactory, CitationFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

PUBLISHED = {"editorial_status": "published", "published_version": 1}
# Words of the factory's text that no citation below quotes: the full text, which must stay in the admin.
UNCITED = "Officials will report next year."


def cited(article, *, record_published=True, citation_published=True):
    record = InitiativeFactory(**(PUBLISHED if record_published else {}))
    return CitationFactory(**(PUBLISHED if citation_published else {}), record=record, article=article)


def test_an_article_is_public_when_a_published_record_cites_it_or_a_reviewer_published_it():
    ingested = ArticleFactory()
    cited_by_draft_record = ArticleFactory()
    cited(cited_by_draft_record, record_published=False)
    cited_by_draft_citation = ArticleFactory()
    cited(cited_by_draft_citation, citation_published=False)
    cited_publicly = ArticleFactory()
    cited(cited_publicly)
    cited(cited_publicly)  # twice: still one row
    on_its_own = ArticleFactory(published_on_its_own=True)
    assert ingested.pk
    assert cited_by_draft_record.pk
    assert cited_by_draft_citation.pk
    assert sorted(Article.objects.public().values_list("pk", flat=True)) == sorted([cited_publicly.pk, on_its_own.pk])


def test_the_api_lists_public_articles_only_and_never_their_text(client):
    hidden = ArticleFactory(title="SECRET INGESTED")
    public = ArticleFactory()
    citation = cited(public)
    listed = client.get("/api/v1/articles/").json()["results"]
    assert [row["id"] for row in listed] == [str(public.uuid)]
    assert client.get(f"/api/v1/articles/{hidden.uuid}/").status_code == 404
    detail = client.get(f"/api/v1/articles/{public.uuid}/").json()
    assert "text" not in detail
    assert UNCITED not in json.dumps(detail)
    [passage] = detail["passages"]
    assert passage["passage"] == citation.passage == public.text[passage["start"] : passage["end"]]
    assert passage["record"]["id"] == str(citation.record.uuid)
    assert passage["citation"].endswith(f"/api/v1/citations/{citation.uuid}/")


def test_an_expanded_citation_embeds_its_article_without_the_text(client):
    citation = cited(ArticleFactory())
    [row] = client.get("/api/v1/citations/?expand=article").json()["results"]
    assert row["article"]["id"] == str(citation.article.uuid)
    assert UNCITED not in json.dumps(row)


def test_the_api_lists_articles_in_the_same_queries_for_one_or_a_hundred(client):
    def queries() -> int:
        client.get("/api/v1/articles/?page_size=200")  # content types are cached after a first request
        with CaptureQueriesContext(connection) as captured:
            rows = client.get("/api/v1/articles/?page_size=200").json()["results"]
        assert all(row["passages"] for row in rows)
        return len(captured)

    record = InitiativeFactory(**PUBLISHED)
    CitationFactory(**PUBLISHED, record=record, article=ArticleFactory())
    one = queries()
    for _ in range(99):
        CitationFactory(**PUBLISHED, record=record, article=ArticleFactory())
    assert queries() == one


def test_a_reviewer_publishes_an_article_on_its_own_and_withdraws_it(client, reviewer):
    article = ArticleFactory()
    client.force_login(reviewer)
    url = "/admin/sources/article/"
    response = client.post(url, {"action": "publish_on_its_own", "_selected_action": [article.pk]}, follow=True)
    assert "1 article is now public." in response.content.decode()
    assert list(Article.objects.public()) == [article]
    assert client.get(f"/articles/{article.pk}/").status_code == 200
    response = client.post(url, {"action": "withdraw", "_selected_action": [article.pk]}, follow=True)
    assert "1 article withdrawn." in response.content.decode()
    assert not Article.objects.public().exists()
    assert client.get(f"/articles/{article.pk}/").status_code == 404


def test_withdrawing_leaves_an_article_a_published_record_cites_public(client, reviewer):
    article = ArticleFactory(published_on_its_own=True)
    cited(article)
    client.force_login(reviewer)
    response = client.post(
        "/admin/sources/article/", {"action": "withdraw", "_selected_action": [article.pk]}, follow=True
    )
    assert "1 stays public: a published record cites it." in response.content.decode()
    assert list(Article.objects.public()) == [article]


def test_an_editor_may_not_publish_an_article_on_its_own(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    page = client.get("/admin/sources/article/").content.decode()
    assert "publish_on_its_own" not in page
    client.post("/admin/sources/article/", {"action": "publish_on_its_own", "_selected_action": [article.pk]})
    assert not Article.objects.public().exists()


def test_the_admin_shows_the_full_text_and_who_sees_the_article(client, reviewer):
    article = ArticleFactory()
    client.force_login(reviewer)
    page = client.get(f"/admin/sources/article/{article.pk}/change/").content.decode()
    assert UNCITED in page
    assert "Not public: no published record cites it" in page


def test_the_demos_founding_article_is_public_and_shows_its_cited_passages(client, demo):
    [article] = Article.objects.public()
    assert not article.published_on_its_own  # public because the demo's published records cite it
    detail = client.get(f"/api/v1/articles/{article.uuid}/").json()
    assert detail["passages"]
    assert all(article.text[row["start"] : row["end"]] == row["passage"] for row in detail["passages"])
    assert client.get(f"/articles/{article.pk}/").status_code == 200
