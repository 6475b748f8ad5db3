"""/data/: the dataset releases, each citable, and their files, served from the database with immutable caching."""

import re
from dataclasses import dataclass

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.views.decorators.http import require_safe

from editorial.models import ChangeAction
from releases import selectors
from releases.citing import ReleaseReference
from releases.models import Release
from releases.package import RESOURCES, zip_name
from website.citing import bibtex_response

# A release never changes: a year is as long as caches keep anything, and `immutable` spares the revalidation.
IMMUTABLE = "public, max-age=31536000, immutable"
ACTIONS = dict(ChangeAction.choices)


@dataclass(frozen=True)
class TableRow:
    name: str
    rows: int
    difference: int | None  # None: the first release, nothing to compare with


@dataclass(frozen=True)
class ReleaseView:
    """A release as its page shows it: files, rows per table against the release before, changes, reference."""

    release: Release
    tables: list[TableRow]
    changes: list[tuple[str, list[tuple[str, int]]]]  # (kind, [(action label, count)...])
    is_first: bool

    @property
    def reference(self) -> ReleaseReference:
        return ReleaseReference(self.release)

    @property
    def zip_file(self):
        return next((file for file in self.release.files.all() if file.path == zip_name(self.release.number)), None)

    @property
    def package_files(self):
        return [file for file in self.release.files.all() if file.path != zip_name(self.release.number)]


def _view(release: Release, previous: Release | None) -> ReleaseView:
    before = previous.tables if previous is not None else {}
    tables = [
        TableRow(
            name,
            release.tables.get(name, 0),
            None if previous is None else release.tables.get(name, 0) - before.get(name, 0),
        )
        for name in RESOURCES
        if name in release.tables
    ]
    changes = [
        (kind, [(ACTIONS.get(action, action), count) for action, count in actions.items()])
        for kind, actions in release.changes.items()
    ]
    return ReleaseView(release=release, tables=tables, changes=changes, is_first=previous is None)


@require_safe
def release_list(request):
    """Every release, newest first, with what changed since the one before and how to cite it."""
    releases = list(selectors.list_releases())
    views = [_view(release, releases[n + 1] if n + 1 < len(releases) else None) for n, release in enumerate(releases)]
    return render(request, "releases/list.html", {"releases": views})


@require_safe
def release_detail(request, number: int):
    release = selectors.get_release(number)
    if release is None:
        raise Http404("No release with this number.")
    previous = selectors.get_previous(release)
    return render(request, "releases/detail.html", {"item": _view(release, previous)})


# What the files of a release are called: "datapackage.json", "initiatives.csv", a zip of them.
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


@require_safe
def release_file(request, number: int, path: str):
    """One file of a release, byte for byte as it was made: its SHA-256 is its ETag."""
    if not FILE_NAME.fullmatch(path):  # a release's files are plain names: no query for anything else (NUL...)
        raise Http404("No such file in this release.")
    file = selectors.get_file(number, path)
    if file is None:
        raise Http404("No such file in this release.")
    etag = f'"{file.sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(bytes(file.data), content_type=file.media_type)
        if not path.endswith(".json"):
            response["Content-Disposition"] = f'attachment; filename="{path}"'
    response["ETag"] = etag
    response["Cache-Control"] = IMMUTABLE
    return response


@require_safe
def release_bibtex(request, number: int):
    """'Cite this release' as a .bib file."""
    release = selectors.get_release(number, with_files=False)
    if release is None:
        raise Http404("No release with this number.")
    reference = ReleaseReference(release)
    # bibtex_response reads only `.bibtex` of what it is given: a release reference has one as a record's does.
    response = bibtex_response([reference], filename=f"initiative-tracker-release-{number}.bib")  # type: ignore[list-item]
    response["Cache-Control"] = IMMUTABLE
    return response
