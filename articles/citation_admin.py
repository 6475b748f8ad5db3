"""Citations on the editors' screens: the inline every cited record's page carries, and a citation's own page."""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models

from articles.models import Citation
from articles.pipeline_admin import admin_link
from editorial.admin import (
    EDITORIAL_FIELDSET,
    AutoSlugForm,
    CuratedChildForm,
    CuratedChildInlineMixin,
    CuratedRecordAdmin,
    curated_content_types,
)


class CitationForm(AutoSlugForm):
    """A citation form where a changed passage is located again in the article's text."""

    def clean(self):
        cleaned_data = super().clean()
        moved = {"passage", "article"} & set(self.changed_data)
        if moved and not {"start", "end"} & set(self.changed_data):
            # Stale offsets would make Citation.clean refuse the new passage; blank ones make it find it.
            self.instance.start = self.instance.end = None
            for name in ("start", "end"):
                if name in self.fields:
                    cleaned_data[name] = None
        return cleaned_data


class CitationInlineForm(CuratedChildForm, CitationForm):
    """A citation on its record's page: editable while a draft, reviewed on its own page after."""


class CitationInline(CuratedChildInlineMixin, GenericTabularInline):
    """The sources of a curated record: paste the passage, and its offsets are found in the article's text."""

    model = Citation
    form = CitationInlineForm
    ct_field = "content_type"
    ct_fk_field = "object_id"
    fields = ("field", "article", "passage", "url", "source_title", "accessed_date", "note", "slug", "editorial_status")
    readonly_fields = ("editorial_status",)
    autocomplete_fields = ("article",)
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}
    extra = 0


@admin.register(Citation)
class CitationAdmin(CuratedRecordAdmin):
    form = CitationForm
    list_display = ("__str__", "content_type", "object_id", "field", "article", "editorial_status")
    list_filter = ("editorial_status", ("content_type", admin.RelatedOnlyFieldListFilter), "accessed_date")
    search_fields = ("passage", "source_title", "url", "article__title", "field", "slug")
    list_select_related = ("content_type", "article")
    autocomplete_fields = ("article",)
    readonly_fields = (*CuratedRecordAdmin.readonly_fields, "cited_record", "text_sha256")
    fieldsets = (
        ("Fact", {"fields": (("content_type", "object_id"), "cited_record", "field")}),
        ("Article", {"fields": ("article", "passage", ("start", "end"), "text_sha256")}),
        ("Or a page we do not store", {"fields": ("url", "source_title", "accessed_date")}),
        (None, {"fields": ("note", "slug")}),
        EDITORIAL_FIELDSET,
    )

    @admin.display(description="cited record")
    def cited_record(self, citation):
        return admin_link(citation.record)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = curated_content_types()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
