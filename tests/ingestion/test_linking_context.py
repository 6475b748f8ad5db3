"""The linker reads newspaper language: variants, defined acronyms, descriptions, places, titles, dates.

Each test states a case of issue 22 on records made here; the development set
(test_linking_set.py) measures the same on real articles.
"""

import datetime

import pytest
from django.conf import settings

from editorial.folding import fold, name_forms, states
from ingestion.linking import matcher
from ingestion.linking.resolve import link_text
from people.models import Jurisdiction, JurisdictionKind
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    InitiativeFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
)

pytestmark = pytest.mark.django_db
THRESHOLD = settings.INGEST_LINK_THRESHOLD


def links(text: str, published: datetime.date | None = datetime.date(2025, 10, 22)) -> list[matcher.Match]:
    """What would be linked: the matches at or above the threshold."""
    matches, _ = link_text(text, published=published, linker=matcher.build_linker())
    return [match for match in matches if match.confidence >= THRESHOLD]


def found(text: str, **kwargs) -> set[tuple[str, int, str]]:
    return {(match.kind, match.record_id, match.surface) for match in links(text, **kwargs)}


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Hong Kong AI Research and Development Institute", "Hong Kong AI R&D Institute"),
        ("Hong Kong AI Research and Development Institute", "AI Research & Development Institute"),
        ("Hong Kong AI Research and Development Institute", "Hong Kong Artificial Intelligence R&D Institute"),
        ("Innovation, Technology and Industry Bureau", "Innovation, Technology & Industry Bureau"),
        ("Hong Kong Cyberport Management Company Limited", "Hong Kong Cyberport Management Company"),
        ("The Hong Kong Jockey Club", "Hong Kong Jockey Club"),
        ("Artificial Intelligence Supercomputing Centre", "ＡＩ Supercomputing Center"),
        ("陳茂波", "陈茂波"),
        ("財政司司長", "财政司司长"),
        ("約翰李", "約翰．李"),
        ("楊何蓓茵", "楊何・蓓茵"),
    ],
)
def test_a_name_is_found_in_its_variants(name, written):
    organization = OrganizationFactory(name=name)
    text = f"Officials visited {written} on Monday."
    (match,) = links(text)
    assert (match.record_id, match.surface) == (organization.pk, written)
    assert match.method in ("name", "variant")


def test_folding_keeps_offsets_through_expanded_words():
    text = "Its R&D arm"
    folded, offsets = fold(text)
    assert folded == "its research and development arm"
    start = folded.index("research")
    end = folded.index("development") + len("development")
    assert text[offsets[start] : offsets[end - 1] + 1] == "R&D"


def test_a_place_is_dropped_only_when_a_name_is_left():
    assert "artificial intelligence research and development institute" in name_forms(
        "Hong Kong AI Research and Development Institute"
    )
    assert name_forms("Hong Kong Cyberport") == {"hong kong cyberport"}  # "Cyberport" alone is an alias's job
    assert "apec finance ministers meeting" in name_forms("APEC Finance Ministers' Meeting 2025")
    assert name_forms("Expo 2025") == {"expo 2025"}


def test_folding_does_not_join_different_names():
    PostFactory(title="Under Secretary for Innovation, Technology and Industry")
    secretary = PostFactory(title="Secretary for Innovation, Technology and Industry")
    text = "the Secretary for Innovation, Technology & Industry spoke"
    assert {record for _, record, _ in found(text)} == {secretary.pk}
    assert not states("HK$3 billion for the Microelectronics Research & Development Institute", "AI R&D Institute")


def test_an_acronym_defined_in_the_article_is_the_records_for_the_rest_of_it():
    corpid = InitiativeFactory(name="Digital Corporate Identity")
    text = (
        "The Government will develop the Digital Corporate Identity (CorpID) platform. "
        "CorpID will let companies sign documents. Unrelated corpid in lower case is not it."
    )
    matches = [match for match in links(text) if match.method == "acronym"]
    assert [(match.record_id, match.surface) for match in matches] == [(corpid.pk, "CorpID"), (corpid.pk, "CorpID")]
    assert text[matches[1].start : matches[1].end] == "CorpID"
    # Without the definition, "CorpID" is nobody's.
    assert links("CorpID will let companies sign documents.") == []


def test_an_acronym_written_before_its_name_is_defined_too():
    institute = OrganizationFactory(name="Hong Kong Applied Science and Technology Research Institute")
    text = "the 25th anniversary of ASTRI (Hong Kong Applied Science and Technology Research Institute). ASTRI grew."
    acronyms = [match for match in links(text) if match.method == "acronym"]
    assert {match.record_id for match in acronyms} == {institute.pk}
    assert len(acronyms) == 2


def test_a_definite_description_is_the_latest_entity_it_fits():
    institute = InitiativeFactory(name="Hong Kong AI Research and Development Institute")
    meeting = MeetingFactory(name="APEC Finance Ministers' Meeting")
    text = (
        "The Institute will open soon. The Hong Kong AI Research and Development Institute was announced at the "
        "APEC Finance Ministers' Meeting. The Institute will hire 100 researchers. The meeting ended late."
    )
    matches = [match for match in links(text) if match.method == "coreference"]
    assert [(match.record_id, match.surface) for match in matches] == [
        (institute.pk, "Institute"),
        (meeting.pk, "meeting"),
    ]
    assert matches[0].start > text.index("hire") - 40  # the first "The Institute" comes before any name: not linked


def test_a_description_of_the_kind_only_is_offered_not_linked():
    scheme = InitiativeFactory(name="Artificial Intelligence Subsidy Scheme")
    text = "The Artificial Intelligence Subsidy Scheme opens today. The programme will run three years."
    matches, _ = link_text(text, published=None, linker=matcher.build_linker())
    (description,) = [match for match in matches if match.method == "coreference"]
    assert (description.record_id, description.surface) == (scheme.pk, "programme")
    assert description.confidence < THRESHOLD


def test_meetings_named_inside_a_meetings_name_are_mentions_too():
    finance = MeetingFactory(name="APEC Finance Ministers' Meeting")
    reform = MeetingFactory(name="Structural Reform Ministerial Meeting")
    joint = MeetingFactory(
        name="Joint Session of the APEC Finance Ministers' Meeting and Structural Reform Ministerial Meeting"
    )
    text = (
        "He spoke at the joint session of the APEC Finance Ministers' Meeting and Structural Reform Ministerial "
        "Meeting."
    )
    assert {record for _, record, _ in found(text)} == {joint.pk, finance.pk, reform.pk}


def test_a_name_inside_a_post_title_is_the_post_only():
    justice = OrganizationFactory(name="律政司")
    post = PostFactory(title="律政司司長", organization=justice)
    assert {(kind, record) for kind, record, _ in found("律政司司長林定國表示")} == {("post", post.pk)}


def _place(name: str) -> Jurisdiction:
    return Jurisdiction.objects.create(name=name, slug=name.lower().replace(" ", "-"), kind=JurisdictionKind.COUNTRY)


def test_a_title_shared_across_places_is_the_one_of_the_place_the_article_names():
    japan = PostFactory(title="Prime Minister", organization=OrganizationFactory(jurisdiction=_place("Japan")))
    britain = PostFactory(
        title="Prime Minister", organization=OrganizationFactory(jurisdiction=_place("United Kingdom"))
    )
    about_japan = "Japan's cabinet met on Tuesday. The Prime Minister said Japanese firms must invest."
    assert {record for kind, record, _ in found(about_japan) if kind == "post"} == {japan.pk}
    about_britain = "The Prime Minister told British firms to invest in the UK."
    assert {record for kind, record, _ in found(about_britain) if kind == "post"} == {britain.pk}
    # Nothing tells them apart: each is offered to an editor, neither is linked.
    matches, _ = link_text("The Prime Minister spoke.", published=None, linker=matcher.build_linker())
    assert {match.record_id for match in matches} == {japan.pk, britain.pk}
    assert all(match.confidence < THRESHOLD for match in matches)


def test_a_title_beside_a_name_is_the_post_that_person_held():
    singapore = PostFactory(title="Prime Minister", organization=OrganizationFactory(jurisdiction=_place("Singapore")))
    britain = PostFactory(
        title="Prime Minister", organization=OrganizationFactory(jurisdiction=_place("United Kingdom"))
    )
    MembershipFactory(post=singapore, start_date=datetime.date(2024, 5, 15))
    sunak = PersonFactory(full_name="Rishi Sunak")
    MembershipFactory(
        person=sunak, post=britain, start_date=datetime.date(2022, 10, 25), end_date=datetime.date(2024, 7, 5)
    )
    text = "In 2023, then-prime minister Rishi Sunak said the institute would lead."
    linked = found(text, published=datetime.date(2025, 2, 14))
    assert {(kind, record) for kind, record, _ in linked} == {("post", britain.pk), ("person", sunak.pk)}


def test_another_bodys_title_is_not_the_post():
    post = PostFactory(title="Chief Executive")
    MembershipFactory(post=post, start_date=datetime.date(2022, 7, 1))
    assert found("World Rugby Chief Executive Alan Gilpin said the Sevens were a success.") == set()
    assert found("Albert Wong, Chief Executive Officer of the Science Park, spoke.") == set()
    assert found("Chief Executive of the Science and Technology Parks Corporation Albert Wong spoke.") == set()
    for text in (
        "Yesterday the Chief Executive opened the summit.",
        "The Hong Kong SAR Chief Executive opened the summit.",
        "The Chief Executive of the Hong Kong Special Administrative Region opened the summit.",
        "Acting Chief Executive and Chief Secretary Eric Chan opened the summit.",
    ):
        assert {kind for kind, _, _ in found(text)} == {"post", "person"}, text


def test_another_countrys_institute_is_not_the_record():
    uk = OrganizationFactory(name="AI Safety Institute", jurisdiction=_place("United Kingdom"))
    assert found("The Japan AI Safety Institute published a guide.") == set()
    assert {record for _, record, _ in found("Britain's AI Safety Institute published a guide.")} == {uk.pk}


def test_a_title_nobody_holds_beside_a_person_is_read_as_that_persons_post():
    old = PostFactory(title="Secretary for Innovation and Technology")
    new = PostFactory(title="Secretary for Innovation, Technology and Industry", organization=old.organization)
    MembershipFactory(post=old, start_date=datetime.date(2015, 11, 20), end_date=datetime.date(2022, 6, 30))
    sun = PersonFactory(full_name="Sun Dong")
    MembershipFactory(post=new, person=sun, start_date=datetime.date(2022, 7, 1))
    text = "Professor Sun Dong, Secretary for Innovation and Technology, answered questions."
    linked = found(text, published=datetime.date(2025, 10, 15))
    assert {(kind, record) for kind, record, _ in linked} == {("person", sun.pk), ("post", new.pk)}


def test_a_membership_of_unknown_start_is_sure_only_from_its_earliest_evidence():
    post = PostFactory(title="Financial Secretary")
    membership = MembershipFactory(post=post, start_date=None)
    article = ArticleFactory(published_at=datetime.datetime(2020, 3, 1, tzinfo=datetime.UTC))
    CitationFactory(record=membership, article=article)

    def role(on):
        matches, _ = link_text("The Financial Secretary spoke.", published=on, linker=matcher.build_linker())
        (holder,) = [match for match in matches if match.method == "role"]
        assert holder.record_id == membership.person_id
        return holder.confidence

    assert role(datetime.date(2021, 1, 1)) >= THRESHOLD
    assert role(datetime.date(2010, 1, 1)) < THRESHOLD  # before any evidence: for an editor to confirm


def test_a_role_in_chinese_is_the_holder_on_the_date():
    post = PostFactory(title="Financial Secretary")
    post.aliases.create(name="財政司司長", kind="original_script", language="zh-Hant")
    holder = MembershipFactory(post=post, start_date=datetime.date(2017, 1, 16)).person
    assert ("person", holder.pk, "财政司司长") in found("财政司司长今日表示", published=datetime.date(2024, 2, 28))


def test_an_ambiguous_surname_is_left_alone():
    john = PersonFactory(full_name="John Lee Ka-chiu", family_name="Lee")
    PersonFactory(full_name="Sunny Lee", family_name="Lee")
    assert ("person", john.pk, "Lee") in found("John Lee Ka-chiu spoke. Lee said more.")
    assert ("person", john.pk, "Lee") not in found("John Lee Ka-chiu and Sunny Lee spoke. Lee said more.")
