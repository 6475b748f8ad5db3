"""The meetings' pages: the list with facets, one meeting, its versions, feeds and exports."""

from django.http import JsonResponse
from django.shortcuts import render

from meetings.models import Meeting
from meetings.selectors import MEETING_LISTING, get_meeting_page, get_published_meeting
from website.exports import Column, csv_response, json_date, json_link, json_source
from website.feeds import ListFeed, RecordFeed, statement_items
from website.pages import find_record, follow_moves, record_context, render_list, render_version


@follow_moves
def meeting_list(request):
    """Every published meeting, narrowed by kind, year, place and organizer, a page at a time."""
    return render_list(
        request,
        listing=MEETING_LISTING,
        template="meetings/list.html",
        context={"title": "Meetings", "feed_route": "meetings:list_feed", "export_route": "meetings:export"},
    )


class MeetingListFeed(ListFeed):
    listing = MEETING_LISTING
    list_route = "meetings:list"
    title_text = "Meetings"

    def describe(self, row):
        return row.description


meeting_list_feed = follow_moves(MeetingListFeed())

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


@follow_moves
def meeting_export(request):
    """The list as CSV with its current filters, streamed."""
    queryset = MEETING_LISTING.read(request.GET).sorted()
    return csv_response(queryset=queryset, columns=CSV_COLUMNS, filename="meetings.csv")


def _find(slug: str, route: str = "meetings:detail", **kwargs) -> Meeting:
    return find_record(Meeting, get_published_meeting, slug=slug, route=route, **kwargs)


@follow_moves
def meeting_detail(request, slug):
    """One meeting: when, where, parent events and sessions, participants, statements, initiatives."""
    meeting = _find(slug)
    page = get_meeting_page(meeting=meeting)
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "page": page,
            **record_context(request, record=meeting, sources=page.sources, title=meeting.name),
        },
    )


@follow_moves
def meeting_version(request, slug, version):
    """Version N of a meeting's record as it was published."""
    meeting = _find(slug, "meetings:version", version=version)
    return render_version(request, record=meeting, number=version, kind="meeting", current_route="meetings:detail")


@follow_moves
def meeting_feed(request, slug):
    """An Atom feed of one meeting: its record's versions and the statements made there."""
    meeting = _find(slug, "meetings:feed")
    page = get_meeting_page(meeting=meeting)
    return RecordFeed()(request, record=meeting, extra_items=statement_items(page.statements))


@follow_moves
def meeting_json(request, slug):
    """The meeting as JSON: when, where, parts, participants, statements and sources."""
    meeting = _find(slug, "meetings:json")
    page = get_meeting_page(meeting=meeting)
    return JsonResponse(
        {
            "uuid": str(meeting.uuid),
            "slug": meeting.slug,
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
                {
                    "slug": statement.slug,
                    "speaker": json_link(statement.speaker),
                    "date": json_date(statement, "date"),
                    "summary": statement.summary,
                    "text": statement.text,
                    "initiatives": [json_link(initiative) for initiative in statement.initiatives.all()],
                }
                for statement in page.statements
            ],
            "initiatives": [json_link(initiative) for initiative in page.initiatives],
            "sources": [json_source(citation) for citation in page.sources],
            "version": meeting.published_version,
            "published_at": meeting.published_at.isoformat() if meeting.published_at else None,
        },
        json_dumps_params={"ensure_ascii": False},
    )
