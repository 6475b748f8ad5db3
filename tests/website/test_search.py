"""Site search: every kind of public record, ranked, matches highlighted, nothing unpublished, text escaped."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative
from meetings.models import Meeting, Statement
from people.models import Organization, Person
from sources.models import Article
from tests.factories import ArticleFactory, MeetingFactory, OrganizationFactory, PersonFactory, StatementFactory
from tests.website.conftest import PUBLISHED, published_initiative
from website.search import highlight

pytestmark = pytest.mark.django_db


def test_search_finds_each_kind_ranked_and_highlighted(client, demo):
    response = client.get("/search/?q=supercomputing")
    sections = {section.key: section for section in response.context["sections"]}
    assert [row.slug for row in sections["initiatives"].rows] == ["ai-supercomputing-centre"]
    assert sections["statements"].rows
    assert sections["articles"].rows
    html = response.content.decode()
    assert "<mark>Supercomputing</mark>" in html or "<mark>supercomputing</mark>" in html
    people = {section.key: section for section in client.get("/search/?q=Chan").context["sections"]}["people"]
    assert [row.slug for row in people.rows] == ["paul-chan-mo-po"]


def test_search_ranks_the_better_match_first(client):
    published_initiative(name="Harbour study", summary="A study of the harbour.")
    published_initiative(name="Harbour tunnel", summary="A harbour tunnel under the harbour, by the harbour.")
    rows = {section.key: section for section in client.get("/search/?q=harbour").context["sections"]}[
        "initiatives"
    ].rows
    assert [row.name for row in rows] == ["Harbour tunnel", "Harbour study"]


def test_search_leaves_out_unpublished_records_and_escapes_text(client):
    published_initiative(name="Water plan <b>bold</b>")
    StatementFactory(summary="Water draft statement", speaker=PersonFactory(**PUBLISHED))
    StatementFactory(**PUBLISHED, summary="Water by a draft speaker")
    ArticleFactory(title="Water news", text="Water <script>x()</script> everywhere.")
    html = client.get("/search/?q=water").content.decode()
    assert "Water plan &lt;b&gt;bold&lt;/b&gt;" in html
    assert "draft statement" not in html
    assert "draft speaker" not in html
    assert "<script>x()" not in html


def test_search_costs_one_query_per_kind(client, demo):
    client.get("/search/?q=AI")
    with CaptureQueriesContext(connection) as context:
        client.get("/search/?q=AI")
    assert len(context.captured_queries) == 6


# kind: (a published record of that kind with this text, its model, the text's column)
STORED_VECTORS = {
    "initiatives": (lambda text: published_initiative(name="Transport", summary=text), Initiative, "summary"),
    "statements": (
        lambda text: StatementFactory(**PUBLISHED, speaker=PersonFactory(**PUBLISHED), text=text),
        Statement,
        "text",
    ),
    "articles": (
        lambda text: ArticleFactory(title="Transport news", text=text, published_on_its_own=True),
        Article,
        "text",
    ),
    "people": (lambda text: PersonFactory(**PUBLISHED, bio=text), Person, "bio"),
    "organizations": (lambda text: OrganizationFactory(**PUBLISHED, description=text), Organization, "description"),
    "meetings": (lambda text: MeetingFactory(**PUBLISHED, description=text), Meeting, "description"),
}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL only")
@pytest.mark.parametrize("kind", STORED_VECTORS)
def test_each_kind_is_searched_on_a_stored_vector_that_follows_its_text(client, kind):
    """Neither finding nor ranking parses a row's text: to_tsvector over every candidate took 35 of the 40 ms of
    the initiatives' query at 1,000 initiatives, and 5.5 s for the articles' at 10,000 articles."""
    make, model, column = STORED_VECTORS[kind]
    record = make("The new ferry pier opened on Monday.")
    table = model._meta.db_table

    def found(word: str) -> list[int]:
        with CaptureQueriesContext(connection) as context:
            sections = {section.key: section for section in client.get(f"/search/?q={word}").context["sections"]}
        # The query that reads the table, not one that only filters by it (which articles are public).
        (sql,) = [
            query["sql"] for query in context.captured_queries if f'FROM "{table}"' in query["sql"].split("WHERE")[0]
        ]
        assert "to_tsvector" not in sql
        return [row.pk for row in sections[kind].rows]

    assert found("pier") == [record.pk]
    with connection.cursor() as cursor:  # an UPDATE that no code of ours goes through: the trigger keeps the vector
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", ["The new tram depot.", record.pk])
    assert found("pier") == []
    assert found("depot") == [record.pk]


def test_initiative_list_text_filter(client, demo):
    rows = client.get("/initiatives/?q=supercomputing").context["page"].rows
    assert [row.slug for row in rows] == ["ai-supercomputing-centre"]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the plain fallback runs on SQLite only")
def test_fallback_highlight_escapes_and_marks_every_word():
    snippet = highlight("Tom & <Jerry> met the Financial Secretary.", "financial jerry")
    assert snippet == "Tom &amp; &lt;<mark>Jerry</mark>&gt; met the <mark>Financial</mark> Secretary."


def test_empty_search_shows_the_form_only(client):
    response = client.get("/search/?q=")
    assert response.status_code == 200
    assert response.context["sections"] == []
