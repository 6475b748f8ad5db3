"""The meetings' pages: the list with facets, one meeting, its versions, feeds and exports."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Prefetch, Value
from django.db.models.functions import Coalesce

from editorial.cursors import date_key, integer_key, text_key
from editorial.models import EditorialStatus
from initiatives.models import Initiative
from meetings.models import Capacity, Meeting, MeetingKind, Participation, Statement
from meetings.public import MEETINGS
from meetings.selectors import (
    get_published_meeting,
    hide_unpublished_links,
    list_meetings_containing,
    list_published_meetings,
    published_statements,
)
from people.models import Jurisdiction, Person, Post
from sources.models import Citation
from website.asof import meeting_as_of
from website.listing import Facet, Listing, Sort
from website.pages import RecordPages
from website.sources import list_sources

PUBLISHED = EditorialStatus.PUBLISHED


MEETING_LISTING = Listing(
    queryset=list_published_meetings,
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


PAGES = RecordPages(
    namespace="meetings",
    model=Meeting,
    listing=MEETING_LISTING,
    title="Meetings",
    get_published=get_published_meeting,
    get_page=lambda meeting: get_meeting_page(meeting=meeting),
    shape=MEETINGS,
    describe=lambda row: row.description,
    as_of_context=lambda request, meeting, page: meeting_as_of(request, meeting),
)


app_name = "meetings"

urlpatterns = PAGES.urls()
