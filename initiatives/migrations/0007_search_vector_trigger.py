"""The initiatives' stored vector is kept by a trigger (PostgreSQL), as statements' and articles' are: the workflow
kept it, and any write that went around it (a bulk update, a shell) left it stale."""

import django.contrib.postgres.search
from django.db import migrations

from editorial.search import run_on_postgresql, vector_trigger_sql

CREATE, DROP = vector_trigger_sql(table='initiatives_initiative', fields=('name', 'summary'), index=None)


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0006_public_list_indexes_hold_facet_keys'),
    ]

    operations = [
        migrations.AlterField(
            model_name='initiative',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, help_text='Full-text vector of name and summary (PostgreSQL), kept by a database trigger (editorial.search).', null=True),
        ),
        migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP)),
    ]
