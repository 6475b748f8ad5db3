"""Reads the website and the API need, with their joins."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce

from editorial.models import EditorialStatus
from initiatives.models import Initiative
from meetings.models import Capacity, Meeting, MeetingKind, Participation, Statement
from people.models import Jurisdiction, Person, Post
from sources.models import Citation
from website.listing import Facet, Listing, Sort, date_key, integer_key, text_key
from website.sources import list_sources

PUBLISHED = EditorialStatus.PUBLISHED


def list_initiatives_spoken_about(*, person: Person, meeting: Meeting) -> QuerySet[Initiative]:
    """Published initiatives that `person`'s published statements at `meeting` are about."""
    return (
        Initiative.objects.published()
        .filter(statements__in=person.statements.published().filter(meeting=meeting))
        .distinct()
        .order_by("name")
    )


def list_meetings_containing(meeting: Meeting) -> QuerySet[Meeting]:
    """The published events `meeting` is directly part of (a joint session: both its meetings)."""
    return meeting.parents.published().order_by("name")


def published_statements() -> QuerySet[Statement]:
    """Published statements by published speakers, with their post and meeting (checked by the caller)."""
    return (
        Statement.objects.published()
        .filter(speaker__editorial_status=PUBLISHED)
        .select_related("speaker", "post", "meeting")
        .prefetch_related("amounts")
    )


def hide_unpublished_links(statements: list[Statement]) -> list[Statement]:
    """A statement's post or meeting that is not published is not shown: drop it from the statement."""
    for statement in statements:
        for name in ("post", "meeting"):
            related = getattr(statement, name)
            if related is not None and not related.is_live:
                setattr(statement, name, None)
    return statements


def list_published_meetings() -> QuerySet[Meeting]:
    """Published meetings with where and who convened them."""
    return Meeting.objects.published().select_related("country", "host_economy", "organizer")


MEETING_LISTING = Listing(
    queryset=list_published_meetings,
    text_fields=Meeting.search_fields,
    facets=(
        Facet("kind", "Kind", "kind", choices=dict(MeetingKind.choices)),
        Facet("year", "Year", "start_date__year", integer=True),
        Facet("country", "Country", "country__slug", label_lookup="country__name"),
        Facet("host", "Host economy", "host_economy__slug", label_lookup="host_economy__name"),
        Facet(
            "organizer",
            "Organizer",
            "organizer__slug",
            label_lookup="organizer__name",
            live={"organizer__editorial_status": PUBLISHED},
        ),
    ),
    sorts=(
        Sort(
            "date",
            "Newest first",
            (("sort_date", Coalesce("start_date", Value(datetime.date(1, 1, 1)))), ("sort_pk", F("pk"))),
            descending=True,
            parsers=(date_key, integer_key),
        ),
        Sort("name", "Name", (("sort_name", F("name")), ("sort_pk", F("pk"))), parsers=(text_key, integer_key)),
    ),
)


def get_published_meeting(*, slug: str) -> Meeting | None:
    """The published meeting at `slug`, with its published organizer."""
    meeting = (
        Meeting.objects.published().select_related("country", "host_economy", "organizer").filter(slug=slug).first()
    )
    if meeting is not None and meeting.organizer is not None and not meeting.organizer.is_live:
        meeting.organizer = None
    return meeting


@dataclass
class Attendance:
    """One person at one meeting, once, with every capacity the published participations give."""

    person: Person
    meeting: Meeting
    capacities: list[str]  # labels, in the order Capacity lists them: "Attended", "Spoke"
    posts: list[Post]
    delegations: list[Jurisdiction]

    @property
    def capacities_in_words(self) -> str:
        """ "Attended, spoke": the capacities as one phrase."""
        return ", ".join([self.capacities[0], *(capacity.lower() for capacity in self.capacities[1:])])


CAPACITY_ORDER = {capacity.value: position for position, capacity in enumerate(Capacity)}


def group_participations(participations: list[Participation]) -> list[Attendance]:
    """`participations` (one row per capacity) as one entry per person and meeting, in the order first seen."""
    by_pair: dict[tuple[int, int], list[Participation]] = {}
    for participation in participations:
        by_pair.setdefault((participation.person_id, participation.meeting_id), []).append(participation)
    attendances = []
    for rows in by_pair.values():
        rows.sort(key=lambda row: CAPACITY_ORDER.get(row.capacity, len(CAPACITY_ORDER)))
        posts = {row.post.pk: row.post for row in rows if row.post is not None}
        delegations = {row.delegation.pk: row.delegation for row in rows if row.delegation is not None}
        attendances.append(
            Attendance(
                person=rows[0].person,
                meeting=rows[0].meeting,
                capacities=[row.get_capacity_display() for row in rows],
                posts=list(posts.values()),
                delegations=list(delegations.values()),
            )
        )
    return attendances


@dataclass
class MeetingPage:
    meeting: Meeting
    parents: list[Meeting]
    parts: list[Meeting]
    participations: list[Participation]
    attendances: list[Attendance]  # the participations, one entry a person
    statements: list[Statement]
    initiatives: list[Initiative]
    sources: list[Citation]


def get_meeting_page(*, meeting: Meeting) -> MeetingPage:
    """When, where, parent event and sessions, participants, statements and initiatives; published only."""
    participations = list(
        meeting.participations.published()
        .filter(person__editorial_status=PUBLISHED)
        .select_related("person", "post", "delegation")
        .order_by("person__family_name", "person__full_name", "capacity")
    )
    for participation in participations:
        if participation.post is not None and not participation.post.is_live:
            participation.post = None
    statements = hide_unpublished_links(
        list(
            published_statements()
            .filter(meeting=meeting)
            .prefetch_related(Prefetch("initiatives", queryset=Initiative.objects.published().order_by("name")))
            .order_by(F("date").asc(nulls_last=True), "pk")
        )
    )
    initiatives = {initiative.pk: initiative for statement in statements for initiative in statement.initiatives.all()}
    return MeetingPage(
        meeting=meeting,
        parents=list(list_meetings_containing(meeting)),
        parts=list(meeting.parts.published().order_by(F("start_date").asc(nulls_last=True), "name")),
        participations=participations,
        attendances=group_participations(participations),
        statements=statements,
        initiatives=sorted(initiatives.values(), key=lambda initiative: initiative.name),
        sources=list_sources([meeting, *participations, *statements]),
    )
