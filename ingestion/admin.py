"""The editors' screens for the ingestion pipeline: feeds, inputs, mentions and suggestions."""

from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django_celery_beat.models import ClockedSchedule, SolarSchedule

from editorial.admin.links import admin_link
from editorial.queue import QueueItem, QueueSection, register_section
from editorial.workflow import TransitionNotAllowed, may_edit
from ingestion import services as ingestion_services
from ingestion.linking import aliases, registry
from ingestion.linking import services as linking_services
from ingestion.linking.suggest import sentences
from ingestion.models import (
    Feed,
    FeedRun,
    Ingestion,
    LinkMethod,
    Mention,
    ReviewStatus,
    Step,
    Suggestion,
    SuggestionKind,
)

# Feeds poll on intervals and the sweep on an interval or a crontab; sun-based and one-off schedules are noise.
for unused in (SolarSchedule, ClockedSchedule):
    if admin.site.is_registered(unused):
        admin.site.unregister(unused)


def article_day(article) -> str:
    """The article's date as editors read it, or "" when its outlet gave none."""
    return date_format(article.published_at, "j F Y") if article.published_at else ""


class FeedRunInline(admin.TabularInline):
    model = FeedRun
    fields = ("started_at", "status", "http_status", "fetched", "new", "duplicate", "failed", "error")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ("-started_at",)

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-started_at")


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ("__str__", "is_active", "health", "last_success_at", "next_poll_at", "poll_interval")
    list_filter = ("is_active",)
    search_fields = ("title", "url")
    readonly_fields = (
        "etag",
        "last_modified",
        "last_polled_at",
        "last_success_at",
        "consecutive_failures",
        "last_error",
    )
    fields = ("url", "title", "is_active", "poll_interval", "next_poll_at", *readonly_fields)
    inlines = (FeedRunInline,)
    actions = ("poll_now",)

    @admin.display(description="health")
    def health(self, feed):
        if feed.is_healthy:
            return format_html('<span title="{}">✔ OK</span>', feed.last_success_at or "never polled")
        return format_html('<span title="{}">✘ {} failures</span>', feed.last_error, feed.consecutive_failures)

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request, queryset):
        from ingestion.tasks import poll_feed

        for feed_id in queryset.values_list("pk", flat=True):
            poll_feed.delay_on_commit(feed_id)
        self.message_user(request, f"Queued {queryset.count()} feed polls.")


@admin.register(Ingestion)
class IngestionAdmin(admin.ModelAdmin):
    """Inputs through the pipeline; add one to submit a page's URL."""

    list_display = ("__str__", "step", "outcome", "article_link", "short_error", "attempts", "updated_at")
    list_filter = ("step", "outcome", "failed_step", ("feed", admin.RelatedOnlyFieldListFilter))
    search_fields = ("url", "file_name", "error")
    list_select_related = ("article",)
    readonly_fields = (
        "url_key", "file_name", "feed", "submitted_by", "step", "failed_step", "outcome", "error", "attempts",
        "article_link", "created_at", "updated_at",
    )  # fmt: skip
    actions = ("retry",)

    def get_fields(self, request, obj=None):
        return ("url",) if obj is None else ("url", *self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("url", *self.readonly_fields)

    def save_model(self, request, obj, form, change):
        if change:
            return
        ingestion, created = ingestion_services.submit_url(url=obj.url, submitted_by=request.user)
        obj.pk, obj.url_key, obj._state.adding = ingestion.pk, ingestion.url_key, False
        if not created:
            self.message_user(request, "This page was submitted before; retry it if it failed.", messages.WARNING)

    @admin.display(description="article")
    def article_link(self, ingestion):
        return admin_link(ingestion.article)

    @admin.display(description="error")
    def short_error(self, ingestion):
        return ingestion.error[:120]

    @admin.action(description="Retry the failed step")
    def retry(self, request, queryset):
        failed = list(queryset.filter(step=Step.FAILED))
        for ingestion in failed:
            ingestion_services.retry_ingestion(ingestion=ingestion)
        self.message_user(request, f"Queued {len(failed)} failed inputs again.")


class ReviewAdmin(admin.ModelAdmin):
    """Accept and reject from the list (actions) or from one record's page (buttons), each shown with its evidence:
    the sentence with the words the machine read marked, the article and the article's date."""

    change_form_template = "admin/ingestion/review_change_form.html"
    accept_label = "Accept"
    reject_label = "Reject"

    list_filter = ("status", "kind")
    list_select_related = ("article",)
    actions = ("accept", "reject")

    def has_add_permission(self, request):
        return False  # the pipeline proposes; editors review

    def change_view(self, request, object_id, form_url="", extra_context=None):
        labels = {"accept_label": self.accept_label, "reject_label": self.reject_label}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **labels})

    def response_change(self, request, obj):
        for button, accept in (("_accept", True), ("_reject", False)):
            if button in request.POST:
                record = self.review(request, obj, accept=accept)
                target = record if record is not None else obj
                return HttpResponseRedirect(reverse(admin_urlname(target._meta, "change"), args=[target.pk]))
        return super().response_change(request, obj)

    @admin.action(description="Accept the selected")
    def accept(self, request, queryset):
        for obj in queryset.filter(status=ReviewStatus.PROPOSED):
            self.review(request, obj, accept=True)

    @admin.action(description="Reject the selected")
    def reject(self, request, queryset):
        for obj in queryset.filter(status=ReviewStatus.PROPOSED):
            self.review(request, obj, accept=False)

    @admin.display(description="sentence")
    def sentence(self, obj):
        text, (start, end) = obj.article.text, self.sentence_span(obj)
        return format_html(
            "{}<mark>{}</mark>{}", text[start : obj.start], text[obj.start : obj.end], text[obj.end : end]
        )

    @admin.display(description="article")
    def article_link(self, obj):
        return admin_link(obj.article)

    @admin.display(description="article date", ordering="article__published_at")
    def article_date(self, obj):
        return article_day(obj.article) or "-"


@admin.register(Mention)
class MentionAdmin(ReviewAdmin):
    accept_label = "Accept this mention"
    reject_label = "Reject this mention"
    list_display = ("surface", "kind", "record_link", "sentence", "article_link", "article_date", "method",
                    "confidence", "status")  # fmt: skip
    list_filter = ("status", "kind", "method")
    search_fields = ("surface", "article__title")
    readonly_fields = ("sentence", "kind", "record_link", "surface", "article_link", "article_date", "method",
                       "confidence", "status", "reviewed_by", "reviewed_at")  # fmt: skip
    fields = readonly_fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        mention = self.get_object(request, object_id)
        offer = ""
        if mention is not None and aliases.offers_alias(mention) and may_edit(request.user, type(mention.record)):
            offer = f"Add “{mention.surface}” as an alias of {mention.record}"
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "alias_offer": offer})

    def response_change(self, request, obj):
        if "_add_alias" in request.POST:
            self.add_alias(request, obj)
            return HttpResponseRedirect(reverse("admin:ingestion_mention_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def add_alias(self, request, mention):
        try:
            added = aliases.add_alias_from_mention(mention=mention, by=request.user)
        except (linking_services.ReviewError, PermissionDenied, TransitionNotAllowed) as error:
            self.message_user(request, str(error) or "You may not edit this record.", messages.ERROR)
            return
        if not added.is_new:
            message = f"“{added.name}” is an alias of {added.record} already."
        elif added.is_pending:
            message = f"Added “{added.name}” as an alias of {added.record}: the edit waits for a reviewer."
        else:
            message = f"Added “{added.name}” as an alias of {added.record}."
        self.message_user(request, message + " The mention is accepted.")

    @admin.display(description="record")
    def record_link(self, mention):
        return admin_link(mention.record)

    def sentence_span(self, mention):
        for start, end in sentences(mention.article.text):
            if start <= mention.start < end:
                return start, max(end, mention.end)
        return mention.start, mention.end

    def review(self, request, mention, *, accept):
        linking_services.review_mention(mention=mention, accept=accept, by=request.user)
        self.message_user(request, f"{'Accepted' if accept else 'Rejected'} {mention.surface!r}.")


@admin.register(Suggestion)
class SuggestionAdmin(ReviewAdmin):
    accept_label = "Accept: create the draft record, citing this sentence"
    reject_label = "Reject: do not suggest it again"
    list_display = ("text", "kind", "normalized", "sentence", "article_link", "article_date", "link", "status",
                    "draft_link")  # fmt: skip
    search_fields = ("text", "normalized", "evidence")
    readonly_fields = ("sentence", "kind", "text", "normalized", "data", "link", "article_link", "article_date",
                       "status", "draft_link", "reviewed_by", "reviewed_at")  # fmt: skip
    fields = readonly_fields

    @admin.display(description="draft record")
    def draft_link(self, suggestion):
        return admin_link(suggestion.draft)

    @admin.display(description="link to (method, confidence)")
    def link(self, suggestion):
        """For a suggestion of kind link: the known record, how the linker found it and how sure it was."""
        if suggestion.kind != SuggestionKind.LINK:
            return "-"
        linkable = registry.get(suggestion.data.get("kind", ""))
        record = None
        if linkable is not None:
            record = linkable.model._default_manager.filter(pk=suggestion.data.get("record_id")).first()
        return format_html(
            "{} ({})", admin_link(record) if record is not None else "a record since deleted", link_how(suggestion)
        )

    def sentence_span(self, suggestion):
        return suggestion.evidence_start, suggestion.evidence_end

    def review(self, request, suggestion, *, accept):
        try:
            if accept:
                accepted = linking_services.accept_suggestion(suggestion=suggestion, by=request.user)
                self.message_user(request, accepted_message(suggestion, accepted))
                return accepted.mention or accepted.record
            linking_services.reject_suggestion(suggestion=suggestion, by=request.user)
            self.message_user(request, f"Rejected {suggestion.text!r}: it will not be suggested again.")
        except linking_services.ReviewError as error:
            self.message_user(request, str(error), messages.ERROR)
        return None


def accepted_message(suggestion: Suggestion, accepted: linking_services.Accepted) -> str:
    """What accepting made, what it carries from the sentence, and what the editor still has to fill in."""
    if accepted.mention is not None:
        return f"Accepted {suggestion.text!r} as a mention of {accepted.mention.record}."
    if accepted.record is None:
        return f"Accepted {suggestion.text!r}."
    parts = [f"Created the draft {accepted.record._meta.verbose_name} “{accepted.record}”, citing the sentence"]
    if accepted.dependents:
        parts.append("and " + ", ".join(f"the draft {dependent}" for dependent in accepted.dependents))
    message = " ".join(parts) + "."
    if accepted.carried:
        message += " From the sentence: " + "; ".join(accepted.carried) + "."
    if accepted.to_complete:
        message += " To complete: " + "; ".join(accepted.to_complete) + "."
    return message + " Submit it for review when it is complete."


def link_how(suggestion: Suggestion) -> str:
    """How the linker found a suggested link and how sure it was: "Acronym the article defines, confidence 0.6"."""
    method = suggestion.data.get("method", "")
    return f"{dict(LinkMethod.choices).get(method, method)}, confidence {suggestion.data.get('confidence')}"


def suggestions_section(request, limit: int):
    """The editorial queue's part for the pipeline: proposals waiting for an editor's yes or no."""
    if not request.user.has_perm("ingestion.change_suggestion"):
        return None
    proposed = Suggestion.objects.filter(status=ReviewStatus.PROPOSED)
    mentions = Mention.objects.filter(status=ReviewStatus.PROPOSED).count()
    items = [
        QueueItem(
            f"{suggestion} ({link_how(suggestion)})" if suggestion.kind == SuggestionKind.LINK else str(suggestion),
            reverse("admin:ingestion_suggestion_change", args=[suggestion.pk]),
            who=f"The pipeline, from “{suggestion.article}” ({article_day(suggestion.article) or 'undated'})",
            when=suggestion.created_at,
            comment=suggestion.evidence,
        )
        for suggestion in proposed.select_related("article").order_by("-created_at")[:limit]
    ]
    if mentions:
        items.append(
            (f"{mentions} proposed mentions", reverse("admin:ingestion_mention_changelist") + "?status__exact=proposed")
        )
    return QueueSection(
        "suggestions",
        "Suggested by the pipeline",
        proposed.count() + mentions,
        items,
        url=reverse("admin:ingestion_suggestion_changelist") + "?status__exact=proposed",
    )


register_section(suggestions_section)
