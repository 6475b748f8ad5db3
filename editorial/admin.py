"""The newsroom's shared pieces: what every curated record's admin page carries.

Knows no domain model, like editorial/models.py. Domain admins subclass `CuratedRecordAdmin`,
add `ExternalIdentifierInline`, and use `AutoSlugForm` where a record has no name to slug by hand.
The citation inline lives beside its model, in articles/admin.py.
"""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.admin import BaseGenericInlineFormSet, GenericTabularInline
from django.contrib.contenttypes.models import ContentType

from editorial.models import CuratedRecord, ExternalIdentifier
from editorial.services import unique_slug

EDITORIAL_FIELDSET = (
    "Editorial",
    {"fields": (("editorial_status", "published_at"), ("created_at", "updated_at"), "uuid")},
)


class CuratedRecordAdmin(admin.ModelAdmin):
    """A curated record's admin: its editorial state is shown, and changed only by the review workflow."""

    readonly_fields = ("editorial_status", "published_at", "created_at", "updated_at", "uuid")


class AutoSlugForm(forms.ModelForm):
    """A model form that builds a blank slug from the record when it is saved.

    An optional, empty field is left out of model validation, so the required model field does
    not fail `full_clean`. The slug is built in `save`, not `clean`: an inline record only gets
    its parent (and so its name) once the parent is saved.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Leave blank to build one from the record."

    def clean_slug(self):
        # None rather than "": a formset would take two blank slugs for a duplicate.
        return self.cleaned_data["slug"] or None

    def save(self, commit=True):
        if not self.instance.slug:
            self.instance.slug = unique_slug(self.instance)
        return super().save(commit)


def curated_content_types():
    """The content types an identifier or a citation may point at."""
    curated_models = [model for model in apps.get_models() if issubclass(model, CuratedRecord)]
    return ContentType.objects.filter(
        pk__in=[content_type.pk for content_type in ContentType.objects.get_for_models(*curated_models).values()]
    )


class ExternalIdentifierFormSet(BaseGenericInlineFormSet):
    """Refuses an identifier another record of the same kind has.

    The database refuses it too, but the inline forms never see the content type, so model
    validation cannot: without this check the editor would get a server error.
    """

    def clean(self):
        super().clean()
        content_type = ContentType.objects.get_for_model(self.instance, for_concrete_model=self.for_concrete_model)
        others = ExternalIdentifier.objects.filter(content_type=content_type)
        if self.instance.pk is not None:
            # This record's own identifiers are all forms of this formset, checked against each other below.
            others = others.exclude(object_id=self.instance.pk)
        seen = set()
        for form in self.forms:
            if self._should_delete_form(form):
                continue
            scheme, value = form.cleaned_data.get("scheme"), form.cleaned_data.get("value")
            if not (scheme and value):  # an untouched extra form, or one already in error
                continue
            if (scheme, value) in seen or others.filter(scheme=scheme, value=value).exists():
                form.add_error("value", f"{scheme}:{value} already identifies another {content_type.name}.")
            seen.add((scheme, value))


class ExternalIdentifierInline(GenericTabularInline):
    model = ExternalIdentifier
    formset = ExternalIdentifierFormSet
    fields = ("scheme", "value", "url")
    extra = 0


@admin.register(ExternalIdentifier)
class ExternalIdentifierAdmin(admin.ModelAdmin):
    list_display = ("__str__", "content_type", "object_id", "url")
    list_filter = ("scheme", ("content_type", admin.RelatedOnlyFieldListFilter))
    search_fields = ("scheme", "value", "url")
    list_select_related = ("content_type",)
    fields = (("content_type", "object_id"), ("scheme", "value"), "url")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = curated_content_types()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
