"""Who held which post on a date, as published memberships describe it.

A membership's start and end are partial dates: held for certain from the last day of its start's
period to the day before its end's period begins, possibly held from the first day of the start's
period to the last day of the end's. A membership whose start nobody recorded is held for certain
only from its earliest evidence (the first published article cited for it), and unknown before:
a source naming someone "Financial Secretary" on a date proves nothing of the years before.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from editorial.asof import NOT_YET, SURE, UNKNOWN, Derived, happened
from editorial.dates import DatePrecision, PartialDate
from editorial.models import EditorialStatus
from people.models import Membership, Person, Post
from sources.models import Citation
from sources.selectors import citations_by_record

PUBLISHED = EditorialStatus.PUBLISHED


@dataclass(frozen=True)
class Held:
    membership: Membership
    derived: Derived  # value: the membership's person (a post's holder) or post (a person's posts)


def _earliest(citations: list[Citation]) -> datetime.date | None:
    """The date of the earliest published article cited (as sources.selectors.earliest_evidence, published only)."""
    dates = [timezone.localdate(c.article.published_at) for c in citations if c.article and c.article.published_at]
    return min(dates, default=None)


def held_on(membership: Membership, on: datetime.date, citations: list[Citation]) -> Derived | None:
    """Whether the membership was held on `on`: None when certainly not, else how sure, with its evidence."""
    evidence = tuple(citations)
    start = membership.partial_date("start_date")
    end = membership.partial_date("end_date")
    # Held through its end's day: an end known to the day is still held on that day, a period's may not be.
    if end is None or end.date > on or (end.precision == DatePrecision.DAY and end.date == on):
        ended = NOT_YET
    elif end.last_day < on:
        ended = SURE
    else:
        ended = UNKNOWN
    if ended == SURE:
        return None
    if start is None:
        earliest = _earliest(citations)
        if earliest is not None and earliest <= on and ended == NOT_YET:
            return Derived(value=True, certain=True, evidence=evidence)
        note = "Since when is not known"
        if earliest is not None:
            note += f": held by {earliest.isoformat()}, the date of its earliest source"
        return Derived(value=True, certain=False, between=(None, earliest), evidence=evidence, note=note)
    started = happened(start, on)
    if started == NOT_YET:
        return None
    if started == SURE and ended == NOT_YET:
        return Derived(value=True, certain=True, evidence=evidence)
    period: PartialDate = start if started == UNKNOWN else end  # type: ignore[assignment]
    verb = "Began" if started == UNKNOWN else "Ended"
    return Derived.during(period, verb, value=True, evidence=evidence)


def _held(on: datetime.date, *, value: str, **where) -> list[Held]:
    rows = list(
        Membership.objects.published()
        .filter(**where)
        .filter(post__editorial_status=PUBLISHED, post__organization__editorial_status=PUBLISHED)
        .filter(person__editorial_status=PUBLISHED)
        .select_related("person", "post__organization")
        .order_by("start_date", "pk")
    )
    citations = citations_by_record(Membership, [membership.pk for membership in rows])
    result = []
    for membership in rows:
        derived = held_on(membership, on, citations[membership.pk])
        if derived is not None:
            derived = Derived(**{**derived.__dict__, "value": getattr(membership, value)})
            result.append(Held(membership, derived))
    return result


def holders_on(post: Post, on: datetime.date) -> list[Held]:
    """Who held the post on `on` (each with how sure, and the membership's sources), in two queries."""
    return _held(on, value="person", post=post)


def posts_on(person: Person, on: datetime.date) -> list[Held]:
    """The posts the person held on `on` (each with how sure, and the membership's sources), in two queries."""
    return _held(on, value="post", person=person)


def posts_of_people_on(person_ids: list[int], on: datetime.date) -> dict[int, list[Held]]:
    """`posts_on` for many people at once, in two queries whatever their number."""
    result: dict[int, list[Held]] = {pk: [] for pk in person_ids}
    for held in _held(on, value="post", person_id__in=person_ids):
        result[held.membership.person_id].append(held)
    return result


def holders_of_posts_on(post_ids: list[int], on: datetime.date) -> dict[int, list[Held]]:
    """`holders_on` for many posts at once, in two queries whatever their number."""
    result: dict[int, list[Held]] = {pk: [] for pk in post_ids}
    for held in _held(on, value="person", post_id__in=post_ids):
        result[held.membership.post_id].append(held)
    return result
