"""Text folded for matching names: what two ways of writing the same name have in common.

One function, `fold`, serves the linker (names found in articles) and the evidence check (a cited
passage states the value it is cited for): the two must agree, or a citation the linker found would
be refused. Folding keeps, for each folded character, the offset it came from, so that a match in
the folded text is a span of the original.

What is folded, and why each is safe (it never joins two names that mean different things):
- characters: case, accents, full-width forms (NFKD), typographic quotes and apostrophes, spaces
  and punctuation between Chinese characters,
  punctuation and hyphens as spaces, traditional Chinese to simplified (OpenCC, character by
  character, so that 陳茂波 and 陈茂波 meet);
- words: "&" is "and" ("Innovation, Technology & Industry"), "R&D" is "research and development",
  "AI" is "artificial intelligence", common abbreviations ("Govt", "Dept", "Intl") and British and
  American spellings ("Centre", "Programme", "Organisation") are one.
`name_forms` adds what a name may drop in running text: a leading article, a legal suffix
("Company Limited"), a year after it ("... Meeting 2025"), a place before the name ("Hong Kong"
in "Hong Kong AI Research and Development Institute").
"""

import functools
import itertools
import re
import unicodedata

import opencc

APOSTROPHES = frozenset({"'", "\u2019", "\u2018", "\u02bc", "`", "\u00b4"})

# Word sequences and what they fold to: both sides already folded by character.
_WORDS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("r", "and", "d"): ("research", "and", "development"),
    ("rnd",): ("research", "and", "development"),
    ("ai",): ("artificial", "intelligence"),
    ("govt",): ("government",),
    ("dept",): ("department",),
    ("intl",): ("international",),
    ("centre",): ("center",),
    ("centres",): ("centers",),
    ("programme",): ("program",),
    ("programmes",): ("programs",),
    ("organisation",): ("organization",),
    ("organisations",): ("organizations",),
    ("labour",): ("labor",),
    ("defence",): ("defense",),
}
_LONGEST_RULE = max(len(words) for words in _WORDS)
_LEADING = ("the ",)
_LEGAL_SUFFIXES = (
    " company limited",
    " co limited",
    " co ltd",
    " limited",
    " ltd",
    " inc",
    " incorporated",
    " corporation",
    " corp",
    " plc",
    " llc",
    " gmbh",
)
# Places, by the words (folded) that name them: a name is often written with or without its place
# ("Hong Kong Cyberport"), and a title shared across places ("Prime Minister") is the one of the
# place the article is about.
PLACE_WORDS: dict[str, tuple[str, ...]] = {
    "hong kong": (
        "hong kong",
        "hong kong sar",
        "hong kong special administrative region",
        "hksar",
        "hk",
        "香港",
        "港府",
    ),
    "singapore": ("singapore", "singaporean", "新加坡"),
    "japan": ("japan", "japanese", "日本"),
    "korea": ("korea", "korean", "south korea", "republic of korea", "韩国", "한국"),
    "united kingdom": ("uk", "united kingdom", "britain", "british", "great britain", "英国"),
    "canada": ("canada", "canadian", "加拿大"),
    "european union": ("eu", "european union", "european commission", "欧盟"),
    "china": ("china", "chinese mainland", "mainland china", "中国", "国家"),
    "united states": ("us", "usa", "united states", "american", "美国"),
}
PLACES = tuple(word for words in PLACE_WORDS.values() for word in words if " " in word or len(word) > 3)


def place_of(name: str) -> str:
    """The place a jurisdiction's name or code stands for ("Hong Kong, China" is Hong Kong), or ""."""
    text = f" {folded(name)} "
    for place, words in PLACE_WORDS.items():
        if any(f" {word} " in text for word in words):
            return place
    return ""


_simplified = opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    if char in APOSTROPHES:
        return ""
    if char in ("&", "\uff06"):  # and its full-width form
        return " and "
    if unicodedata.category(char)[0] in "PSZC" or char.isspace():
        return " "
    if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":
        simplified = _simplified.convert(char)
        return simplified if len(simplified) == 1 else char
    decomposed = unicodedata.normalize("NFKD", char)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if not folded:
        return " "
    if len(folded) == 1 or not any(unicodedata.category(c)[0] in "PSZ" for c in folded):
        return folded
    return "".join(c if c.isalnum() else " " for c in folded)  # "½" is "1", fraction slash, "2"


def _fold_characters(text: str) -> tuple[list[str], list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold_char(char):
            if piece == " ":
                if out and out[-1] != " ":
                    out.append(" ")
                    offsets.append(index)
                continue
            if len(out) > 1 and out[-1] == " " and is_cjk(piece) and is_cjk(out[-2]):
                out.pop()  # a Chinese name split by a full-width dot is one name
                offsets.pop()
            out.append(piece)
            offsets.append(index)
    return out, offsets


_ASCII_WORD = re.compile(r"[0-9a-z]+")


def fold(text: str) -> tuple[str, list[int]]:
    """The text folded for matching, and for each of its characters the offset it came from."""
    chars, offsets = _fold_characters(text)
    folded = "".join(chars)
    words = [(match.group(), match.start(), match.end()) for match in _ASCII_WORD.finditer(folded)]
    if not any((word,) in _WORDS or word == "r" for word, _, _ in words):
        return folded, offsets
    out: list[str] = []
    out_offsets: list[int] = []
    position = 0  # in `folded`
    index = 0
    while index < len(words):
        replaced = None
        for size in range(min(_LONGEST_RULE, len(words) - index), 0, -1):
            run = words[index : index + size]
            # A rule's words are adjacent, one space apart ("r and d", not "r, and d" folded alike is fine too).
            if tuple(word for word, _, _ in run) in _WORDS and _adjacent(folded, run):
                replaced = (_WORDS[tuple(word for word, _, _ in run)], run[0][1], run[-1][2])
                break
        if replaced is None:
            index += 1
            continue
        replacement, start, end = replaced
        out.extend(folded[position:start])
        out_offsets.extend(offsets[position:start])
        expansion = " ".join(replacement)
        first, last = offsets[start], offsets[end - 1]
        out.extend(expansion)
        out_offsets.extend([first] + [last] * (len(expansion) - 1))
        position = end
        index += size
    out.extend(folded[position:])
    out_offsets.extend(offsets[position:])
    return "".join(out), out_offsets


def _adjacent(folded: str, run: list[tuple[str, int, int]]) -> bool:
    return all(folded[end:next_start] == " " for (_, _, end), (_, next_start, _) in itertools.pairwise(run))


def folded(text: str) -> str:
    """The text folded, without offsets, trimmed."""
    return fold(text)[0].strip()


def name_forms(name: str) -> set[str]:
    """The folded forms a name is found under: itself, and without a leading article, legal suffix or place."""
    base = folded(name)
    forms = {base}
    for form in list(forms):
        for article in _LEADING:
            if form.startswith(article):
                forms.add(form[len(article) :])
    for form in list(forms):
        for suffix in _LEGAL_SUFFIXES:
            if form.endswith(suffix) and len(form) > len(suffix) + 3:
                forms.add(form[: -len(suffix)])
    for form in list(forms):
        # "APEC Finance Ministers' Meeting 2025" is written without its year in the year it is held.
        year = re.fullmatch(r"(.+ .+) (?:19|20)\d\d", form)
        if year:
            forms.add(year.group(1))
    for form in list(forms):
        for place in PLACES:
            rest = form[len(place) + 1 :]
            # What is left must still be a name: two words at least ("Hong Kong Cyberport" keeps "cyberport"
            # only as its own alias, not from the place rule).
            if form.startswith(place + " ") and len(rest.split()) >= 3:
                forms.add(rest)
    return {form for form in forms if form}


def states(passage: str, value: str) -> bool:
    """Whether the passage states the value, folded alike (whole words, or characters in CJK)."""
    needle = folded(value)
    if not needle:
        return False
    haystack = " " + fold(passage)[0] + " "
    if is_cjk(needle[0]) or is_cjk(needle[-1]):
        return needle in haystack
    return f" {needle} " in haystack


def is_cjk(char: str) -> bool:
    """A character of a script written without spaces between words (Chinese, Japanese kanji, Korean)."""
    return "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uf900" <= char <= "\ufaff"
