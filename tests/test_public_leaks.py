"""Nothing unpublished reaches a public page or endpoint: every public URL, walked with drafts present.

The walk reads the URL configuration, so every page and endpoint added later (the website, the
API) is walked too, with each record's slug, UUID and id filled into its parameters.
"""

import itertools

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from editorial.models import CuratedRecord
from editorial.revisions import take
from editorial.workflow import save_record, transition
from initiatives.models import Initiative
from meetings.models import Meeting, Statement
from people.models import Person
from sources.models import Article, Citation, text_sha256

pytestmark = pytest.mark.django_db

# Not public: the editors' desk, and what only tells whether the service is up.
PRIVATE_PREFIXES = ("admin:", "healthz")
SECRETS = {
    "draft": "SECRET-DRAFT-INITIATIVE",
    "in review": "SECRET-IN-REVIEW-PERSON",
    "archived": "SECRET-ARCHIVED-MEETING",
    "pending name": "SECRET-PENDING-NAME",
    "pending alias": "SECRET-PENDING-ALIAS",
    "draft source": "SECRET-DRAFT-SOURCE",
    "draft statement": "SECRET-DRAFT-STATEMENT",
    "ingested article": "SECRET-INGESTED-ARTICLE",
    "article a draft cites": "SECRET-ARTICLE-OF-A-DRAFT",
    "uncited text": "SECRET-UNCITED-TEXT",
}


def stored_article(title: str, text: str, **fields) -> Article:
    return Article.objects.create(title=title, text=text, text_sha256=text_sha256(text), **fields)


@pytest.fixture
def unpublished(demo):
    """The demo data (published) and, beside it, content in every state the public must not see."""
    draft = Initiative(slug="secret-draft", name=SECRETS["draft"], summary=SECRETS["draft"])
    save_record(record=draft, by=None)

    in_review = Person(slug="secret-in-review", full_name=SECRETS["in review"])
    save_record(record=in_review, by=None)
    transition(record=in_review, action="submit", by=None)

    archived = Meeting.objects.get(slug="apec-2025")
    transition(record=archived, action="archive", by=None)
    # Written behind the workflow's back on purpose: whatever an archived record holds stays hidden.
    Meeting.objects.filter(pk=archived.pk).update_unrecorded(name=SECRETS["archived"])

    live = Initiative.objects.get(slug="ai-supercomputing-centre")
    live.name = SECRETS["pending name"]
    data = take(live, children={"aliases": [{"name": SECRETS["pending alias"], "kind": "alternate"}]})
    save_record(record=live, by=None, data=data)
    transition(record=live, action="submit", by=None)

    source = Citation(record=live, url="https://example.org/secret", source_title=SECRETS["draft source"], slug="s1")
    save_record(record=source, by=None)

    statement = Statement(
        slug="secret-statement",
        speaker=Person.objects.get(slug="paul-chan-mo-po"),
        rendering="quoted",
        summary=SECRETS["draft statement"],
        text=SECRETS["draft statement"],
    )
    save_record(record=statement, by=None)
    statement.initiatives.add(live)

    # Articles: one nobody reviewed, one only a draft cites, and one public whose text nobody cites (the
    # public sees an article's cited passages, never its whole text: its publisher holds it).
    stored_article(SECRETS["ingested article"], f"{SECRETS['ingested article']} in its text too.")
    quoted = "The minister opened the centre."
    of_a_draft = stored_article(SECRETS["article a draft cites"], f"{quoted} {SECRETS['article a draft cites']}.")
    draft_source = Citation(record=draft, article=of_a_draft, passage=quoted, start=0, end=len(quoted), slug="s2")
    save_record(record=draft_source, by=None)
    stored_article("A public article", f"Its title is public. {SECRETS['uncited text']}.", published_on_its_own=True)


def public_patterns(resolver=None, namespace=""):
    """(name, pattern) of every named URL outside the admin, with its namespace."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from public_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}{entry.name}"
            if not name.startswith(PRIVATE_PREFIXES):
                yield name, entry.pattern


def parameter_values() -> dict[str, list]:
    """Every identifier a URL parameter could take: each record's slug, UUID, id, and a few version numbers."""
    records = [
        record
        for model in apps.get_models()
        if issubclass(model, CuratedRecord)
        for record in model._default_manager.all()
    ]
    articles = list(Article.objects.all())
    return {
        "slug": sorted({record.slug for record in records}),
        "uuid": sorted({str(record.uuid) for record in [*records, *articles]}),
        "pk": sorted({record.pk for record in [*records, *articles]}),
        "id": sorted({record.pk for record in [*records, *articles]}),
        "version": [1, 2, 3],
        "number": [1, 2, 3],
    }


def public_urls() -> list[str]:
    values = parameter_values()
    urls = []
    for name, pattern in public_patterns():
        converters = list(getattr(pattern, "converters", {}))
        if not converters:
            urls.append(reverse(name))
            continue
        choices = [values.get(converter, values["slug"]) for converter in converters]
        for combination in itertools.product(*choices):
            try:
                urls.append(reverse(name, kwargs=dict(zip(converters, combination, strict=True))))
            except NoReverseMatch:
                continue
    return urls


def test_no_public_url_shows_unpublished_content(client, unpublished):
    urls = public_urls()
    assert "/" in urls
    seen_published = False
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        for state, secret in SECRETS.items():
            assert secret not in text, f"{state} content leaked at {url}"
        seen_published = seen_published or "Hong Kong AI Research and Development Institute" in text
    # The walk reads real pages: published content does appear, so the absence of secrets means something.
    assert seen_published


def test_the_live_version_stays_public_while_its_edit_waits(client, unpublished):
    home = client.get("/").content.decode()
    assert "AI Supercomputing Centre" in home
    assert SECRETS["pending name"] not in home
