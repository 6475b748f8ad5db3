"""The people's pages: the list with facets, one person, their versions, feeds and exports."""

from people.models import Person
from people.selectors import PERSON_LISTING, get_person_page, get_published_person
from website.exports import Column, json_date, json_link, json_statement
from website.pages import RecordPages

CSV_COLUMNS = [
    Column("slug", lambda row: row.slug),
    Column("full_name", lambda row: row.full_name),
    Column("original_script_name", lambda row: row.original_script_name),
    Column("given_name", lambda row: row.given_name),
    Column("family_name", lambda row: row.family_name),
    Column("bio", lambda row: row.bio),
    Column("version", lambda row: row.published_version),
    Column("published_at", lambda row: row.published_at.isoformat() if row.published_at else ""),
]


def _as_json(person: Person, page) -> dict:
    return {
        "full_name": person.full_name,
        "original_script_name": person.original_script_name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "bio": person.bio,
        "posts": [
            {
                "post": membership.post.title,
                "organization": json_link(membership.post.organization),
                "start_date": json_date(membership, "start_date"),
                "end_date": json_date(membership, "end_date"),
            }
            for membership in page.memberships
        ],
        "meetings": [
            {"meeting": json_link(participation.meeting), "capacity": participation.capacity}
            for participation in page.participations
        ],
        "statements": [
            json_statement(
                statement,
                meeting=json_link(statement.meeting),
                initiatives=[json_link(initiative) for initiative in statement.initiatives.all()],
            )
            for statement in page.statements
        ],
        "initiatives_led": [json_link(initiative) for initiative in page.initiatives_led],
    }


PAGES = RecordPages(
    namespace="people",
    model=Person,
    listing=PERSON_LISTING,
    title="People",
    get_published=get_published_person,
    get_page=lambda person: get_person_page(person=person),
    csv_columns=CSV_COLUMNS,
    describe=lambda row: row.bio,
    as_json=_as_json,
)


app_name = "people"

urlpatterns = PAGES.urls()
