"""An accepted suggestion's draft carries what its sentence links and cites it; nothing comes from other sentences."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse

from editorial.models import EditorialStatus, Revision
from editorial.workflow import missing_citations
from ingestion.linking.services import ReviewError, accept_suggestion, link_article
from ingestion.models import Mention, ReviewStatus, Suggestion
from initiatives.models import Initiative
from meetings.models import Statement
from people.models import Membership, Person
from sources.models import Citation
from tests.factories import (
    ArticleFactory,
    InitiativeFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
)

pytestmark = pytest.mark.django_db

FRIDAY = datetime.datetime(2025, 10, 24, 9, tzinfo=datetime.UTC)


def linked_article(text: str):
    article = ArticleFactory(text=text, published_at=FRIDAY)
    link_article(article=article)
    return article


def suggestion(article, kind: str, text: str = "") -> Suggestion:
    return Suggestion.objects.get(article=article, kind=kind, text__contains=text)


def cites_the_sentence(record, suggestion: Suggestion, field: str = "") -> bool:
    citation = Citation.objects.for_record(record, field).get()
    return (citation.article, citation.passage, citation.start, citation.end) == (
        suggestion.article, suggestion.evidence, suggestion.evidence_start, suggestion.evidence_end
    )  # fmt: skip


@pytest.fixture
def chan():
    chan = PersonFactory(full_name="Paul Chan Mo-po", family_name="Chan")
    post = PostFactory(title="Financial Secretary")
    MembershipFactory(person=chan, post=post)
    return chan


def test_a_statement_carries_its_speaker_post_meeting_initiative_date_and_amount(chan, superuser):
    meeting = MeetingFactory(name="APEC Finance Ministers’ Meeting")
    team = InitiativeFactory(name="AI Efficacy Enhancement Team")
    article = linked_article(
        "Paul Chan Mo-po arrived in Incheon on Tuesday. At the APEC Finance Ministers’ Meeting on 22 October 2025, "
        "Financial Secretary Paul Chan Mo-po said that the AI Efficacy Enhancement Team will get more than "
        "HK$200 million next year."
    )
    said = suggestion(article, "statement")

    accepted = accept_suggestion(suggestion=said, by=superuser)

    statement = Statement.objects.get()
    assert accepted.record == statement
    assert statement.editorial_status == EditorialStatus.DRAFT
    assert (statement.speaker, statement.post.title, statement.meeting) == (chan, "Financial Secretary", meeting)
    assert (statement.date, statement.date_precision) == (datetime.date(2025, 10, 22), "day")
    assert list(statement.initiatives.all()) == [team]
    amount = statement.amounts.get()
    assert (amount.value, amount.currency, amount.qualifier) == (Decimal("200000000"), "HKD", "more_than")
    assert amount.surface == "more than HK$200 million"
    assert cites_the_sentence(statement, said)
    # The draft's first revision holds the links, so history and review show them.
    revision = Revision.objects.get(content_type=ContentType.objects.get_for_model(Statement), object_id=statement.pk)
    assert revision.data["m2m"]["initiatives"] == [team.pk]
    assert len(revision.data["children"]["amounts"]) == 1


def test_a_statement_names_no_meeting_its_sentence_does_not_name(chan, superuser):
    MeetingFactory(name="APEC Finance Ministers’ Meeting")
    article = linked_article(
        "Paul Chan Mo-po spoke at the APEC Finance Ministers’ Meeting on Wednesday.\n"
        "Chan said that Hong Kong is incorporating AI into all levels of education."
    )
    said = suggestion(article, "statement", "education")

    accepted = accept_suggestion(suggestion=said, by=superuser)

    statement = accepted.record
    assert statement.speaker == chan
    assert statement.meeting is None
    # Wednesday is named in the other sentence: the statement is dated by the article, to the day.
    assert (statement.date, statement.date_precision) == (datetime.date(2025, 10, 24), "day")
    assert any("meeting" in words for words in accepted.to_complete)


def test_an_initiative_carries_its_date_budget_and_responsible_organization(superuser):
    bureau = OrganizationFactory(name="Innovation, Technology and Industry Bureau")
    article = linked_article(
        "The Innovation, Technology and Industry Bureau launched the “AI Subsidy Scheme” with HK$100 million "
        "in March 2025.\nIt has invested more than HK$200 billion in innovation and technology."
    )
    scheme = suggestion(article, "initiative")

    accept_suggestion(suggestion=scheme, by=superuser)

    initiative = Initiative.objects.get(name="AI Subsidy Scheme")
    assert (initiative.announced_date, initiative.announced_date_precision) == (datetime.date(2025, 3, 1), "month")
    assert (initiative.budget_amount, initiative.budget_currency) == (Decimal("100000000"), "HKD")
    assert (initiative.budget_qualifier, initiative.budget_as_of) == ("exact", datetime.date(2025, 3, 1))
    assert initiative.responsible_organization == bureau
    assert cites_the_sentence(initiative, scheme)
    assert cites_the_sentence(initiative, scheme, "budget")
    assert missing_citations(initiative) == []  # publishing asks a source of the budget too


def test_an_initiative_takes_the_articles_date_when_its_sentence_gives_none(superuser):
    article = linked_article(
        "Paul Chan Mo-po spoke in Incheon on Wednesday. The government has set up an “AI Efficacy Enhancement Team” "
        "to streamline workflows, he said."
    )
    accepted = accept_suggestion(suggestion=suggestion(article, "initiative"), by=superuser)
    team = accepted.record
    assert (team.announced_date, team.budget_amount) == (datetime.date(2025, 10, 24), None)
    assert "announced date 2025-10-24 (from the article's date)" in accepted.carried


def test_a_statement_in_an_undated_article_asks_for_its_date(chan, superuser):
    article = ArticleFactory(
        text="Paul Chan Mo-po spoke in Incheon. Chan said that Hong Kong is incorporating AI into education.",
        published_at=None,
    )
    link_article(article=article)

    accepted = accept_suggestion(suggestion=suggestion(article, "statement"), by=superuser)

    assert accepted.record.date is None
    assert "the date (neither the sentence nor the article gives one)" in accepted.to_complete


def test_a_person_gets_a_draft_membership_of_the_post_named_citing_the_sentence(superuser):
    PostFactory(title="Financial Secretary", organization=OrganizationFactory(name="Macao SAR Government"))
    secretary = PostFactory(title="Financial Secretary")
    article = linked_article(f"{secretary.title} Paul Chan Mo-po also attended the meeting, the {secretary} said.")
    # Two posts are styled so: the title is offered as a link to either, and the editor confirms Hong Kong's.
    assert not Mention.objects.filter(article=article, kind="post").exists()
    title = Suggestion.objects.filter(article=article, kind="link", data__record_id=secretary.pk).order_by("start")
    accept_suggestion(suggestion=title.first(), by=superuser)
    named = suggestion(article, "person")

    accepted = accept_suggestion(suggestion=named, by=superuser)

    lam = Person.objects.get(full_name="Paul Chan Mo-po")
    membership = Membership.objects.get(person=lam)
    assert accepted.dependents == [membership]
    assert membership.post == secretary
    assert (lam.editorial_status, membership.editorial_status) == (EditorialStatus.DRAFT, EditorialStatus.DRAFT)
    assert membership.start_date is None
    assert membership.end_date is None
    assert cites_the_sentence(lam, named)
    assert cites_the_sentence(membership, named)


def test_a_person_gets_no_membership_of_a_post_someone_else_holds(superuser):
    MembershipFactory(post=PostFactory(title="Financial Secretary"))
    article = linked_article("Financial Secretary Paul Chan Mo-po also attended the meeting.")

    accepted = accept_suggestion(suggestion=suggestion(article, "person"), by=superuser)

    assert accepted.dependents == []
    assert Membership.objects.filter(person=accepted.record).count() == 0
    assert any("current holder" in words for words in accepted.to_complete)


def test_a_statement_links_the_draft_of_an_initiative_accepted_in_its_sentence(chan, superuser):
    article = linked_article(
        "Paul Chan Mo-po spoke in Incheon. "
        "Chan said that the government has set up an “AI Efficacy Enhancement Team” to streamline workflows."
    )
    team = accept_suggestion(suggestion=suggestion(article, "initiative"), by=superuser).record

    statement = accept_suggestion(suggestion=suggestion(article, "statement"), by=superuser).record

    assert list(statement.initiatives.all()) == [team]


def test_rejected_mentions_and_suggestions_in_the_sentence_are_not_carried(chan, superuser):
    article = linked_article(
        "Paul Chan Mo-po spoke in Incheon. "
        "Chan said that the government has set up an “AI Efficacy Enhancement Team” with HK$5 million."
    )
    Suggestion.objects.filter(article=article, kind="amount").update(status=ReviewStatus.REJECTED)

    statement = accept_suggestion(suggestion=suggestion(article, "statement"), by=superuser).record

    assert statement.amounts.count() == 0


def test_accepting_in_the_admin_says_what_was_created_and_what_to_complete(chan, admin_client):
    article = linked_article(
        "Paul Chan Mo-po spoke in Incheon. Chan said that Hong Kong is incorporating AI into all levels of education."
    )
    said = suggestion(article, "statement")

    response = admin_client.post(reverse("admin:ingestion_suggestion_change", args=[said.pk]), {"_accept": "1"})

    statement = Statement.objects.get()
    assert response["Location"] == reverse("admin:meetings_statement_change", args=[statement.pk])
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert message.startswith(f"Created the draft statement “{statement}”, citing the sentence.")
    assert "From the sentence: speaker Paul Chan Mo-po; date 2025-10-24 (from the article's date)." in message
    assert "To complete: the meeting, if it was said at one (the sentence names none)." in message


def test_a_draft_that_breaks_a_rule_of_its_kind_is_not_kept_and_the_editor_is_told_why(superuser):
    article = linked_article("The government launched the “Moon Fund” with US$9,999,999 trillion.")
    fund = suggestion(article, "initiative")

    with pytest.raises(ReviewError, match=r"The draft cannot be saved: .*digits"):
        accept_suggestion(suggestion=fund, by=superuser)

    fund.refresh_from_db()
    assert fund.status == ReviewStatus.PROPOSED
    assert not Initiative.objects.exists()
