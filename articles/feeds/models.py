"""Feeds the pipeline polls on a schedule, with what HTTP caching and backoff need, and a report per poll."""

import datetime

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
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        constraints = [
            models.CheckConstraint(condition=Q(new__lte=F("fetched")), name="feed_run_new_within_fetched"),
        ]

    def __str__(self):
        return f"{self.feed} at {self.started_at:%Y-%m-%d %H:%M}: {self.get_status_display()}"
