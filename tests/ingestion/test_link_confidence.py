"""A match the linker doubts (confidence below INGEST_LINK_THRESHOLD) waits as a link suggestion, not a mention."""

import datetime
from dataclasses import replace

import pytest
from django.urls import reverse

from ingestion.linking.matcher import Match
from ingestion.linking.services import Links, accept_suggestion, reject_suggestion, review_mention, save_links
from ingestion.models import Mention, ReviewStatus, Suggestion, SuggestionKind
from tests.constraints import assert_refused_by_database
from tests.factories import ArticleFactory, InitiativeFactory, OrganizationFactory
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import html_page, run_ingest

pytestmark = pytest.mark.django_db

TEXT = (
    "The Digital Policy Office spoke on Monday. It launched Digital Corporate Identity (CorpID) for firms.\n"
    "CorpID will open next year, the Office said."
)


@pytest.fixture
def office():
    return OrganizationFactory(name="Digital Policy Office")


@pytest.fixture
def corpid():
    return InitiativeFactory(name="Digital Corporate Identity")


@pytest.fixture
def article():
    return ArticleFactory(text=TEXT, language="en", published_at=datetime.datetime(2025, 3, 3, tzinfo=datetime.UTC))


def match(record, kind: str, surface: str, *, method: str, confidence: float, occurrence: int = 0) -> Match:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(surface, start + 1)
    return Match(kind, record.pk, start, start + len(surface), surface, method, confidence)


def link(article, *matches: Match, fresh: bool = False) -> None:
    save_links(article=article, links=Links(article.text_sha256, list(matches), []), fresh=fresh)


@pytest.fixture
def matches(office, corpid):
    """The office by its name (sure), CorpID by the acronym the article defines (doubtful at 0.6)."""
    return [
        match(office, "organization", "Digital Policy Office", method="name", confidence=1.0),
        match(corpid, "initiative", "CorpID", method="acronym", confidence=0.6, occurrence=1),
    ]


def rows(article) -> tuple[list, list]:
    mentions = Mention.objects.filter(article=article).order_by("pk")
    suggestions = Suggestion.objects.filter(article=article).order_by("pk")
    return (
        list(mentions.values_list("pk", "object_id", "method", "confidence", "status")),
        list(suggestions.values_list("pk", "kind", "normalized", "status")),
    )


@pytest.mark.parametrize("fresh", [True, False])
def test_save_links_writes_a_sure_match_as_a_mention_and_a_doubtful_one_as_a_link_suggestion(
    article, matches, office, corpid, fresh
):
    link(article, *matches, fresh=fresh)

    mention = Mention.objects.get(article=article)
    assert (mention.object_id, mention.method, mention.confidence) == (office.pk, "name", 1.0)
    suggestion = Suggestion.objects.get(article=article)
    assert suggestion.kind == SuggestionKind.LINK
    assert suggestion.status == ReviewStatus.PROPOSED
    assert suggestion.data == {"kind": "initiative", "record_id": corpid.pk, "method": "acronym", "confidence": 0.6}
    assert TEXT[suggestion.start : suggestion.end] == suggestion.text == "CorpID"
    assert suggestion.evidence == "CorpID will open next year, the Office said."
    assert TEXT[suggestion.evidence_start : suggestion.evidence_end] == suggestion.evidence


def test_the_threshold_is_a_setting(article, matches, settings):
    settings.INGEST_LINK_THRESHOLD = 0.5
    link(article, *matches)
    assert sorted(Mention.objects.values_list("method", "confidence")) == [("acronym", 0.6), ("name", 1.0)]
    assert not Suggestion.objects.exists()


def test_linking_again_changes_nothing(article, matches):
    link(article, *matches, fresh=True)
    before = rows(article)
    link(article, *matches)
    link(article, *matches)
    assert rows(article) == before
    assert len(before[0]) == len(before[1]) == 1


def test_accepting_a_link_suggestion_makes_an_accepted_mention_that_a_rerun_keeps(article, matches, corpid, editor):
    link(article, *matches)
    accepted = accept_suggestion(suggestion=Suggestion.objects.get(article=article), by=editor)

    mention = accepted.mention
    assert mention == Mention.objects.get(article=article, kind="initiative")
    assert (mention.status, mention.reviewed_by, mention.method, mention.confidence) == (
        ReviewStatus.ACCEPTED, editor, "acronym", 0.6
    )  # fmt: skip
    assert (mention.surface, mention.kind) == ("CorpID", "initiative")
    before = rows(article)
    link(article, *matches)
    assert rows(article) == before


def test_a_rejected_link_is_not_proposed_again_on_its_span_but_is_elsewhere(article, matches, corpid, editor):
    link(article, *matches)
    reject_suggestion(suggestion=Suggestion.objects.get(article=article), by=editor)
    link(article, *matches)
    assert list(Suggestion.objects.filter(article=article).values_list("status", flat=True)) == ["rejected"]

    # Sure of it now: the editor said no to this span and record, so it is no mention either.
    sure = match(corpid, "initiative", "CorpID", method="name", confidence=1.0, occurrence=1)
    link(article, matches[0], sure)
    assert not Mention.objects.filter(article=article, kind="initiative").exists()

    # Another article's CorpID is another question, unlike a rejected name, which is never suggested again.
    other = ArticleFactory(text=TEXT)
    link(other, *matches)
    assert Suggestion.objects.get(article=other).status == ReviewStatus.PROPOSED


def test_a_match_that_crosses_the_threshold_on_a_rerun_leaves_one_proposal(article, matches, corpid):
    doubtful = matches[1]
    sure = replace(doubtful, method="alias", confidence=0.9)

    link(article, matches[0], doubtful)
    link(article, matches[0], sure)
    assert not Suggestion.objects.filter(article=article).exists()
    mention = Mention.objects.get(article=article, kind="initiative")
    assert (mention.method, mention.confidence, mention.status) == ("alias", 0.9, ReviewStatus.PROPOSED)

    link(article, matches[0], doubtful)
    assert not Mention.objects.filter(article=article, kind="initiative").exists()
    assert Suggestion.objects.get(article=article).data["confidence"] == 0.6


def test_a_reviewed_mention_is_not_offered_again_as_a_link_suggestion(article, matches, corpid, editor):
    sure = replace(matches[1], method="name", confidence=1.0)
    link(article, matches[0], sure)
    mention = Mention.objects.get(article=article, kind="initiative")
    review_mention(mention=mention, accept=False, by=editor)

    link(article, *matches)
    assert not Suggestion.objects.filter(article=article).exists()
    assert Mention.objects.get(pk=mention.pk).status == ReviewStatus.REJECTED


def test_a_proposed_mention_says_how_it_is_found_now(article, matches, office):
    link(article, *matches)
    again = replace(matches[0], method="alias", confidence=0.8)
    link(article, again, matches[1])
    assert Mention.objects.filter(kind="organization").values_list("method", "confidence").get() == ("alias", 0.8)


def test_the_database_keeps_a_confidence_between_0_and_1(article, office):
    link(article, match(office, "organization", "Digital Policy Office", method="name", confidence=1.0))
    mention = Mention.objects.get()
    assert_refused_by_database(
        lambda: Mention.objects.filter(pk=mention.pk).update(confidence=1.5), "mention_confidence_between_0_and_1"
    )


def test_the_admin_shows_method_and_confidence_and_accepts_a_link_in_one_click(article, matches, editor, client):
    link(article, *matches)
    client.force_login(editor)
    suggestion = Suggestion.objects.get(article=article)
    url = reverse("admin:ingestion_suggestion_change", args=[suggestion.pk])
    page = client.get(url).content.decode()
    assert ">Digital Corporate Identity</a> (Acronym the article defines, confidence 0.6)" in page
    assert 'name="_accept"' in page

    response = client.post(url, {"_accept": "1"})
    mention = Mention.objects.get(article=article, kind="initiative")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:ingestion_mention_change", args=[mention.pk])
    assert (mention.status, mention.reviewed_by) == (ReviewStatus.ACCEPTED, editor)
    changelist = client.get(reverse("admin:ingestion_mention_changelist")).content.decode()
    assert '<td class="field-confidence">0.6</td>' in changelist


def test_the_queue_says_how_a_link_was_found(article, matches, admin_client):
    link(article, *matches)
    page = admin_client.get(reverse("admin:editorial_queue")).content.decode()
    assert "CorpID (Acronym the article defines, confidence 0.6)" in page


def test_every_mention_ingest_writes_carries_its_method_and_confidence(web, office):
    web.routes["/story"] = Route(body=html_page(TEXT))
    (line,), status = run_ingest(web.url("/story"))
    assert status == 0, line["error"]
    assert [(mention["surface"], mention["method"], mention["confidence"]) for mention in line["mentions"]] == [
        ("Digital Policy Office", "name", 1.0),
        ("Office", "coreference", 0.85),  # "the Office said": the latest office named before
    ]


def test_ingest_lists_a_doubtful_match_as_a_link_suggestion(web, office, settings):
    settings.INGEST_LINK_THRESHOLD = 1.01  # doubts every match: the linker under test is sure of names
    web.routes["/story"] = Route(body=html_page(TEXT))
    (line,), status = run_ingest(web.url("/story"))
    assert status == 0, line["error"]
    assert line["mentions"] == []
    links = [suggestion for suggestion in line["suggestions"] if suggestion["kind"] == "link"]
    assert [suggestion["text"] for suggestion in links] == ["Digital Policy Office", "Office"]
    suggestion = links[0]
    assert (suggestion["method"], suggestion["confidence"]) == ("name", 1.0)
    assert suggestion["record"] == {
        "kind": "organization",
        "id": str(office.uuid),
        "slug": office.slug,
        "name": "Digital Policy Office",
    }
    assert suggestion["evidence"] == "The Digital Policy Office spoke on Monday."
