"""The reads of releases the pages need: the list without the files' bytes, one file with them."""

from django.db.models import Prefetch, QuerySet

from releases.models import Release, ReleaseFile


def _listed_files() -> Prefetch:
    return Prefetch("files", queryset=ReleaseFile.objects.defer("data").order_by("path"))


def list_releases() -> QuerySet[Release]:
    """Every release, newest first, with its files' names and sizes (not their bytes)."""
    return Release.objects.newest_first().prefetch_related(_listed_files())


def get_release(number: int, *, with_files: bool = True) -> Release | None:
    releases = Release.objects.filter(number=number)
    return (releases.prefetch_related(_listed_files()) if with_files else releases).first()


def get_previous(release: Release) -> Release | None:
    """The release before `release` (its rows per table are what the page compares with)."""
    return Release.objects.filter(number__lt=release.number).newest_first().first()


def get_file(number: int, path: str) -> ReleaseFile | None:
    return ReleaseFile.objects.filter(release__number=number, path=path).first()
