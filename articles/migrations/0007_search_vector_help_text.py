"""The article's search vector is declared as every searched kind's is (editorial.search): its help text only."""

import django.contrib.postgres.search
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_article_search_vector'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, help_text='Full-text vector of title and text (PostgreSQL), kept by a database trigger (editorial.search).', null=True),
        ),
    ]
