"""What the rest of the article says about a name it matched: whose title it is, which place it is about.

A name found in the text is not always the record's: "Chief Executive" in "World Rugby Chief
Executive" or "Chief Executive Officer" is another body's title, "AI Safety Institute" in "Japan AI
Safety Institute" is another country's institute, and "Prime Minister" is the prime minister of
the country the article is about. These rules read the words around a match, and the places the
article names; they drop a match rather than guess.
"""

import re
from collections import Counter

from editorial.folding import PLACE_WORDS, folded, is_cjk
from ingestion.linking.matcher import Match

# Words that make a longer title of the one matched: "Chief Executive Officer", "Prime Minister's Office".
_TITLE_HEADS = frozenset(
    [
        "officer",
        "office",
        "adviser",
        "advisor",
        "assistant",
        "committee",
        "council",
        "department",
        "bureau",
        "division",
        "unit",
        "team",
        "board",
        "corporation",
        "company",
        "agency",
        "authority",
    ]
)
# Words that may stand before a title without making it another body's: "Acting Secretary", "then-Prime Minister".
_MODIFIERS = frozenset(
    [
        "the",
        "a",
        "acting",
        "former",
        "then",
        "incoming",
        "outgoing",
        "new",
        "current",
        "late",
        "mr",
        "mrs",
        "ms",
        "madam",
        "dr",
        "prof",
        "professor",
        "sir",
        "honourable",
        "hon",
        "said",
        "says",
        "told",
        "by",
        "and",
        "with",
        "as",
        "of",
        "for",
        "to",
        "from",
        "at",
        "on",
        "in",
        "under",
    ]
)
_WORD_BEFORE = re.compile(r"([\w’'.-]+)[ \t]+$")
_WORDS_AFTER = re.compile(r"^(?:[’']s)?[ \t]+([\w-]+)")
_QUALIFIER_AFTER = re.compile(
    r"^[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?((?:[A-Z][\w&’'-]*|and|of|&)(?:[ \t]+(?:[A-Z][\w&’'-]*|and|of|&))*)"
)
_PLACE_WORD = {word: place for place, words in PLACE_WORDS.items() for word in words}


def article_places(text: str) -> Counter:
    """How often the article names each place ("Japan", "Japanese" and 日本 are Japan)."""
    padded = f" {folded(text)} "
    counts: Counter = Counter()
    for word, place in _PLACE_WORD.items():
        if is_cjk(word[0]):
            counts[place] += padded.count(word)
        else:
            counts[place] += padded.count(f" {word} ")
    return Counter({place: count for place, count in counts.items() if count})


def _place_ending(words: str) -> str:
    """The place the words end with ("... in Hong Kong" is Hong Kong), or ""."""
    text = folded(re.sub(r"[’']s\b", "", words))
    for size in (5, 4, 3, 2, 1):
        tail = " ".join(text.split()[-size:])
        if tail in _PLACE_WORD:
            return _PLACE_WORD[tail]
    return ""


def another_bodys_title(text: str, match: Match, place: str) -> bool:
    """Whether a post's title, where it stands, is part of a longer title or the title of another body."""
    after = text[match.end : match.end + 120]
    head = _WORDS_AFTER.match(after)
    if head and head.group(1)[:1].isupper() and head.group(1).casefold() in _TITLE_HEADS:
        return True
    qualifier = _QUALIFIER_AFTER.match(after)
    if qualifier and match.surface[:1].isupper():
        # "Chief Executive of the HKSAR" is the title; "Senior Minister of State" is another one.
        words = folded(re.sub(r"[’']s\b", "", qualifier.group(1))).split()
        if not any(" ".join(words[:size]) in _PLACE_WORD for size in range(min(len(words), 5), 0, -1)):
            return True
    before = text[max(0, match.start - 60) : match.start]
    previous = _WORD_BEFORE.search(before)
    if previous is None:
        return False
    word = previous.group(1).removesuffix("’s").removesuffix("'s")
    if not word[:1].isupper() or word.casefold().rstrip(".") in _MODIFIERS or word.endswith("-"):
        return False
    if before[: previous.start()].rstrip(" \t")[-1:] in ("", ".", "!", "?", "\n", ":", "—", "–", "“", '"'):
        return False  # the first word of a sentence or a headline, not a qualifier
    named_place = _place_ending(before)
    if named_place:
        return bool(place) and named_place != place
    return True  # "World Rugby Chief Executive"


def another_places_name(text: str, match: Match, place: str) -> bool:
    """Whether a record's name is written after another place's name: "Japan AI Safety Institute"."""
    if not place:
        return False
    before = text[max(0, match.start - 40) : match.start]
    if not before.endswith((" ", "\u3000")) and not (before and is_cjk(before[-1])):
        return False
    named_place = _place_ending(before.rstrip())
    return bool(named_place) and named_place != place


def choose_by_place(candidates: list[Match], places: dict[tuple[str, int], str], counts: Counter) -> Match | None:
    """Of several records one span names, the one of the place the article names most, if one stands out."""
    scored = sorted(((counts.get(places.get((m.kind, m.record_id), ""), 0), m) for m in candidates),
                    key=lambda item: -item[0])  # fmt: skip
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]
