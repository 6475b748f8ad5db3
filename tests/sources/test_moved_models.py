"""Moving the evidence and the pipeline out of articles/ loses nothing: tables, rows, content types, permissions.

The database is taken back to the schema before the move (articles/ owning every model), filled there
through the historical models, and migrated forward as a deployment would.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from demo.services import load_demo
from ingestion.models import Feed, Mention, Suggestion
from sources.models import Article, ArticleVersion, Citation

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE_THE_MOVE = ("articles", "0008_article_published_on_its_own")
TABLES = (
    "articles_article",
    "articles_articleversion",
    "articles_citation",
    "articles_feed",
    "articles_feedrun",
    "articles_ingestion",
    "articles_mention",
    "articles_suggestion",
)


def columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, table)]


def rows(table: str, names: list[str]) -> list[tuple]:
    """The rows in the columns the table had before the move (later migrations may add some)."""
    with connection.cursor() as cursor:
        quoted = ", ".join(connection.ops.quote_name(name) for name in names)
        cursor.execute(f"SELECT {quoted} FROM {table} ORDER BY id")  # noqa: S608 -- names from the schema itself
        return cursor.fetchall()


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def test_migrating_a_database_filled_before_the_move_keeps_every_row_and_link():
    load_demo()  # people, initiatives, meetings, their citations and the founding article
    migrate([("sources", None)])  # back to before the move: unapplies ingestion, sources and articles.0009
    loader = MigrationExecutor(connection).loader
    assert BEFORE_THE_MOVE in loader.applied_migrations
    assert ("sources", "0001_initial") not in loader.applied_migrations
    old = loader.project_state(list(loader.applied_migrations)).apps
    article = old.get_model("articles", "Article").objects.get()
    feed = old.get_model("articles", "Feed").objects.create(url="https://news.example/feed.xml", title="News")
    old.get_model("articles", "Ingestion").objects.create(url="https://news.example/a", feed=feed, article=article)
    old.get_model("articles", "ArticleVersion").objects.create(
        article=article, number=1, text=article.text, text_sha256=article.text_sha256
    )
    old.get_model("articles", "FeedRun").objects.create(feed=feed, status="ok", fetched=1, new=1)
    person = old.get_model("people", "Person").objects.order_by("pk").first()
    person_type = old.get_model("contenttypes", "ContentType").objects.get(app_label="people", model="person")
    words = {"start": 0, "end": 9, "text_sha256": article.text_sha256}
    old.get_model("articles", "Mention").objects.create(
        article=article,
        kind="person",
        content_type=person_type,
        object_id=person.pk,
        surface="a name",
        method="exact",
        **words,
    )
    old.get_model("articles", "Suggestion").objects.create(
        article=article,
        kind="person",
        text="a name",
        normalized="A Name",
        evidence=article.text[:40],
        evidence_start=0,
        evidence_end=40,
        **words,
    )
    old_types = dict(
        old.get_model("contenttypes", "ContentType").objects.filter(app_label="articles").values_list("model", "pk")
    )
    user = get_user_model().objects.create_user("reader", is_staff=True)
    user.user_permissions.add(  # by its pk: the historical Permission is another class than the current one
        old.get_model("auth", "Permission").objects.get(codename="view_article", content_type__app_label="articles").pk
    )
    names = {table: columns(table) for table in TABLES}
    before = {table: rows(table, names[table]) for table in TABLES}

    migrate(None)

    assert {table: rows(table, names[table]) for table in TABLES} == before
    assert all(before.values())  # every table had rows to keep
    assert not ContentType.objects.filter(app_label="articles").exists()
    moved = {**dict.fromkeys(("article", "articleversion", "citation"), "sources")}
    moved |= dict.fromkeys(("feed", "feedrun", "ingestion", "mention", "suggestion"), "ingestion")
    for model, app in moved.items():
        assert ContentType.objects.get(app_label=app, model=model).pk == old_types[model]
    assert get_user_model().objects.get(pk=user.pk).has_perm("sources.view_article")
    assert Article.objects.count() == 1
    assert ArticleVersion.objects.count() == 1
    assert Feed.objects.get().ingestions.get().article == Article.objects.get()
    assert Mention.objects.get().record.pk == person.pk
    assert Suggestion.objects.get().article == Article.objects.get()
    assert Citation.objects.count() == len(before["articles_citation"])
    assert all(citation.record is not None for citation in Citation.objects.all())
