"""The pipeline's own records: one per input with its state and error, and every text an article has had."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


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
    ERROR = "error", "Error"


IN_PROGRESS = (Step.QUEUED, Step.FETCHING, Step.LINKING)


class IngestionQuerySet(models.QuerySet):
    def stuck(self, *, older_than: "timezone.timedelta"):
        """In progress and untouched for longer than a task may take: lost to a broker outage or a killed worker."""
        return self.filter(step__in=IN_PROGRESS, updated_at__lt=timezone.now() - older_than)


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
        "articles.Feed", null=True, blank=True, on_delete=models.SET_NULL, related_name="ingestions"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    step = models.CharField(max_length=20, choices=Step, default=Step.QUEUED, db_index=True)
    failed_step = models.CharField(max_length=20, choices=Step, blank=True, help_text="The step to retry.")
    outcome = models.CharField(max_length=20, choices=Outcome, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="ingestions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = IngestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # A feed polled twice, or a task run twice under acks_late, finds the page's row instead of adding one.
            models.UniqueConstraint(fields=["url_key"], condition=~Q(url_key=""), name="ingestion_one_per_page"),
            models.CheckConstraint(condition=~Q(url="") | ~Q(file_name=""), name="ingestion_has_input"),
            models.CheckConstraint(condition=~Q(step=Step.FAILED) | ~Q(error=""), name="ingestion_failure_has_error"),
        ]

    def __str__(self):
        return self.url or self.file_name


class ArticleVersion(models.Model):
    """Every text an article has had: a changed story at the same URL is a new version, not a new article.

    Citations keep the hash of the text their offsets index into; the version with that hash
    still says what they quoted after the article changes.
    """

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    text_sha256 = models.CharField(max_length=64)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_version_number_unique"),
            models.UniqueConstraint(fields=["article", "text_sha256"], name="article_version_text_unique"),
        ]

    def __str__(self):
        return f"{self.article} (version {self.number})"
