"""Releases in the admin: read-only, and a button that makes one now (reviewers only)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from editorial.admin.log import ReadOnlyAdmin
from releases.models import Release
from releases.services import make_release

REVIEW = "editorial.review_records"


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    """The dataset releases: what /data/ lists. A release is never edited, so every field is read-only."""

    list_display = ("number", "created_at", "content_hash", "made_by")
    search_fields = ("=number", "content_hash")
    date_hierarchy = "created_at"
    fields = ("number", "created_at", "content_hash", "made_by", "last_change_id", "tables", "changes")
    readonly_fields = fields
    change_list_template = "admin/releases/release/change_list.html"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(REVIEW) or super().has_view_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_make_release": request.user.has_perm(REVIEW)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        make = self.admin_site.admin_view(require_POST(self.make_view))
        return [path("make/", make, name="releases_release_make"), *super().get_urls()]

    def make_view(self, request):
        """Make a release of the public data now, unless nothing changed since the last."""
        if not request.user.has_perm(REVIEW):
            raise PermissionDenied
        outcome = make_release(by=request.user)
        self.message_user(request, outcome.message, messages.SUCCESS if outcome.is_new else messages.INFO)
        return HttpResponseRedirect(reverse("admin:releases_release_changelist"))
