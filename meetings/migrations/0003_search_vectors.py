"""Statements and meetings get a stored, indexed full-text vector, kept by a trigger (PostgreSQL): site search
parsed the text of every published statement for every search, and statements grow with the news."""

import django.contrib.postgres.search
from django.db import migrations

from editorial.search import run_on_postgresql, vector_trigger_sql

STATEMENT = vector_trigger_sql(table='meetings_statement', fields=('summary', 'text'), index='statement_search_vector')
MEETING = vector_trigger_sql(table='meetings_meeting', fields=('name', 'description', 'locality', 'venue'), index='meeting_search_vector')


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0002_editorial_workflow'),
    ]

    operations = [
        migrations.AddField(
            model_name='statement',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, help_text='Full-text vector of summary and text (PostgreSQL), kept by a database trigger (editorial.search).', null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, help_text='Full-text vector of name, description, locality and venue (PostgreSQL), kept by a database trigger (editorial.search).', null=True),
        ),
        migrations.RunPython(run_on_postgresql(STATEMENT[0]), run_on_postgresql(STATEMENT[1])),
        migrations.RunPython(run_on_postgresql(MEETING[0]), run_on_postgresql(MEETING[1])),
    ]
