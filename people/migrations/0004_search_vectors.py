"""People and organizations get a stored, indexed full-text vector, kept by a trigger (PostgreSQL), as every
searched kind has."""

import django.contrib.postgres.search
from django.db import migrations

from editorial.search import run_on_postgresql, vector_trigger_sql

PERSON = vector_trigger_sql(table='people_person', fields=('full_name', 'original_script_name', 'bio'), index='person_search_vector')
ORGANIZATION = vector_trigger_sql(table='people_organization', fields=('name', 'description'), index='organization_search_vector')


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0003_public_list_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='organization',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, help_text='Full-text vector of name and description (PostgreSQL), kept by a database trigger (editorial.search).', null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, help_text='Full-text vector of full_name, original_script_name and bio (PostgreSQL), kept by a database trigger (editorial.search).', null=True),
        ),
        migrations.RunPython(run_on_postgresql(PERSON[0]), run_on_postgresql(PERSON[1])),
        migrations.RunPython(run_on_postgresql(ORGANIZATION[0]), run_on_postgresql(ORGANIZATION[1])),
    ]
