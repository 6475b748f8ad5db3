"""Site search over every kind of public record: matches ranked and highlighted.

What matches is editorial.search's `search`, as in the lists and the API. On PostgreSQL matches are
ranked with ts_rank and highlighted with ts_headline; elsewhere ranked by how often the words occur,
and highlighted here.
Ranking looks at the first SEARCH_CANDIDATES matches of each kind only, so that a word found in
100,000 rows costs what a rare one does.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from editorial.search import (
    SEARCH_CONFIG,
    document,
    has_stored_vector,
    search,
    search_query,
    uses_full_text_search,
    words,
)

SEARCH_CANDIDATES = 1_000
SNIPPET_CHARS = 220
# Markers ts_headline wraps matches in: control characters no stored text holds, so the text can be
# escaped first and the markers turned into <mark> after.
START, STOP = "\x02", "\x03"


def ranked(queryset: QuerySet, *, fields: tuple[str, ...], snippet_field: str, query: str, limit: int) -> list:
    """The best `limit` matches among the first SEARCH_CANDIDATES, each with `.snippet` (safe HTML)."""
    matches = search(queryset, query, fields)
    candidates = queryset.filter(pk__in=matches.order_by().values("pk")[:SEARCH_CANDIDATES])
    if uses_full_text_search():
        parsed = search_query(query)
        # Ranked on the stored vector where there is one: parsing every candidate's text again took 35 of the 40 ms
        # the initiatives' section cost (1,000 initiatives, a word most of them hold).
        vector = F("search_vector") if has_stored_vector(queryset.model, fields) else document(*fields)
        rows = list(
            candidates.annotate(
                rank=SearchRank(vector, parsed),
                headline=SearchHeadline(
                    Concat(*_spaced(fields), output_field=TextField()),
                    parsed,
                    config=SEARCH_CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=40,
                    min_words=15,
                ),
            ).order_by("-rank", "pk")[:limit]
        )
        for row in rows:
            row.snippet = _marked(row.headline)
        return rows
    rows = list(candidates.order_by("pk")[: max(limit * 5, limit)])
    terms = [term.lower() for term in words(query)]
    for row in rows:
        row.rank = sum(str(getattr(row, name) or "").lower().count(term) for name in fields for term in terms)
    rows.sort(key=lambda row: (-row.rank, row.pk))
    rows = rows[:limit]
    for row in rows:
        row.snippet = highlight(str(getattr(row, snippet_field) or ""), query)
    return rows


def _spaced(fields: tuple[str, ...]) -> list:
    parts = []
    for name in fields:
        if parts:
            parts.append(Value(" — "))
        parts.append(name)
    return parts if len(parts) > 1 else [*parts, Value("")]


def _marked(headline: str) -> SafeString:
    """Escape the stored text, then turn ts_headline's markers into <mark>."""
    return mark_safe(escape(headline).replace(START, "<mark>").replace(STOP, "</mark>"))


def highlight(text: str, query: str, *, length: int = SNIPPET_CHARS) -> SafeString:
    """A snippet of `text` around the first match with every query word in <mark>, escaped."""
    terms = words(query)
    if not terms:
        return escape(text[:length])
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    start = 0 if first is None else max(0, first.start() - length // 3)
    snippet = text[start : start + length]
    pieces, position = [], 0
    for match in pattern.finditer(snippet):
        pieces.append(escape(snippet[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(snippet[position:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)


@dataclass
class SearchSection:
    key: str
    title: str
    rows: list
    has_more: bool
    more_url: str | None = None
