"""What the pipeline proposes from an article: mentions of known records, and suggestions of new ones.

Machines propose, editors decide: both start `proposed`; a rejected one is kept, so that running
the pipeline again does not propose it again.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q


class ReviewStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class LinkMethod(models.TextChoices):
    NAME = "name", "Name"
    ALIAS = "alias", "Alias"
    SURNAME = "surname", "Surname of a person named earlier"
    ROLE = "role", "Holder of a post on the article's date"


class Mention(models.Model):
    """A span of an article's text that refers to a known record."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="mentions")
    kind = models.CharField(max_length=20, help_text="person, organization, post, meeting or initiative.")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    surface = models.CharField(max_length=500, help_text="The words as written in the article.")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text_sha256 = models.CharField(max_length=64, help_text="Hash of the article text the offsets index into.")
    method = models.CharField(max_length=20, choices=LinkMethod)
    status = models.CharField(max_length=20, choices=ReviewStatus, default=ReviewStatus.PROPOSED, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, db_index=True)  # the API's Last-Modified reads it
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "start", "kind"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_type", "object_id", "start", "end", "text_sha256"],
                name="mention_unique_span_per_record",
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="mention_span_not_empty"),
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


class Suggestion(models.Model):
    """Something the article states that we have no record of: an initiative, a person, a statement, an amount."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="suggestions")
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
