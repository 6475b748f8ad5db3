"""A stored, indexed full-text vector for articles, kept by a trigger (PostgreSQL only).

Site search used to parse the text of every article it scanned, and again of each match it ranked. A trigger
keeps the vector, not the code that saves: articles are written by the pipeline, the admin and the API alike.
The vector is the expression `editorial.search.document("title", "text")` compiles to, so that searches and
the stored column agree. On SQLite the column stays empty and search falls back to plain matching.
"""

import django.contrib.postgres.search
from django.db import migrations

VECTOR = "to_tsvector('english'::regconfig, COALESCE({row}title, '') || ' ' || COALESCE({row}text, ''))"

CREATE = [
    f"""CREATE OR REPLACE FUNCTION articles_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := {VECTOR.format(row="NEW.")};
        RETURN NEW;
    END $$""",
    "CREATE TRIGGER articles_article_search_vector BEFORE INSERT OR UPDATE OF title, text ON articles_article "
    "FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()",
    f"UPDATE articles_article SET search_vector = {VECTOR.format(row='')}",
    "CREATE INDEX article_search_vector ON articles_article USING gin (search_vector)",
]
DROP = [
    "DROP INDEX IF EXISTS article_search_vector",
    "DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_search_vector()",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_last_modified_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="Full-text vector of title and text (PostgreSQL), kept by a database trigger (migration 0006).",
                null=True,
            ),
        ),
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]
