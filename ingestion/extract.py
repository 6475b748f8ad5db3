"""Main text and metadata from HTML, with trafilatura, plus fixes measured on real pages (bench/extraction.py).

trafilatura (without comments) finds the text; then
- a page whose text sits only in its schema.org data (JSON-LD `articleBody`) gets that text;
- a standfirst the page shows but trafilatura dropped (it equals the page's description) is put back;
- calls to action (newsletters, apps, subscriptions) and photo-credit lines are dropped;
- a date the page labels ("Published: 2023-11-07") wins over the date found by heuristics;
- a page (or a text file) with no date gets its dateline's ("HONG KONG, Oct 22 (Reuters) -");
- the title is the headline the page shows (its <h1>, when its <title> repeats it), else the page's
  title without the site's name: never the site's name alone or a CMS's.
Everything kept is plain text with any markup removed: nothing stored can carry a script.
"""

import datetime
import html
import json
import re
import unicodedata
from dataclasses import dataclass

import lxml.html
import nh3
import trafilatura
from charset_normalizer import from_bytes
from lxml import etree

from sources.canonical import is_valid_url


class ExtractionError(Exception):
    """No article text could be found in the document."""


@dataclass
class Extracted:
    text: str
    title: str = ""
    author: str = ""
    published: datetime.date | None = None
    language: str = ""
    canonical_url: str = ""
    outlet: str = ""


# Less than a sentence is a navigation bar or an error page, not an article.
MIN_TEXT_CHARACTERS = 25
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}

_CALL_TO_ACTION = re.compile(
    r"\b(newsletter|subscribe|subscription|sign(?:ing)? up|download (?:the|our) .{0,40}apps?|by email"
    r"|follow us on|never miss)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(r"^\(?\s*(?:photo|image|picture)?\s*credits?\s*:.{0,120}\)?$", re.IGNORECASE)
_LABELLED_DATE = re.compile(
    r"\b(?:published|posted|written|first published)\s*(?:on|at)?\s*:?\s*"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A numeric character reference up to U+FFFF ("&#x1;", "&#1", "&#65534;"); larger ones the parser handles itself.
_CHARACTER_REFERENCE = re.compile(
    r"&#(?:[xX]0*(?P<hex>[0-9a-fA-F]{1,4})(?![0-9a-fA-F])|0*(?P<decimal>[0-9]{1,5})(?![0-9]));?"
)
# A wire story's first words: "HONG KONG, Oct 22 (Reuters) -", "WASHINGTON, March 3, 2024 (AP) —".
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'\u2019-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?,?\s+"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?"
    r"\s*(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]"
)
# What separates a page's title from its site's name: "Headline | The Japan Times", "BBC News - Headline".
_TITLE_SEPARATOR = re.compile(
    r"(\s+(?:[|\-\u2013\u2014»·]|::)\s+|\s+[|\-\u2013\u2014»·]\s*$|^\s*[|\-\u2013\u2014»·]\s+)"
)


def plain_text(value: str) -> str:
    """Text with every tag removed (script and style with their content) and control characters dropped."""
    if not value:
        return ""
    for _ in range(3):
        # Unescaping can reveal markup that was written escaped ("&lt;script&gt;"); clean until nothing changes.
        cleaned = html.unescape(nh3.clean(value, tags=set(), clean_content_tags={"script", "style"}))
        if cleaned == value:
            break
        value = cleaned
    return _CONTROL.sub("", unicodedata.normalize("NFC", value)).strip()


def decode(content: bytes, declared: str = "") -> str:
    """Bytes to text: the declared charset when it decodes cleanly, else what the bytes look like."""
    candidates = [declared] if declared else []
    head = content[:4096].decode("ascii", errors="ignore")
    meta = re.search(r"""<meta[^>]+charset=["']?([\w-]+)""", head, re.IGNORECASE)
    if meta:
        candidates.append(meta.group(1))
    if content.startswith(b"\xef\xbb\xbf"):
        candidates.insert(0, "utf-8-sig")
    for charset in [*candidates, "utf-8"]:
        try:
            return content.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    best = from_bytes(content).best()
    if best is not None:
        return str(best)
    return content.decode("utf-8", errors="replace")


def extract_text_file(content: bytes, charset: str = "", *, today: datetime.date | None = None) -> Extracted:
    """A text file as it is: its text, and the date its dateline gives."""
    text = decode(content, charset).replace("\r\n", "\n")
    # Kept byte for byte when it holds no markup, so that it hashes as the same text stored from elsewhere.
    text = plain_text(text) if "<" in text or "&" in text else _CONTROL.sub("", text)
    if not text.strip():
        raise ExtractionError("The file holds no text.")
    return Extracted(text=text, published=_dateline_date(text, today))


def extract_html(
    content: bytes | str, *, url: str = "", charset: str = "", today: datetime.date | None = None
) -> Extracted:
    """The main text and metadata of an HTML page; `today` places a dateline without a year (default: today)."""
    markup = decode(content, charset) if isinstance(content, bytes) else content
    if not markup.strip():
        raise ExtractionError("The page is empty.")
    markup = _CHARACTER_REFERENCE.sub(_without_control_character, markup)
    # Parsed once, by trafilatura's own parser: it extracts from that tree (a copy of it) and our reads below
    # use it too. The second parse took 3.7 ms a page, measured alone.
    tree = trafilatura.load_html(markup)
    document = None
    if tree is None:
        # Not a page trafilatura takes for HTML, which would then find nothing: its schema.org data may still hold
        # the article.
        try:
            tree = lxml.html.document_fromstring(markup)
        except (etree.ParserError, ValueError) as error:
            raise ExtractionError(f"The page is not HTML: {error}.") from None
    else:
        document = trafilatura.bare_extraction(
            tree, url=url or None, with_metadata=True, include_comments=False, include_tables=True
        )
    tree = tree.getroottree().getroot()  # a fragment parses to its first element; the document is what we read
    text = (document.text or "") if document else ""
    body = _json_ld_article_body(tree)
    if body and len(body) > 2 * len(text):
        text = body
    description = plain_text(document.description or "") if document else ""
    visible = _visible_text(tree)
    text = _with_standfirst(text, description, visible)
    text = "\n".join(line for line in text.split("\n") if not _is_boilerplate(line))
    text = plain_text(text)
    if len(text) < MIN_TEXT_CHARACTERS:
        raise ExtractionError(f"No article text found in the page ({len(text)} characters of text).")
    published = (
        _labelled_date(visible) or _parse_iso(document.date if document else None) or _dateline_date(text, today)
    )
    sitename = plain_text(document.sitename or "") if document else ""
    return Extracted(
        text=text,
        title=_title(tree, plain_text(document.title or "") if document else "", sitename)[:500],
        author=plain_text(document.author or "")[:300] if document else "",
        published=published,
        language=_language(tree, document),
        canonical_url=_canonical_link(tree),
        outlet=plain_text(document.sitename or "")[:200] if document else "",
    )


def _without_control_character(reference: re.Match) -> str:
    """The reference as written, unless it stands for a character XML refuses: then nothing.

    lxml builds the tree with such a character in it (raw ones it drops itself), and trafilatura's XML
    copy of that tree then discards the whole element: one "&#x1;" cost a page all its text.
    """
    code = int(reference["hex"], 16) if reference["hex"] else int(reference["decimal"])
    if code in (0x9, 0xA, 0xD) or 0x20 <= code < 0xFFFE:
        return reference[0]
    return ""


_WARM_UP_PAGE = (
    "<html lang='en'><head><title>Warm-up</title></head><body><article>"
    "<p>A page that exercises the extractor once, so that its first real article does not pay for it.</p>"
    "</article></body></html>"
)


def warm_up() -> None:
    """Do the extractor's first-use work now (imports, compiled patterns): a worker does it once, before forking."""
    extract_html(_WARM_UP_PAGE, url="https://example.org/news/warm-up")


def _is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if _CREDIT.match(stripped):
        return True
    # Long paragraphs that mention a newsletter are journalism; short ones are calls to action.
    return len(stripped) < 160 and bool(_CALL_TO_ACTION.search(stripped))


def _json_ld_article_body(tree) -> str:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                body = item.get("articleBody")
                if isinstance(body, str) and body.strip():
                    return plain_text(body)
                stack.extend(value for value in item.values() if isinstance(value, list | dict))
    return ""


# Plain strings, not lxml's "smart" ones that know their parent: 3 ms a page against 5.
_VISIBLE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]", smart_strings=False
)


def _visible_text(tree) -> str:
    return " ".join(" ".join(_VISIBLE_TEXT(tree)).split())


def _with_standfirst(text: str, description: str, visible: str) -> str:
    """Put back the page's standfirst when it shows its description in the body and the text lacks it."""
    if len(description) < 40:
        return text
    wanted = " ".join(description.split())
    if wanted in " ".join(text.split()):
        return text
    if wanted not in visible:
        return text
    return f"{description}\n{text}" if text else description


def _labelled_date(visible: str) -> datetime.date | None:
    match = _LABELLED_DATE.search(visible[:20000])
    return _parse_loose_date(match.group(1)) if match else None


def _dateline_date(text: str, today: datetime.date | None) -> datetime.date | None:
    """The date of a dateline opening one of the first lines; without a year, its latest day not after `today`."""
    for line in text.split("\n")[:3]:
        match = _DATELINE.match(line)
        month = _MONTHS.get(match.group("month").lower()) if match else None
        if month is None:
            continue
        today = today or datetime.datetime.now(datetime.UTC).date()  # the wire date: datelines are UTC enough
        year = int(match.group("year") or today.year)
        try:
            found = datetime.date(year, month, int(match.group("day")))
            if found > today and not match.group("year"):
                found = datetime.date(year - 1, month, found.day)  # a story of late December read in January
        except ValueError:
            return None
        return found
    return None


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _same(one: str, other: str) -> bool:
    return one.casefold().replace("\u2019", "'") == other.casefold().replace("\u2019", "'")


def _is_site(words: str, sitename: str) -> bool:
    """Whether a piece of a title names the site ("The Independent", "London Evening Standard"), not the story."""
    if not words:
        return True
    if not sitename:
        return False
    words, sitename = words.casefold(), sitename.casefold()
    return words == sitename or (sitename in words and len(words) <= len(sitename) + 20) or words in sitename


def _without_site(title: str, sitename: str) -> str:
    """The title with the site's name cut from either end ("Headline | The Japan Times" -> "Headline")."""
    parts = _TITLE_SEPARATOR.split(title)  # segment, separator, segment, ...
    segments = parts[::2]
    while len(segments) > 1 and _is_site(segments[-1].strip(), sitename):
        segments, parts = segments[:-1], parts[:-2]
    while len(segments) > 1 and _is_site(segments[0].strip(), sitename):
        segments, parts = segments[1:], parts[2:]
    return _squeezed("".join(parts))


def _is_headline(words: str, sitename: str) -> bool:
    # One word is a site's or a CMS's name ("BMJV", "escenic"), not a headline.
    return len(words.split()) > 1 and not _is_site(words, sitename)


def _title(tree, found: str, sitename: str) -> str:
    """The headline the page shows, when its <title> repeats it; else the best title without the site's name."""
    page_title = _squeezed(plain_text(" ".join(tree.xpath("//head/title//text()"))))
    segments = [segment.strip() for segment in _TITLE_SEPARATOR.split(page_title)[::2]]
    longest = max(segments, key=len, default="")
    for heading in tree.xpath("//h1"):
        words = _squeezed(plain_text(heading.text_content()))
        if _is_headline(words, sitename) and (_same(words, page_title) or _same(words, longest)):
            return words
    for candidate in (found, page_title):
        title = _without_site(_squeezed(candidate), sitename)
        if _is_headline(title, sitename):
            return title
    return ""


def _parse_loose_date(value: str) -> datetime.date | None:
    value = value.strip()
    if iso := _parse_iso(value):
        return iso
    words = re.findall(r"[A-Za-z]+|\d+", value)
    numbers = [int(word) for word in words if word.isdigit()]
    months = [_MONTHS[word.lower()] for word in words if word.lower() in _MONTHS]
    if len(numbers) != 2 or len(months) != 1:
        return None
    day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
    try:
        return datetime.date(year, months[0], day)
    except ValueError:
        return None


def _parse_iso(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _language(tree, document) -> str:
    language = (tree.get("lang") or tree.get("xml:lang") or "").strip()
    if not language and document is not None:
        language = document.language or ""
    return re.sub(r"[^A-Za-z0-9-]", "", language.replace("_", "-"))[:35]


def _canonical_link(tree) -> str:
    # An address we could not store or fetch (a port out of range, over 2,000 characters) is no key to the page.
    for href in tree.xpath('//link[@rel="canonical"]/@href'):
        if is_valid_url(href.strip()):
            return href.strip()
    return ""
