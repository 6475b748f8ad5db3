from django.db import migrations

from editorial.roles import sync_roles


class Migration(migrations.Migration):
    """The Editor and Reviewer groups, with the permissions of every model that exists by now."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("editorial", "0002_editorial_workflow"),
        ("people", "0002_editorial_workflow"),
        ("initiatives", "0002_editorial_workflow"),
        ("meetings", "0002_editorial_workflow"),
        ("articles", "0004_beat_schedule"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
