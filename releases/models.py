"""Dataset releases: numbered, dated, hashed Data Packages, kept whole in the database and never changed.

The files live in the database (a deployment sets only DATABASE_URL and CELERY_BROKER_URL: there is no
media server). The database refuses an UPDATE of either table (migration 0001's triggers), so no code path,
the admin's or a stray `QuerySet.update()`, can change a release that people have cited.
"""

from django.db import models


class ReleaseQuerySet(models.QuerySet):
    def newest_first(self):
        """Releases from the latest back."""
        return self.order_by("-number")


class Release(models.Model):
    number = models.PositiveIntegerField(unique=True, help_text="1, 2, 3...: one more than the release before.")
    created_at = models.DateTimeField(help_text="The release date: the moment its data was read.")
    content_hash = models.CharField(
        max_length=64, help_text="SHA-256 over its data files in a fixed order: equal hashes, equal data."
    )
    # Who asked, as text: a user's foreign key would be set to NULL when the user is deleted, an UPDATE.
    made_by = models.CharField(max_length=150, blank=True, help_text="The reviewer who asked; empty: the schedule.")
    last_change_id = models.PositiveBigIntegerField(
        default=0,
        help_text="The last entry of the change log its data includes: where the next release's changes start.",
    )
    tables = models.JSONField(default=dict, help_text="Rows per resource, by name.")
    changes = models.JSONField(
        default=dict, help_text="What the public saw change since the previous release: {kind: {action: count}}."
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"Release {self.number}"

    @property
    def version(self) -> str:
        """The Data Package's version (semantic versioning: any release may change anything)."""
        return f"{self.number}.0.0"


class ReleaseFile(models.Model):
    """One file of a release: datapackage.json, a resource's CSV, or the zip of them all."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="files")
    path = models.CharField(max_length=100, help_text="Its name in the package, e.g. initiatives.csv.")
    media_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()

    class Meta:
        ordering = ["release", "path"]
        constraints = [models.UniqueConstraint(fields=["release", "path"], name="release_file_path_unique")]

    def __str__(self):
        return f"{self.release} {self.path}"
