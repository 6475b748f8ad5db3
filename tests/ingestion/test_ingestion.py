"""One task per article: fetched, extracted, linked and stored in one write, with a flat query budget."""

import pytest

from ingestion import services
from ingestion.models import Ingestion, Mention, Outcome, Step, Suggestion
from sources.models import Article
from tests.factories import PersonFactory
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import html_page

pytestmark = pytest.mark.django_db

STORY = (
    "Paul Chan Mo-po spoke in Incheon on Wednesday. The government has set up an “AI Efficacy Enhancement Team” "
    "to streamline workflows, he said.\nIt has invested more than HK$200 billion in innovation and technology."
)


@pytest.fixture
def story(web):
    PersonFactory(full_name="Paul Chan Mo-po", family_name="Chan")
    web.routes["/story"] = Route(html_page(STORY))
    ingestion, _ = services.submit_url(url=web.url("/story"), enqueue=False)
    return ingestion


def fetch(ingestion: Ingestion, fetcher) -> Ingestion:
    return services.fetch_and_store(ingestion_id=ingestion.pk, fetcher=fetcher)


def test_fetch_and_store_links_a_new_article_in_the_same_step(story, fetcher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        ingestion = fetch(story, fetcher)
    assert (ingestion.step, ingestion.outcome) == (Step.DONE, Outcome.NEW)
    assert callbacks == []  # no separate link task
    assert Mention.objects.filter(article=ingestion.article, kind="person", surface="Paul Chan Mo-po").exists()
    kinds = set(Suggestion.objects.filter(article=ingestion.article).values_list("kind", flat=True))
    assert {"initiative", "amount", "date"} <= kinds


def test_fetch_and_store_query_count_is_flat(story, web, fetcher, ingest_settings, django_assert_num_queries):
    ingest_settings.INGEST_LINKER_CHECK_SECONDS = 60
    fetch(story, fetcher)  # the first article builds the linker and reads the content types
    web.routes["/other"] = Route(html_page(STORY.replace("Wednesday", "Thursday")))
    other, _ = services.submit_url(url=web.url("/other"), enqueue=False)
    # Claim, read, the person named (for "Chan said"); then one transaction: look up the stored article, insert
    # it and its first version, the mentions, read rejected suggestions, insert the suggestions, update the
    # ingestion (+ the savepoint a test's transaction makes of it).
    with django_assert_num_queries(12):
        ingestion = fetch(other, fetcher)
    assert ingestion.step == Step.DONE


def test_store_article_finds_a_page_another_worker_stored_meanwhile(story, fetcher, monkeypatch):
    ingestion = fetch(story, fetcher)
    Ingestion.objects.filter(pk=ingestion.pk).update(step=Step.QUEUED)
    real_find_stored = services._find_stored
    calls = []

    def find_nothing_once(*args):
        calls.append(args)
        return (None, Outcome.NEW) if len(calls) == 1 else real_find_stored(*args)

    monkeypatch.setattr(services, "_find_stored", find_nothing_once)
    again = fetch(story, fetcher)
    assert (again.step, again.outcome, again.article) == (Step.DONE, Outcome.DUPLICATE, ingestion.article)
    assert Article.objects.count() == 1
    assert len(calls) == 2


def test_store_article_of_an_ingestion_stored_by_another_run_changes_nothing(story, fetcher):
    document = services.Document(content=html_page(STORY), url=story.url, content_type="text/html")
    extracted = services.extract(document)
    Ingestion.objects.filter(pk=story.pk).update(step=Step.DONE)  # the other run finished first
    stored = services.store_article(ingestion=story, document=document, extracted=extracted)
    assert stored.step == Step.DONE
    assert stored.article is None
    assert (Article.objects.count(), Suggestion.objects.count()) == (0, 0)


def test_a_linking_failure_stores_the_article_and_queues_the_link_step(
    story, fetcher, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("linker bug")

    monkeypatch.setattr(services, "find_links", broken)
    with django_capture_on_commit_callbacks() as callbacks:
        ingestion = fetch(story, fetcher)
    assert (ingestion.step, ingestion.outcome) == (Step.LINKING, Outcome.NEW)
    assert Article.objects.count() == 1
    assert len(callbacks) == 1
    assert not Suggestion.objects.exists()


def test_a_duplicate_in_another_spelling_is_linked_by_its_own_step(web, fetcher, django_capture_on_commit_callbacks):
    web.routes["/a"] = Route(html_page(STORY))
    web.routes["/b"] = Route(html_page(STORY.upper().lower()))
    first, _ = services.submit_url(url=web.url("/a"), enqueue=False)
    stored = fetch(first, fetcher).article
    copy, _ = services.submit_url(url=web.url("/b"), enqueue=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        copy = fetch(copy, fetcher)
    # Its links were found in the lower-case text; the stored one is linked again, by the link step.
    assert (copy.outcome, copy.article, copy.step) == (Outcome.DUPLICATE, stored, Step.LINKING)
    assert len(callbacks) == 1
    assert Ingestion.objects.get(pk=copy.pk).step == Step.DONE
    assert Article.objects.count() == 1
