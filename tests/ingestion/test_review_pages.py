"""Mention and suggestion lists and pages show the evidence: the sentence, the article and its date."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from ingestion.linking.services import link_article
from ingestion.models import Mention, Suggestion
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Paul Chan Mo-po spoke in Incheon on Wednesday. The government has set up an “AI Efficacy Enhancement Team” "
    "to streamline workflows, he said."
)


class Forms(HTMLParser):
    """The buttons of a page, each with the forms open around it."""

    def __init__(self):
        super().__init__()
        self.depth, self.buttons = 0, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.depth += 1
        elif tag == "button" and attrs.get("name"):
            self.buttons[attrs["name"]] = self.depth

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1


@pytest.fixture
def article():
    PersonFactory(full_name="Paul Chan Mo-po", family_name="Chan")
    article = ArticleFactory(
        title="Chan in Incheon", text=TEXT, published_at=datetime.datetime(2025, 10, 24, tzinfo=datetime.UTC)
    )
    link_article(article=article)
    return article


@pytest.mark.parametrize(
    ("model", "kind", "marked"),
    [(Mention, "person", "<mark>Paul Chan Mo-po</mark> spoke in Incheon on Wednesday."),
     (Suggestion, "initiative", "an “<mark>AI Efficacy Enhancement Team</mark>” to streamline workflows, he said.")],
)  # fmt: skip
def test_the_list_and_the_page_show_the_sentence_the_article_and_its_date(article, admin_client, model, kind, marked):
    record = model.objects.get(article=article, kind=kind)
    meta = model._meta
    for url in (
        reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"),
        reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk]),
    ):
        page = admin_client.get(url).content.decode()
        assert marked in page
        assert ">Chan in Incheon</a>" in page
        assert "24 October 2025" in page


def test_accept_and_reject_sit_in_the_page_s_one_form(article, admin_client):
    suggestion = Suggestion.objects.get(article=article, kind="initiative")
    page = admin_client.get(reverse("admin:ingestion_suggestion_change", args=[suggestion.pk])).content.decode()
    forms = Forms()
    forms.feed(page)
    assert forms.buttons == {"_accept": 1, "_reject": 1}
    assert page.count("<form") == 2  # the other: log out


def test_the_queue_lists_each_suggestion_with_its_article_and_sentence(article, admin_client):
    page = admin_client.get(reverse("admin:editorial_queue")).content.decode()
    assert "The pipeline, from “Chan in Incheon” (24 October 2025)" in page
    assert "set up an “AI Efficacy Enhancement Team” to streamline workflows, he said." in page
