"""A release never changes: the database refuses an UPDATE of a release or of one of its files.

A trigger, not a check in Python: `QuerySet.update()`, the admin and raw SQL all pass by the database. Deleting
stays possible (a takedown is a decision someone makes at the database, not a code path the site offers).
The error is an integrity error on both databases (SQLite's RAISE(ABORT) and SQLSTATE 23000 on PostgreSQL).
"""

from django.db import migrations

TABLES = ("releases_release", "releases_releasefile")


def create_triggers(apps, schema_editor):
    for table in TABLES:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE FUNCTION {table}_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"RAISE EXCEPTION 'a dataset release never changes ({table})' USING ERRCODE = '23000'; END $$"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse_update()"
            )
        else:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'a dataset release never changes ({table})'); END"
            )


def drop_triggers(apps, schema_editor):
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable" + (
            f" ON {table}" if schema_editor.connection.vendor == "postgresql" else ""
        ))
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_refuse_update()")


class Migration(migrations.Migration):
    dependencies = [("releases", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
