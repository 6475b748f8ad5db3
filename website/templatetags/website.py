"""Template helpers: dates at their precision, facet and paging links, an article's text with its mentions."""

from urllib.parse import urlencode

from django import template
from django.http import QueryDict
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

PAGING = ("after", "before")


@register.filter
def partial_date(record, field_name: str) -> str:
    """A record's date as precise as its source: "2024", "October 2025" or "22 October 2025"."""
    value = record.partial_date(field_name) if record is not None else None
    return value.display() if value else ""


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


@register.simple_tag
def toggle(query: QueryDict, key: str, value) -> str:
    """The query string with `key=value` added, or removed if present; back to the first page."""
    params = _params(query)
    values = params.get(key, [])
    value = str(value)
    params[key] = [item for item in values if item != value] if value in values else [*values, value]
    return _query_string(params)


@register.simple_tag
def with_params(query: QueryDict, **changes) -> str:
    """The query string with parameters set (or dropped when None); paging cursors are dropped unless set."""
    params = _params(query)
    for name, value in changes.items():
        params.pop(name, None)
        if value not in (None, ""):
            params[name] = [str(value)]
    return _query_string(params)


@register.simple_tag
def article_text(page) -> SafeString:
    """The article's text in paragraphs, escaped, with accepted mentions of published records marked and linked."""
    text = page.article.text
    pieces, position = [], 0
    for span in page.spans:
        pieces.append(escape(text[position : span.start]))
        words = escape(text[span.start : span.end])
        if span.url:
            pieces.append(format_html('<a class="mention" href="{}" title="{}">{}</a>', span.url, span.title, words))
        else:
            pieces.append(format_html('<mark class="mention" title="{}">{}</mark>', span.title, words))
        position = span.end
    pieces.append(escape(text[position:]))
    html = "".join(pieces)
    # Paragraphs: escaped text holds no markup, so splitting on newlines cannot break a tag.
    paragraphs = [paragraph.strip() for paragraph in html.replace("\r\n", "\n").split("\n") if paragraph.strip()]
    return mark_safe("".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))


@register.filter
def words_of(name: str) -> str:
    """A field name as words: "budget_as_of" -> "budget as of"."""
    return str(name).replace("_", " ")
