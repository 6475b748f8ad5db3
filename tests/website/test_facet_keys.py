"""The initiative list's stored facet keys follow every way an initiative's fields and theme links change."""

import pytest

from editorial.merge import merge_records
from editorial.models import writes_through
from editorial.revisions import take
from editorial.workflow import save_record, transition
from initiatives.models import Initiative
from tests.editorial.test_workflow import published
from tests.factories import OrganizationFactory, ThemeFactory
from tests.website.conftest import PUBLISHED, published_initiative
from website.initiatives import INITIATIVE_LISTING

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
    assert f"theme:{theme.pk}" not in INITIATIVE_LISTING.facet_keys([initiative.pk])[initiative.pk]


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
