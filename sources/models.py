"""The news every fact cites: source documents, and citations tying curated facts to them.

This app knows no domain model: a citation points at its fact through the contenttypes
framework, so people/, meetings/ and initiatives/ can cite without sources/ importing them.
The tables keep the names they were created with in `articles/` (see `sources/migrations`).
"""

import hashlib
import uuid

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import capfirst

from editorial.models import CuratedQuerySet, CuratedRecord, DatePrecisionField
from editorial.search import search_vector_field
from sources.evidence import unstated_value


def text_sha256(text: str) -> str:
    """The hash a citation keeps of the text its offsets index into."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: articles a published record cites, and those a reviewer published on their own.

        The one rule the article page, the API and site search read through: an ingested article is
        third-party text nobody has reviewed yet.
        """
        cited = Citation.objects.public().order_by().values("article_id")
        on_its_own = Article.objects.filter(published_on_its_own=True).order_by().values("pk")
        # One set, not "flag OR cited": PostgreSQL joins against a set, but it filters every row with an OR, a
        # plan it costs so high that JIT compilation took 0.9 s of a 20,000-article list's 0.93 s.
        return self.filter(pk__in=cited.union(on_its_own))


_ArticleManagerBase = models.Manager.from_queryset(ArticleQuerySet)


class ArticleManager(_ArticleManagerBase):
    def get_queryset(self):
        # The stored search vector is about as large as the text, and only the database reads it (site search).
        return super().get_queryset().defer("search_vector")


class Article(models.Model):
    """One source document: a news story, a press release, a transcript.

    Not a curated record: an article is evidence; what the pipeline or an editor concludes from it
    lives in citations and the records they support. Its text is its publisher's: the public sees an
    article only as `ArticleQuerySet.public` says, and then its cited passages, never the whole text.
    """

    uuid = models.UUIDField("UUID", unique=True, editable=False, default=uuid.uuid4)
    url = models.URLField(max_length=2000, blank=True, help_text="Where it was fetched; empty for a file.")
    canonical_url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=200, blank=True, help_text="The publisher, e.g. The Standard.")
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=35, blank=True, help_text="BCP 47 tag, e.g. en.")
    text = models.TextField(help_text="The main text, as plain text; citations' offsets index into it.")
    published_on_its_own = models.BooleanField(
        "published on its own",
        default=False,
        help_text="A reviewer made it public although no published record cites it.",
    )
    text_sha256 = models.CharField(max_length=64, editable=False, db_index=True)
    fingerprint = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Hash of the text with case and spacing normalised: the same story from another URL.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Indexed: the API's Last-Modified reads the newest one on every request.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # What site search searches; the stored vector is `editorial.search.document(*search_fields)`.
    search_fields = ("title", "text")
    search_vector = search_vector_field(*search_fields)

    objects = ArticleManager()

    class Meta:
        db_table = "articles_article"  # created in articles/, moved here as it stood
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["canonical_url"], condition=~Q(canonical_url=""), name="article_canonical_url_unique"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="article_has_text"),
            models.CheckConstraint(condition=~Q(text_sha256=""), name="article_has_text_hash"),
        ]

    def __str__(self):
        if self.title:
            return self.title
        first_line = self.text.strip().split("\n", 1)[0]
        if len(first_line) <= 80:
            return first_line
        # Cut between words: a word cut in half reads as a different word.
        return first_line[:81].rsplit(None, 1)[0].rstrip(",;:-\u2013\u2014") + "…"

    def clean(self):
        super().clean()
        self.text_sha256 = text_sha256(self.text)


class CitationQuerySet(CuratedQuerySet):
    def for_record(self, record: models.Model, field: str | None = None):
        """Citations of one record, or of one of its fields (e.g. an initiative's budget)."""
        citations = self.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
        return citations if field is None else citations.filter(field=field)

    def public(self):
        """Published citations of published records: a citation must not reveal what it supports before it is out."""
        supported = Q()
        for model in apps.get_models():
            if issubclass(model, CitedRecord):
                # By name, not get_for_model(): building the queryset must not query (the API's schema check runs
                # before the database has tables).
                supported |= Q(
                    content_type__app_label=model._meta.app_label,
                    content_type__model=model._meta.model_name,
                    object_id__in=model._default_manager.published().values("pk"),
                )
        return self.published().filter(supported)


class CitedRecord(CuratedRecord):
    """A curated record whose facts cite sources; its citations go when it goes."""

    citations = GenericRelation("sources.Citation")

    requires_citation = True
    # The facts a citation may narrow to, by field name; None: the kind's own editable fields.
    citable_fields: tuple[str, ...] | None = None
    # Facts that span several fields, {name: label}: "budget" is cited once for budget_amount, budget_currency...
    # (each `name_*` field is left out of the list). Publishing may require them (`required_citation_fields`).
    citation_facts: dict[str, str] = {}

    @classmethod
    def citable_field_choices(cls) -> list[tuple[str, str]]:
        """What a citation's `field` may name, by label: the record as a whole (""), then each citable fact."""
        if cls.citable_fields is not None:
            fields = [cls._meta.get_field(name) for name in cls.citable_fields]
        else:
            editorial = {field.name for field in CuratedRecord._meta.fields}
            fields = [
                field
                for field in (*cls._meta.concrete_fields, *cls._meta.many_to_many)
                # A date's precision is cited with its date, not on its own.
                if field.editable
                and not field.primary_key
                and field.name not in editorial
                and not isinstance(field, DatePrecisionField)
            ]
        facts = list(cls.citation_facts.items())
        fields = [field for field in fields if not any(field.name.startswith(f"{name}_") for name, _ in facts)]
        return [
            ("", "The record as a whole"),
            *facts,
            *((field.name, str(capfirst(field.verbose_name))) for field in fields if isinstance(field, models.Field)),
        ]

    class Meta(CuratedRecord.Meta):
        abstract = True


class Citation(CuratedRecord):
    """Who says so: ties one curated fact to the passage of an article, or to a URL, that supports it.

    `field` narrows the fact to one attribute of the record (an initiative's `budget`); empty
    means the record as a whole (the membership, the statement, the initiative's existence).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        max_length=50, blank=True, help_text="The attribute cited, e.g. budget; empty: the record."
    )

    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.PROTECT, related_name="citations")
    passage = models.TextField(blank=True, help_text="The sentence or words that support the fact, as in the text.")
    start = models.PositiveIntegerField(null=True, blank=True, help_text="Offset of the passage in the article's text.")
    end = models.PositiveIntegerField(null=True, blank=True)
    text_sha256 = models.CharField(
        max_length=64, blank=True, help_text="Hash of the article text the offsets index into."
    )

    url = models.URLField(max_length=2000, blank=True, help_text="A source we do not store, e.g. an official page.")
    source_title = models.CharField(max_length=500, blank=True)
    accessed_date = models.DateField(null=True, blank=True, help_text="When the URL was read.")
    note = models.TextField(blank=True)

    objects = CitationQuerySet.as_manager()  # type: ignore[misc]  # django-stubs #1713: as_manager() in a subclass

    class Meta:
        db_table = "articles_citation"  # created in articles/, moved here as it stood
        ordering = ["content_type", "object_id", "field", "start"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(condition=Q(article__isnull=False) | ~Q(url=""), name="citation_has_source"),
            # A citation of a stored article points at its passage exactly.
            models.CheckConstraint(
                condition=Q(article__isnull=True)
                | (
                    Q(start__isnull=False)
                    & Q(end__isnull=False)  # "end > start" is NULL, which a CHECK lets through, when end is NULL
                    & Q(end__gt=F("start"))
                    & ~Q(passage="")
                    & ~Q(text_sha256="")
                ),
                name="citation_article_passage_located",
            ),
        ]

    def __str__(self):
        source = self.source_title or self.url or (str(self.article) if self.article_id else "")
        return f"{self.passage[:60]!r} ({source})" if self.passage else source

    def clean(self):
        super().clean()
        article = self.article
        if article is None:
            return
        text = article.text
        if self.start is None and self.passage:
            # An editor pastes the passage; we find where it sits.
            found = text.find(self.passage)
            if found < 0:
                raise ValidationError({"passage": "This passage does not appear in the article's text."})
            self.start, self.end = found, found + len(self.passage)
        if self.start is None or self.end is None or text[self.start : self.end] != self.passage:
            raise ValidationError({"passage": "The passage and its offsets do not match the article's text."})
        self.text_sha256 = article.text_sha256
        unstated = unstated_value(self)
        if unstated is not None:
            # A source that does not say what it is cited for proves nothing: "says who?" must get a yes.
            raise ValidationError(
                {"passage": f"This passage does not state the value cited ({unstated.label}: {unstated.shown})."}
            )


class ArticleVersion(models.Model):
    """Every text an article has had: a changed story at the same URL is a new version, not a new article.

    Citations keep the hash of the text their offsets index into; the version with that hash
    still says what they quoted after the article changes.
    """

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    text_sha256 = models.CharField(max_length=64)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "articles_articleversion"  # created in articles/, moved here as it stood
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_version_number_unique"),
            models.UniqueConstraint(fields=["article", "text_sha256"], name="article_version_text_unique"),
        ]

    def __str__(self):
        return f"{self.article} (version {self.number})"
