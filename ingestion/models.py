"""The pipeline's records: feeds and their polls, one ingestion per input, and what it proposes from an article.

Mentions of known records and suggestions of new ones are proposals: both start `proposed`; a rejected
one is kept, so that running the pipeline again does not propose it again. Machines propose, editors
decide. The tables keep the names they were created with in `articles/` (see `ingestion/migrations`).
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class FeedQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime | None = None):
        """Active feeds whose next poll time has come."""
        now = now or timezone.now()
        return self.filter(is_active=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))


class Feed(models.Model):
    """An RSS (0.9x, 1.0, 2.0), Atom or JSON feed whose entries become articles."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True, help_text="Filled from the feed when left empty.")
    is_active = models.BooleanField(default=True, help_text="Untick to stop polling without deleting the feed.")
    poll_interval = models.DurationField(
        default=datetime.timedelta(minutes=30), help_text="How often to poll when the feed answers, e.g. 00:30:00."
    )
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedQuerySet.as_manager()

    class Meta:
        db_table = "articles_feed"  # created in articles/, moved here as it stood
        ordering = ["title", "url"]
        constraints = [
            models.CheckConstraint(condition=Q(poll_interval__gt=datetime.timedelta(0)), name="feed_polls_sometime")
        ]

    def __str__(self):
        return self.title or self.url

    @property
    def is_healthy(self) -> bool:
        return self.consecutive_failures == 0


class FeedRunStatus(models.TextChoices):
    OK = "ok", "OK"
    NOT_MODIFIED = "not_modified", "Not modified"
    FAILED = "failed", "Failed"


class FeedRun(models.Model):
    """What one poll of a feed found: how many entries, how many new, already known or failed."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=FeedRunStatus)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    fetched = models.PositiveIntegerField(default=0, help_text="Entries in the feed.")
    new = models.PositiveIntegerField(default=0, help_text="Entries queued for ingestion.")
    duplicate = models.PositiveIntegerField(default=0, help_text="Entries already known.")
    failed = models.PositiveIntegerField(default=0, help_text="Entries that could not be queued (no usable link).")
    error = models.TextField(blank=True)
    notes = models.JSONField(default=list, blank=True, help_text="One line per entry problem.")

    class Meta:
        db_table = "articles_feedrun"  # created in articles/, moved here as it stood
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        constraints = [
            models.CheckConstraint(condition=Q(new__lte=F("fetched")), name="feed_run_new_within_fetched"),
        ]

    def __str__(self):
        return f"{self.feed} at {self.started_at:%Y-%m-%d %H:%M}: {self.get_status_display()}"


class Step(models.TextChoices):
    """Where an input stands; a failed input keeps the step it failed in, so an editor can retry it."""

    QUEUED = "queued", "Queued for fetching"
    FETCHING = "fetching", "Fetching and extracting"
    LINKING = "linking", "Linking and suggesting"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Outcome(models.TextChoices):
    NEW = "new", "New article"
    DUPLICATE = "duplicate", "Duplicate of a stored article"
    UPDATED = "updated", "New version of a stored article"
    REFUSED = "refused", "Refused: not a public address, or not a page the pipeline fetches"
    ERROR = "error", "Error"


IN_PROGRESS = (Step.QUEUED, Step.FETCHING, Step.LINKING)


class Ingestion(models.Model):
    """One input through the pipeline: a web page (from a feed, an editor or the command) or a local file.

    The article does not exist until its text does (an article without text is refused by the
    database), so the pipeline state and the error an editor reads live here.
    """

    url = models.URLField(max_length=2000, blank=True, help_text="The address as submitted.")
    url_key = models.CharField(
        max_length=2000, blank=True, editable=False, help_text="The canonical address: one ingestion per page."
    )
    file_name = models.CharField(max_length=500, blank=True, help_text="For a local file: its name.")
    feed = models.ForeignKey(
        "ingestion.Feed", null=True, blank=True, on_delete=models.SET_NULL, related_name="ingestions"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    step = models.CharField(max_length=20, choices=Step, default=Step.QUEUED, db_index=True)
    failed_step = models.CharField(max_length=20, choices=Step, blank=True, help_text="The step to retry.")
    outcome = models.CharField(max_length=20, choices=Outcome, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    submitted_keys = models.JSONField(
        default=list, blank=True, editable=False,
        help_text="Prefixes of the API keys that submitted this page: only they read its status in the API.",
    )  # fmt: skip
    # The outbox and the lease of ingestion.queueing: how a lost message or a lost worker is noticed.
    unsent_since = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Set while its step's message is owed to the broker."
    )
    lease_until = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="A run holds its step until then, renewed while it runs."
    )
    article = models.ForeignKey(
        "sources.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="ingestions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        db_table = "articles_ingestion"  # created in articles/, moved here as it stood
        ordering = ["-created_at"]
        constraints = [
            # A feed polled twice, or a task run twice under acks_late, finds the page's row instead of adding one.
            models.UniqueConstraint(fields=["url_key"], condition=~Q(url_key=""), name="ingestion_one_per_page"),
            models.CheckConstraint(condition=~Q(url="") | ~Q(file_name=""), name="ingestion_has_input"),
            models.CheckConstraint(condition=~Q(step=Step.FAILED) | ~Q(error=""), name="ingestion_failure_has_error"),
        ]

    def __str__(self):
        return self.url or self.file_name


class ReviewStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class LinkMethod(models.TextChoices):
    NAME = "name", "Name"
    ALIAS = "alias", "Alias"
    VARIANT = "variant", "A form of a name (without “the”, a legal suffix or a place)"
    ACRONYM = "acronym", "Acronym the article defines"
    COREFERENCE = "coreference", "Description of an entity named earlier (“the Institute”)"
    NESTED = "nested", "Name inside a longer known name"
    SURNAME = "surname", "Surname of a person named earlier"
    ROLE = "role", "Holder of a post on the article's date"


class Mention(models.Model):
    """A span of an article's text that refers to a known record."""

    article = models.ForeignKey("sources.Article", on_delete=models.CASCADE, related_name="mentions")
    kind = models.CharField(max_length=20, help_text="person, organization, post, meeting or initiative.")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    surface = models.CharField(max_length=500, help_text="The words as written in the article.")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text_sha256 = models.CharField(max_length=64, help_text="Hash of the article text the offsets index into.")
    method = models.CharField(max_length=20, choices=LinkMethod)
    confidence = models.FloatField(
        default=1.0, help_text="How sure the linker was, 0 to 1: lower for a weaker method or when another record fit."
    )
    status = models.CharField(max_length=20, choices=ReviewStatus, default=ReviewStatus.PROPOSED, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, db_index=True)  # the API's Last-Modified reads it
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "articles_mention"  # created in articles/, moved here as it stood
        ordering = ["article", "start", "kind"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_type", "object_id", "start", "end", "text_sha256"],
                name="mention_unique_span_per_record",
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="mention_span_not_empty"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="mention_confidence_between_0_and_1"
            ),
        ]

    def __str__(self):
        return f"{self.surface!r} → {self.kind}"


class SuggestionKind(models.TextChoices):
    INITIATIVE = "initiative", "Initiative"
    PERSON = "person", "Person"
    MEETING = "meeting", "Meeting"
    STATEMENT = "statement", "Statement"
    AMOUNT = "amount", "Amount"
    DATE = "date", "Date"
    LINK = "link", "Link to a known record, for an editor to confirm"


class Suggestion(models.Model):
    """Something the article states that we have no record of: an initiative, a person, a statement, an amount."""

    article = models.ForeignKey("sources.Article", on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(max_length=20, choices=SuggestionKind, db_index=True)
    text = models.CharField(max_length=500, help_text="The words as written in the article.")
    normalized = models.CharField(
        max_length=300, help_text="The value the words stand for: a name, HKD 200000000000, 2024-10-22."
    )
    data = models.JSONField(default=dict, blank=True, help_text="Parsed details: amount, currency, precision...")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    evidence = models.TextField(help_text="The sentence that says it.")
    evidence_start = models.PositiveIntegerField()
    evidence_end = models.PositiveIntegerField()
    text_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=20, choices=ReviewStatus, default=ReviewStatus.PROPOSED, db_index=True)
    draft_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    draft_id = models.PositiveBigIntegerField(null=True, blank=True)
    draft = GenericForeignKey("draft_type", "draft_id")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "articles_suggestion"  # created in articles/, moved here as it stood
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["kind", "normalized", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "normalized", "start", "text_sha256"], name="suggestion_unique_per_span"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="suggestion_span_not_empty"),
            models.CheckConstraint(
                condition=Q(evidence_start__lte=F("start")) & Q(evidence_end__gte=F("end")),
                name="suggestion_evidence_holds_the_words",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"
