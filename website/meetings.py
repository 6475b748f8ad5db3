"""The meetings' pages: the list with facets, one meeting, its versions, feeds and exports."""

from meetings.models import Meeting
from meetings.selectors import MEETING_LISTING, get_meeting_page, get_published_meeting
from website.exports import Column, json_date, json_link, json_statement
from website.pages import RecordPages

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
