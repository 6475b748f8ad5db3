"""API keys in the admin: issue (the secret is shown once, on the page that follows), revoke, watch their use."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from api.models import APIKey
from api.services import issue_api_key, revoke_api_key


@admin.register(APIKey)
class APIKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "prefix", "requests_per_minute", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "owner__username"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "owner", "requests_per_minute"]
        return ["name", "owner", "requests_per_minute", "prefix", "created_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request, obj=None):
        # A key's owner is fixed once issued: moving it would hand its holder someone else's role.
        return [*self.readonly_fields, "owner"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        key, raw = issue_api_key(name=obj.name, owner=obj.owner, requests_per_minute=obj.requests_per_minute)
        obj.pk, obj.prefix, obj.created_at = key.pk, key.prefix, key.created_at
        request._issued_api_key = raw  # the only moment the secret exists outside its holder's hands

    def response_add(self, request, obj, post_url_continue=None):
        """Show the new key once, on this page; it is not stored, so it cannot be shown again."""
        context = {
            **self.admin_site.each_context(request),
            "title": "API key issued",
            "key": obj,
            "secret": request._issued_api_key,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/api/apikey/issued.html", context)

    @admin.action(description="Revoke selected keys")
    def revoke(self, request, queryset):
        for key in queryset:
            revoke_api_key(key=key)
        self.message_user(request, f"Revoked {queryset.count()} key(s).", messages.SUCCESS)
