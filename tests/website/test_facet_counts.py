"""The stored facet counts stay exact however initiatives change, and answer as the counted matches would."""

from collections import Counter
from io import StringIO
from itertools import permutations

import pytest
from django.core.management import CommandError, call_command

from editorial.derived import derivatives, paused, rebuild
from editorial.merge import merge_records
from editorial.models import writes_through
from editorial.revisions import take
from editorial.workflow import save_record, transition
from initiatives.models import Initiative, InitiativeFacetCount
from tests.editorial.test_workflow import new_initiative, published
from tests.factories import OrganizationFactory, ThemeFactory
from tests.website.conftest import PUBLISHED, published_initiative
from website.initiatives import INITIATIVE_LISTING
from website.listing import facets as listing_facets

pytestmark = pytest.mark.django_db


def _recount() -> Counter:
    """What the counts must be: `*`, each key, each ordered pair of keys, and each pair (the lesser key first,
    bytewise) with every third key, of every published initiative."""
    counts = Counter()
    for keys in Initiative.objects.published().values_list("facet_keys", flat=True):
        pairs = [(a, b) for a, b in permutations(keys, 2)]
        triples = [(a, b, c) for a, b in pairs if a.encode() < b.encode() for c in keys if c not in (a, b)]
        counts.update([("*", "", ""), *((key, "", "") for key in keys), *((a, b, "") for a, b in pairs), *triples])
    return counts


def _stored() -> Counter:
    rows = InitiativeFacetCount.objects.filter(total__gt=0).values_list("key", "other", "third", "total")
    assert not InitiativeFacetCount.objects.filter(total__lt=0).exists()
    return Counter({(key, other, third): total for key, other, third, total in rows})


def test_the_counts_follow_the_workflow_links_merges_and_deletes(editor, reviewer):
    ai, data_theme = ThemeFactory(**PUBLISHED, slug="ai"), ThemeFactory(**PUBLISHED, slug="data")
    survivor, duplicate = OrganizationFactory(**PUBLISHED), OrganizationFactory(**PUBLISHED)
    first = published(editor, reviewer, status="announced", responsible_organization=duplicate)
    second = published_initiative(status="launched", announced_date="2024-05-01")
    new_initiative(editor, slug="only-a-draft", status="launched")  # never counted
    assert _stored() == _recount()
    assert _stored()[("*", "", "")] == 2

    second.themes.add(ai, data_theme)  # links, from either side
    ai.initiatives.add(first)
    data_theme.initiatives.clear()
    assert _stored() == _recount()

    data = take(first, m2m={"themes": [data_theme]})  # an edit waits for review: nothing changes yet
    data["fields"]["status"] = "launched"
    save_record(record=first, by=editor, data=data)
    before = _stored()
    assert before == _recount()
    transition(record=first, action="submit", by=editor)
    transition(record=first, action="publish", by=reviewer)
    assert _stored() == _recount() != before
    assert _stored()[("status:launched", f"theme:{data_theme.pk}", "")] == 1

    merge_records(duplicate=duplicate, survivor=survivor, by=reviewer)
    merge_records(duplicate=data_theme, survivor=ai, by=reviewer)
    assert _stored() == _recount()
    assert _stored()[(f"organization:{survivor.pk}", "", "")] == 1

    transition(record=first, action="unpublish", by=reviewer, comment="Not confirmed.")
    assert _stored() == _recount()
    assert _stored()[("*", "", "")] == 1
    with writes_through("a row deleted behind the workflow: the triggers count it out all the same"):
        second.delete()
    assert _stored() == Counter()


def test_a_rebuild_finds_what_the_triggers_kept(editor, reviewer):
    theme = ThemeFactory(**PUBLISHED)
    for status in ("announced", "launched", "launched"):
        published_initiative(status=status).themes.add(theme)
    kept = _stored()
    InitiativeFacetCount.objects.all().delete()
    rebuild(*derivatives(InitiativeFacetCount))
    assert _stored() == kept == _recount()


QUERIES = [
    "",
    "status=launched",
    "status=launched&status=announced",
    "theme=ai",
    "theme=ai&theme=data",  # several values of a many-valued facet: counted from the matches
    "status=launched&theme=ai",
    "status=launched&status=announced&theme=data",
    "theme=ai&theme=data&status=launched",
    "status=launched&year=2020&theme=data",  # three facets: counted from the matches
    "jurisdiction=none-such",
    "q=Initiative&status=launched",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_stored_counts_answer_as_counting_the_matches_does(client, monkeypatch, query):
    ai, data_theme = ThemeFactory(**PUBLISHED, slug="ai"), ThemeFactory(**PUBLISHED, slug="data")
    organization = OrganizationFactory(**PUBLISHED)
    for number, status in enumerate(["launched", "announced", "launched", "proposed", "launched"]):
        initiative = published_initiative(status=status, announced_date=f"202{number % 2}-01-01")
        initiative.themes.set([ai, data_theme][: number % 3])
        if number % 2:
            Initiative.objects.filter(pk=initiative.pk).update_unrecorded(responsible_organization=organization)

    def shown(response) -> tuple:
        facets = {
            counts.facet.key: sorted((value.value, value.count) for value in counts.values)
            for counts in response.context["facets"]
        }
        page = response.context["page"]
        return page.total, [row.slug for row in page.rows], facets

    stored = shown(client.get(f"/initiatives/?{query}"))
    monkeypatch.setattr(INITIATIVE_LISTING, "stored_counts", None)
    counted = shown(client.get(f"/initiatives/?{query}"))
    assert stored == counted


def test_two_facets_chosen_count_exactly_past_the_sample(client, monkeypatch):
    """With two facets chosen, every other facet's counts are read from the counts of three keys: exact however
    many match, where a sample of the matches would give lower bounds."""
    monkeypatch.setattr(listing_facets, "FACET_SAMPLE", 2)
    ai = ThemeFactory(**PUBLISHED, slug="ai")
    for number in range(5):
        published_initiative(status="launched", announced_date=f"202{number % 2}-01-01").themes.add(ai)
    published_initiative(status="announced", announced_date="2020-01-01").themes.add(ai)

    response = client.get("/initiatives/?status=launched&theme=ai")
    facets = {counts.facet.key: counts for counts in response.context["facets"]}
    assert response.context["page"].total == 5
    assert not facets["year"].is_lower_bound
    assert sorted((value.value, value.count) for value in facets["year"].values) == [(2020, 3), (2021, 2)]
    assert [(value.value, value.count) for value in facets["status"].values] == [("launched", 5), ("announced", 1)]


def test_a_fall_on_counts_already_emptied_leaves_nothing():
    published_initiative(status="launched")
    InitiativeFacetCount.objects.all().delete()  # as SQLite's flush may, table by table, before the initiatives
    with writes_through("a flush of the test database"):
        Initiative.objects.all().delete()
    assert not InitiativeFacetCount.objects.exists()


def test_the_command_checks_and_rebuilds_the_counts():
    published_initiative(status="launched")
    call_command("rebuild_derived", "--check", stdout=StringIO())
    InitiativeFacetCount.objects.filter(key="status:launched", other="").update(total=7)  # drifted
    errors = StringIO()
    with pytest.raises(CommandError, match=r"1 of \d+ derivatives differ from a rebuild"):
        call_command("rebuild_derived", "--check", stdout=StringIO(), stderr=errors)
    assert "initiatives_initiativefacetcount (counts of initiatives_initiative.facet_keys): 2 rows" in errors.getvalue()
    assert InitiativeFacetCount.objects.get(key="status:launched", other="").total == 7  # a check changes nothing
    out = StringIO()
    call_command("rebuild_derived", stdout=out)
    assert "derivatives rebuilt" in out.getvalue()
    assert _stored() == _recount()


def test_a_bulk_load_with_the_counts_paused_is_counted_once_after():
    published_initiative(status="announced")
    before = _stored()
    with paused(InitiativeFacetCount):
        for _ in range(3):
            published_initiative(status="launched")
        assert _stored() == before  # no trigger ran meanwhile
    assert _stored() == _recount()
    assert _stored()[("status:launched", "", "")] == 3
    published_initiative(status="launched")  # and the triggers are back
    assert _stored()[("status:launched", "", "")] == 4
