"""The people's pages: the list with facets, one person, their versions, feeds and exports."""

from dataclasses import dataclass

from django.db.models import F, Prefetch

from editorial.cursors import datetime_key, integer_key, text_key
from editorial.models import EditorialStatus
from initiatives.models import Initiative
from meetings.models import Participation, Statement
from meetings.selectors import hide_unpublished_links, published_statements
from people.models import Membership, Person
from people.public import PEOPLE
from people.selectors import get_published_person, list_published_people
from sources.models import Citation
from website.asof import person_as_of
from website.listing import Facet, Listing, Sort
from website.meetings import Attendance, group_participations
from website.pages import RecordPages
from website.sources import list_sources

PUBLISHED = EditorialStatus.PUBLISHED


def _held_posts(prefix: str = "memberships__") -> dict:
    """Conditions for a published membership of a published post in a published organization."""
    return {
        f"{prefix}editorial_status": PUBLISHED,
        f"{prefix}post__editorial_status": PUBLISHED,
        f"{prefix}post__organization__editorial_status": PUBLISHED,
    }


PERSON_LISTING = Listing(
    queryset=list_published_people,
    facets=(
        Facet(
            "organization",
            "Organization served",
            "memberships__post__organization__slug",
            label_lookup="memberships__post__organization__name",
            live=_held_posts(),
            many=True,
        ),
        Facet(
            "jurisdiction",
            "Jurisdiction",
            "memberships__post__organization__jurisdiction__slug",
            label_lookup="memberships__post__organization__jurisdiction__name",
            live=_held_posts(),
            many=True,
        ),
    ),
    sorts=(
        Sort(
            "name",
            "Name",
            (("sort_family", F("family_name")), ("sort_name", F("full_name")), ("sort_pk", F("pk"))),
            parsers=(text_key, text_key, integer_key),
        ),
        Sort(
            "recent",
            "Recently published",
            (("sort_published", F("published_at")), ("sort_pk", F("pk"))),
            descending=True,
            parsers=(datetime_key, integer_key),
        ),
    ),
)


@dataclass
class PersonPage:
    person: Person
    memberships: list[Membership]
    participations: list[Participation]
    attendances: list[Attendance]  # the participations, one entry a meeting
    statements: list[Statement]
    initiatives_led: list[Initiative]
    initiatives_spoken_about: list[Initiative]
    sources: list[Citation]


def get_person_page(*, person: Person) -> PersonPage:
    """Posts held over time, meetings attended, statements, initiatives led or spoken about; published only."""
    memberships = list(
        person.memberships.published()
        .filter(post__editorial_status=PUBLISHED, post__organization__editorial_status=PUBLISHED)
        .select_related("post__organization")
        .order_by(F("start_date").desc(nulls_last=True), "pk")
    )
    participations = list(
        person.participations.published()
        .filter(meeting__editorial_status=PUBLISHED)
        .select_related("meeting", "post", "delegation")
        .order_by(F("meeting__start_date").desc(nulls_last=True), "meeting__name", "capacity")
    )
    for participation in participations:
        if participation.post is not None and not participation.post.is_live:
            participation.post = None
    statements = hide_unpublished_links(
        list(
            published_statements()
            .filter(speaker=person)
            .prefetch_related(Prefetch("initiatives", queryset=Initiative.objects.published().order_by("name")))
            .order_by(F("date").desc(nulls_last=True), "pk")
        )
    )
    spoken_about = {initiative.pk: initiative for statement in statements for initiative in statement.initiatives.all()}
    return PersonPage(
        person=person,
        memberships=memberships,
        participations=participations,
        attendances=group_participations(participations),
        statements=statements,
        initiatives_led=list(person.initiatives_led.published().order_by("name")),
        initiatives_spoken_about=sorted(spoken_about.values(), key=lambda initiative: initiative.name),
        sources=list_sources([person, *memberships, *participations, *statements]),
    )


PAGES = RecordPages(
    namespace="people",
    model=Person,
    listing=PERSON_LISTING,
    title="People",
    get_published=get_published_person,
    get_page=lambda person: get_person_page(person=person),
    shape=PEOPLE,
    describe=lambda row: row.bio,
    as_of_context=lambda request, person, page: person_as_of(request, person),
)


app_name = "people"

urlpatterns = PAGES.urls()
