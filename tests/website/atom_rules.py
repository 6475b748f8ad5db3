"""The MUST rules of RFC 4287 (The Atom Syndication Format) for a feed document, written from the RFC.

`check_feed(xml)` returns one line per broken rule, each naming its section, empty when the document
keeps them all. Sections 2 (well-formed XML), 3.1 (text constructs), 3.2 (person constructs), 3.3
(date constructs), 4.1.1 (feed), 4.1.2 (entry), 4.1.3 (content) and 4.2.1-4.2.15 (the metadata
elements); tag: ids are held to RFC 4151's syntax. SHOULDs are not checked here: what this project
asks beyond the RFC (a self link, a summary in every entry) is `check_house_rules`.
"""

import datetime
import re
import xml.etree.ElementTree as ElementTree

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
A = f"{{{ATOM}}}"

# RFC 3986 scheme, then anything but what RFC 3987 leaves out of an IRI (spaces, controls, <>"{}|\^`),
# with "%" only as a percent-encoding.
_SCHEME = r"[A-Za-z][A-Za-z0-9+.\-]*"
_IRI_CHARACTER = r"(?:[^\s<>\"{}|\\^`%\x00-\x1f\x7f]|%[0-9A-Fa-f]{2})"
IRI = re.compile(rf"{_SCHEME}:{_IRI_CHARACTER}+")
IRI_REFERENCE = re.compile(rf"{_IRI_CHARACTER}*")
# RFC 4151: "tag:" authorityName "," date ":" specific [ "#" fragment ]
TAG_URI = re.compile(
    r"tag:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"  # DNSname
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+)"  # or emailAddress
    r",\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"  # date: year ["-" month ["-" day]]
    r":(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*"  # specific: *( pchar / "/" / "?" )
    r"(?:#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?"
)
# RFC 3339 date-time with an upper-case T, and Z or a numeric offset (section 3.3).
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")
_TOKEN = r"[A-Za-z0-9!#$&^_.+\-]+"
MEDIA_TYPE = re.compile(rf"{_TOKEN}/{_TOKEN}(?:\s*;\s*{_TOKEN}=(?:{_TOKEN}|\"[^\"]*\"))*")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
ISEGMENT_NZ_NC = re.compile(r"(?:[^\s<>\"{}|\\^`%:/?#\[\]\x00-\x1f\x7f]|%[0-9A-Fa-f]{2})+")
ADDR_SPEC = re.compile(r"[^\s@<>()\[\],;:\"]+@[^\s@<>()\[\],;:\"]+")
TEXT_TYPES = ("text", "html", "xhtml")


def parse(document: bytes | str) -> ElementTree.Element:
    """A feed document our views wrote, as elements."""
    return ElementTree.fromstring(document)


def check_feed(document: bytes | str) -> list[str]:
    """Every MUST of RFC 4287 the feed document breaks, as "section: what" lines."""
    try:
        root = parse(document)
    except ElementTree.ParseError as error:
        return [f"2: not well-formed XML ({error})"]
    if root.tag != f"{A}feed":
        return [f"4.1.1: the document element is {root.tag}, not atom:feed"]
    errors: list[str] = []
    _check_feed_element(root, errors)
    entries = root.findall(f"{A}entry")
    feed_has_author = bool(root.findall(f"{A}author"))
    if not feed_has_author and not all(_entry_has_author(entry) for entry in entries):
        errors.append("4.1.1: no atom:author in the feed, and not every entry has one")
    for position, entry in enumerate(entries, 1):
        _check_entry(entry, errors, where=f"entry {position}", feed_has_author=feed_has_author)
    return errors


def _entry_has_author(entry: ElementTree.Element) -> bool:
    source = entry.find(f"{A}source")
    return bool(entry.findall(f"{A}author")) or (source is not None and bool(source.findall(f"{A}author")))


def _count(element, name: str, errors: list[str], where: str, section: str, *, exactly=None, at_most=None) -> None:
    found = len(element.findall(f"{A}{name}"))
    if exactly is not None and found != exactly:
        errors.append(f"{section}: {where} has {found} atom:{name}, must have exactly {exactly}")
    if at_most is not None and found > at_most:
        errors.append(f"{section}: {where} has {found} atom:{name}, must have at most {at_most}")


def _check_metadata(element, errors: list[str], where: str) -> None:
    """What atom:feed, atom:entry and atom:source share: the metadata elements of section 4.2."""
    for author in element.findall(f"{A}author"):
        _check_person(author, errors, f"{where} atom:author", "4.2.1")
    for contributor in element.findall(f"{A}contributor"):
        _check_person(contributor, errors, f"{where} atom:contributor", "4.2.3")
    for category in element.findall(f"{A}category"):
        if not category.get("term"):
            errors.append(f"4.2.2: {where} has an atom:category without a term")
        scheme = category.get("scheme")
        if scheme is not None and not IRI.fullmatch(scheme):
            errors.append(f"4.2.2: {where} atom:category scheme {scheme!r} is not an IRI")
    for identifier in element.findall(f"{A}id"):
        _check_id(identifier.text or "", errors, where)
    for link in element.findall(f"{A}link"):
        _check_link(link, errors, where)
    _check_alternates(element, errors, where)
    for name, section in (("rights", "4.2.10"), ("title", "4.2.14"), ("subtitle", "4.2.12"), ("summary", "4.2.13")):
        for text in element.findall(f"{A}{name}"):
            _check_text(text, errors, f"{where} atom:{name}", section)
    for name, section in (("updated", "4.2.15"), ("published", "4.2.9")):
        for date in element.findall(f"{A}{name}"):
            _check_date(date.text or "", errors, f"{where} atom:{name}", section)


def _check_feed_element(feed, errors: list[str]) -> None:
    where = "the feed"
    for name, rule in (
        ("generator", {"at_most": 1}),
        ("icon", {"at_most": 1}),
        ("logo", {"at_most": 1}),
        ("id", {"exactly": 1}),
        ("rights", {"at_most": 1}),
        ("subtitle", {"at_most": 1}),
        ("title", {"exactly": 1}),
        ("updated", {"exactly": 1}),
    ):
        _count(feed, name, errors, where, "4.1.1", **rule)
    for name in ("icon", "logo"):
        for element in feed.findall(f"{A}{name}"):
            if not IRI_REFERENCE.fullmatch((element.text or "").strip()):
                errors.append(f"4.2.{5 if name == 'icon' else 8}: {where} atom:{name} is not an IRI reference")
    for generator in feed.findall(f"{A}generator"):
        uri = generator.get("uri")
        if uri is not None and not IRI_REFERENCE.fullmatch(uri):
            errors.append(f"4.2.4: {where} atom:generator uri {uri!r} is not an IRI reference")
        if list(generator):
            errors.append(f"4.2.4: {where} atom:generator holds elements, not a human-readable name")
    _check_metadata(feed, errors, where)


def _check_entry(entry, errors: list[str], *, where: str, feed_has_author: bool) -> None:
    for name, rule in (
        ("content", {"at_most": 1}),
        ("id", {"exactly": 1}),
        ("published", {"at_most": 1}),
        ("rights", {"at_most": 1}),
        ("source", {"at_most": 1}),
        ("summary", {"at_most": 1}),
        ("title", {"exactly": 1}),
        ("updated", {"exactly": 1}),
    ):
        _count(entry, name, errors, where, "4.1.2", **rule)
    if not feed_has_author and not _entry_has_author(entry):
        errors.append(f"4.1.2: {where} has no atom:author and the feed has none")
    contents = entry.findall(f"{A}content")
    alternates = [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
    if not contents and not alternates:
        errors.append(f"4.1.2: {where} has neither atom:content nor an alternate atom:link")
    for content in contents:
        if _check_content(content, errors, where) and not entry.findall(f"{A}summary"):
            errors.append(f"4.1.2: {where} has out-of-line or Base64 content and no atom:summary")
    for source in entry.findall(f"{A}source"):
        for name in ("generator", "icon", "id", "logo", "rights", "subtitle", "title", "updated"):
            _count(source, name, errors, f"{where} atom:source", "4.2.11", at_most=1)
        _check_metadata(source, errors, f"{where} atom:source")
    _check_metadata(entry, errors, where)


def _check_person(person, errors: list[str], where: str, section: str) -> None:
    _count(person, "name", errors, where, f"{section} (3.2)", exactly=1)
    _count(person, "uri", errors, where, f"{section} (3.2.2)", at_most=1)
    _count(person, "email", errors, where, f"{section} (3.2.3)", at_most=1)
    for uri in person.findall(f"{A}uri"):
        if not IRI_REFERENCE.fullmatch((uri.text or "").strip()):
            errors.append(f"3.2.2: {where} atom:uri {uri.text!r} is not an IRI reference")
    for email in person.findall(f"{A}email"):
        if not ADDR_SPEC.fullmatch((email.text or "").strip()):
            errors.append(f"3.2.3: {where} atom:email {email.text!r} is not an e-mail address")


def _check_id(value: str, errors: list[str], where: str) -> None:
    # 4.2.6: "Its content MUST be an IRI"; RFC 3987's IRI excludes relative references.
    if not IRI.fullmatch(value):
        errors.append(f"4.2.6: {where} atom:id {value!r} is not an absolute IRI")
    elif value.startswith("tag:") and not TAG_URI.fullmatch(value):
        errors.append(f"4.2.6 (RFC 4151): {where} atom:id {value!r} is not a valid tag URI")


def _check_link(link, errors: list[str], where: str) -> None:
    href = link.get("href")
    if href is None:
        errors.append(f"4.2.7.1: {where} has an atom:link without href")
    elif not IRI_REFERENCE.fullmatch(href):
        errors.append(f"4.2.7.1: {where} atom:link href {href!r} is not an IRI reference")
    rel = link.get("rel")
    if rel is not None and not (ISEGMENT_NZ_NC.fullmatch(rel) or IRI.fullmatch(rel)):
        errors.append(f"4.2.7.2: {where} atom:link rel {rel!r} is neither a name nor an IRI")
    media_type = link.get("type")
    if media_type is not None and not MEDIA_TYPE.fullmatch(media_type):
        errors.append(f"4.2.7.3: {where} atom:link type {media_type!r} is not a media type")
    hreflang = link.get("hreflang")
    if hreflang is not None and not LANGUAGE_TAG.fullmatch(hreflang):
        errors.append(f"4.2.7.4: {where} atom:link hreflang {hreflang!r} is not a language tag")
    length = link.get("length")
    if length is not None and not length.isdigit():
        errors.append(f"4.2.7.6: {where} atom:link length {length!r} is not a number of octets")


def _check_alternates(element, errors: list[str], where: str) -> None:
    seen = set()
    for link in element.findall(f"{A}link"):
        if link.get("rel", "alternate") != "alternate":
            continue
        key = (link.get("type"), link.get("hreflang"))
        if key in seen:
            errors.append(f"4.1.1/4.1.2: {where} has two alternate atom:links of type and hreflang {key}")
        seen.add(key)


def _check_text(element, errors: list[str], where: str, section: str) -> None:
    kind = element.get("type", "text")
    if kind not in TEXT_TYPES:
        errors.append(f"3.1.1 ({section}): {where} has type {kind!r}, not text, html or xhtml")
    elif kind in ("text", "html") and len(element):
        errors.append(f"3.1.1.{1 if kind == 'text' else 2} ({section}): {where} of type {kind} holds child elements")
    elif kind == "xhtml":
        _check_xhtml(element, errors, where, f"3.1.1.3 ({section})")


def _check_xhtml(element, errors: list[str], where: str, section: str) -> None:
    children = list(element)
    loose_text = (element.text or "").strip() or any((child.tail or "").strip() for child in children)
    if len(children) != 1 or children[0].tag != f"{{{XHTML}}}div" or loose_text:
        errors.append(f"{section}: {where} of type xhtml is not a single XHTML div")


def _check_content(content, errors: list[str], where: str) -> bool:
    """Check atom:content (4.1.3); True when the entry must then carry a summary (out-of-line or Base64)."""
    kind = content.get("type", "text")
    src = content.get("src")
    if kind not in TEXT_TYPES and (not MEDIA_TYPE.fullmatch(kind) or kind.split("/")[0] in ("multipart", "message")):
        errors.append(f"4.1.3.1: {where} atom:content type {kind!r} is not text, html, xhtml or a simple media type")
    if src is not None:
        if not IRI_REFERENCE.fullmatch(src):
            errors.append(f"4.1.3.2: {where} atom:content src {src!r} is not an IRI reference")
        if (content.text or "").strip() or len(content):
            errors.append(f"4.1.3.2: {where} atom:content has src and is not empty")
        return True
    if kind in ("text", "html") and len(content):
        errors.append(f"4.1.3.3: {where} atom:content of type {kind} holds child elements")
    if kind == "xhtml":
        _check_xhtml(content, errors, f"{where} atom:content", "4.1.3.3")
    media = kind.split(";")[0].strip().lower()
    is_xml = media.endswith("+xml") or media.endswith("/xml")
    return kind not in TEXT_TYPES and not is_xml and not media.startswith("text/")


def _check_date(value: str, errors: list[str], where: str, section: str) -> None:
    if not DATE_TIME.fullmatch(value):
        errors.append(f"3.3 ({section}): {where} {value!r} is not an RFC 3339 date-time with a time zone")
        return
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        errors.append(f"3.3 ({section}): {where} {value!r} is not a real date and time")


def check_house_rules(document: bytes | str, *, self_url: str) -> list[str]:
    """What this project asks beyond the RFC's MUSTs: a self link to the address the feed was read at (its
    query kept), the feed's author, and in every entry a non-empty summary, never of type html."""
    root = parse(document)
    errors = []
    selves = [link.get("href") for link in root.findall(f"{A}link") if link.get("rel") == "self"]
    if selves != [self_url]:
        errors.append(f"the feed's rel=self links are {selves}, not [{self_url!r}]")
    if not root.findall(f"{A}author"):
        errors.append("the feed names no author")
    for position, entry in enumerate(root.findall(f"{A}entry"), 1):
        summary = entry.find(f"{A}summary")
        if summary is None or not (summary.text or "").strip():
            errors.append(f"entry {position} has no summary, or an empty one")
        for element in (summary, entry.find(f"{A}title")):
            if element is not None and element.get("type", "text") != "text":
                errors.append(f"entry {position} atom:{element.tag.removeprefix(A)} is of type {element.get('type')}")
    return errors
