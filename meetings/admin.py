"""The newsroom's where and what was said: meetings, who took part, and their statements."""

from django.contrib import admin

from editorial.admin import (
    EDITORIAL_FIELDSET,
    AutoSlugForm,
    CuratedChildInline,
    CuratedRecordAdmin,
    ExternalIdentifierInline,
)
from meetings.models import Meeting, MeetingAlias, Participation, Statement, StatementAmount
from sources.admin import CitationInline


class MeetingAliasInline(admin.TabularInline):
    model = MeetingAlias
    owned_relation = "aliases"
    fields = ("name", "kind", "language")
    extra = 0


class MeetingParticipationInline(CuratedChildInline):
    """Who took part, on the meeting's page."""

    model = Participation
    fields = ("person", "capacity", "post", "delegation", "slug")
    autocomplete_fields = ("person", "post", "delegation")
    extra = 0


class StatementAmountInline(admin.TabularInline):
    model = StatementAmount
    owned_relation = "amounts"
    fields = ("surface", "value", "currency", "qualifier", "purpose", "initiative")
    autocomplete_fields = ("initiative",)
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(CuratedRecordAdmin):
    list_display = ("name", "kind", "start_date", "locality", "host_economy", "organizer", "editorial_status")
    list_filter = ("editorial_status", "kind", "host_economy", "start_date")
    search_fields = ("name", "aliases__name", "slug", "locality", "venue")
    list_select_related = ("host_economy", "organizer")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parents", "country", "host_economy", "organizer")
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "parents", "organizer", "description")}),
        (
            "When and where",
            {
                "fields": (
                    ("start_date", "start_date_precision"),
                    ("end_date", "end_date_precision"),
                    ("venue", "locality"),
                    ("country", "host_economy"),
                )
            },
        ),
        EDITORIAL_FIELDSET,
    )
    inlines = (MeetingAliasInline, MeetingParticipationInline, ExternalIdentifierInline, CitationInline)


@admin.register(Participation)
class ParticipationAdmin(CuratedRecordAdmin):
    form = AutoSlugForm
    list_display = ("person", "capacity", "meeting", "post", "delegation", "editorial_status")
    list_filter = ("editorial_status", "capacity", "delegation")
    search_fields = ("person__full_name", "person__aliases__name", "meeting__name", "meeting__aliases__name", "slug")
    list_select_related = ("person", "meeting", "post__organization", "delegation")
    date_hierarchy = "meeting__start_date"
    autocomplete_fields = ("person", "meeting", "post", "delegation")
    fieldsets = (
        (None, {"fields": ("person", "meeting", "capacity", "post", "delegation", "slug")}),
        EDITORIAL_FIELDSET,
    )
    inlines = (ExternalIdentifierInline, CitationInline)


@admin.register(Statement)
class StatementAdmin(CuratedRecordAdmin):
    form = AutoSlugForm
    list_display = ("summary", "speaker", "meeting", "date", "speech_act", "rendering", "editorial_status")
    list_filter = ("editorial_status", "speech_act", "rendering", "language", "date")
    search_fields = ("summary", "text", "speaker__full_name", "speaker__aliases__name", "meeting__name", "slug")
    list_select_related = ("speaker", "meeting")
    date_hierarchy = "date"
    autocomplete_fields = ("speaker", "post", "meeting", "initiatives", "themes")
    fieldsets = (
        (None, {"fields": ("speaker", "post", "meeting", ("date", "date_precision"))}),
        (None, {"fields": (("speech_act", "rendering"), "summary", "text", "language", "slug")}),
        ("About", {"fields": ("initiatives", "themes")}),
        EDITORIAL_FIELDSET,
    )
    inlines = (StatementAmountInline, ExternalIdentifierInline, CitationInline)
