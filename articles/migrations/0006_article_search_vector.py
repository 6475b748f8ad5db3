"""A stored, indexed full-text vector for articles, kept by a trigger (PostgreSQL only).

Site search used to parse the text of every article it scanned, and again of each match it ranked. A trigger
keeps the vector, not the code that saves: articles are written by the pipeline, the admin and the API alike.
The vector is the expression `editorial.search.document("title", "text")` compiles to, so that searches and
the stored column agree. On SQLite the column stays empty and search falls back to plain matching.
"""

import django.contrib.postgres.search
from django.db import migrations

from editorial.search import run_on_postgresql, vector_trigger_sql

# The same statements it created when it was written with its own copy of them (editorial.search writes them now).
CREATE, DROP = vector_trigger_sql(table="articles_article", fields=("title", "text"), index="article_search_vector")


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
        migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP)),
    ]
