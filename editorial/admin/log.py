"""The newsroom's log: every step of every record, to search and read."""

from django.contrib import admin

from editorial.models import Change


class ReadOnlyAdmin(admin.ModelAdmin):
    """A list to search and read; what it shows is written elsewhere, under the workflow."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Change)
class ChangeAdmin(ReadOnlyAdmin):
    """The newsroom's log: every step of every record, read-only."""

    list_display = (
        "created_at",
        "user",
        "action",
        "content_type",
        "record_slug",
        "from_status",
        "to_status",
        "comment",
    )
    list_filter = ("action", "is_public", ("content_type", admin.RelatedOnlyFieldListFilter), "created_at")
    search_fields = ("record_slug", "comment", "user__username", "=record_uuid")
    list_select_related = ("user", "content_type")
    date_hierarchy = "created_at"
