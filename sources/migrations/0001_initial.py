import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


from editorial.moves import move_content_types


class Migration(migrations.Migration):
    """Article, its versions and Citation, moved from articles/ as they stood: their tables, rows and names stay.

    Only Django's picture of the models moves (state); the database is not touched, but for the content
    types, renamed so that permissions, log entries and revisions keep pointing at them.
    """

    initial = True

    dependencies = [
        ("articles", "0008_article_published_on_its_own"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0003_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Article',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='UUID')),
                        ('url', models.URLField(blank=True, help_text='Where it was fetched; empty for a file.', max_length=2000)),
                        ('canonical_url', models.URLField(blank=True, max_length=2000)),
                        ('title', models.CharField(blank=True, max_length=500)),
                        ('outlet', models.CharField(blank=True, help_text='The publisher, e.g. The Standard.', max_length=200)),
                        ('author', models.CharField(blank=True, max_length=300)),
                        ('published_at', models.DateTimeField(blank=True, null=True)),
                        ('language', models.CharField(blank=True, help_text='BCP 47 tag, e.g. en.', max_length=35)),
                        ('text', models.TextField(help_text="The main text, as plain text; citations' offsets index into it.")),
                        ('published_on_its_own', models.BooleanField(default=False, help_text='A reviewer made it public although no published record cites it.', verbose_name='published on its own')),
                        ('text_sha256', models.CharField(db_index=True, editable=False, max_length=64)),
                        ('fingerprint', models.CharField(blank=True, db_index=True, editable=False, help_text='Hash of the text with case and spacing normalised: the same story from another URL.', max_length=64)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, help_text='Full-text vector of title and text (PostgreSQL), kept by a database trigger (editorial.search).', null=True)),
                    ],
                    options={
                        'db_table': 'articles_article',
                        'ordering': ['-published_at', '-created_at'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('canonical_url', ''), _negated=True), fields=('canonical_url',), name='article_canonical_url_unique'), models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='article_has_text'), models.CheckConstraint(condition=models.Q(('text_sha256', ''), _negated=True), name='article_has_text_hash')],
                    },
                ),
                migrations.CreateModel(
                    name='ArticleVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveIntegerField()),
                        ('title', models.CharField(blank=True, max_length=500)),
                        ('text', models.TextField()),
                        ('text_sha256', models.CharField(max_length=64)),
                        ('fetched_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='sources.article')),
                    ],
                    options={
                        'db_table': 'articles_articleversion',
                        'ordering': ['article', '-number'],
                        'constraints': [models.UniqueConstraint(fields=('article', 'number'), name='article_version_number_unique'), models.UniqueConstraint(fields=('article', 'text_sha256'), name='article_version_text_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='Citation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, help_text='Stable identifier used by the API.', unique=True, verbose_name='UUID')),
                        ('slug', models.SlugField(help_text="Used in the record's web address.", max_length=120, unique=True)),
                        ('editorial_status', models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published'), ('archived', 'Archived')], db_index=True, default='draft', max_length=20)),
                        ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Goes up with every saved change; guards against lost updates.')),
                        ('published_version', models.PositiveIntegerField(blank=True, editable=False, help_text='Number of the version the public sees.', null=True)),
                        ('last_reviewed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('field', models.CharField(blank=True, help_text='The attribute cited, e.g. budget; empty: the record.', max_length=50)),
                        ('passage', models.TextField(blank=True, help_text='The sentence or words that support the fact, as in the text.')),
                        ('start', models.PositiveIntegerField(blank=True, help_text="Offset of the passage in the article's text.", null=True)),
                        ('end', models.PositiveIntegerField(blank=True, null=True)),
                        ('text_sha256', models.CharField(blank=True, help_text='Hash of the article text the offsets index into.', max_length=64)),
                        ('url', models.URLField(blank=True, help_text='A source we do not store, e.g. an official page.', max_length=2000)),
                        ('source_title', models.CharField(blank=True, max_length=500)),
                        ('accessed_date', models.DateField(blank=True, help_text='When the URL was read.', null=True)),
                        ('note', models.TextField(blank=True)),
                        ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='citations', to='sources.article')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype')),
                        ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('pending_revision', models.ForeignKey(blank=True, editable=False, help_text='An edit of the live record that the public does not see until a reviewer approves it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='editorial.revision')),
                        ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'articles_citation',
                        'ordering': ['content_type', 'object_id', 'field', 'start'],
                        'indexes': [models.Index(fields=['content_type', 'object_id'], name='articles_ci_content_010e88_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('article__isnull', False), models.Q(('url', ''), _negated=True), _connector='OR'), name='citation_has_source'), models.CheckConstraint(condition=models.Q(('article__isnull', True), models.Q(('start__isnull', False), ('end__isnull', False), ('end__gt', models.F('start')), models.Q(('passage', ''), _negated=True), models.Q(('text_sha256', ''), _negated=True)), _connector='OR'), name='citation_article_passage_located')],
                    },
                ),
            ],
        ),
        move_content_types("articles", "sources", ["article", "articleversion", "citation"]),
    ]
