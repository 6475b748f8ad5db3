"""Merging duplicates: links, citations and names move to the survivor; the duplicate's addresses redirect."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from editorial.merge import merge_records
from editorial.models import Change, ChangeAction, EditorialStatus, ExternalIdentifier, Redirect
from editorial.workflow import save_record
from initiatives.models import Initiative
from meetings.models import Capacity, Participation, Statement
from people.models import Membership, Person, PersonAlias
from sources.models import Citation
from tests.factories import (
    CitationFactory,
    InitiativeFactory,
    MeetingFactory,
    MembershipFactory,
    ParticipationFactory,
    PersonFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins():
    survivor = PersonFactory(full_name="Paul Chan Mo-po", slug="paul-chan-mo-po", editorial_status="published")
    duplicate = PersonFactory(full_name="Paul Chan", slug="paul-chan", editorial_status="published")
    return duplicate, survivor


def test_merge_moves_links_citations_and_names(reviewer, twins):
    duplicate, survivor = twins
    duplicate_uuid = duplicate.uuid
    PersonAlias.objects.create(record=duplicate, name="陳茂波")
    membership = MembershipFactory(person=duplicate)
    statement = StatementFactory(speaker=duplicate)
    initiative = InitiativeFactory()
    initiative.lead_officials.add(duplicate)
    citation = CitationFactory(record=duplicate)
    ExternalIdentifier.objects.create(record=duplicate, scheme="wikidata", value="Q100000001")

    merge_records(duplicate=duplicate, survivor=survivor, by=reviewer, comment="Same person.")

    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert Membership.objects.get(pk=membership.pk).person == survivor
    assert Statement.objects.get(pk=statement.pk).speaker == survivor
    assert list(Initiative.objects.get(pk=initiative.pk).lead_officials.all()) == [survivor]
    assert Citation.objects.get(pk=citation.pk).record == survivor
    assert survivor.identifiers.get().value == "Q100000001"
    assert {"陳茂波", "Paul Chan"} <= set(survivor.aliases.values_list("name", flat=True))

    redirect = Redirect.objects.get(old_slug="paul-chan")
    assert (redirect.target_id, redirect.old_uuid, redirect.reason) == (survivor.pk, duplicate_uuid, "merge")
    entry = Change.objects.get(record_uuid=duplicate_uuid, action=ChangeAction.MERGE)
    assert (entry.merged_into_uuid, entry.is_public, entry.user) == (survivor.uuid, True, reviewer)
    survivor.refresh_from_db()
    assert survivor.published_version == 1  # the survivor's new names are a new public version


def test_merge_folds_a_duplicate_fact_into_the_survivors_twin(reviewer, twins):
    duplicate, survivor = twins
    meeting = MeetingFactory()
    kept = ParticipationFactory(person=survivor, meeting=meeting, capacity=Capacity.SPOKE)
    twin = ParticipationFactory(person=duplicate, meeting=meeting, capacity=Capacity.SPOKE)
    source = CitationFactory(record=twin)

    merge_records(duplicate=duplicate, survivor=survivor, by=reviewer)

    assert list(Participation.objects.filter(meeting=meeting)) == [kept]
    assert Citation.objects.get(pk=source.pk).record == kept  # the evidence is not lost


def test_earlier_redirects_follow_the_survivor(reviewer, twins):
    duplicate, survivor = twins
    third = PersonFactory(slug="p-chan")
    merge_records(duplicate=third, survivor=duplicate, by=reviewer)
    merge_records(duplicate=duplicate, survivor=survivor, by=reviewer)
    assert set(Redirect.objects.values_list("old_slug", "target_id")) == {
        ("p-chan", survivor.pk),
        ("paul-chan", survivor.pk),
    }


def test_merge_is_a_reviewers_step_between_records_of_one_kind(editor, reviewer, twins):
    duplicate, survivor = twins
    with pytest.raises(PermissionDenied):
        merge_records(duplicate=duplicate, survivor=survivor, by=editor)
    with pytest.raises(ValidationError):
        merge_records(duplicate=duplicate, survivor=duplicate, by=reviewer)
    with pytest.raises(ValidationError):
        merge_records(duplicate=InitiativeFactory(), survivor=survivor, by=reviewer)


def test_merge_waits_for_a_pending_edit_to_be_settled(editor, reviewer, twins):
    duplicate, survivor = twins
    survivor.bio = "Edited."
    save_record(record=survivor, by=editor)
    with pytest.raises(ValidationError, match="edit waiting for review"):
        merge_records(duplicate=duplicate, survivor=survivor, by=reviewer)
    assert Person.objects.filter(pk=duplicate.pk, editorial_status=EditorialStatus.PUBLISHED).exists()


def test_merge_moves_links_between_records_of_one_kind(reviewer):
    duplicate, survivor = MeetingFactory(name="FMM"), MeetingFactory(name="Finance Ministers' Meeting")
    session = MeetingFactory(name="Joint session")
    session.parents.add(duplicate)
    duplicate.parents.add(survivor)  # a bad link the merge must not turn into "part of itself"

    merge_records(duplicate=duplicate, survivor=survivor, by=reviewer)

    assert list(session.parents.all()) == [survivor]
    assert not survivor.parents.exists()


def test_merge_keeps_symmetrical_links_both_ways(reviewer):
    duplicate, survivor, neighbour = InitiativeFactory(), InitiativeFactory(), InitiativeFactory()
    neighbour.related.add(duplicate)

    merge_records(duplicate=duplicate, survivor=survivor, by=reviewer)

    assert list(neighbour.related.all()) == [survivor]
    assert list(survivor.related.all()) == [neighbour]
