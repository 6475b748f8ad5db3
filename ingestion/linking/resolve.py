"""What news writing leaves implicit: a surname alone, a role instead of a name."""

import datetime
import re
from dataclasses import replace

from django.utils import timezone

from ingestion.linking import context, coreference, registry
from ingestion.linking.matcher import Match


def reference_date(*, published: datetime.date | None, matches: list[Match]) -> datetime.date:
    """The date a role refers to: the article's date, else the date of the event it reports, else today.

    An article without a date (the founding article has none) still reports an event: the latest
    day-precise date of a meeting it names is when its roles were held ("the financial secretary"
    at the joint session of 22 October 2025). Only with neither do we take today, the best guess
    for a story just fetched.
    """
    if published is not None:
        return published
    meeting = registry.get("meeting")
    if meeting is not None and meeting.date_of is not None:
        ids = {match.record_id for match in matches if match.kind == "meeting"}
        records = meeting.model._default_manager.in_bulk(ids)
        dates = [date for record in records.values() if (date := meeting.date_of(record)) is not None]
        if dates:
            return max(dates)
    return timezone.localdate()


def resolve_surnames(text: str, matches: list[Match]) -> list[Match]:
    """ "Chan said", after "Paul Chan" earlier in the article: the same person, when no other one shares the surname."""
    person = registry.get("person")
    if person is None or person.surname is None:
        return []
    first_seen: dict[int, int] = {}
    for match in matches:
        if match.kind == "person" and match.method in ("name", "alias", "variant"):
            first_seen.setdefault(match.record_id, match.end)
    records = person.model._default_manager.in_bulk(first_seen)
    by_surname: dict[str, set[int]] = {}
    for record_id, record in records.items():
        surname = person.surname(record)
        if surname:
            by_surname.setdefault(surname, set()).add(record_id)
    taken = [(match.start, match.end) for match in matches]
    found = []
    for surname, ids in by_surname.items():
        if len(ids) != 1:
            continue  # two people named Chan: "Chan said" is ambiguous
        (record_id,) = ids
        for occurrence in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            start, end = occurrence.span()
            if start < first_seen[record_id] or any(start < o_end and o_start < end for o_start, o_end in taken):
                continue
            found.append(Match("person", record_id, start, end, occurrence.group(), "surname", 0.9))
    return found


_APPOSED = re.compile(r"^(?:[ \t]*,)?[ \t]+(?:(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Madam)\.?[ \t]+)?$")
_PAST = re.compile(r"(?:then|former|ex|late|previous)[ \t-]*$", re.IGNORECASE)


def resolve_roles(text: str, matches: list[Match], on: datetime.date) -> list[Match]:
    """ "The financial secretary": whoever held the post on the date, as a person mention of the same words.

    A title beside a name ("Financial Secretary Paul Chan", "Paul Chan, Financial Secretary") names
    its person already, and "then-Prime Minister Rishi Sunak" names a past holder: neither is read as
    the holder on the date. A holder whose membership starts at an unknown date is sure only from
    the earliest evidence of it: before, the mention is offered to an editor, not linked.
    """
    post = registry.get("post")
    if post is None or post.holders is None:
        return []
    posts = [match for match in matches if match.kind == "post"]
    if not posts:
        return []
    people = [match for match in matches if match.kind == "person"]
    holders = post.holders(sorted({match.record_id for match in posts}), on)
    found = []
    for match in posts:
        if match.record_id not in holders or _beside_a_name(text, match, people):
            continue
        if _PAST.search(text[max(0, match.start - 12) : match.start]):
            continue
        person_id, certain = holders[match.record_id]
        confidence = match.confidence * (0.9 if certain else 0.5)
        found.append(Match("person", person_id, match.start, match.end, match.surface, "role", confidence))
    return found


def _beside_a_name(text: str, match: Match, people: list[Match]) -> bool:
    return _named_beside(text, match, people) is not None


def _named_beside(text: str, match: Match, people: list[Match]) -> int | None:
    """The person named right after a title ("Financial Secretary Paul Chan") or right before it, with a comma."""
    for person in people:
        if person.start >= match.end and _APPOSED.match(text[match.end : person.start]):
            return person.record_id
        if person.end <= match.start and re.fullmatch(r"[ \t]*,[ \t]*(?:the[ \t]+)?", text[person.end : match.start]):
            return person.record_id
    return None


def in_context(text: str, matches: list[Match], places: dict[tuple[str, int], str], on: datetime.date) -> list[Match]:
    """The matches the words around them allow, one record per span.

    Another body's title and another place's institute are dropped. A span several records share
    ("Prime Minister") is the one the person named beside it held, or else the one of the place the
    article names most; with neither, each is left for an editor to choose. A title nobody holds on
    the date, beside a person who holds one post then ("Sun Dong, Secretary for Innovation and
    Technology", a bureau renamed in 2022), is read as that person's post.
    """
    kept = []
    for match in matches:
        place = places.get((match.kind, match.record_id), "")
        if match.kind == "post" and context.another_bodys_title(text, match, place):
            continue
        if match.kind in ("organization", "initiative", "post") and context.another_places_name(text, match, place):
            continue
        kept.append(match)
    by_span: dict[tuple[int, int, str], list[Match]] = {}
    for match in kept:
        by_span.setdefault((match.start, match.end, match.kind), []).append(match)
    people = [match for match in kept if match.kind == "person"]
    beside = {key: _named_beside(text, group[0], people) for key, group in by_span.items() if key[2] == "post"}
    tenures = _tenures({person for person in beside.values() if person is not None})
    counts = context.article_places(text) if any(len(group) > 1 for group in by_span.values()) else None
    result = []
    for key, group in by_span.items():
        held = tenures.get(beside.get(key), [])  # type: ignore[arg-type]
        if held:
            group = _as_held(group, held, on)
        if len(group) == 1:
            result.append(group[0])
            continue
        chosen = context.choose_by_place(group, places, counts or {})  # type: ignore[arg-type]
        if chosen is not None:
            result.append(replace(chosen, confidence=min(chosen.confidence, 0.8)))
        else:  # an alternative existed and nothing tells them apart: each is for an editor to choose
            result.extend(replace(match, confidence=min(match.confidence, 0.4)) for match in group)
    return result


def _tenures(person_ids: set[int]) -> dict[int, list[registry.Tenure]]:
    person = registry.get("person")
    if not person_ids or person is None or person.tenures is None:
        return {}
    return person.tenures(sorted(person_ids))


def _as_held(group: list[Match], held: list[registry.Tenure], on: datetime.date) -> list[Match]:
    """The posts of a span, read with the tenures of the person named beside it."""
    ever = {tenure.post for tenure in held}
    chosen = [match for match in group if match.record_id in ever]
    if len(chosen) == 1:
        return [replace(chosen[0], confidence=min(chosen[0].confidence, 0.9))]
    if len(group) > 1 or chosen:
        return group
    (match,) = group
    current = {tenure.post for tenure in held if tenure.covers(on)}
    post = registry.get("post")
    if len(current) != 1 or post is None or post.holders is None or post.holders([match.record_id], on):
        return group
    return [replace(match, record_id=current.pop(), method="role", confidence=min(match.confidence, 0.75))]


def nested_names(nested: list[tuple[Match, Match]]) -> list[Match]:
    """A meeting named inside a meeting's name ("the joint session of the APEC Finance Ministers' Meeting and
    ..."): the inner one is mentioned too. Other nestings are a longer name's words, not a mention."""
    return [
        replace(inner, method="nested", confidence=min(inner.confidence, 0.85))
        for inner, outer in nested
        if outer.kind == "meeting" and inner.kind == "meeting" and inner.record_id != outer.record_id
    ]


def link_text(text: str, *, published: datetime.date | None, linker) -> tuple[list[Match], datetime.date]:
    """Every mention in the text, names and aliases first, then surnames and roles; and the date roles used."""
    found, nested = linker.find_nested(text)
    on = reference_date(published=published, matches=found)
    matches = in_context(text, found, linker.places, on)
    matches = matches + nested_names(nested)
    matches = matches + coreference.defined_short_forms(text, matches)
    matches = matches + resolve_surnames(text, matches)
    matches = matches + resolve_roles(text, matches, on)
    matches = matches + coreference.descriptions(text, matches)
    return sorted(matches, key=lambda match: (match.start, match.kind, match.record_id)), on
