"""The initiatives' pages: the list with facets, one initiative, its versions, feeds and exports."""

import datetime
import functools
from dataclasses import dataclass

from django.db.models import F

from editorial.cursors import datetime_key, integer_key, text_key
from editorial.dates import PartialDate
from editorial.models import EditorialStatus
from initiatives.asof import with_status_as_of
from initiatives.models import Initiative, InitiativeFacetCount, InitiativeStatus, Instrument, Milestone, Theme
from initiatives.public import INITIATIVES
from initiatives.selectors import get_published_initiative, list_published_initiatives
from meetings.models import Meeting, Statement
from meetings.selectors import hide_unpublished_links, published_statements
from people.models import Person
from sources.models import Citation
from website.asof import initiative_as_of
from website.listing import Facet, Listing, Sort
from website.pages import RecordPages
from website.sources import list_sources
from website.timeline import Event, render_timeline

PUBLISHED = EditorialStatus.PUBLISHED


@dataclass(frozen=True)
class InitiativeRow:
    """One initiative as a list page shows it, built from the values of its row (see `build_initiative_rows`)."""

    slug: str
    name: str
    summary: str
    status: str
    instrument: str
    jurisdiction: str | None  # its name
    organization: str | None  # the responsible body's name, when that body is published
    announced: PartialDate | None
    themes: list[tuple[str, str]]  # (slug, name) of each published theme, by name


def build_initiative_rows(values: list[dict]) -> list[InitiativeRow]:
    """A list page's rows from their values, with their published themes (one query)."""
    themes: dict[int, list[tuple[str, str]]] = {row["pk"]: [] for row in values}
    if values:
        links = Theme.objects.published().filter(initiatives__in=themes).order_by("name")
        for pk, slug, name in links.values_list("initiatives", "slug", "name"):
            themes[pk].append((slug, name))
    return [
        InitiativeRow(
            slug=row["slug"],
            name=row["name"],
            summary=row["summary"],
            # On a date (`?as_of=`), the status then: "unknown" before any published milestone gives one.
            status=row.get("status_as_of", row["status"]) or "unknown",
            instrument=row["instrument"],
            jurisdiction=row["jurisdiction__name"],
            organization=row["responsible_organization__name"]
            if row["responsible_organization__editorial_status"] == PUBLISHED  # as Organization.is_live
            else None,
            announced=PartialDate.from_fields(row["announced_date"], row["announced_date_precision"]),
            themes=themes[row["pk"]],
        )
        for row in values
    ]


INITIATIVE_LISTING = Listing(
    queryset=list_published_initiatives,
    stored_counts=InitiativeFacetCount,
    facets=(
        Facet("jurisdiction", "Jurisdiction", "jurisdiction__slug", label_lookup="jurisdiction__name"),
        Facet("status", "Status", "status", choices=dict(InitiativeStatus.choices)),
        Facet(
            "theme",
            "Theme",
            "themes__slug",
            label_lookup="themes__name",
            live={"themes__editorial_status": PUBLISHED},
            many=True,
        ),
        Facet("instrument", "Kind of instrument", "instrument", choices=dict(Instrument.choices)),
        Facet(
            "organization",
            "Responsible organization",
            "responsible_organization__slug",
            label_lookup="responsible_organization__name",
            live={"responsible_organization__editorial_status": PUBLISHED},
        ),
        Facet("year", "Year announced", "announced_date__year", integer=True),
    ),
    sorts=(
        Sort("name", "Name", (("sort_name", F("name")), ("sort_pk", F("pk"))), parsers=(text_key, integer_key)),
        Sort(
            "recent",
            "Recently published",
            (("sort_published", F("published_at")), ("sort_pk", F("pk"))),
            descending=True,
            parsers=(datetime_key, integer_key),
        ),
    ),
    # What a list page shows of a row (InitiativeRow): not the search vector, facet keys, budget or audit
    # columns, which took a third of a page's time to load.
    row_fields=(
        "slug",
        "name",
        "summary",
        "status",
        "instrument",
        "announced_date",
        "announced_date_precision",
        "jurisdiction__name",
        "responsible_organization__name",
        "responsible_organization__editorial_status",
    ),
    build_rows=build_initiative_rows,
    as_of_facets={"status": with_status_as_of},
)


@dataclass
class InitiativePage:
    initiative: Initiative
    lead_officials: list[Person]
    themes: list[Theme]
    children: list[Initiative]
    related: list[Initiative]
    milestones: list[Milestone]
    statements: list[Statement]
    meetings: list[Meeting]
    sources: list[Citation]


def get_initiative_page(*, initiative: Initiative) -> InitiativePage:
    """Everything the initiative's page shows, published only, in a fixed number of queries."""
    milestones = list(initiative.milestones.published().order_by("date", "pk"))
    statements = hide_unpublished_links(
        list(published_statements().filter(initiatives=initiative).order_by(F("date").desc(nulls_last=True), "pk"))
    )
    meetings = {statement.meeting.pk: statement.meeting for statement in statements if statement.meeting}
    return InitiativePage(
        initiative=initiative,
        lead_officials=list(initiative.lead_officials.published().order_by("family_name", "full_name")),
        themes=list(initiative.themes.published().order_by("name")),
        children=list(initiative.children.published().order_by("name")),
        related=list(initiative.related.published().order_by("name")),
        milestones=milestones,
        statements=statements,
        meetings=sorted(meetings.values(), key=lambda meeting: (meeting.start_date is None, meeting.start_date)),
        sources=list_sources([initiative, *milestones, *statements]),
    )


def _timeline(initiative: Initiative, page, marked: datetime.date | None = None) -> dict:
    events = [
        Event(milestone.partial_date("date"), f"{milestone.get_kind_display()}", "milestone")
        for milestone in page.milestones
    ] + [
        Event(statement.partial_date("date"), f"{statement.speaker}: {statement.summary}", "statement")
        for statement in page.statements
        if statement.date
    ]
    title = f"Timeline of {initiative.name}"
    # Drawn when the template first shows it, once: a page as of a date replaces it with one that marks the date,
    # and drawing 300 milestones twice took a third of that page's time.
    return {"timeline": functools.cache(lambda: render_timeline(events=events, title=title, marked=marked))}


def _as_of(request, initiative: Initiative, page) -> dict:
    context = initiative_as_of(request, initiative)
    if context:
        context.update(_timeline(initiative, page, marked=context["as_of"].day))
    return context


PAGES = RecordPages(
    namespace="initiatives",
    model=Initiative,
    listing=INITIATIVE_LISTING,
    title="Initiatives",
    get_published=get_published_initiative,
    get_page=lambda initiative: get_initiative_page(initiative=initiative),
    shape=INITIATIVES,
    describe=lambda row: row.summary,
    page_context=_timeline,
    as_of_context=_as_of,
)


app_name = "initiatives"

urlpatterns = PAGES.urls()
