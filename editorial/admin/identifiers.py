"""External identifiers (Wikidata and the like): edited on each record's page, listed across kinds here."""

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html

from editorial.admin.log import ReadOnlyAdmin
from editorial.models import CuratedRecord, ExternalIdentifier


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
        # Set on the class by generic_inlineformset_factory; the stubs do not declare it.
        for_concrete_model = self.for_concrete_model  # type: ignore[attr-defined]
        content_type = ContentType.objects.get_for_model(self.instance, for_concrete_model=for_concrete_model)
        others = ExternalIdentifier.objects.filter(content_type=content_type)
        if self.instance.pk is not None:
            # This record's own identifiers are all forms of this formset, checked against each other below.
            others = others.exclude(object_id=self.instance.pk)
        seen = set()
        for form in self.forms:
            # Django's own (private) test of the DELETE box; the stubs leave private methods out.
            deleted = self._should_delete_form(form)  # type: ignore[attr-defined]
            if deleted or (not form.has_changed() and form.instance.pk is None):
                continue
            scheme = form.cleaned_data.get("scheme") or form.initial.get("scheme")
            value = form.cleaned_data.get("value") or form.initial.get("value")
            if not (scheme and value):  # an untouched extra form, or one already in error
                continue
            if (scheme, value) in seen or others.filter(scheme=scheme, value=value).exists():
                form.add_error("value", f"{scheme}:{value} already identifies another {content_type.name}.")
            seen.add((scheme, value))


class ExternalIdentifierInline(GenericTabularInline):
    model = ExternalIdentifier
    # The stubs type GenericInlineModelAdmin.formset against InlineModelAdmin's, which a generic formset is not.
    formset = ExternalIdentifierFormSet  # type: ignore[assignment]
    fields = ("scheme", "value", "url")
    extra = 0
    owned_relation = "identifiers"


@admin.register(ExternalIdentifier)
class ExternalIdentifierAdmin(ReadOnlyAdmin):
    """Every identifier, to search across kinds; each is edited on its record's page, under review."""

    list_display = ("__str__", "content_type", "object_id", "record_link", "url")
    list_filter = ("scheme", ("content_type", admin.RelatedOnlyFieldListFilter))
    search_fields = ("scheme", "value", "url")
    list_select_related = ("content_type",)
    fields = (("content_type", "object_id"), ("scheme", "value"), "url")

    @admin.display(description="record")
    def record_link(self, identifier):
        return format_html(
            '<a href="../../{}/{}/{}/change/">open</a>',
            identifier.content_type.app_label,
            identifier.content_type.model,
            identifier.object_id,
        )
