"""Editors review: mentions accepted or rejected, suggestions turned into cited drafts in one click, rejections kept."""

import datetime

import pytest
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.urls import reverse
from django.utils import timezone

from ingestion.linking.services import link_article
from ingestion.models import Ingestion, Mention, ReviewStatus, Step, Suggestion
from ingestion.queueing import sweep as sweep_stuck_ingestions
from ingestion.services import retry_ingestion
from initiatives.models import Initiative
from sources.models import Citation
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Paul Chan Mo-po spoke in Incheon on Wednesday. The government has set up an “AI Efficacy Enhancement Team” "
    "to streamline workflows, he said.\nIt has invested more than HK$200 billion in innovation and technology."
)


@pytest.fixture
def article():
    PersonFactory(full_name="Paul Chan Mo-po", family_name="Chan")
    article = ArticleFactory(text=TEXT, published_at=datetime.datetime(2025, 10, 24, tzinfo=datetime.UTC))
    link_article(article=article)
    return article


def test_link_article_suggests_and_resolves_the_weekday_against_the_publication_date(article):
    values = dict(Suggestion.objects.filter(article=article).values_list("kind", "normalized"))
    assert values["initiative"] == "AI Efficacy Enhancement Team"
    assert values["amount"] == "HKD 200000000000"
    assert values["date"] == "2025-10-22"  # the Wednesday before Friday 24 October


def test_link_article_twice_changes_nothing(article):
    before = (list(Mention.objects.values_list("pk", flat=True)), list(Suggestion.objects.values_list("pk", flat=True)))
    link_article(article=article)
    assert before == (list(Mention.objects.values_list("pk", flat=True)),
                      list(Suggestion.objects.values_list("pk", flat=True)))  # fmt: skip


def test_accepting_a_suggestion_in_the_admin_creates_a_cited_draft_in_one_click(article, admin_client):
    suggestion = Suggestion.objects.get(article=article, kind="initiative")
    url = reverse(admin_urlname(Suggestion._meta, "change"), args=[suggestion.pk])
    page = admin_client.get(url)
    assert b'name="_accept"' in page.content
    response = admin_client.post(url, {"_accept": "1"})
    initiative = Initiative.objects.get(name="AI Efficacy Enhancement Team")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{initiative.pk}/change/")
    assert initiative.editorial_status == "draft"
    citation = Citation.objects.for_record(initiative).get()
    assert citation.article == article
    assert "AI Efficacy Enhancement Team" in citation.passage
    assert article.text[citation.start : citation.end] == citation.passage
    suggestion.refresh_from_db()
    assert suggestion.status == ReviewStatus.ACCEPTED
    assert suggestion.draft == initiative


def test_a_rejected_suggestion_is_not_proposed_again_for_any_article(article, admin_client):
    suggestion = Suggestion.objects.get(article=article, kind="amount")
    url = reverse(admin_urlname(Suggestion._meta, "change"), args=[suggestion.pk])
    admin_client.post(url, {"_reject": "1"})
    link_article(article=article)
    other = ArticleFactory(text="Elsewhere: Hong Kong has invested more than HK$200 billion in innovation.")
    link_article(article=other)
    amounts = Suggestion.objects.filter(kind="amount", normalized="HKD 200000000000")
    assert list(amounts.values_list("article", "status")) == [(article.pk, ReviewStatus.REJECTED)]


def test_mentions_are_accepted_and_rejected_from_the_admin_list(article, admin_client):
    mention = Mention.objects.get(article=article, method="name")
    changelist = reverse(admin_urlname(Mention._meta, "changelist"))
    admin_client.post(changelist, {"action": "reject", "_selected_action": [mention.pk]})
    mention.refresh_from_db()
    assert mention.status == ReviewStatus.REJECTED
    link_article(article=article)
    assert Mention.objects.get(pk=mention.pk).status == ReviewStatus.REJECTED
    assert Mention.objects.filter(article=article, start=mention.start, object_id=mention.object_id).count() == 1


@pytest.mark.parametrize("model", [Mention, Suggestion, Ingestion])
def test_pipeline_admin_pages_answer(article, admin_client, model):
    Ingestion.objects.create(url="https://news.example/a", url_key="https://news.example/a", article=article)
    record = model.objects.first()
    assert admin_client.get(reverse(admin_urlname(model._meta, "changelist")), {"q": "Chan"}).status_code == 200
    assert admin_client.get(reverse(admin_urlname(model._meta, "change"), args=[record.pk])).status_code == 200


def test_an_editor_submits_a_url_in_the_admin_and_it_is_queued(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(reverse("admin:ingestion_ingestion_add"), {"url": "https://news.example/story"})
    ingestion = Ingestion.objects.get()
    assert response.status_code == 302
    assert ingestion.step == Step.QUEUED
    assert len(callbacks) == 1


def test_retry_puts_a_failed_step_back_in_the_queue(article, django_capture_on_commit_callbacks):
    ingestion = Ingestion.objects.create(
        url="https://news.example/b", url_key="b", article=article, step=Step.FAILED, failed_step=Step.LINKING,
        outcome="error", error="boom",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        retry_ingestion(ingestion=ingestion)
    ingestion.refresh_from_db()
    assert ingestion.step == Step.DONE
    assert ingestion.error == ""


def test_sweep_requeues_what_is_stuck_once(article, django_capture_on_commit_callbacks, settings):
    ingestion = Ingestion.objects.create(url="https://news.example/c", url_key="c", article=article, step=Step.LINKING)
    Ingestion.objects.filter(pk=ingestion.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stuck_ingestions() == 1
    ingestion.refresh_from_db()
    assert ingestion.step == Step.DONE
    assert sweep_stuck_ingestions() == 0
