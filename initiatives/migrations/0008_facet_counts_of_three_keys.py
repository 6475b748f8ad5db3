from django.db import migrations, models

from editorial.derived import derivatives


def _counts():
    """The counts as declared today (editorial.derived.counts), bound to the model's table."""
    from initiatives.models import InitiativeFacetCount

    (counts,) = derivatives(InitiativeFacetCount)
    return counts


def create_triggers(apps, schema_editor):
    """Today's counting triggers (those of 0005 dropped first, where it made them), then a recount."""
    vendor = schema_editor.connection.vendor
    counts = _counts()
    statements = [*counts.drop(vendor), *counts.create(vendor), *counts.rebuild(vendor)]
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    """Back to before 0008: the triggers go, and the counts of three keys. Nothing keeps the other counts exact
    after that: code from before 0008 needs the initiatives migrated back to 0004 and forward again."""
    for statement in _counts().drop(schema_editor.connection.vendor):
        schema_editor.execute(statement)
    apps.get_model("initiatives", "InitiativeFacetCount").objects.exclude(third="").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0007_search_vector_trigger"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="initiativefacetcount", name="initiative_facet_count_unique"),
        migrations.AddField(
            model_name="initiativefacetcount",
            name="third",
            field=models.CharField(blank=True, default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="initiativefacetcount",
            constraint=models.UniqueConstraint(
                fields=("key", "other", "third"), name="initiative_facet_count_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="initiativefacetcount",
            index=models.Index(
                condition=models.Q(("other", ""), ("third", "")), fields=["key"], name="initiative_facet_count_keys"
            ),
        ),
        migrations.AddIndex(
            model_name="initiativefacetcount",
            index=models.Index(
                condition=models.Q(("third", "")), fields=["key", "other"], name="initiative_facet_count_pairs"
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
