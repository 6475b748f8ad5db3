"""The newsroom's what: initiatives, their timelines and themes."""

from django.contrib import admin

from editorial.admin import (
    EDITORIAL_FIELDSET,
    AutoSlugForm,
    CuratedChildInline,
    CuratedRecordAdmin,
    ExternalIdentifierInline,
)
from initiatives.models import Initiative, InitiativeAlias, Milestone, Theme
from sources.admin import CitationInline


class InitiativeAliasInline(admin.TabularInline):
    model = InitiativeAlias
    owned_relation = "aliases"
    fields = ("name", "kind", "language")
    extra = 0


class MilestoneInline(CuratedChildInline):
    model = Milestone
    fields = ("kind", ("date", "date_precision"), ("amount", "currency"), "description", "slug")
    extra = 0


@admin.register(Theme)
class ThemeAdmin(CuratedRecordAdmin):
    list_display = ("name", "slug", "editorial_status")
    list_filter = ("editorial_status",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = ((None, {"fields": ("name", "slug", "description")}), EDITORIAL_FIELDSET)
    inlines = (ExternalIdentifierInline, CitationInline)


@admin.register(Initiative)
class InitiativeAdmin(CuratedRecordAdmin):
    list_display = (
        "name",
        "status",
        "instrument",
        "jurisdiction",
        "responsible_organization",
        "announced_date",
        "editorial_status",
    )
    list_filter = ("editorial_status", "status", "instrument", "jurisdiction", "themes", "announced_date")
    search_fields = ("name", "aliases__name", "slug")
    list_select_related = ("jurisdiction", "responsible_organization")
    date_hierarchy = "announced_date"
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("jurisdiction", "responsible_organization", "lead_officials", "themes", "parent", "related")
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", ("status", "instrument"))}),
        (
            "Who and where",
            {"fields": ("jurisdiction", "responsible_organization", "lead_officials", "themes", "parent", "related")},
        ),
        (
            "Dates",
            {
                "fields": (
                    ("announced_date", "announced_date_precision"),
                    ("start_date", "start_date_precision"),
                    ("end_date", "end_date_precision"),
                )
            },
        ),
        (
            "Budget",
            {
                "fields": (
                    ("budget_qualifier", "budget_amount", "budget_currency"),
                    ("budget_as_of", "budget_as_of_precision"),
                )
            },
        ),
        EDITORIAL_FIELDSET,
    )
    inlines = (InitiativeAliasInline, MilestoneInline, ExternalIdentifierInline, CitationInline)


@admin.register(Milestone)
class MilestoneAdmin(CuratedRecordAdmin):
    form = AutoSlugForm
    list_display = ("__str__", "initiative", "kind", "date", "amount", "currency", "editorial_status")
    list_filter = ("editorial_status", "kind", "date")
    search_fields = ("initiative__name", "initiative__aliases__name", "description", "slug")
    list_select_related = ("initiative",)
    date_hierarchy = "date"
    autocomplete_fields = ("initiative",)
    fieldsets = (
        (None, {"fields": ("initiative", "kind", ("date", "date_precision"), "description", "slug")}),
        ("Funding", {"fields": (("amount", "currency"),)}),
        EDITORIAL_FIELDSET,
    )
    inlines = (ExternalIdentifierInline, CitationInline)
