"""Find every known name in a text at once: an Aho-Corasick automaton over normalised names.

The automaton is built once per set of names and cached (rebuilt when a fingerprint of the
records and aliases changes), so the cost of linking an article does not grow with the number of
names known. Text and names are normalised the same way (case, accents, punctuation, hyphens and
spacing, typographic quotes), with a map from each normalised character back to the original
offset, so matches come back with offsets into the original text.
"""

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick
from django.conf import settings

from editorial.folding import fold, is_cjk, name_forms, place_of
from ingestion.linking import registry

MIN_NAME_LENGTH = 2


@dataclass(frozen=True)
class Match:
    kind: str
    record_id: int
    start: int
    end: int
    surface: str
    method: str
    # How sure the linker is, 0 to 1: below settings.INGEST_LINK_THRESHOLD a match is offered to editors
    # as a suggestion, not written as a link.
    confidence: float = 1.0


@dataclass(frozen=True)
class _Target:
    kind: str
    record_id: int
    method: str
    exact: str  # non-empty for acronyms: "FS" must be written "FS", not "fs"


_METHOD_RANK = {"name": 0, "alias": 1, "variant": 2}


def _best_targets(found: set[_Target]) -> tuple[_Target, ...]:
    """One target per record, by its surest method; a variant gives way to a record whose own name it is."""
    best: dict[tuple[str, int, str], _Target] = {}
    for target in sorted(found, key=lambda target: _METHOD_RANK[target.method]):
        best.setdefault((target.kind, target.record_id, target.exact), target)
    if any(target.method != "variant" for target in best.values()):
        return tuple(target for target in best.values() if target.method != "variant")
    return tuple(best.values())


def _bounded(folded: str, start: int, end: int) -> bool:
    """A whole-word match: spaces or text edges around it, except in scripts written without spaces."""
    before = start == 0 or folded[start - 1] == " " or is_cjk(folded[start]) or is_cjk(folded[start - 1])
    after = end == len(folded) or folded[end] == " " or is_cjk(folded[end - 1]) or is_cjk(folded[end])
    return before and after


class Linker:
    """An automaton over every name of every linkable record."""

    def __init__(self, rows: Iterable[tuple[str, int, str, str]], places: dict[tuple[str, int], str] | None = None):
        # The place each record belongs to ("hong kong"), where known: a title shared across places is told apart by it.
        self.places = places or {}
        self.automaton = ahocorasick.Automaton()
        self.size = 0
        targets: dict[str, set[_Target]] = {}
        for kind, record_id, name, alias_kind in rows:
            method = "alias" if alias_kind else "name"
            exact = name.strip() if alias_kind == "acronym" else ""
            own = fold(name)[0].strip()
            for key in name_forms(name):
                if len(key) >= MIN_NAME_LENGTH:
                    # A form the name takes in running text (without "the", "Limited", its place) is a variant.
                    found = _Target(kind, record_id, method if key == own else "variant", exact)
                    targets.setdefault(key, set()).add(found)
        for key, found in targets.items():
            self.automaton.add_word(key, (len(key), _best_targets(found)))
            self.size += 1
        if self.size:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, longest first, with offsets into `text`."""
        return self.find_nested(text)[0]

    def find_nested(self, text: str) -> tuple[list[Match], list[tuple[Match, Match]]]:
        """The longest matches, and each shorter name found inside one of them, with the match it is inside."""
        if not self.size or not text:
            return [], []
        folded, offsets = fold(text)
        candidates = []
        for last, (length, targets) in self.automaton.iter(folded):
            start = last - length + 1
            if _bounded(folded, start, last + 1):
                candidates.append((start, last + 1, targets))
        candidates.sort(key=lambda item: (item[0] - item[1], item[0]))
        taken: list[tuple[int, int, list[Match]]] = []
        matches: list[Match] = []
        nested: list[tuple[Match, Match]] = []
        for start, end, targets in candidates:
            original_start, original_end = offsets[start], offsets[end - 1] + 1
            surface = text[original_start:original_end]
            chosen = [
                Match(target.kind, target.record_id, original_start, original_end, surface, target.method)
                for target in sorted(targets, key=lambda target: (target.kind, target.record_id))
                if not target.exact or target.exact == surface
            ]
            if not chosen:
                continue
            outer = next((found for o_start, o_end, found in taken if start < o_end and o_start < end), None)
            if outer is not None:
                inside = next((o_start, o_end) for o_start, o_end, found in taken if found is outer)
                if inside[0] <= start and end <= inside[1]:
                    nested.extend((match, outer[0]) for match in chosen)
                continue
            taken.append((start, end, chosen))
            matches.extend(chosen)
        return sorted(matches, key=lambda match: (match.start, match.kind, match.record_id)), nested


def build_linker() -> Linker:
    """A linker over the names of every registered kind, read from the database now."""
    places = {
        (linkable.kind, record_id): place_of(jurisdiction)
        for linkable in registry.linkables()
        if linkable.places is not None
        for record_id, jurisdiction in linkable.places()
        if jurisdiction
    }
    return Linker(
        (
            (linkable.kind, record_id, name, alias_kind)
            for linkable in registry.linkables()
            for record_id, name, alias_kind in linkable.names()
        ),
        places={key: place for key, place in places.items() if place},
    )


class _Cache:
    lock = threading.Lock()
    linker: Linker | None = None
    fingerprint: tuple | None = None
    checked_at = 0.0


def get_linker() -> Linker:
    """The cached linker, rebuilt when records or aliases changed (checked every INGEST_LINKER_CHECK_SECONDS)."""
    with _Cache.lock:
        now = time.monotonic()
        if _Cache.linker is not None and now - _Cache.checked_at < settings.INGEST_LINKER_CHECK_SECONDS:
            return _Cache.linker
        fingerprint = tuple(linkable.fingerprint() for linkable in registry.linkables())
        if _Cache.linker is None or fingerprint != _Cache.fingerprint:
            _Cache.linker = build_linker()
            _Cache.fingerprint = fingerprint
        _Cache.checked_at = now
        return _Cache.linker
