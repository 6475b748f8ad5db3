"""'Cite this release': a reference to one numbered, hashed release, as text and as BibTeX."""

from dataclasses import dataclass

from releases.models import Release
from releases.package import moment, release_url
from website.citing import MONTHS, SITE_NAME


@dataclass(frozen=True)
class ReleaseReference:
    release: Release

    @property
    def title(self) -> str:
        return f"{SITE_NAME} data, release {self.release.number}"

    @property
    def url(self) -> str:
        return release_url(self.release.number)

    @property
    def text(self) -> str:
        """A plain-text reference to a data set: author, year, title, version, type, date, hash, URL."""
        release = self.release
        return (
            f"{SITE_NAME} ({release.created_at.year}). {self.title} (version {release.version}) [Data set]. "
            f"Released {moment(release.created_at)}. SHA-256 {release.content_hash}. {self.url}"
        )

    @property
    def bibtex(self) -> str:
        """A BibTeX @misc entry (BibLaTeX reads its `version` too); nothing in it needs TeX escaping."""
        release = self.release
        return "\n".join(
            [
                f"@misc{{initiativetracker-release-{release.number},",
                f"  author = {{{{{SITE_NAME}}}}},",
                f"  title = {{{self.title}}},",
                f"  year = {{{release.created_at.year}}},",
                f"  month = {MONTHS[release.created_at.month - 1]},",
                f"  version = {{{release.version}}},",
                f"  note = {{Data package, SHA-256 {release.content_hash}}},",
                f"  howpublished = {{\\url{{{self.url}}}}},",
                f"  url = {{{self.url}}}",
                "}",
            ]
        )
