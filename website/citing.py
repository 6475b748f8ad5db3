"""'Cite this': a reference to the permalink of the exact published version a reader saw."""

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.http import StreamingHttpResponse

SITE_NAME = "Initiative Tracker"
# BibTeX's month macros: styles print them in the reader's language ("December", "déc."); a number they print as is.
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
BIBTEX = "application/x-bibtex; charset=utf-8"


@dataclass(frozen=True)
class Reference:
    title: str
    kind: str  # "Initiative", "Person", "Meeting"
    slug: str
    version: int
    published_at: datetime.datetime | None
    url: str  # absolute permalink
    accessed: datetime.date

    @property
    def text(self) -> str:
        """A plain-text reference, in the usual author-title-date-URL order."""
        when = f", {self.published_at.date().isoformat()}" if self.published_at else ""
        return (
            f"{SITE_NAME}. “{self.title}” ({self.kind.lower()} record, version {self.version}{when}). "
            f"{self.url}. Accessed {self.accessed.isoformat()}."
        )

    @property
    def bibtex(self) -> str:
        """A BibTeX @misc entry; braces and TeX specials in the title are escaped."""
        key = re.sub(r"[^A-Za-z0-9]+", "-", f"initiativetracker-{self.slug}-v{self.version}").strip("-")
        lines = [
            f"@misc{{{key},",
            f"  author = {{{{{SITE_NAME}}}}},",
            f"  title = {{{_tex(self.title)}}},",
        ]
        if self.published_at:
            lines.append(f"  year = {{{self.published_at.year}}},")
            lines.append(f"  month = {MONTHS[self.published_at.month - 1]},")
        lines += [
            f"  note = {{{_tex(self.kind)} record, version {self.version}}},",
            f"  howpublished = {{\\url{{{self.url}}}}},",
            f"  url = {{{self.url}}},",
            f"  urldate = {{{self.accessed.isoformat()}}}",
            "}",
        ]
        return "\n".join(lines)


_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _tex(text: str) -> str:
    return "".join(_TEX.get(character, character) for character in text)


def titled(record) -> str:
    """A record's title in a reference: its name, and its name in the original script where it has one."""
    original = getattr(record, "original_script_name", "")
    return f"{record} ({original})" if original and original != str(record) else str(record)


def bibtex_response(references: Iterable[Reference], *, filename: str) -> StreamingHttpResponse:
    """A .bib file of `references`, streamed: a reference manager imports it whole."""

    def entries() -> Iterator[str]:
        for reference in references:
            yield reference.bibtex + "\n\n"

    response = StreamingHttpResponse(entries(), content_type=BIBTEX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
