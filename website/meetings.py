"""The meetings' pages: the list with facets, one meeting, its versions, feeds and exports."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Prefetch, Value
from django.db.models.functions import Coalesce

from editorial.cursors import date_key, integer_key, text_key
from editorial.models import EditorialStatus
from initiatives.models import Initiative
from meetings.models import Capacity, Meeting, MeetingKind, Participation, Statement
from meetings.selectors import (
    get_published_meeting,
    hide_unpublished_links,
    list_meetings_containing,
    list_published_meetings,
    published_statements,
)
from people.models import Jurisdiction, Person, Post
from sources.models import Citation
from website.exports import Column, json_date, json_link, json_statement
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


CSV_COLUMNS = [
    Column("slug", lambda row: row.slug),
    Column("name", lambda row: row.name),
    Column("kind", lambda row: row.get_kind_display()),
    Column("start", lambda row: row.partial_date("start_date") or ""),
    Column("end", lambda row: row.partial_date("end_date") or ""),
    Column("venue", lambda row: row.venue),
    Column("locality", lambda row: row.locality),
    Column("country", lambda row: row.country.name if row.country else ""),
    Column("host_economy", lambda row: row.host_economy.name if row.host_economy else ""),
    Column("organizer", lambda row: row.organizer.name if row.organizer and row.organizer.is_live else ""),
    Column("version", lambda row: row.published_version),
    Column("published_at", lambda row: row.published_at.isoformat() if row.published_at else ""),
]


def _as_json(meeting: Meeting, page) -> dict:
    return {
        "name": meeting.name,
        "kind": meeting.kind,
        "description": meeting.description,
        "start_date": json_date(meeting, "start_date"),
        "end_date": json_date(meeting, "end_date"),
        "venue": meeting.venue,
        "locality": meeting.locality,
        "country": meeting.country.name if meeting.country else None,
        "host_economy": meeting.host_economy.name if meeting.host_economy else None,
        "organizer": json_link(meeting.organizer),
        "part_of": [json_link(parent) for parent in page.parents],
        "parts": [json_link(part) for part in page.parts],
        "participants": [
            {
                "person": json_link(participation.person),
                "capacity": participation.capacity,
                "post": participation.post.title if participation.post else None,
                "delegation": participation.delegation.name if participation.delegation else None,
            }
            for participation in page.participations
        ],
        "statements": [
            json_statement(
                statement,
                speaker=json_link(statement.speaker),
                initiatives=[json_link(initiative) for initiative in statement.initiatives.all()],
            )
            for statement in page.statements
        ],
        "initiatives": [json_link(initiative) for initiative in page.initiatives],
    }


PAGES = RecordPages(
    namespace="meetings",
    model=Meeting,
    listing=MEETING_LISTING,
    title="Meetings",
    get_published=get_published_meeting,
    get_page=lambda meeting: get_meeting_page(meeting=meeting),
    csv_columns=CSV_COLUMNS,
    describe=lambda row: row.description,
    as_json=_as_json,
)


app_name = "meetings"

urlpatterns = PAGES.urls()
