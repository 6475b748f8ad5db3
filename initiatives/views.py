"""The initiatives' pages: the list with facets, one initiative, its versions, feeds and exports."""

from django.http import JsonResponse
from django.shortcuts import render

from initiatives.models import Initiative
from initiatives.selectors import INITIATIVE_LISTING, get_initiative_page, get_published_initiative
from website.exports import Column, csv_response, json_date, json_link, json_source
from website.feeds import ListFeed, RecordFeed, statement_items
from website.pages import find_record, follow_moves, record_context, render_list, render_version
from website.timeline import Event, render_timeline


@follow_moves
def initiative_list(request):
    """Every published initiative, narrowed by facets and text, sorted, a page at a time."""
    return render_list(
        request,
        listing=INITIATIVE_LISTING,
        template="initiatives/list.html",
        context={"title": "Initiatives", "feed_route": "initiatives:list_feed", "export_route": "initiatives:export"},
    )


class InitiativeListFeed(ListFeed):
    listing = INITIATIVE_LISTING
    list_route = "initiatives:list"
    title_text = "Initiatives"

    def describe(self, row):
        return row.summary


initiative_list_feed = follow_moves(InitiativeListFeed())

CSV_COLUMNS = [
    Column("slug", lambda row: row.slug),
    Column("name", lambda row: row.name),
    Column("status", lambda row: row.get_status_display()),
    Column("instrument", lambda row: row.get_instrument_display()),
    Column("jurisdiction", lambda row: row.jurisdiction.name if row.jurisdiction else ""),
    Column(
        "responsible_organization",
        lambda row: (
            row.responsible_organization.name
            if row.responsible_organization and row.responsible_organization.is_live
            else ""
        ),
    ),
    Column("themes", lambda row: "; ".join(theme.name for theme in row.themes.all())),
    Column("announced", lambda row: row.partial_date("announced_date") or ""),
    Column("start", lambda row: row.partial_date("start_date") or ""),
    Column("end", lambda row: row.partial_date("end_date") or ""),
    Column("budget_qualifier", lambda row: row.get_budget_qualifier_display() if row.budget_amount is not None else ""),
    Column("budget_amount", lambda row: row.budget_amount),
    Column("budget_currency", lambda row: row.budget_currency),
    Column("summary", lambda row: row.summary),
    Column("version", lambda row: row.published_version),
    Column("published_at", lambda row: row.published_at.isoformat() if row.published_at else ""),
]


@follow_moves
def initiative_export(request):
    """The list as CSV with its current filters, streamed."""
    queryset = INITIATIVE_LISTING.read(request.GET).sorted()
    return csv_response(queryset=queryset, columns=CSV_COLUMNS, filename="initiatives.csv")


def _find(slug: str, route: str = "initiatives:detail", **kwargs) -> Initiative:
    return find_record(Initiative, get_published_initiative, slug=slug, route=route, **kwargs)


@follow_moves
def initiative_detail(request, slug):
    """One initiative: facts, people, timeline, statements, meetings, sources, freshness, citation."""
    initiative = _find(slug)
    page = get_initiative_page(initiative=initiative)
    events = [
        Event(milestone.partial_date("date"), f"{milestone.get_kind_display()}", "milestone")
        for milestone in page.milestones
    ] + [
        Event(statement.partial_date("date"), f"{statement.speaker}: {statement.summary}", "statement")
        for statement in page.statements
        if statement.date
    ]
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "page": page,
            "timeline": render_timeline(events=events, title=f"Timeline of {initiative.name}"),
            **record_context(request, record=initiative, sources=page.sources, title=initiative.name),
        },
    )


@follow_moves
def initiative_version(request, slug, version):
    """Version N of an initiative as it was published: the permalink a citation points at."""
    initiative = _find(slug, "initiatives:version", version=version)
    return render_version(
        request, record=initiative, number=version, kind="initiative", current_route="initiatives:detail"
    )


@follow_moves
def initiative_feed(request, slug):
    """An Atom feed of one initiative: its published versions and the statements about it."""
    initiative = _find(slug, "initiatives:feed")
    page = get_initiative_page(initiative=initiative)
    return RecordFeed()(request, record=initiative, extra_items=statement_items(page.statements))


@follow_moves
def initiative_json(request, slug):
    """The initiative as JSON: its facts, published links and sources."""
    initiative = _find(slug, "initiatives:json")
    page = get_initiative_page(initiative=initiative)
    return JsonResponse(
        {
            "uuid": str(initiative.uuid),
            "slug": initiative.slug,
            "name": initiative.name,
            "summary": initiative.summary,
            "status": initiative.status,
            "instrument": initiative.instrument,
            "jurisdiction": initiative.jurisdiction.name if initiative.jurisdiction else None,
            "responsible_organization": json_link(initiative.responsible_organization),
            "parent": json_link(initiative.parent),
            "announced_date": json_date(initiative, "announced_date"),
            "start_date": json_date(initiative, "start_date"),
            "end_date": json_date(initiative, "end_date"),
            "budget": None
            if initiative.budget_amount is None
            else {
                "amount": str(initiative.budget_amount),
                "currency": initiative.budget_currency,
                "qualifier": initiative.budget_qualifier,
                "as_of": json_date(initiative, "budget_as_of"),
            },
            "themes": [json_link(theme) for theme in page.themes],
            "lead_officials": [json_link(person) for person in page.lead_officials],
            "children": [json_link(child) for child in page.children],
            "related": [json_link(other) for other in page.related],
            "milestones": [
                {"kind": milestone.kind, "date": json_date(milestone, "date"), "description": milestone.description}
                for milestone in page.milestones
            ],
            "statements": [
                {
                    "slug": statement.slug,
                    "speaker": json_link(statement.speaker),
                    "date": json_date(statement, "date"),
                    "summary": statement.summary,
                    "text": statement.text,
                    "rendering": statement.rendering,
                }
                for statement in page.statements
            ],
            "sources": [json_source(citation) for citation in page.sources],
            "version": initiative.published_version,
            "published_at": initiative.published_at.isoformat() if initiative.published_at else None,
            "last_reviewed_at": initiative.last_reviewed_at.isoformat() if initiative.last_reviewed_at else None,
        },
        json_dumps_params={"ensure_ascii": False},
    )
