"""Reads for the pages that span apps: the home page, the site search, an article with its cited passages."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language_info

from editorial.models import CuratedRecord, EditorialStatus
from initiatives.models import Initiative
from meetings.models import Meeting, Statement
from people.models import Organization, Person, Post
from sources.models import Article, Citation
from website.initiatives import INITIATIVE_LISTING
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
        _article_section(query),
    ]


def _article_section(query: str) -> SearchSection:
    """Public articles, found by their title or text but shown by their title only: the text is its publisher's."""
    section = _section("articles", "Articles", Article.objects.public(), snippet_field="title", query=query)
    for row in section.rows:
        row.snippet = ""  # full-text search's snippet quotes the text around the match
    return section


# How much of the text an excerpt shows on each side of a cited passage, at most: enough to read it in context,
# never the article (its publisher holds the text).
CONTEXT_CHARACTERS = 200


@dataclass(frozen=True)
class Support:
    kind: str
    what: str
    url: str | None


@dataclass
class Excerpt:
    """A stretch of one paragraph around cited passages: `pieces` are (text, cited) in text order."""

    pieces: list[tuple[str, bool]]
    cut_before: bool  # the paragraph goes on before it
    cut_after: bool
    supports: list[Support]


@dataclass
class ArticlePage:
    article: Article
    language_name: str
    excerpts: list[Excerpt]


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


def _language_name(tag: str) -> str:
    try:
        return get_language_info(tag.split("-")[0].lower())["name"] if tag else ""
    except KeyError:
        return tag


def _support(record: CuratedRecord) -> Support:
    url = _record_url(record)
    if isinstance(record, Statement):
        url = _record_url(record.speaker) + f"#statement-{record.slug}"
    return Support(str(record._meta.verbose_name).capitalize(), str(record), url)


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the excerpt around text[start:end] begins and ends: within its paragraphs, cut between words."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    before, after = max(paragraph_start, start - CONTEXT_CHARACTERS), min(paragraph_end, end + CONTEXT_CHARACTERS)
    if before > paragraph_start:
        space = text.find(" ", before, start)
        before = start if space < 0 else space + 1
    if after < paragraph_end:
        space = text.rfind(" ", end, after)
        after = end if space < 0 else space
    return before, after


def _excerpt(text: str, before: int, after: int, cited: list[tuple[int, int]], supports: list[Support]) -> Excerpt:
    marked: list[list[int]] = []  # passages that overlap or touch are marked as one: their union
    for start, end in sorted(cited):
        if marked and start <= marked[-1][1]:
            marked[-1][1] = max(marked[-1][1], end)
        else:
            marked.append([start, end])
    pieces, position = [], before
    for start, end in marked:
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if after > position:
        pieces.append((text[position:after], False))
    cut_before = before > 0 and text[before - 1] != "\n"
    cut_after = after < len(text) and text[after] != "\n"
    return Excerpt(pieces, cut_before, cut_after, supports)


def get_article_page(*, article: Article) -> ArticlePage:
    """A public article's metadata, and the passages published records cite, each in a little of its context."""
    text = article.text
    citations = [
        citation
        for citation in Citation.objects.public().filter(article=article).order_by("start", "end", "pk")
        # A passage located in an older text would mark the wrong words.
        if citation.text_sha256 == article.text_sha256 and text[citation.start : citation.end] == citation.passage
    ]
    records = _published_records(
        {(citation.content_type_id, citation.object_id) for citation in citations},
        (Initiative, Person, Organization, Post, Meeting, Statement),
    )
    excerpts: list[Excerpt] = []
    window: tuple[int, int] | None = None
    cited: list[tuple[int, int]] = []
    supports: list[Support] = []
    for citation in citations:
        before, after = _context(text, citation.start, citation.end)
        if window is not None and before > window[1]:
            excerpts.append(_excerpt(text, *window, cited, supports))
            window, cited, supports = None, [], []
        window = (before, after) if window is None else (min(window[0], before), max(window[1], after))
        cited.append((citation.start, citation.end))
        record = records.get((citation.content_type_id, citation.object_id))
        if record is not None and (support := _support(record)) not in supports:
            supports.append(support)
    if window is not None:
        excerpts.append(_excerpt(text, *window, cited, supports))
    return ArticlePage(article=article, language_name=_language_name(article.language), excerpts=excerpts)
