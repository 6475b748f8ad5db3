"""The facet keys are kept by triggers on the initiatives table and its theme links (editorial.derived.keys),
as the counts of them are: the workflow, a merge and a signal kept them, and any write that went around those
(a bulk update, a shell, a link table row) left them stale. Every row's keys are computed once here."""

from django.db import migrations, models

from editorial.derived import migration

create_triggers, drop_triggers = migration("initiatives.Initiative")
# On PostgreSQL the counts now follow any update: keys the trigger above computes are not "UPDATE OF" them.
create_counts, _ = migration("initiatives.InitiativeFacetCount")


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0008_facet_counts_of_three_keys"),
    ]

    operations = [
        migrations.AlterField(
            model_name="initiative",
            name="facet_keys",
            field=models.JSONField(
                default=dict,
                editable=False,
                help_text="The public list's facet values (derived: kept by database triggers, editorial.derived).",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
        migrations.RunPython(create_counts, migrations.RunPython.noop),  # today's counting suits 0008 too
    ]
