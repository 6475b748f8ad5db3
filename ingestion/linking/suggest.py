"""What an article states that we may not have: initiatives, people, meetings, statements, amounts, dates.

Rules over sentences, precise rather than exhaustive: an editor reviews every suggestion, and a
rejected one is never proposed again. Spans already linked to a known record are not suggested.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from editorial.amounts import AMOUNT as _AMOUNT
from editorial.amounts import read_amount as _amount
from ingestion.linking.matcher import Match


@dataclass(frozen=True)
class Proposal:
    kind: str
    text: str
    normalized: str
    start: int
    end: int
    evidence_start: int
    evidence_end: int
    data: dict = field(default_factory=dict, hash=False, compare=False)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z0-9])|\n+")
_WORD = r"(?:[A-Z][\w’'&.-]*|AI|[0-9]+)"
_JOIN = r"(?:of|and|for|the|on|in|de|to|&)"
_NAME = rf"{_WORD}(?:\s+(?:{_JOIN}\s+)*{_WORD})+"
_QUOTED = r"[“\"‘'](?P<quoted>[^”\"’']{3,120})[”\"’']"

_INITIATIVE = [
    (
        re.compile(
            rf"\b(?:establishment|launch|creation|setting up|introduction|roll-?out|development) of "
            rf"(?:the |a |an )?(?:{_QUOTED}|(?P<name>{_NAME}))"
        ),
        (" of ",),
    ),
    (
        re.compile(
            rf"\b(?:set up|launched|established|created|introduced|unveiled|rolled out|is developing|announced) "
            rf"(?:a |an |the |its )?(?:new )?(?:{_QUOTED}|(?P<name>{_NAME}))"
        ),
        ("set up", "launched", "established", "created", "introduced", "unveiled", "rolled out", "is developing",
         "announced"),
    ),
]  # fmt: skip
_PERSON = re.compile(
    r"\b(?P<post>(?:(?:Financial|Chief|Deputy|Prime|Foreign|Vice|Permanent) )?"
    r"(?:Secretary|Minister|President|Chief Executive|Governor|Mayor|Chairman|Chairwoman|Director|Commissioner)"
    r"(?: (?:for|of) (?:the )?[A-Z][\w]+(?: (?:and )?[A-Z][\w]+)*)?) "
    r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+(?:-[a-z]+)?){1,3})"
)
_MEETING = re.compile(rf"\b(?P<name>{_NAME}\s+(?:Meeting|Summit|Conference|Forum|Session|Dialogue|Assembly))\b")
_STATEMENT = re.compile(
    r"\b(?P<speaker>[A-Z][\w-]+(?: [A-Z][\w-]+){0,3}) (?:said|added|stressed|noted|announced|proposed|advocated"
    r"|emphasi[sz]ed|told [\w ]{2,40}?) (?:that )?(?P<clause>[^.]{20,})"
)

# Each pattern needs one of these words: sentences without any are skipped before the regex runs
# (most sentences have none, and the regexes cost more than the rest of linking put together).
# The amount's are lower case, for a casefolded sentence: that pattern ignores case.
_PERSON_HINTS = ("Secretary", "Minister", "President", "Chief Executive", "Governor", "Mayor", "Chairman",
                 "Chairwoman", "Director", "Commissioner")  # fmt: skip
_MEETING_HINTS = ("Meeting", "Summit", "Conference", "Forum", "Session", "Dialogue", "Assembly")
_STATEMENT_HINTS = ("said", "added", "stressed", "noted", "announced", "proposed", "advocated", "emphasi", "told")
_AMOUNT_HINTS = ("$", "¥", "€", "£", "₩", "rmb", "hkd", "usd", "cny", "eur", "gbp", "krw")
_MONTH_NAMES = "|".join(calendar.month_name[1:])
_WEEKDAYS = list(calendar.day_name)
_MONTH_HINTS = tuple(calendar.month_name[1:])
_DATES = [
    ("day", re.compile(rf"\bon (?P<day>\d{{1,2}}) (?P<month>{_MONTH_NAMES}),? (?P<year>\d{{4}})\b"), _MONTH_HINTS),
    ("day", re.compile(rf"\bon (?P<month>{_MONTH_NAMES}) (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})\b"), _MONTH_HINTS),
    ("month", re.compile(rf"\bin (?P<month>{_MONTH_NAMES}),? (?P<year>\d{{4}})\b"), _MONTH_HINTS),
    ("year", re.compile(r"\bin (?P<year>(?:19|20)\d{2})\b"), ("in 19", "in 20")),
    ("weekday", re.compile(rf"\bon (?P<weekday>{'|'.join(_WEEKDAYS)})\b"), tuple(_WEEKDAYS)),
]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(text)))
    result = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            result.append((start, end))
    return result


def suggest(text: str, *, matches: list[Match], published: datetime.date | None) -> list[Proposal]:
    """Suggestions for one article; relative dates ("on Wednesday") resolved against its publication date."""
    linked = [(match.start, match.end) for match in matches]
    proposals: list[Proposal] = []
    for sentence_start, sentence_end in sentences(text):
        sentence = text[sentence_start:sentence_end]

        def add(kind, start, end, normalized, data=None, *, _base=sentence_start, _end=sentence_end):
            absolute_start, absolute_end = _base + start, _base + end
            if kind in ("initiative", "person", "meeting") and any(
                absolute_start < other_end and other_start < absolute_end for other_start, other_end in linked
            ):
                return  # already a known record
            proposals.append(
                Proposal(
                    kind,
                    text[absolute_start:absolute_end],
                    normalized[:300],
                    absolute_start,
                    absolute_end,
                    _base,
                    _end,
                    data or {},
                )
            )

        for pattern, hints in _INITIATIVE:
            for found in _finditer(pattern, sentence, hints):
                group = "quoted" if found.group("quoted") else "name"
                start, end = found.span(group)
                add("initiative", start, end, _clean_name(found.group(group)))
        for found in _finditer(_PERSON, sentence, _PERSON_HINTS):
            start, end = found.span("name")
            add("person", start, end, found.group("name"), {"post": found.group("post")})
        for found in _finditer(_MEETING, sentence, _MEETING_HINTS):
            start, end = found.span("name")
            add("meeting", start, end, _clean_name(found.group("name")))
        for found in _finditer(_STATEMENT, sentence, _STATEMENT_HINTS):
            speaker = _speaker(matches, sentence_start + found.start("speaker"), sentence_start + found.end("speaker"))
            normalized = f"{found.group('speaker')}: {found.group('clause')}"
            add("statement", found.start(), found.end(), normalized, speaker)
        for found in _finditer(_AMOUNT, sentence, _AMOUNT_HINTS, casefold=True):
            amount = _amount(found)
            if amount is not None:
                add("amount", found.start(), found.end(), f"{amount['currency']} {amount['value']}", amount)
        for precision, pattern, hints in _DATES:
            for found in _finditer(pattern, sentence, hints):
                value = _date(precision, found, published)
                add("date", found.start(), found.end(), value["value"] or found.group(0), value)
    return _unique(proposals)


def _finditer(pattern: re.Pattern, sentence: str, hints: tuple[str, ...], *, casefold: bool = False):
    """The pattern's matches, or none at once when the sentence holds none of the words it needs."""
    haystack = sentence.casefold() if casefold else sentence
    if not any(hint in haystack for hint in hints):
        return ()
    return pattern.finditer(sentence)


def _clean_name(name: str) -> str:
    return " ".join(name.strip(" .,;:").split())


def _speaker(matches: list[Match], start: int, end: int) -> dict:
    for match in matches:
        if match.kind == "person" and match.start < end and start < match.end:
            return {"speaker_kind": "person", "speaker_id": match.record_id}
    return {}


def _date(precision: str, found: re.Match, published: datetime.date | None) -> dict:
    if precision == "weekday":
        if published is None:
            return {"value": "", "precision": "day", "unresolved": found.group("weekday")}
        weekday = _WEEKDAYS.index(found.group("weekday"))
        # News says "on Wednesday" of the past few days: the latest such day on or before publication.
        day = published - datetime.timedelta(days=(published.weekday() - weekday) % 7)
        return {"value": day.isoformat(), "precision": "day"}
    year = int(found.group("year"))
    if precision == "year":
        return {"value": f"{year:04d}", "precision": "year"}
    month = list(calendar.month_name).index(found.group("month"))
    if precision == "month":
        return {"value": f"{year:04d}-{month:02d}", "precision": "month"}
    try:
        return {"value": datetime.date(year, month, int(found.group("day"))).isoformat(), "precision": "day"}
    except ValueError:
        return {"value": "", "precision": "day", "unresolved": found.group(0)}


def _unique(proposals: list[Proposal]) -> list[Proposal]:
    seen, result = set(), []
    for proposal in sorted(proposals, key=lambda proposal: (proposal.start, -proposal.end)):
        key = (proposal.kind, proposal.normalized, proposal.start)
        if key not in seen:
            seen.add(key)
            result.append(proposal)
    return result
