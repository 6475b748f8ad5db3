"""The newsroom's sources: articles, and the citations every curated record's page lists."""

from django.contrib import admin

# Importing it also registers the citations' and the ingestion pipeline's screens (feeds, inputs, mentions...).
from articles.citation_admin import CitationInline
from articles.models import Article

__all__ = ["ArticleAdmin", "CitationInline"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "outlet", "published_at", "language")
    list_filter = ("language", "published_at")
    search_fields = ("title", "url", "text")
    date_hierarchy = "published_at"
    readonly_fields = ("text_sha256", "uuid", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", ("outlet", "author"), ("published_at", "language"), "url", "canonical_url")}),
        ("Text", {"fields": ("text", "text_sha256")}),
        ("Record", {"fields": ("uuid", ("created_at", "updated_at"))}),
    )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.citations.exists():
            # Citations locate their passages by offsets into this text: editing it would move them all.
            return (*self.readonly_fields, "text")
        return self.readonly_fields
