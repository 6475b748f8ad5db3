"""How the ingestion linker finds people, organizations and posts, and turns a suggested person into a draft."""

import datetime

from articles.linking import registry
from editorial.models import EditorialStatus
from people.models import Membership, Organization, Person, Post


def post_holders(post_ids: list[int], on: datetime.date) -> dict[int, int]:
    """{post: person} for each post exactly one (non-archived) membership held on `on`."""
    holders: dict[int, set[int]] = {}
    memberships = (
        Membership.objects.active_on(on)
        .filter(post_id__in=post_ids)
        .exclude(editorial_status=EditorialStatus.ARCHIVED)
        .values_list("post_id", "person_id")
    )
    for post_id, person_id in memberships:
        holders.setdefault(post_id, set()).add(person_id)
    return {post_id: next(iter(people)) for post_id, people in holders.items() if len(people) == 1}


def draft_person(*, name: str, data: dict) -> Person:
    """An unsaved draft person named as the article names them."""
    parts = name.split()
    return Person(full_name=name, given_name=parts[0] if len(parts) > 1 else "", family_name=parts[-1])


def register() -> None:
    """Tell the ingestion pipeline about people, organizations and posts."""
    registry.register(
        "person",
        Person,
        names=registry.record_names(Person, "full_name", "original_script_name"),
        surname=lambda person: person.family_name,
        draft=draft_person,
    )
    registry.register("organization", Organization, names=registry.record_names(Organization, "name"))
    registry.register("post", Post, names=registry.record_names(Post, "title"), holders=post_holders)
