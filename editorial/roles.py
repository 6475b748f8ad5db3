"""The newsroom's roles as auth groups: editors draft and submit; reviewers also approve and merge.

Run from data migrations (each migration that adds models calls `sync_roles` again), so that a
fresh database has the groups with every permission its models define.
"""

EDITOR = "Editor"
REVIEWER = "Reviewer"
PROJECT_APPS = ("editorial", "people", "initiatives", "meetings", "sources", "ingestion")
EDITOR_ACTIONS = ("add_", "change_", "view_")


def sync_roles(apps, schema_editor=None) -> None:
    """Create or refresh the Editor and Reviewer groups with the permissions of every project model."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; a data migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    project = Permission.objects.filter(content_type__app_label__in=PROJECT_APPS)
    editor = [permission for permission in project if permission.codename.startswith(EDITOR_ACTIONS)]
    reviewer = [
        permission
        for permission in project
        if permission.codename.startswith((*EDITOR_ACTIONS, "delete_")) or permission.codename == "review_records"
    ]
    Group.objects.get_or_create(name=EDITOR)[0].permissions.set(editor)
    Group.objects.get_or_create(name=REVIEWER)[0].permissions.set(reviewer)
