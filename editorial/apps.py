from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import pre_delete

        from editorial.models import CuratedRecord
        from editorial.models.writes import refuse_a_cascade_outside_workflow

        # A cascade deletes rows without calling their delete(): a statement's amount, which is no curated record,
        # takes its citations with it. The collector sends this signal for each row it deletes, so none slips past.
        # Connected kind by kind: a listener on every model would stop Django's fast deletes of all of them.
        for model in apps.get_models():
            if issubclass(model, CuratedRecord):
                pre_delete.connect(refuse_a_cascade_outside_workflow, sender=model, dispatch_uid="curated_cascade")


class EditorialAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the editorial desk's site as the default one (INSTALLED_APPS names it)."""

    default = False
    default_site = "editorial.admin.site.EditorialAdminSite"
