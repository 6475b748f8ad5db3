import datetime
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from editorial.moves import move_content_types


class Migration(migrations.Migration):
    """Feed, FeedRun, Ingestion, Mention and Suggestion, moved from articles/ as they stood.

    Only Django's picture of the models moves (state): tables, rows, constraint and index names stay.
    Their content types are renamed; `articles.0009` then refreshes the roles.
    """

    initial = True

    dependencies = [
        ("articles", "0008_article_published_on_its_own"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Ingestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('url', models.URLField(blank=True, help_text='The address as submitted.', max_length=2000)),
                        ('url_key', models.CharField(blank=True, editable=False, help_text='The canonical address: one ingestion per page.', max_length=2000)),
                        ('file_name', models.CharField(blank=True, help_text='For a local file: its name.', max_length=500)),
                        ('step', models.CharField(choices=[('queued', 'Queued for fetching'), ('fetching', 'Fetching and extracting'), ('linking', 'Linking and suggesting'), ('done', 'Done'), ('failed', 'Failed')], db_index=True, default='queued', max_length=20)),
                        ('failed_step', models.CharField(blank=True, choices=[('queued', 'Queued for fetching'), ('fetching', 'Fetching and extracting'), ('linking', 'Linking and suggesting'), ('done', 'Done'), ('failed', 'Failed')], help_text='The step to retry.', max_length=20)),
                        ('outcome', models.CharField(blank=True, choices=[('new', 'New article'), ('duplicate', 'Duplicate of a stored article'), ('updated', 'New version of a stored article'), ('error', 'Error')], max_length=20)),
                        ('error', models.TextField(blank=True)),
                        ('attempts', models.PositiveIntegerField(default=0)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                    ],
                    options={
                        'db_table': 'articles_ingestion',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Mention',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(help_text='person, organization, post, meeting or initiative.', max_length=20)),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('surface', models.CharField(help_text='The words as written in the article.', max_length=500)),
                        ('start', models.PositiveIntegerField()),
                        ('end', models.PositiveIntegerField()),
                        ('text_sha256', models.CharField(help_text='Hash of the article text the offsets index into.', max_length=64)),
                        ('method', models.CharField(choices=[('name', 'Name'), ('alias', 'Alias'), ('surname', 'Surname of a person named earlier'), ('role', "Holder of a post on the article's date")], max_length=20)),
                        ('status', models.CharField(choices=[('proposed', 'Proposed'), ('accepted', 'Accepted'), ('rejected', 'Rejected')], db_index=True, default='proposed', max_length=20)),
                        ('reviewed_at', models.DateTimeField(blank=True, db_index=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'db_table': 'articles_mention',
                        'ordering': ['article', 'start', 'kind'],
                    },
                ),
                migrations.CreateModel(
                    name='Suggestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('initiative', 'Initiative'), ('person', 'Person'), ('meeting', 'Meeting'), ('statement', 'Statement'), ('amount', 'Amount'), ('date', 'Date')], db_index=True, max_length=20)),
                        ('text', models.CharField(help_text='The words as written in the article.', max_length=500)),
                        ('normalized', models.CharField(help_text='The value the words stand for: a name, HKD 200000000000, 2024-10-22.', max_length=300)),
                        ('data', models.JSONField(blank=True, default=dict, help_text='Parsed details: amount, currency, precision...')),
                        ('start', models.PositiveIntegerField()),
                        ('end', models.PositiveIntegerField()),
                        ('evidence', models.TextField(help_text='The sentence that says it.')),
                        ('evidence_start', models.PositiveIntegerField()),
                        ('evidence_end', models.PositiveIntegerField()),
                        ('text_sha256', models.CharField(max_length=64)),
                        ('status', models.CharField(choices=[('proposed', 'Proposed'), ('accepted', 'Accepted'), ('rejected', 'Rejected')], db_index=True, default='proposed', max_length=20)),
                        ('draft_id', models.PositiveBigIntegerField(blank=True, null=True)),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'db_table': 'articles_suggestion',
                        'ordering': ['article', 'start'],
                    },
                ),
                migrations.CreateModel(
                    name='Feed',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('url', models.URLField(max_length=2000, unique=True)),
                        ('title', models.CharField(blank=True, help_text='Filled from the feed when left empty.', max_length=300)),
                        ('is_active', models.BooleanField(default=True, help_text='Untick to stop polling without deleting the feed.')),
                        ('poll_interval', models.DurationField(default=datetime.timedelta(seconds=1800), help_text='How often to poll when the feed answers, e.g. 00:30:00.')),
                        ('etag', models.CharField(blank=True, editable=False, max_length=500)),
                        ('last_modified', models.CharField(blank=True, editable=False, max_length=100)),
                        ('next_poll_at', models.DateTimeField(blank=True, db_index=True, null=True)),
                        ('last_polled_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('last_success_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('consecutive_failures', models.PositiveIntegerField(default=0, editable=False)),
                        ('last_error', models.TextField(blank=True, editable=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'db_table': 'articles_feed',
                        'ordering': ['title', 'url'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('poll_interval__gt', datetime.timedelta(0))), name='feed_polls_sometime')],
                    },
                ),
                migrations.CreateModel(
                    name='FeedRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('started_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('status', models.CharField(choices=[('ok', 'OK'), ('not_modified', 'Not modified'), ('failed', 'Failed')], max_length=20)),
                        ('http_status', models.PositiveSmallIntegerField(blank=True, null=True)),
                        ('fetched', models.PositiveIntegerField(default=0, help_text='Entries in the feed.')),
                        ('new', models.PositiveIntegerField(default=0, help_text='Entries queued for ingestion.')),
                        ('duplicate', models.PositiveIntegerField(default=0, help_text='Entries already known.')),
                        ('failed', models.PositiveIntegerField(default=0, help_text='Entries that could not be queued (no usable link).')),
                        ('error', models.TextField(blank=True)),
                        ('notes', models.JSONField(blank=True, default=list, help_text='One line per entry problem.')),
                        ('feed', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='runs', to='ingestion.feed')),
                    ],
                    options={
                        'db_table': 'articles_feedrun',
                        'ordering': ['-started_at'],
                        'get_latest_by': 'started_at',
                    },
                ),

                migrations.AddField(
                    model_name='ingestion',
                    name='article',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ingestions', to='sources.article'),
                ),
                migrations.AddField(
                    model_name='ingestion',
                    name='feed',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ingestions', to='ingestion.feed'),
                ),
                migrations.AddField(
                    model_name='ingestion',
                    name='submitted_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='mention',
                    name='article',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mentions', to='sources.article'),
                ),
                migrations.AddField(
                    model_name='mention',
                    name='content_type',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype'),
                ),
                migrations.AddField(
                    model_name='mention',
                    name='reviewed_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='suggestion',
                    name='article',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='suggestions', to='sources.article'),
                ),
                migrations.AddField(
                    model_name='suggestion',
                    name='draft_type',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='contenttypes.contenttype'),
                ),
                migrations.AddField(
                    model_name='suggestion',
                    name='reviewed_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddConstraint(
                    model_name='feedrun',
                    constraint=models.CheckConstraint(condition=models.Q(('new__lte', models.F('fetched'))), name='feed_run_new_within_fetched'),
                ),
                migrations.AddConstraint(
                    model_name='ingestion',
                    constraint=models.UniqueConstraint(condition=models.Q(('url_key', ''), _negated=True), fields=('url_key',), name='ingestion_one_per_page'),
                ),
                migrations.AddConstraint(
                    model_name='ingestion',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('url', ''), _negated=True), models.Q(('file_name', ''), _negated=True), _connector='OR'), name='ingestion_has_input'),
                ),
                migrations.AddConstraint(
                    model_name='ingestion',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('step', 'failed'), _negated=True), models.Q(('error', ''), _negated=True), _connector='OR'), name='ingestion_failure_has_error'),
                ),
                migrations.AddIndex(
                    model_name='mention',
                    index=models.Index(fields=['content_type', 'object_id'], name='articles_me_content_d48875_idx'),
                ),
                migrations.AddConstraint(
                    model_name='mention',
                    constraint=models.UniqueConstraint(fields=('article', 'content_type', 'object_id', 'start', 'end', 'text_sha256'), name='mention_unique_span_per_record'),
                ),
                migrations.AddConstraint(
                    model_name='mention',
                    constraint=models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='mention_span_not_empty'),
                ),
                migrations.AddIndex(
                    model_name='suggestion',
                    index=models.Index(fields=['kind', 'normalized', 'status'], name='articles_su_kind_5a6a88_idx'),
                ),
                migrations.AddConstraint(
                    model_name='suggestion',
                    constraint=models.UniqueConstraint(fields=('article', 'kind', 'normalized', 'start', 'text_sha256'), name='suggestion_unique_per_span'),
                ),
                migrations.AddConstraint(
                    model_name='suggestion',
                    constraint=models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='suggestion_span_not_empty'),
                ),
                migrations.AddConstraint(
                    model_name='suggestion',
                    constraint=models.CheckConstraint(condition=models.Q(('evidence_start__lte', models.F('start')), ('evidence_end__gte', models.F('end'))), name='suggestion_evidence_holds_the_words'),
                ),
            ],
        ),
        move_content_types("articles", "ingestion", ["feed", "feedrun", "ingestion", "mention", "suggestion"]),
    ]
