from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"


class EditorialAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the editorial desk's site as the default one (INSTALLED_APPS names it)."""

    default = False
    default_site = "editorial.admin.site.EditorialAdminSite"
