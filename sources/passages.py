"""Passages of an article's text: where a few typed words occur, and where a passage sits near a chosen place.

Offsets index into `Article.text` as stored: what a citation keeps and its hash protects.
"""

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (with any closing quote or bracket) before a space, or at a line break.
SENTENCE_END = re.compile("[.!?][\"'\u201d\u2019)\\]]*(?=\\s)|\n")


@dataclass(frozen=True)
class Occurrence:
    start: int  # of the words found
    end: int
    sentence_start: int  # of the sentence around them: the passage offered
    sentence_end: int


def _words_pattern(words: str) -> re.Pattern | None:
    parts = words.split()
    if not parts:
        return None
    # Any run of spaces or a line break between the words: the editor types what they read.
    return re.compile(r"\s+".join(re.escape(part) for part in parts), re.IGNORECASE)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or sentences) holding text[start:end], without surrounding spaces."""
    sentence_start = 0
    for boundary in SENTENCE_END.finditer(text, 0, start):
        sentence_start = boundary.end()
    following = SENTENCE_END.search(text, max(start, end - 1))
    if following is None:
        sentence_end = len(text)
    else:
        sentence_end = following.start() if following.group() == "\n" else following.end()
    while sentence_start < start and text[sentence_start].isspace():
        sentence_start += 1
    while sentence_end > end and text[sentence_end - 1].isspace():
        sentence_end -= 1
    return sentence_start, sentence_end


def find_words(text: str, words: str, limit: int) -> tuple[list[Occurrence], bool]:
    """Where the words occur (case and spacing aside), at most `limit` of them, and whether there are more."""
    pattern = _words_pattern(words)
    if pattern is None:
        return [], False
    found: list[Occurrence] = []
    for match in pattern.finditer(text):
        if len(found) == limit:
            return found, True
        found.append(Occurrence(match.start(), match.end(), *sentence_around(text, match.start(), match.end())))
    return found, False


def locate(text: str, passage: str, near: tuple[int | None, int | None]) -> int | None:
    """Where the passage sits: inside the chosen range `near` if it occurs there, else the occurrence closest to it.

    `near` is the editor's choice (the occurrence they picked, maybe trimmed since); without one, the first
    occurrence. None when the passage is not in the text.
    """
    hint_start, hint_end = near
    first = text.find(passage)
    if first < 0 or hint_start is None:
        return None if first < 0 else first
    hint_end = hint_start if hint_end is None else hint_end
    best, position = first, first
    while position >= 0:
        if hint_start <= position and position + len(passage) <= hint_end:
            return position
        if abs(position - hint_start) < abs(best - hint_start):
            best = position
        position = text.find(passage, position + 1)
    return best
