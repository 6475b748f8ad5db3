"""Moving models between apps without touching their tables: the content types follow them.

A model moved with `SeparateDatabaseAndState` keeps its table and rows, but its content type still
names the old app; permissions, groups, admin log entries, revisions and change entries point at
that content type's row. Renaming the row in place keeps every one of those links.
"""

from collections.abc import Iterable

from django.db import migrations


def move_content_types(old_app: str, new_app: str, model_names: Iterable[str]) -> migrations.RunPython:
    """A migration step renaming the content types of moved models from `old_app` to `new_app` (and back)."""
    names = tuple(model_names)

    def rename(apps, from_app: str, to_app: str) -> None:
        ContentType = apps.get_model("contenttypes", "ContentType")
        for name in names:
            # A row of the new name exists only if something created it before this step ran; the old row,
            # with every permission and log entry tied to it, then stays as it is rather than collide.
            if not ContentType.objects.filter(app_label=to_app, model=name).exists():
                ContentType.objects.filter(app_label=from_app, model=name).update(app_label=to_app)

    def forward(apps, schema_editor):
        rename(apps, old_app, new_app)

    def backward(apps, schema_editor):
        rename(apps, new_app, old_app)

    return migrations.RunPython(forward, backward)
