"""The initiative list's stored facet keys follow every way an initiative's fields and theme links change."""

import pytest

from editorial.derived.keys import Key, StoredKeys
from editorial.merge import merge_records
from editorial.models import writes_through
from editorial.revisions import take
from editorial.workflow import delete_draft, save_record, transition
from initiatives.models import Initiative
from people.models import Membership, Organization, Post
from tests.editorial.test_workflow import published
from tests.factories import (
    JurisdictionFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    ThemeFactory,
)
from tests.website.conftest import PUBLISHED, published_initiative
from website.initiatives import INITIATIVE_LISTING
from website.meetings import MEETING_LISTING
from website.people import PERSON_LISTING

pytestmark = pytest.mark.django_db


def _slugs(client, query: str) -> list[str]:
    response = client.get(f"/initiatives/?{query}")
    assert response.status_code == 200
    return [row.slug for row in response.context["page"].rows]


def _facet(client, query: str, key: str) -> dict:
    response = client.get(f"/initiatives/?{query}")
    counts = next(counts for counts in response.context["facets"] if counts.facet.key == key)
    return {value.value: value.count for value in counts.values}


def test_keys_are_what_the_facets_read_from_fields_and_links():
    organization, theme = OrganizationFactory(**PUBLISHED), ThemeFactory(**PUBLISHED)
    initiative = published_initiative(
        status="launched", instrument="", responsible_organization=organization, announced_date="2024-05-01"
    )
    initiative.themes.add(theme)
    assert Initiative.objects.get(pk=initiative.pk).facet_keys == {
        "status:launched": True,
        f"organization:{organization.pk}": True,
        f"theme:{theme.pk}": True,
        "year:2024": True,
    }
    theme.initiatives.remove(initiative)
    assert f"theme:{theme.pk}" not in Initiative.objects.get(pk=initiative.pk).facet_keys


@pytest.mark.parametrize("listing", [INITIATIVE_LISTING, PERSON_LISTING, MEETING_LISTING])
def test_the_declared_keys_are_the_facets_each_list_offers(listing):
    (stored,) = [derived for derived in listing.model.derived if isinstance(derived, StoredKeys)]
    assert listing.stored_keys == stored.column
    assert [key.name for key in stored.keys] == [facet.key for facet in listing.facets]
    for key, facet in zip(stored.keys, listing.facets, strict=True):
        if isinstance(key, Key):  # a column or a relation of the row itself
            assert facet.lookup.split("__")[0] == key.field


def test_a_persons_keys_follow_their_memberships_posts_and_organizations(client):
    hong_kong = JurisdictionFactory(slug="hong-kong")
    government = OrganizationFactory(**PUBLISHED, slug="hksar", jurisdiction=hong_kong)
    post = PostFactory(**PUBLISHED, organization=government)
    person = PersonFactory(**PUBLISHED)
    assert _people(client, "organization=hksar") == []
    membership = MembershipFactory(**PUBLISHED, person=person, post=post)
    assert _people(client, "organization=hksar&jurisdiction=hong-kong") == [person.slug]
    Post.objects.filter(pk=post.pk).update_unrecorded(editorial_status="draft")  # the post withdrawn
    assert _people(client, "jurisdiction=hong-kong") == []
    Post.objects.filter(pk=post.pk).update_unrecorded(editorial_status="published")
    Organization.objects.filter(pk=government.pk).update_unrecorded(jurisdiction=None)
    assert _people(client, "jurisdiction=hong-kong") == []
    assert _people(client, "organization=hksar") == [person.slug]
    Membership.objects.filter(pk=membership.pk).update_unrecorded(editorial_status="archived")
    assert _people(client, "organization=hksar") == []


def _people(client, query: str) -> list[str]:
    response = client.get(f"/people/?{query}")
    assert response.status_code == 200
    return [row.slug for row in response.context["page"].rows]


def _keys(initiative) -> dict:
    return Initiative.objects.get(pk=initiative.pk).facet_keys


def test_keys_follow_writes_that_go_around_the_workflow(reviewer):
    organization, theme, other = OrganizationFactory(**PUBLISHED), ThemeFactory(**PUBLISHED), ThemeFactory()
    initiative = published_initiative(status="announced", instrument="funding")
    Initiative.objects.filter(pk=initiative.pk).update_unrecorded(
        responsible_organization=organization, announced_date="2019-12-31", instrument=""
    )
    assert _keys(initiative) == {"status:announced": True, f"organization:{organization.pk}": True, "year:2019": True}

    through = Initiative.themes.through
    link = through.objects.create(initiative_id=initiative.pk, theme_id=theme.pk)
    assert f"theme:{theme.pk}" in _keys(initiative)
    through.objects.filter(pk=link.pk).update(theme_id=other.pk)  # a link moved, as a merge moves it
    assert f"theme:{other.pk}" in _keys(initiative)
    assert f"theme:{theme.pk}" not in _keys(initiative)
    delete_draft(record=other, by=reviewer)  # its links go with it, with no signal
    assert not any(key.startswith("theme:") for key in _keys(initiative))


def test_keys_written_by_hand_are_computed_again():
    """As a save from an instance read before a change writes its stale keys back with every column."""
    initiative = published_initiative(status="announced")
    Initiative.objects.filter(pk=initiative.pk).update_unrecorded(status="launched")
    Initiative.objects.filter(pk=initiative.pk).update_unrecorded(facet_keys={"status:announced": True, "made:up": 1})
    assert _keys(initiative) == {"status:launched": True}


def test_a_pending_edit_changes_the_facets_only_when_approved(client, editor, reviewer):
    theme = ThemeFactory(**PUBLISHED, slug="ai")
    initiative = published(editor, reviewer, status="announced")
    data = take(initiative, m2m={"themes": [theme]})
    data["fields"]["status"] = "launched"
    save_record(record=initiative, by=editor, data=data)
    assert _slugs(client, "status=announced") == [initiative.slug]
    assert _slugs(client, "theme=ai") == []

    transition(record=initiative, action="submit", by=editor)
    transition(record=initiative, action="publish", by=reviewer)
    assert _slugs(client, "status=announced") == []
    assert _slugs(client, "status=launched&theme=ai") == [initiative.slug]
    assert _facet(client, "", "theme") == {"ai": 1}


def test_links_changed_outside_the_workflow_are_followed(client):
    theme = ThemeFactory(**PUBLISHED, slug="ai")
    initiative = published_initiative()
    theme.initiatives.add(initiative)  # from the theme's side
    assert _slugs(client, "theme=ai") == [initiative.slug]
    theme.initiatives.clear()
    assert _slugs(client, "theme=ai") == []
    initiative.themes.set([theme])
    initiative.themes.remove(theme)
    assert _slugs(client, "theme=ai") == []


def test_merging_two_themes_moves_their_initiatives_to_the_survivor(client, reviewer):
    survivor = ThemeFactory(**PUBLISHED, slug="ai", name="AI")
    duplicate = ThemeFactory(**PUBLISHED, slug="artificial-intelligence", name="Artificial intelligence")
    first, second = published_initiative(), published_initiative()
    first.themes.add(survivor)
    second.themes.add(duplicate)
    merge_records(duplicate=duplicate, survivor=survivor, by=reviewer)
    assert sorted(_slugs(client, "theme=ai")) == sorted([first.slug, second.slug])
    assert _facet(client, "", "theme") == {"ai": 2}


def test_merging_two_organizations_moves_their_initiatives_to_the_survivor(client, reviewer):
    survivor = OrganizationFactory(**PUBLISHED, slug="itib")
    duplicate = OrganizationFactory(**PUBLISHED, slug="innovation-bureau")
    initiative = published_initiative(responsible_organization=duplicate)
    merge_records(duplicate=duplicate, survivor=survivor, by=reviewer)
    assert _slugs(client, "organization=itib") == [initiative.slug]
    assert _facet(client, "", "organization") == {"itib": 1}


def test_a_renamed_theme_keeps_its_initiatives(client):
    theme = ThemeFactory(**PUBLISHED, slug="ai")
    initiative = published_initiative()
    initiative.themes.add(theme)
    theme.slug = "artificial-intelligence"
    with writes_through("a rename written straight to the row: the keys name the theme by its id"):
        theme.save()
    assert _slugs(client, "theme=artificial-intelligence") == [initiative.slug]
    assert _facet(client, "", "theme") == {"artificial-intelligence": 1}


def test_an_unknown_or_unpublished_value_matches_nothing_and_costs_no_error(client):
    published_initiative().themes.add(ThemeFactory(slug="draft-theme"))
    assert _slugs(client, "theme=draft-theme") == []
    assert _slugs(client, "theme=no-such-theme&status=launched") == []
    assert _facet(client, "theme=no-such-theme", "status") == {}
