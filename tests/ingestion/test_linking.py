"""The linker: names found whatever their spelling, longest first, with offsets; surnames and roles resolved."""

import datetime

import pytest

from editorial.folding import fold as normalise
from editorial.models import AliasKind
from ingestion.linking import matcher
from ingestion.linking.matcher import Linker, get_linker
from ingestion.linking.resolve import link_text
from people.models import PersonAlias
from tests.factories import MembershipFactory, PersonFactory, PostFactory


def linker(*names: tuple[str, int, str, str]) -> Linker:
    return Linker(names)


def test_normalise_folds_case_punctuation_hyphens_and_quotes_and_keeps_offsets():
    folded, offsets = normalise("Paul CHAN Mo-po’s “Plan”")
    assert folded == "paul chan mo pos plan "
    assert offsets[folded.index("mo")] == "Paul CHAN Mo-po’s “Plan”".index("Mo")


@pytest.mark.parametrize(
    "text", ["Paul Chan Mo-po spoke.", "PAUL CHAN MO PO spoke.", "Paul Chan Mo–po spoke.", "paul  chan\nmo-po spoke."]
)
def test_linker_finds_a_name_in_any_spelling(text):
    (match,) = linker(("person", 1, "Paul Chan Mo-po", "")).find(text)
    assert (match.start, match.surface.split()[0].lower()) == (0, "paul")
    assert text[match.start : match.end] == match.surface
    assert match.surface.endswith(("po", "PO"))


def test_linker_finds_names_in_their_original_script():
    text = "財政司司長陳茂波今日表示"
    (match,) = linker(("person", 1, "陳茂波", "original_script")).find(text)
    assert text[match.start : match.end] == "陳茂波"
    assert match.method == "alias"


def test_linker_prefers_the_longest_match_and_whole_words():
    names = linker(("meeting", 1, "APEC", "acronym"), ("meeting", 2, "APEC Finance Ministers' Meeting", ""),
                   ("organization", 3, "Apex", ""))  # fmt: skip
    matches = names.find("At the APEC Finance Ministers’ Meeting, APECS and Apexes were not named.")
    assert [(match.record_id, match.surface) for match in matches] == [(2, "APEC Finance Ministers’ Meeting")]


def test_linker_matches_acronyms_only_as_written():
    names = linker(("post", 1, "FS", "acronym"))
    assert [match.surface for match in names.find("The FS said fs is not it.")] == ["FS"]


def test_linker_is_rebuilt_when_aliases_change(db):
    person = PersonFactory(full_name="Paul Chan Mo-po")
    assert get_linker().find("Chan Mo-po spoke") == []
    PersonAlias.objects.create(record=person, name="Chan Mo-po", kind=AliasKind.ALTERNATE)
    assert [match.record_id for match in get_linker().find("Chan Mo-po spoke")] == [person.pk]
    assert get_linker() is get_linker()  # cached while nothing changes


def test_link_text_resolves_surnames_only_after_the_full_name_and_when_unambiguous(db):
    chan = PersonFactory(full_name="Paul Chan Mo-po", family_name="Chan")
    text = "Chan was late. Paul Chan Mo-po spoke. Chan said more."
    matches, _ = link_text(text, published=None, linker=matcher.build_linker())
    assert [(match.surface, match.start, match.method) for match in matches] == [
        ("Paul Chan Mo-po", 15, "name"),
        ("Chan", 38, "surname"),
    ]
    assert {match.record_id for match in matches} == {chan.pk}
    PersonFactory(full_name="Fanny Chan", family_name="Chan")
    matches, _ = link_text(text + " Fanny Chan agreed.", published=None, linker=matcher.build_linker())
    assert "surname" not in {match.method for match in matches}


def test_link_text_resolves_a_role_to_the_holder_on_the_articles_date(db):
    post = PostFactory(title="Financial Secretary")
    earlier = MembershipFactory(post=post, start_date=datetime.date(2007, 7, 1), end_date=datetime.date(2017, 1, 15))
    later = MembershipFactory(post=post, start_date=datetime.date(2017, 1, 16), end_date=None)
    for published, holder in ((datetime.date(2010, 3, 1), earlier.person), (datetime.date(2025, 10, 22), later.person)):
        matches, on = link_text("The Financial Secretary spoke.", published=published, linker=matcher.build_linker())
        roles = [match for match in matches if match.method == "role"]
        assert on == published
        assert [match.record_id for match in roles] == [holder.pk]
        assert roles[0].surface == "Financial Secretary"
