"""What news writing leaves implicit: a surname alone, a role instead of a name."""

import datetime
import re

from django.utils import timezone

from ingestion.linking import registry
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
        if match.kind == "person" and match.method in ("name", "alias"):
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
            found.append(Match("person", record_id, start, end, occurrence.group(), "surname"))
    return found


def resolve_roles(matches: list[Match], on: datetime.date) -> list[Match]:
    """ "The financial secretary": whoever held the post on the date, as a person mention of the same words."""
    post = registry.get("post")
    if post is None or post.holders is None:
        return []
    post_ids = sorted({match.record_id for match in matches if match.kind == "post"})
    if not post_ids:
        return []
    holders = post.holders(post_ids, on)
    return [
        Match("person", holders[match.record_id], match.start, match.end, match.surface, "role")
        for match in matches
        if match.kind == "post" and match.record_id in holders
    ]


def link_text(text: str, *, published: datetime.date | None, linker) -> tuple[list[Match], datetime.date]:
    """Every mention in the text, names and aliases first, then surnames and roles; and the date roles used."""
    matches = linker.find(text)
    on = reference_date(published=published, matches=matches)
    matches = matches + resolve_surnames(text, matches)
    matches = matches + resolve_roles(matches, on)
    return sorted(matches, key=lambda match: (match.start, match.kind, match.record_id)), on
