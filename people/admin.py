"""The newsroom's who: jurisdictions, organizations, posts, people and who held which post when."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from editorial.admin import (
    EDITORIAL_FIELDSET,
    AutoSlugForm,
    CuratedChildInline,
    CuratedRecordAdmin,
    ExternalIdentifierInline,
)
from people.models import (
    Jurisdiction,
    Membership,
    Organization,
    OrganizationAlias,
    Person,
    PersonAlias,
    Post,
    PostAlias,
)
from sources.admin import CitationInline


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    owned_relation = "aliases"
    fields = ("name", "kind", "language")
    extra = 0


class PostAliasInline(admin.TabularInline):
    model = PostAlias
    owned_relation = "aliases"
    fields = ("name", "kind", "language")
    extra = 0


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    owned_relation = "aliases"
    fields = ("name", "kind", "language")
    extra = 0


class MembershipFormSet(BaseInlineFormSet):
    """One current holder per sole-holder post, among the rows of this page and those already stored.

    Membership.clean checks against stored rows only; two open rows added on one page would
    otherwise reach the database's unique index and fail there.
    """

    def clean(self):
        super().clean()
        open_posts = set()
        for form in self.forms:
            # Django's own (private) test of the DELETE box; the stubs leave private methods out.
            deleted = self._should_delete_form(form)  # type: ignore[attr-defined]
            if deleted or not form.cleaned_data:
                continue
            # On a post's page the post is the parent (a new one has no pk yet); on a person's, a field.
            post = self.instance if isinstance(self.instance, Post) else form.cleaned_data.get("post")
            if post is None or not post.is_sole_holder or form.cleaned_data.get("end_date") is not None:
                continue
            if post.pk in open_posts:
                form.add_error("end_date", f"{post} has one holder at a time; give all terms but one an end date.")
            open_posts.add(post.pk)


class PersonMembershipInline(CuratedChildInline):
    """The posts a person held, on the person's page."""

    model = Membership
    formset = MembershipFormSet
    fields = ("post", ("start_date", "start_date_precision"), ("end_date", "end_date_precision"), "slug")
    autocomplete_fields = ("post",)
    extra = 0


class PostMembershipInline(CuratedChildInline):
    """Who held a post, on the post's page."""

    model = Membership
    formset = MembershipFormSet
    fields = ("person", ("start_date", "start_date_precision"), ("end_date", "end_date_precision"), "slug")
    autocomplete_fields = ("person",)
    extra = 0


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "code", "slug")
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    fields = ("name", "slug", ("code", "kind"), "parent")


@admin.register(Organization)
class OrganizationAdmin(CuratedRecordAdmin):
    list_display = ("name", "kind", "jurisdiction", "parent", "editorial_status")
    list_filter = ("editorial_status", "kind", "jurisdiction")
    search_fields = ("name", "aliases__name", "slug")
    list_select_related = ("jurisdiction", "parent")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent", "jurisdiction")
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "parent", "jurisdiction", "description", "website")}),
        (
            "Dates",
            {"fields": (("founded_date", "founded_date_precision"), ("dissolved_date", "dissolved_date_precision"))},
        ),
        EDITORIAL_FIELDSET,
    )
    inlines = (OrganizationAliasInline, ExternalIdentifierInline, CitationInline)


@admin.register(Post)
class PostAdmin(CuratedRecordAdmin):
    list_display = ("title", "organization", "is_sole_holder", "editorial_status")
    list_filter = ("editorial_status", "is_sole_holder", "organization__kind", "organization__jurisdiction")
    search_fields = ("title", "aliases__name", "slug", "organization__name")
    list_select_related = ("organization",)
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organization",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "organization", "is_sole_holder", "description")}),
        EDITORIAL_FIELDSET,
    )
    inlines = (PostAliasInline, PostMembershipInline, ExternalIdentifierInline, CitationInline)


@admin.register(Person)
class PersonAdmin(CuratedRecordAdmin):
    list_display = ("full_name", "original_script_name", "honorific_suffix", "editorial_status", "updated_at")
    list_filter = ("editorial_status",)
    search_fields = ("full_name", "given_name", "family_name", "original_script_name", "aliases__name", "slug")
    prepopulated_fields = {"slug": ("full_name",)}
    fieldsets = (
        (None, {"fields": ("full_name", "slug", ("given_name", "family_name"), "original_script_name")}),
        (None, {"fields": (("honorific_prefix", "honorific_suffix"), "bio")}),
        EDITORIAL_FIELDSET,
    )
    inlines = (
        PersonAliasInline,
        PersonMembershipInline,
        ExternalIdentifierInline,
        CitationInline,
    )


@admin.register(Membership)
class MembershipAdmin(CuratedRecordAdmin):
    form = AutoSlugForm
    list_display = ("person", "post", "start_date", "end_date", "is_sole_holder", "editorial_status")
    list_filter = ("editorial_status", "is_sole_holder", "end_date", "start_date")
    search_fields = ("person__full_name", "person__aliases__name", "post__title", "post__aliases__name", "slug")
    list_select_related = ("person", "post__organization")
    date_hierarchy = "start_date"
    autocomplete_fields = ("person", "post")
    readonly_fields = (*CuratedRecordAdmin.readonly_fields, "is_sole_holder")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "person",
                    "post",
                    ("start_date", "start_date_precision"),
                    ("end_date", "end_date_precision"),
                    "is_sole_holder",
                    "slug",
                )
            },
        ),
        EDITORIAL_FIELDSET,
    )
    inlines = (ExternalIdentifierInline, CitationInline)
