"""List filters every curated record's changelist offers."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q

from editorial.models import EditorialStatus, RevisionStatus


class PendingEditFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("awaiting", "Awaiting review"),
            ("pending_edit", "Live, with an edit waiting"),
            ("drafts", "Drafts, incl. edits in progress"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "awaiting":
            return queryset.awaiting_review()
        if self.value() == "pending_edit":
            return queryset.filter(pending_revision__isnull=False)
        if self.value() == "drafts":
            return queryset.filter(
                Q(editorial_status=EditorialStatus.DRAFT) | Q(pending_revision__status=RevisionStatus.PENDING_DRAFT)
            )
        return queryset


class AuthorFilter(admin.SimpleListFilter):
    title = "author"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        authors = model_admin.model.objects.exclude(created_by=None).values_list("created_by", flat=True).distinct()
        users = get_user_model().objects.filter(pk__in=authors).order_by("username")
        return [("me", "Me"), *[(str(user.pk), user.get_username()) for user in users]]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(created_by=request.user)
        if self.value():
            return queryset.filter(created_by=self.value())
        return queryset
