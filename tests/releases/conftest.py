from pathlib import Path

from releases.models import Release


def write_files(release: Release, folder: Path) -> Path:
    """A release's files as a reader downloads them, in `folder`."""
    for file in release.files.all():
        (folder / file.path).write_bytes(bytes(file.data))
    return folder


def file_bytes(release: Release) -> dict[str, bytes]:
    return {file.path: bytes(file.data) for file in release.files.all()}
