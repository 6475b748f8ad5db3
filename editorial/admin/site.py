"""The admin site: Django's, with the editorial queue on its index page and a page of its own."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path

from editorial.queue import build_queue


class EditorialAdminSite(admin.AdminSite):
    site_header = "Initiative Tracker"
    site_title = "Initiative Tracker admin"
    index_title = "Editorial desk"

    def get_urls(self):
        return [path("queue/", self.admin_view(self.queue_view), name="editorial_queue"), *super().get_urls()]

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "queue": build_queue(self, request)}
        return super().index(request, extra_context)

    def queue_view(self, request):
        """What awaits my review, what was sent back to me, what the pipeline suggests."""
        context = {
            **self.each_context(request),
            "title": "Editorial queue",
            "queue": build_queue(self, request, limit=50),
        }
        return TemplateResponse(request, "admin/editorial/queue.html", context)
