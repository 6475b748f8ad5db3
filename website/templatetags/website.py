"""Template helpers: dates at their precision, moments for `datetime` attributes, facet and paging links, what a
list's rows show, a record's sources."""

import datetime
import re
from collections.abc import Callable, Iterable
from urllib.parse import quote_plus, urlencode

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.urls.converters import SlugConverter

from initiatives.models import Initiative
from website.initiatives import InitiativeRow
from website.listing import FacetCounts
from website.sources import Source, group_sources

register = template.Library()

PAGING = ("after", "before")
SLUG = re.compile(SlugConverter.regex)
SUMMARY_WORDS = 40


@register.filter
def partial_date(record, field_name: str) -> str:
    """A record's date as precise as its source: "2024", "October 2025" or "22 October 2025"."""
    value = record.partial_date(field_name) if record is not None else None
    return value.display() if value else ""


@register.filter
def machine_datetime(moment: datetime.datetime | None) -> str:
    """A moment as `<time datetime>` takes it: UTC to the second. HTML allows at most three digits of a second's
    fraction, and `|date:'c'` writes six."""
    if moment is None:
        return ""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@register.filter
def iso_partial_date(record, field_name: str) -> str:
    """The same date as ISO 8601 at its precision, for <time datetime>."""
    value = record.partial_date(field_name) if record is not None else None
    return value.isoformat() if value else ""


def _params(query: QueryDict) -> dict[str, list[str]]:
    """The query's parameters but the paging cursors, as lists (QueryDict.copy() deep-copies: this is cheaper,
    and a list page builds a link per facet value and theme)."""
    return {key: list(values) for key, values in query.lists() if key not in PAGING}


def _query_string(params: dict[str, list[str]]) -> str:
    return "?" + urlencode([(key, value) for key, values in params.items() for value in values])


def _pair(key: str, value: str) -> str:
    return f"{quote_plus(key)}={quote_plus(value)}"  # as urlencode writes it


# The pairs before a key's values (joined), its values with their pairs, the pairs after (joined), the key quoted.
_Around = tuple[list[str], list[tuple[str, str]], list[str], str]


class _Toggles:
    """The query string with `key=value` added, or removed if present, back to the first page: for many values of
    one query, its parameters quoted once (a list page links each facet value and each row's themes).

    The parameters are kept in the query's order, a key's values together where its first one was; what comes
    before and after each key's values is joined once per key, so a link costs the quoting of its own value."""

    def __init__(self, query: QueryDict):
        self.pairs = {key: [(value, _pair(key, value)) for value in values] for key, values in _params(query).items()}
        self.around: dict[str, _Around] = {}

    def _around(self, key: str) -> _Around:
        names = list(self.pairs)
        position = names.index(key) if key in self.pairs else len(names)
        before = "&".join(pair for name in names[:position] for _, pair in self.pairs[name])
        after = "&".join(pair for name in names[position + 1 :] for _, pair in self.pairs[name])
        return [before] if before else [], self.pairs.get(key, []), [after] if after else [], quote_plus(key)

    def __call__(self, key: str, value) -> str:
        value = str(value)
        if key not in self.around:
            self.around[key] = self._around(key)
        before, own, after, quoted_key = self.around[key]
        kept = [pair for item, pair in own if item != value]
        if len(kept) == len(own):
            kept.append(f"{quoted_key}={quote_plus(value)}")  # as urlencode writes it
        return "?" + "&".join([*before, *kept, *after])


@register.simple_tag
def facet_links(facets: Iterable[FacetCounts], query: QueryDict) -> list[dict]:
    """Each facet's values with the link that chooses or drops each, worked out once a page: a tag per value
    quoted the whole query again for every one of a list's hundred-odd values.

    A count past the facet's sample reads "1000+": a lower bound.
    """
    toggle_link = _Toggles(query)
    return [
        {
            "facet": counts.facet,
            "values": [
                {
                    "link": toggle_link(counts.facet.key, item.value),
                    "label": item.label,
                    "count": f"{item.count}+" if counts.is_lower_bound else str(item.count),
                    "is_selected": item.is_selected,
                }
                for item in counts.values
            ],
        }
        for counts in facets
    ]


@register.simple_tag
def with_params(query: QueryDict, **changes) -> str:
    """The query string with parameters set (or dropped when None); paging cursors are dropped unless set."""
    params = _params(query)
    for name, value in changes.items():
        params.pop(name, None)
        if value not in (None, ""):
            params[name] = [str(value)]
    return _query_string(params)


def _slug_links(route: str) -> Callable[[str], str]:
    """reverse(route, kwargs={"slug": ...}) for many slugs at the cost of one: a valid slug needs no quoting,
    so it goes between the two halves of the path reversed once; anything else is reversed (and refused) as
    {% url %} would."""
    placeholder = "slug"
    head, _, tail = reverse(route, kwargs={"slug": placeholder}).rpartition(placeholder)

    def link(slug: str) -> str:
        return f"{head}{slug}{tail}" if SLUG.fullmatch(slug) else reverse(route, kwargs={"slug": slug})

    return link


def _first_words(text: str, count: int) -> str:
    """The text's first `count` words and " …" if it had more: truncatewords without the lazy Truncator, which
    took a third of a list page's row building."""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


@register.simple_tag
def initiative_rows(rows: Iterable[InitiativeRow], query: QueryDict) -> list[dict]:
    """What each initiative of a list page shows, worked out once a page: its link, labels, date, summary and
    theme links. Per row in the template, {% url %}, get_..._display, the date filters, truncatewords and a
    toggle per theme took 0.09 ms a row, most of a 50-row page's rendering."""
    detail_link, toggle_link = _slug_links("initiatives:detail"), _Toggles(query)
    # On a date, each initiative's page opens on the same date: its status there links to its evidence.
    on_date = f"?{urlencode({'as_of': query['as_of']})}" if query.get("as_of") else ""
    # get_status_display() rebuilds its choices' dict for every call.
    labels = {name: dict(Initiative._meta.get_field(name).flatchoices) for name in ("status", "instrument")}
    return [
        {
            "link": detail_link(row.slug) + on_date,
            "name": row.name,
            "status": row.status,
            "status_label": str(labels["status"].get(row.status, row.status)),
            "instrument": str(labels["instrument"].get(row.instrument, row.instrument)),
            "jurisdiction": row.jurisdiction,
            "organization": row.organization,
            "announced": row.announced.display() if row.announced else "",
            "announced_iso": row.announced.isoformat() if row.announced else "",
            "summary": _first_words(row.summary, SUMMARY_WORDS),
            "themes": [(toggle_link("theme", slug), name) for slug, name in row.themes],
        }
        for row in rows
    ]


@register.filter
def by_source(citations: list) -> list[Source]:
    """A page's citations, each article or URL once with its distinct passages and the facts they support."""
    return group_sources(citations)


@register.filter
def words_of(name: str) -> str:
    """A field name as words: "budget_as_of" -> "budget as of"."""
    return str(name).replace("_", " ")
