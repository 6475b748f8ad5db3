"""The initiatives' pages: the list with facets, one initiative, its versions, feeds and exports."""

from initiatives.models import Initiative
from initiatives.selectors import INITIATIVE_LISTING, get_initiative_page, get_published_initiative
from website.exports import Column, json_date, json_link, json_statement
from website.pages import RecordPages
from website.timeline import Event, render_timeline

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
    Column("themes", lambda row: "; ".join(theme.name for theme in row.listed_themes)),
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


def _timeline(initiative: Initiative, page) -> dict:
    events = [
        Event(milestone.partial_date("date"), f"{milestone.get_kind_display()}", "milestone")
        for milestone in page.milestones
    ] + [
        Event(statement.partial_date("date"), f"{statement.speaker}: {statement.summary}", "statement")
        for statement in page.statements
        if statement.date
    ]
    return {"timeline": render_timeline(events=events, title=f"Timeline of {initiative.name}")}


def _as_json(initiative: Initiative, page) -> dict:
    return {
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
            json_statement(statement, speaker=json_link(statement.speaker)) for statement in page.statements
        ],
    }


PAGES = RecordPages(
    namespace="initiatives",
    model=Initiative,
    listing=INITIATIVE_LISTING,
    title="Initiatives",
    get_published=get_published_initiative,
    get_page=lambda initiative: get_initiative_page(initiative=initiative),
    csv_columns=CSV_COLUMNS,
    describe=lambda row: row.summary,
    as_json=_as_json,
    page_context=_timeline,
)


app_name = "initiatives"

urlpatterns = PAGES.urls()
