"""The lists: published rows only, facets that combine, keyset pages, a fixed number of queries."""

import lxml.html
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from initiatives.models import Theme
from tests.factories import (
    InitiativeFactory,
    JurisdictionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    ThemeFactory,
)
from tests.website.conftest import PUBLISHED, published_at, published_initiative
from website import listing
from website import selectors as website_selectors

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    client.get(url)  # warm the content-type cache: later requests are what a server answers
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _initiatives(count: int):
    jurisdiction = JurisdictionFactory()
    organization = OrganizationFactory(**PUBLISHED)
    theme = Theme.objects.filter(slug="ai").first() or ThemeFactory(**PUBLISHED, slug="ai")
    for number in range(count):
        initiative = published_initiative(
            jurisdiction=jurisdiction, responsible_organization=organization, announced_date=f"202{number % 5}-01-01"
        )
        initiative.themes.add(theme)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # the stored counts of every key (the total and every facet's counts), page, themes of the page,
        # names of the three related facets' values (jurisdiction, theme, organization)
        ("/initiatives/", 6),
        # one facet: the stored counts of its value with every other key, and of every key alone (its own
        # facet's counts leave its choice out)
        ("/initiatives/?status=announced", 7),
        # two facets: the chosen theme's slug looked up; the count and the other facets' counts summed over
        # the stored pairs and their third keys; stored counts for each chosen facet's own counts
        ("/initiatives/?status=announced&theme=ai", 9),
        # three facets: past the stored counts, one GROUP BY of the stored keys for the facets not chosen
        ("/initiatives/?status=announced&theme=ai&year=2020", 11),
        # words: nothing from the stored counts; count, and one GROUP BY per distinct set of filters
        ("/initiatives/?q=Initiative&status=announced&theme=ai", 10),
    ],
)
def test_initiative_list_costs_the_same_queries_for_1_or_30_rows(client, url, expected, django_assert_num_queries):
    _initiatives(1)
    one = _queries(client, url)
    _initiatives(29)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert one == expected
    links = lxml.html.fromstring(response.content).xpath('//ol[@class="rows"]/li/h3/a')
    assert len(links) == len(response.context["page"].rows) >= 1


def test_people_and_meeting_lists_cost_the_same_queries_for_1_or_30_rows(client):
    MembershipFactory(**PUBLISHED, person=PersonFactory(**PUBLISHED, published_at=published_at(0)))
    MeetingFactory(**PUBLISHED, published_at=published_at(0))
    people, meetings = _queries(client, "/people/"), _queries(client, "/meetings/")
    for _ in range(29):
        MembershipFactory(**PUBLISHED, person=PersonFactory(**PUBLISHED, published_at=published_at(0)))
        MeetingFactory(**PUBLISHED, published_at=published_at(0))
    assert (_queries(client, "/people/"), _queries(client, "/meetings/")) == (people, meetings) == (3, 3)


def test_initiative_list_shows_only_published_initiatives_and_live_organizations(client):
    published_initiative(name="Visible one", responsible_organization=OrganizationFactory(name="Draft Body"))
    InitiativeFactory(name="Hidden draft")
    html = client.get("/initiatives/").content.decode()
    assert "Visible one" in html
    assert "Hidden draft" not in html
    assert "Draft Body" not in html


def test_initiative_list_pages_load_only_the_columns_a_row_shows(client):
    organization = OrganizationFactory(**PUBLISHED, name="Innovation Bureau", description="A long description.")
    published_initiative(responsible_organization=organization)
    with CaptureQueriesContext(connection) as queries:
        row = client.get("/initiatives/").context["page"].rows[0]
    assert row.organization == "Innovation Bureau"
    page_query = next(query["sql"] for query in queries if "announced_date_precision" in query["sql"])
    for column in ("search_vector", "facet_keys", "budget_amount", "description"):
        assert column not in page_query


def test_facets_combine_count_and_live_in_the_url(client):
    hong_kong, korea = JurisdictionFactory(slug="hk", name="Hong Kong"), JurisdictionFactory(slug="kr", name="Korea")
    theme = ThemeFactory(**PUBLISHED, slug="ai", name="AI")
    for jurisdiction, status, themed in [
        (hong_kong, "launched", True),
        (hong_kong, "announced", True),
        (korea, "launched", False),
    ]:
        initiative = published_initiative(jurisdiction=jurisdiction, status=status)
        if themed:
            initiative.themes.add(theme)
    response = client.get("/initiatives/?jurisdiction=hk&status=launched")
    assert [row.jurisdiction for row in response.context["page"].rows] == ["Hong Kong"]
    facets = {
        counts.facet.key: {value.value: value.count for value in counts.values} for counts in response.context["facets"]
    }
    # A facet counts with every other facet applied: statuses within Hong Kong, jurisdictions among launched ones.
    assert facets["status"] == {"launched": 1, "announced": 1}
    assert facets["jurisdiction"] == {"hk": 1, "kr": 1}
    assert facets["theme"] == {"ai": 1}
    html = response.content.decode()
    assert 'href="?status=launched"' in html  # removing Hong Kong keeps the status filter
    both = client.get("/initiatives/?jurisdiction=hk&jurisdiction=kr&theme=ai")
    assert len(both.context["page"].rows) == 2


def test_theme_facet_ignores_unpublished_themes(client):
    initiative = published_initiative()
    initiative.themes.add(ThemeFactory(name="Secret theme"))
    response = client.get("/initiatives/")
    assert "Secret theme" not in response.content.decode()
    assert client.get("/initiatives/?theme=" + initiative.themes.get().slug).context["page"].rows == []


def test_keyset_pages_walk_every_row_once_forwards_and_back(client, monkeypatch):
    monkeypatch.setattr(listing.ListRequest.page, "__kwdefaults__", {"size": 3})
    for number in range(8):
        published_initiative(name=f"Row {number}")
    seen, url, pages = [], "/initiatives/", []
    while url:
        response = client.get(url)
        page = response.context["page"]
        pages.append(page)
        seen += [row.name for row in page.rows]
        url = f"/initiatives/?after={page.next_cursor}" if page.next_cursor else None
    assert seen == [f"Row {number}" for number in range(8)]
    back = client.get(f"/initiatives/?before={pages[-1].previous_cursor}").context["page"]
    assert [row.name for row in back.rows] == ["Row 3", "Row 4", "Row 5"]


@pytest.mark.parametrize("sort", ["name", "recent"])
def test_facet_pages_walk_every_match_once_forwards_and_back(client, monkeypatch, sort):
    """With facets chosen, a page's keys are found first and its rows read after (keyset_page's `load`)."""
    monkeypatch.setattr(listing.ListRequest.page, "__kwdefaults__", {"size": 3})
    theme = ThemeFactory(**PUBLISHED)
    for number in range(12):
        initiative = published_initiative(
            name=f"Row {number:02}", status="launched" if number % 3 else "announced", published_at=published_at(number)
        )
        if number % 2:
            initiative.themes.add(theme)
    query = f"sort={sort}&status=launched&theme={theme.slug}"
    expected = [f"Row {number:02}" for number in range(12) if number % 3 and number % 2]  # 1, 5, 7, 11
    seen, url, pages = [], f"/initiatives/?{query}", []
    while url:
        page = client.get(url).context["page"]
        pages.append(page)
        seen += [row.name for row in page.rows]
        url = f"/initiatives/?{query}&after={page.next_cursor}" if page.next_cursor else None
    assert seen == expected  # the names and the recency (newest first) agree here
    assert [len(page.rows) for page in pages] == [3, 1]
    assert pages[0].total == 4
    back = client.get(f"/initiatives/?{query}&before={pages[-1].previous_cursor}").context["page"]
    assert [row.name for row in back.rows] == expected[:3]
    assert back.rows[0].themes == [(theme.slug, theme.name)]  # the rows come with their themes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="an index-only scan (PostgreSQL)")
@pytest.mark.parametrize(
    ("sort", "index"), [("name", "initiative_public_name"), ("recent", "initiative_public_recent")]
)
def test_a_facet_page_finds_its_rows_in_the_index_alone(client, sort, index):
    """A page of two facets that match 1% of 100,000 initiatives read 4,600 rows of the table to find its 50;
    the sort's index holds the facet keys, so the page's keys are found without reading a row."""
    theme = ThemeFactory(**PUBLISHED)
    for _ in range(3):
        published_initiative(status="launched").themes.add(theme)
    with CaptureQueriesContext(connection) as context:
        client.get(f"/initiatives/?sort={sort}&status=launched&theme={theme.slug}")
    [rows_query] = [query["sql"] for query in context.captured_queries if "LIMIT 51" in query["sql"]]
    with connection.cursor() as cursor:
        # A few rows here, and no statistics: the planner's choice says little. With every other way to read the
        # table turned off, an index-only scan is chosen if, and only if, an index covers the page's keys.
        for kind in ("seqscan", "bitmapscan", "indexscan"):
            cursor.execute(f"SET LOCAL enable_{kind} = off")
        cursor.execute(f"EXPLAIN {rows_query}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Index Only Scan using {index}" in plan, plan


def test_counts_stop_at_the_cap_where_the_stored_counts_do_not_answer(client, monkeypatch):
    monkeypatch.setattr(listing.paging, "COUNT_CAP", 2)
    monkeypatch.setattr(listing.facets, "FACET_SAMPLE", 2)
    theme = ThemeFactory(**PUBLISHED)
    for _ in range(3):
        published_initiative().themes.add(theme)
    response = client.get("/initiatives/?q=Initiative")  # words: the matches are counted, up to the cap
    assert response.context["page"].total_display == "2+"
    assert "(2+)" in response.content.decode()
    # With no words and one facet at most, the stored counts answer: exact past the caps, and no "+".
    response = client.get(f"/initiatives/?theme={theme.slug}")
    assert response.context["page"].total_display == "3"
    assert "(3)" in response.content.decode()
    assert "+)" not in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's synchronized scans")
def test_a_sample_starts_at_the_first_row_whatever_scan_stopped_before():
    """A facet's counts past FACET_SAMPLE are read from a LIMIT without ORDER BY. With synchronized scans,
    PostgreSQL starts each scan of a table larger than a quarter of its buffers where the last one stopped,
    and the counts a reader saw changed on every reload (at 100,000 initiatives: 4 sets of counts in 4)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting::int FROM pg_settings WHERE name = 'shared_buffers'")  # 8 kB blocks
        rows = (cursor.fetchone()[0] // 4 + 100) * 7  # rows of 1 kB, 7 to a block
        if rows > 200_000:
            pytest.skip("shared_buffers too large for a table past a quarter of it, here")
        cursor.execute(
            "CREATE TABLE sample_check AS SELECT n AS id, repeat('x', 1000) AS pad FROM generate_series(1, %s) n",
            [rows],
        )  # rolled back with the test's transaction
        cursor.execute("SELECT id FROM sample_check LIMIT 3")
        first = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM sample_check WHERE id > %s LIMIT 1", [rows // 2])  # stops halfway
        cursor.execute("SELECT id FROM sample_check LIMIT 3")
        again = [row[0] for row in cursor.fetchall()]
    assert first == again == [1, 2, 3]


@pytest.mark.parametrize(
    "query", ["after=not-a-cursor", "sort=nonsense", "year=twenty", "after=W10&before=W10", "after=WyJ4Il0"]
)
def test_unreadable_list_parameters_are_a_400_that_says_why(client, query):
    response = client.get(f"/initiatives/?{query}")
    assert response.status_code == 400
    assert "cannot be read" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/initiatives/?q=a%00b",  # PostgreSQL refuses NUL in text: once a 500
        "/initiatives/?theme=%00",
        "/people/?organization=x%01",
        "/meetings/export.csv?q=%00",  # refused before the download starts
        "/initiatives/?after=WyJcdTAwMDAiLDFd",  # a cursor holding ["\u0000", 1]
        "/search/?q=%00",
    ],
)
def test_control_characters_in_list_parameters_are_a_400_before_any_query(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "cannot be read" in response.content.decode()


def test_a_list_feed_with_control_characters_in_its_words_is_not_found():
    # The feed repeats its words in its title; XML holds no control character (once a 500).
    response = Client(raise_request_exception=False).get("/initiatives/feed/?q=%01")
    assert response.status_code == 404


def test_recent_sort_puts_the_newest_first(client):
    published_initiative(name="Older", published_at=published_at(10))
    published_initiative(name="Newer", published_at=published_at(1))
    rows = client.get("/initiatives/?sort=recent").context["page"].rows
    assert [row.name for row in rows] == ["Newer", "Older"]


def test_home_costs_the_same_queries_for_1_or_30_rows_and_counts_initiatives_exactly(client, monkeypatch):
    monkeypatch.setattr(listing.paging, "COUNT_CAP", 2)
    monkeypatch.setattr(website_selectors, "HOME_COUNT_CAP", 2)
    monkeypatch.setattr(listing.facets, "FACET_SAMPLE", 2)

    def add_one_of_each():
        published_initiative(status="launched", jurisdiction=JurisdictionFactory())
        MeetingFactory(**PUBLISHED, published_at=published_at(0))
        PersonFactory(**PUBLISHED, published_at=published_at(0))

    add_one_of_each()
    one = _queries(client, "/")
    for _ in range(29):
        add_one_of_each()
    assert _queries(client, "/") == one
    home = client.get("/").context["home"]
    # Initiatives from the stored counts: exact past the cap, and so are their counts by status.
    assert home.totals == {"initiatives": "30", "people": "2+", "meetings": "2+"}
    assert [(value.value, value.count) for value in home.by_status.values] == [("launched", 30)]
    assert not home.by_status.is_lower_bound
