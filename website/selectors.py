"""Reads for the pages that span apps: the home page, the site search, an article with its mentions."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse

from articles.linking.models import ReviewStatus
from articles.models import Article, Citation, Mention
from editorial.models import CuratedRecord, EditorialStatus
from initiatives.models import Initiative
from initiatives.selectors import INITIATIVE_LISTING
from meetings.models import Meeting, Statement
from people.models import Organization, Person, Post
from website.listing import FacetCounts
from website.search import SearchSection, ranked

RECENT = 15
# The home page counts people and meetings (initiatives come from the stored counts) further than a list counts
# its matches: one page, three counts, and a reader's first idea of the tracker's size.
HOME_COUNT_CAP = 10_000
SECTION_SIZE = 10


@dataclass
class Home:
    initiatives: list[Initiative]
    people: list[Person]
    meetings: list[Meeting]
    totals: dict[str, str]
    by_jurisdiction: FacetCounts
    by_status: FacetCounts


def _bounded_total(queryset: QuerySet) -> str:
    total = queryset.order_by().values("pk")[: HOME_COUNT_CAP + 1].count()
    return f"{HOME_COUNT_CAP:,}+" if total > HOME_COUNT_CAP else f"{total:,}"


def get_home() -> Home:
    """Recently published records, how many there are, and initiatives by jurisdiction and status."""
    everything = INITIATIVE_LISTING.read(QueryDict())
    facets = {facet.key: facet for facet in INITIATIVE_LISTING.facets}
    # Exact from the counts the initiatives' list keeps (the same query as the facets'); bounded without them.
    stored = everything.stored_counts(None)
    initiatives_total = (
        f"{stored.get('*', 0):,}" if stored is not None else _bounded_total(Initiative.objects.published())
    )
    return Home(
        initiatives=list(
            Initiative.objects.published().select_related("jurisdiction").order_by("-published_at", "-pk")[:RECENT]
        ),
        people=list(Person.objects.published().order_by("-published_at", "-pk")[:RECENT]),
        meetings=list(Meeting.objects.published().order_by("-published_at", "-pk")[:RECENT]),
        totals={
            "initiatives": initiatives_total,
            "people": _bounded_total(Person.objects.published()),
            "meetings": _bounded_total(Meeting.objects.published()),
        },
        by_jurisdiction=everything.count_facet(facets["jurisdiction"]),
        by_status=everything.count_facet(facets["status"]),
    )


def _section(key, title, queryset, *, snippet_field, query, more_url=None) -> SearchSection:
    """A kind's best matches, searched in the fields its stored vector holds (`search_fields`)."""
    fields = queryset.model.search_fields
    rows = ranked(queryset, fields=fields, snippet_field=snippet_field, query=query, limit=SECTION_SIZE + 1)
    return SearchSection(key, title, rows[:SECTION_SIZE], len(rows) > SECTION_SIZE, more_url)


def search_site(*, query: str) -> list[SearchSection]:
    """Ranked, highlighted matches of each kind of public record: one query per kind."""
    published = EditorialStatus.PUBLISHED
    encoded = QueryDict(mutable=True)
    encoded["q"] = query
    more = f"?{encoded.urlencode()}"
    return [
        _section(
            "initiatives",
            "Initiatives",
            Initiative.objects.published().select_related("jurisdiction"),
            snippet_field="summary",
            query=query,
            more_url=reverse("initiatives:list") + more,
        ),
        _section(
            "people",
            "People",
            Person.objects.published(),
            snippet_field="bio",
            query=query,
            more_url=reverse("people:list") + more,
        ),
        _section(
            "organizations",
            "Organizations",
            Organization.objects.published(),
            snippet_field="description",
            query=query,
        ),
        _section(
            "meetings",
            "Meetings",
            Meeting.objects.published(),
            snippet_field="description",
            query=query,
            more_url=reverse("meetings:list") + more,
        ),
        _section(
            "statements",
            "Statements",
            Statement.objects.published().filter(speaker__editorial_status=published).select_related("speaker"),
            snippet_field="text",
            query=query,
        ),
        _section(
            "articles",
            "Articles",
            Article.objects.all(),
            snippet_field="text",
            query=query,
        ),
    ]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    url: str | None
    title: str


@dataclass
class ArticlePage:
    article: Article
    spans: list[Span]
    supports: list[tuple[str, str, str | None]]  # (kind, what, url) of each published fact it is cited for


# Kinds whose records have a page of their own; others are highlighted without a link.
def _record_url(record: CuratedRecord) -> str | None:
    if isinstance(record, Initiative | Person | Meeting):
        return reverse(f"{record._meta.app_label}:detail", kwargs={"slug": record.slug})
    if isinstance(record, Organization):
        return reverse("initiatives:list") + f"?organization={record.slug}"
    return None


def _published_records(keys: set[tuple[int, int]], models: tuple[type[CuratedRecord], ...]) -> dict:
    """{(content type id, pk): record} for the published ones among `keys`, one query per model."""
    found = {}
    for model, content_type in ContentType.objects.get_for_models(*models).items():
        ids = [pk for content_type_id, pk in keys if content_type_id == content_type.pk]
        if ids:
            queryset = model.objects.published().filter(pk__in=ids)
            if model is Post:
                queryset = queryset.select_related("organization")
            if model is Statement:
                queryset = queryset.filter(speaker__editorial_status=EditorialStatus.PUBLISHED).select_related(
                    "speaker"
                )
            for record in queryset:
                found[content_type.pk, record.pk] = record
    return found


def get_article_page(*, article: Article) -> ArticlePage:
    """The article with its accepted mentions of published records, and the published facts it supports."""
    mentions = list(
        Mention.objects.filter(article=article, status=ReviewStatus.ACCEPTED, text_sha256=article.text_sha256).order_by(
            "start", "-end"
        )
    )
    citations = list(Citation.objects.published().filter(article=article).order_by("content_type", "object_id"))
    records = _published_records(
        {(mention.content_type_id, mention.object_id) for mention in mentions}
        | {(citation.content_type_id, citation.object_id) for citation in citations},
        (Initiative, Person, Organization, Post, Meeting, Statement),
    )
    spans, reached = [], 0
    for mention in mentions:
        record = records.get((mention.content_type_id, mention.object_id))
        if record is None or mention.start < reached or mention.end > len(article.text):
            continue  # unpublished target, or overlapping an earlier mention
        spans.append(Span(mention.start, mention.end, _record_url(record), str(record)))
        reached = mention.end
    supports, seen = [], set()
    for citation in citations:
        record = records.get((citation.content_type_id, citation.object_id))
        if record is None or (citation.content_type_id, citation.object_id) in seen:
            continue
        seen.add((citation.content_type_id, citation.object_id))
        url = _record_url(record)
        if isinstance(record, Statement):
            url = _record_url(record.speaker) + f"#statement-{record.slug}"
        supports.append((str(record._meta.verbose_name).capitalize(), str(record), url))
    return ArticlePage(article=article, spans=spans, supports=supports)
