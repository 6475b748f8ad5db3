"""Reads the website and the API need, with their joins: published records only, related records too."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet

from editorial.dates import PartialDate
from editorial.models import EditorialStatus
from initiatives.models import Initiative, InitiativeFacetCount, InitiativeStatus, Instrument, Milestone, Theme
from meetings.models import Meeting, Statement
from meetings.selectors import hide_unpublished_links, published_statements
from people.models import Person
from sources.models import Citation
from website.listing import Facet, Listing, Sort, datetime_key, integer_key, text_key
from website.sources import list_sources

PUBLISHED = EditorialStatus.PUBLISHED


def list_published_initiatives() -> QuerySet[Initiative]:
    """Published initiatives with what a CSV row or a feed entry shows; each one's published themes, by name, in
    `listed_themes`. A list page reads its rows as values instead (`build_initiative_rows`)."""
    # A list, not the `themes` manager's cache: Django builds a manager and a queryset per row to cache a
    # prefetch there, which took 4 ms of 50 rows.
    themes = Theme.objects.published().order_by("name").only("slug", "name")
    return (
        Initiative.objects.published()
        .select_related("jurisdiction", "responsible_organization")
        .prefetch_related(Prefetch("themes", queryset=themes, to_attr="listed_themes"))
        .order_by("-published_at", "name")
    )


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
            status=row["status"],
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
    text_fields=Initiative.search_fields,
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
    stored_keys="facet_keys",
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
)


def get_published_initiative(*, slug: str) -> Initiative | None:
    """The published initiative at `slug`, with its published jurisdiction, responsible body and parent."""
    initiative = (
        Initiative.objects.published()
        .select_related("jurisdiction", "responsible_organization", "parent")
        .filter(slug=slug)
        .first()
    )
    if initiative is None:
        return None
    for name in ("responsible_organization", "parent"):
        related = getattr(initiative, name)
        if related is not None and not related.is_live:
            setattr(initiative, name, None)
    return initiative


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
