"""How the ingestion linker finds people, organizations and posts, and turns a suggested person into a draft."""

import datetime

from editorial.models import EditorialStatus
from ingestion.linking import registry
from people.models import Membership, Organization, Person, Post
from sources.selectors import earliest_evidence


def post_holders(post_ids: list[int], on: datetime.date) -> dict[int, tuple[int, bool]]:
    """{post: (person, sure)} for each post exactly one (non-archived) membership held on `on`.

    A membership whose start is unknown is sure only from the earliest evidence of it (the first
    article cited for it): before that date nobody knows whether it was held yet.
    """
    holders: dict[int, set[tuple[int, int, bool]]] = {}
    memberships = (
        Membership.objects.active_on(on)
        .filter(post_id__in=post_ids)
        .exclude(editorial_status=EditorialStatus.ARCHIVED)
        .values_list("pk", "post_id", "person_id", "start_date")
    )
    for pk, post_id, person_id, start in memberships:
        holders.setdefault(post_id, set()).add((pk, person_id, start is not None))
    unknown_start = [pk for held in holders.values() for pk, _, known in held if not known]
    evidence = earliest_evidence(Membership, unknown_start) if unknown_start else {}
    result = {}
    for post_id, held in holders.items():
        if len({person for _, person, _ in held}) != 1:
            continue
        pk, person_id, known = next(iter(held))
        earliest = evidence.get(pk)
        result[post_id] = (person_id, known or (earliest is not None and earliest <= on))
    return result


def tenures(person_ids: list[int]) -> dict[int, list[registry.Tenure]]:
    """{person: the posts they held, with since and until (None where unknown or still held)}."""
    result: dict[int, list[registry.Tenure]] = {}
    rows = (
        Membership.objects.filter(person_id__in=person_ids)
        .exclude(editorial_status=EditorialStatus.ARCHIVED)
        .values_list("person_id", "post_id", "start_date", "end_date")
    )
    for person_id, post_id, start, end in rows:
        result.setdefault(person_id, []).append(registry.Tenure(post_id, start, end))
    return result


def draft_person(suggested: registry.Suggested) -> registry.Draft:
    """A draft person named as the article names them, holding the post named before the name."""
    parts = suggested.name.split()
    person = Person(full_name=suggested.name, given_name=parts[0] if len(parts) > 1 else "", family_name=parts[-1])
    draft = registry.Draft(person)
    title = suggested.data.get("post", "")
    if not title:
        return draft
    post = _named_post(suggested, title)
    if post is None:
        draft.to_complete.append(f"the post “{title}”: no post of that title is known; add it, then the membership")
        return draft
    held = Membership.objects.current().filter(post=post, is_sole_holder=True)
    if held.exclude(editorial_status=EditorialStatus.ARCHIVED).exists():
        draft.to_complete.append(f"the membership of {post}: it has a current holder; add it with its dates")
        return draft
    # Held on the article's date, since when the article does not say: the start is left for the editor.
    draft.dependents = lambda _saved: [Membership(person=person, post=post)]  # _saved is `person`, saved
    draft.carried.append(f"a draft membership of {post}")
    draft.to_complete.append("the membership's start date")
    return draft


def _named_post(suggested: registry.Suggested, title: str) -> Post | None:
    """The post mentioned just before the name, or else the only post of that title."""
    before = suggested.start - len(title) - 1
    for linked in suggested.linked:
        if linked.kind == "post" and before <= linked.start and linked.end <= suggested.start:
            return Post.objects.filter(pk=linked.pk).first()
    posts = list(Post.objects.filter(title__iexact=title).exclude(editorial_status=EditorialStatus.ARCHIVED)[:2])
    return posts[0] if len(posts) == 1 else None


def register() -> None:
    """Tell the ingestion pipeline about people, organizations and posts."""
    registry.register(
        "person",
        Person,
        names=registry.record_names(Person, "full_name", "original_script_name"),
        surname=lambda person: person.family_name,
        tenures=tenures,
        draft=draft_person,
    )
    registry.register(
        "organization",
        Organization,
        names=registry.record_names(Organization, "name"),
        places=registry.record_places(Organization, "jurisdiction__name", "jurisdiction__code"),
    )
    registry.register(
        "post",
        Post,
        names=registry.record_names(Post, "title"),
        places=registry.record_places(Post, "organization__jurisdiction__name", "organization__jurisdiction__code"),
        holders=post_holders,
    )
