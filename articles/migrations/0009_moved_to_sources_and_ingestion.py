from django.db import migrations

from editorial.roles import sync_roles




class Migration(migrations.Migration):
    """The models moved to sources/ and ingestion/ leave this app's state; their tables stay, now theirs.

    The roles are refreshed here, not before: refreshing creates the permissions (and content types) of
    every model in the state, and while the old models were in it, that brought back `articles.*` types.
    """

    dependencies = [
        ("articles", "0008_article_published_on_its_own"),
        ("ingestion", "0001_initial"),
        ("sources", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='citation',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='suggestion',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='mention',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='ingestion',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='articleversion',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='citation',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='citation',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='citation',
                    name='pending_revision',
                ),
                migrations.RemoveField(
                    model_name='citation',
                    name='updated_by',
                ),
                migrations.RemoveField(
                    model_name='feedrun',
                    name='feed',
                ),
                migrations.RemoveField(
                    model_name='ingestion',
                    name='feed',
                ),
                migrations.RemoveField(
                    model_name='ingestion',
                    name='submitted_by',
                ),
                migrations.RemoveField(
                    model_name='mention',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='mention',
                    name='reviewed_by',
                ),
                migrations.RemoveField(
                    model_name='suggestion',
                    name='draft_type',
                ),
                migrations.RemoveField(
                    model_name='suggestion',
                    name='reviewed_by',
                ),
                migrations.DeleteModel(
                    name='Article',
                ),
                migrations.DeleteModel(
                    name='ArticleVersion',
                ),
                migrations.DeleteModel(
                    name='Citation',
                ),
                migrations.DeleteModel(
                    name='FeedRun',
                ),
                migrations.DeleteModel(
                    name='Feed',
                ),
                migrations.DeleteModel(
                    name='Ingestion',
                ),
                migrations.DeleteModel(
                    name='Mention',
                ),
                migrations.DeleteModel(
                    name='Suggestion',
                ),
            ],
        ),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
