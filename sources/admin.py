"""The newsroom's sources: articles, and the citations every curated record's page lists."""

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.utils.translation import ngettext

from editorial.rules import may_review
from sources import services

# Importing it also registers the citations' and the ingestion pipeline's screens (feeds, inputs, mentions...).
from sources.citation_admin import CitationInline
from sources.models import Article, Citation

__all__ = ["ArticleAdmin", "CitationInline"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "outlet", "published_at", "language", "public")
    list_filter = ("published_on_its_own", "language", "published_at")
    search_fields = ("title", "url", "text")
    date_hierarchy = "published_at"
    readonly_fields = ("public_status", "published_on_its_own", "text_sha256", "uuid", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", ("outlet", "author"), ("published_at", "language"), "url", "canonical_url")}),
        ("Public", {"fields": ("public_status", "published_on_its_own")}),
        # The whole text is shown here only: the public sees the passages published records cite.
        ("Text", {"fields": ("text", "text_sha256")}),
        ("Record", {"fields": ("uuid", ("created_at", "updated_at"))}),
    )
    actions = ("publish_on_its_own", "withdraw")

    def get_queryset(self, request):
        cited = Citation.objects.public().filter(article=OuterRef("pk"))
        return super().get_queryset(request).annotate(cited_publicly=Exists(cited))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.citations.exists():
            # Citations locate their passages by offsets into this text: editing it would move them all.
            return (*self.readonly_fields, "text")
        return self.readonly_fields

    def has_review_permission(self, request):
        return may_review(request.user, Article)

    @admin.display(boolean=True, description="public")
    def public(self, article):
        return article.published_on_its_own or article.cited_publicly

    @admin.display(description="who sees it")
    def public_status(self, article):
        if article.pk is None:
            return "Not public: nobody has reviewed it yet."
        if article.cited_publicly:
            return "Public: a published record cites it (its page shows the cited passages, never the whole text)."
        if article.published_on_its_own:
            return "Public: a reviewer published it on its own (its page shows its title, outlet, date and link)."
        return "Not public: no published record cites it, and no reviewer published it on its own."

    @admin.action(description="Publish on their own (reviewers)", permissions=["review"])
    def publish_on_its_own(self, request, queryset):
        changed = services.publish_on_its_own(articles=list(queryset))
        for article in changed:
            self.log_change(request, article, "Published on its own.")
        self.message_user(
            request,
            ngettext("%d article is now public.", "%d articles are now public.", len(changed)) % len(changed),
            messages.SUCCESS,
        )

    @admin.action(description="Withdraw from the public (reviewers)", permissions=["review"])
    def withdraw(self, request, queryset):
        articles = list(queryset)
        changed = services.withdraw(articles=articles)
        for article in changed:
            self.log_change(request, article, "Withdrawn: no longer published on its own.")
        still = Article.objects.public().filter(pk__in=[article.pk for article in articles]).count()
        message = ngettext("%d article withdrawn.", "%d articles withdrawn.", len(changed)) % len(changed)
        if still:
            message += (
                " "
                + ngettext(
                    "%d stays public: a published record cites it.",
                    "%d stay public: published records cite them.",
                    still,
                )
                % still
            )
        self.message_user(request, message, messages.SUCCESS)
