"""The people's pages: the list with facets, one person, their versions, feeds and exports."""

from django.http import JsonResponse
from django.shortcuts import render

from people.models import Person
from people.selectors import PERSON_LISTING, get_person_page, get_published_person
from website.exports import Column, csv_response, json_date, json_link, json_source
from website.feeds import ListFeed, RecordFeed, statement_items
from website.pages import find_record, follow_moves, record_context, render_list, render_version


@follow_moves
def person_list(request):
    """Every published person, narrowed by the organizations they served, a page at a time."""
    return render_list(
        request,
        listing=PERSON_LISTING,
        template="people/list.html",
        context={"title": "People", "feed_route": "people:list_feed", "export_route": "people:export"},
    )


class PersonListFeed(ListFeed):
    listing = PERSON_LISTING
    list_route = "people:list"
    title_text = "People"

    def describe(self, row):
        return row.bio


person_list_feed = follow_moves(PersonListFeed())

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


@follow_moves
def person_export(request):
    """The list as CSV with its current filters, streamed."""
    queryset = PERSON_LISTING.read(request.GET).sorted()
    return csv_response(queryset=queryset, columns=CSV_COLUMNS, filename="people.csv")


def _find(slug: str, route: str = "people:detail", **kwargs) -> Person:
    return find_record(Person, get_published_person, slug=slug, route=route, **kwargs)


@follow_moves
def person_detail(request, slug):
    """One person: posts held over time, meetings attended, statements, initiatives led or spoken about."""
    person = _find(slug)
    page = get_person_page(person=person)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "page": page,
            **record_context(request, record=person, sources=page.sources, title=person.full_name),
        },
    )


@follow_moves
def person_version(request, slug, version):
    """Version N of a person's record as it was published."""
    person = _find(slug, "people:version", version=version)
    return render_version(request, record=person, number=version, kind="person", current_route="people:detail")


@follow_moves
def person_feed(request, slug):
    """An Atom feed of one person: their record's versions and their statements."""
    person = _find(slug, "people:feed")
    page = get_person_page(person=person)
    return RecordFeed()(request, record=person, extra_items=statement_items(page.statements))


@follow_moves
def person_json(request, slug):
    """The person as JSON: posts, participations, statements, initiatives and sources."""
    person = _find(slug, "people:json")
    page = get_person_page(person=person)
    return JsonResponse(
        {
            "uuid": str(person.uuid),
            "slug": person.slug,
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
                {
                    "slug": statement.slug,
                    "meeting": json_link(statement.meeting),
                    "date": json_date(statement, "date"),
                    "summary": statement.summary,
                    "text": statement.text,
                    "rendering": statement.rendering,
                    "initiatives": [json_link(initiative) for initiative in statement.initiatives.all()],
                }
                for statement in page.statements
            ],
            "initiatives_led": [json_link(initiative) for initiative in page.initiatives_led],
            "sources": [json_source(citation) for citation in page.sources],
            "version": person.published_version,
            "published_at": person.published_at.isoformat() if person.published_at else None,
        },
        json_dumps_params={"ensure_ascii": False},
    )
