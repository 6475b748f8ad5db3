"""Names an article defines for itself: "Digital Corporate Identity (CorpID)", then "CorpID"; "the Institute".

An acronym or short form defined next to a known name is that record's for the rest of the
article. A definite description ("the Institute", "the joint session", "the platform") is the most
recent entity before it that it fits: of a kind that goes by that noun, and named with it where the
noun is in the name (surer) or only of the kind's vocabulary (less sure: offered to an editor).
"""

import re

from editorial.folding import folded
from ingestion.linking.matcher import Match

ACRONYM, COREFERENCE = "acronym", "coreference"
_SHORT = r"[A-Z][\w&@.+-]*(?:[ \t]+[A-Z0-9][\w&@.+-]*){0,5}"
# "Long Name (ABC)", "Long Name (the “AI Basic Act”)", full-width brackets too.
_AFTER = re.compile(
    rf"[ \t]*[(（][ \t]*(?:the[ \t]+|hereinafter[ \t]+|or[ \t]+)?[“\"‘「]?(?P<short>{_SHORT}|[\u3400-\u9fff]{{2,12}})"
    rf"[”\"’」]?[ \t]*[)）]"
)
# "ABC (Long Name)".
_BEFORE = re.compile(r"(?P<short>\b[A-Z][A-Za-z0-9&]{1,11})[ \t]*[(（][ \t]*$")

_VOCABULARY = {
    "meeting": {"meeting", "session", "summit", "conference", "forum", "dialogue", "ministerial", "assembly"},
    "initiative": {"scheme", "programme", "program", "platform", "centre", "center", "project", "initiative",
                   "fund", "plan", "blueprint", "strategy", "act", "law", "institute", "facility", "hub"},
    "organization": {"bureau", "office", "department", "institute", "committee", "council", "authority", "agency",
                     "corporation", "company", "ministry", "commission", "headquarters", "centre", "center"},
}  # fmt: skip
_HEADS = sorted({head for heads in _VOCABULARY.values() for head in heads}, key=len, reverse=True)
_DESCRIPTION = re.compile(
    r"\b(?P<the>[Tt]he|[Tt]his|[Tt]hat|[Ii]ts)[ \t]+(?:(?P<modifier>joint|new|same|said)[ \t]+)?"
    rf"(?P<head>(?i:{'|'.join(_HEADS)}))\b(?![ \t]+(?:of|for|on)\b)"
)


def _is_acronym(short: str) -> bool:
    return " " not in short and sum(char.isupper() for char in short) >= 2


def defined_short_forms(text: str, matches: list[Match]) -> list[Match]:
    """Every use of a short form the article defines beside a known name, the definition included."""
    taken = [(match.start, match.end) for match in matches]
    definitions: dict[str, Match] = {}
    for match in matches:
        if match.method in (ACRONYM, COREFERENCE):
            continue
        after = _AFTER.match(text, match.end, min(len(text), match.end + 80))
        before = _BEFORE.search(text, max(0, match.start - 16), match.start)
        for found in (after, before):
            if found is None:
                continue
            short = found.group("short").strip()
            if short.casefold() == match.surface.casefold() or len(short) < 2:
                continue
            if not _is_acronym(short) and len(short.split()) < 2 and not re.search(r"[\u3400-\u9fff]", short):
                continue  # one ordinary word in brackets is not a name
            definitions.setdefault(short, match)
    found_matches = []
    for short, record in definitions.items():
        exact = _is_acronym(short)
        pattern = re.compile(rf"(?<![\w&]){re.escape(short)}(?![\w&])", 0 if exact else re.IGNORECASE)
        for occurrence in pattern.finditer(text):
            start, end = occurrence.span()
            if any(start < o_end and o_start < end for o_start, o_end in taken):
                continue
            found_matches.append(Match(record.kind, record.record_id, start, end, occurrence.group(), ACRONYM, 0.9))
            taken.append((start, end))
    return found_matches


def descriptions(text: str, matches: list[Match]) -> list[Match]:
    """ "The Institute", "the joint session": the latest compatible entity named before, when one fits."""
    named = sorted(
        (match for match in matches if match.kind in _VOCABULARY and match.method != COREFERENCE),
        key=lambda match: match.start,
    )
    if not named:
        return []
    taken = [(match.start, match.end) for match in matches]
    found = []
    for occurrence in _DESCRIPTION.finditer(text, named[0].end):
        head = occurrence.group("head").casefold()
        start, end = occurrence.start("head"), occurrence.end()
        if occurrence.group("modifier"):
            start = occurrence.start("modifier")
        if any(start < o_end and o_start < end for o_start, o_end in taken):
            continue
        best = None
        for match in reversed(named):
            if match.end > occurrence.start():
                continue
            if head not in _VOCABULARY[match.kind]:
                continue
            words = folded(match.surface).split()
            in_name = folded(head) in words
            modifier = occurrence.group("modifier")
            if modifier and modifier.casefold() not in ("new", "same", "said") and modifier.casefold() not in words:
                continue
            confidence = 0.8 if in_name else 0.6
            if occurrence.group("head")[:1].isupper() and in_name:
                confidence = 0.85  # "the Institute": the writer's capital says a name is meant
            best = (match, confidence)
            break
        if best is None:
            continue
        match, confidence = best
        found.append(Match(match.kind, match.record_id, start, end, text[start:end], COREFERENCE, confidence))
    return found
