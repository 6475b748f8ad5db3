"""Citations on the editors' screens: the inline every cited record's page carries, and a citation's own page.

An editor cites without knowing the models: the fact is picked by its label, and the passage by typing a few of
the article's words and choosing the occurrence (sources/static/sources/passage_picker.js). The offsets the
browser sends are a hint: the form finds the passage in the text again, at the occurrence chosen.
"""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericStackedInline
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import path, reverse_lazy

from editorial.admin import (
    EDITORIAL_FIELDSET,
    AutoSlugForm,
    CuratedChildForm,
    CuratedChildInlineMixin,
    CuratedRecordAdmin,
    curated_content_types,
)
from editorial.admin.links import admin_link
from sources.models import Article, Citation, CitedRecord
from sources.passages import find_words, locate

FIND_MIN_LENGTH = 3  # fewer letters match everywhere
FIND_LIMIT = 20  # occurrences listed: past that, more words narrow better than scrolling


class PassageFinderInput(forms.TextInput):
    """The words to look for, the occurrences found, and what the picker says about them."""

    template_name = "admin/sources/citation/passage_finder.html"

    class Media:
        js = ("sources/passage_picker.js",)
        css = {"all": ("sources/passage_picker.css",)}


class PassageFinderField(forms.CharField):
    """A search box, not data: what is typed in it never makes a citation count as changed."""

    def has_changed(self, initial, data):
        return False


class CitationForm(AutoSlugForm):
    """A citation form: the fact by its label, and the passage located again in the article's text."""

    find = PassageFinderField(
        label="Find in the article",
        required=False,
        help_text="Type a few words of the article, then pick the passage.",
        widget=PassageFinderInput(
            attrs={
                "class": "passage-finder",
                "autocomplete": "off",
                "data-url": reverse_lazy("admin:sources_citation_find_passage"),
                "data-min-length": FIND_MIN_LENGTH,
            }
        ),
    )
    cited_model = None  # set on the inline's form: a new citation does not know its record yet

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "field" not in self.fields:
            return
        cited = self.cited_model
        if cited is None and self.instance.content_type_id is not None:
            cited = self.instance.content_type.model_class()
        if cited is not None and issubclass(cited, CitedRecord):
            choices = cited.citable_field_choices()
            if self.instance.field not in dict(choices):
                # A field named before the kind's list changed stays readable, and savable as it is.
                choices.append((self.instance.field, self.instance.field))
            self.fields["field"] = forms.ChoiceField(choices=choices, required=False)
        self.fields["field"].label = "Fact cited"
        self.fields["field"].help_text = "What the passage supports."

    def clean(self):
        cleaned_data = super().clean()
        article, passage = cleaned_data.get("article"), cleaned_data.get("passage")
        if article is None or not passage or not {"article", "passage", "start", "end"} & set(self.changed_data):
            return cleaned_data
        found = locate(article.text, passage, (cleaned_data.get("start"), cleaned_data.get("end")))
        # Set on the instance too: the form may not carry the offsets. Blank when the passage is not in the
        # text: Citation.clean then says so.
        self.instance.start, self.instance.end = (None, None) if found is None else (found, found + len(passage))
        for name in ("start", "end"):
            if name in self.fields:
                cleaned_data[name] = getattr(self.instance, name)
        return cleaned_data


class CitationInlineForm(CuratedChildForm, CitationForm):
    """A citation on its record's page: editable while a draft, reviewed on its own page after."""


class CitationInline(CuratedChildInlineMixin, GenericStackedInline):
    """The sources of a curated record, one stacked form each: a table of ten columns is wider than a window."""

    model = Citation
    form = CitationInlineForm
    ct_field = "content_type"
    ct_fk_field = "object_id"
    fieldsets = (
        (None, {"fields": ("field", "article", "find", "passage", "start", "end")}),
        ("Or a page we do not store", {"fields": ("url", ("source_title", "accessed_date"))}),
        (None, {"fields": ("note", "slug", "editorial_status")}),
    )
    readonly_fields = ("editorial_status",)
    autocomplete_fields = ("article",)
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = type(self.form.__name__, (self.form,), {"cited_model": self.parent_model})
        formset = super().get_formset(request, obj, **kwargs)

        class CitingFormSet(formset):  # type: ignore[valid-type,misc]
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                # The record as this page edits it: a passage is checked against the name or date typed beside it
                # (Citation.clean), not the one stored, so that saving both together cannot fail after validation.
                form.instance.record = self.instance
                return form

        return CitingFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("start", "end"):
            # Filled by the passage picker; without it, the passage typed is found in the text.
            kwargs["widget"] = forms.HiddenInput
        elif db_field.name in ("passage", "note"):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Citation)
class CitationAdmin(CuratedRecordAdmin):
    form = CitationForm
    list_display = ("__str__", "content_type", "object_id", "fact_cited", "article", "editorial_status")
    list_filter = ("editorial_status", ("content_type", admin.RelatedOnlyFieldListFilter), "accessed_date")
    search_fields = ("passage", "source_title", "url", "article__title", "field", "slug")
    list_select_related = ("content_type", "article")
    autocomplete_fields = ("article",)
    readonly_fields = (*CuratedRecordAdmin.readonly_fields, "cited_record", "text_sha256")
    fieldsets = (
        ("Fact", {"fields": (("content_type", "object_id"), "cited_record", "field")}),
        ("Article", {"fields": ("article", "find", "passage", ("start", "end"), "text_sha256")}),
        ("Or a page we do not store", {"fields": ("url", "source_title", "accessed_date")}),
        (None, {"fields": ("note", "slug")}),
        EDITORIAL_FIELDSET,
    )

    @admin.display(description="fact cited", ordering="field")
    def fact_cited(self, citation):
        cited = citation.content_type.model_class()
        labels = dict(cited.citable_field_choices()) if hasattr(cited, "citable_field_choices") else {}
        return labels.get(citation.field, citation.field)

    @admin.display(description="cited record")
    def cited_record(self, citation):
        return admin_link(citation.record)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = curated_content_types()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        # Before the record's own URLs: "<object_id>/..." would take "find-passage/" for a citation's id.
        find = path(
            "find-passage/",
            self.admin_site.admin_view(self.find_passage_view),
            name="sources_citation_find_passage",
        )
        return [find, *super().get_urls()]

    def find_passage_view(self, request):
        """GET ?article=<id>&q=<words>: where the words occur in the article, each in its sentence, as JSON."""
        if not request.user.has_perm("sources.view_article"):
            raise PermissionDenied
        article_id, words = request.GET.get("article", ""), request.GET.get("q", "").strip()
        # isdigit() alone admits "²", which int() refuses: only ASCII digits are an id.
        is_id = article_id.isascii() and article_id.isdigit()
        article = Article.objects.only("text").filter(pk=article_id).first() if is_id else None
        if article is None:
            raise Http404("No such article.")
        if len(words) < FIND_MIN_LENGTH:
            return JsonResponse({"occurrences": [], "more": False})
        occurrences, more = find_words(article.text, words, FIND_LIMIT)
        text = article.text
        return JsonResponse(
            {
                "occurrences": [
                    {
                        "start": found.sentence_start,
                        "end": found.sentence_end,
                        "before": text[found.sentence_start : found.start],
                        "match": text[found.start : found.end],
                        "after": text[found.end : found.sentence_end],
                    }
                    for found in occurrences
                ],
                "more": more,
            }
        )
