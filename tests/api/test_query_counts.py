"""Every list costs the same number of queries for 1 record or 100, references and expansions included."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.public import plan_for, resources
from tests.api.records import BUILDERS, Shared

pytestmark = pytest.mark.django_db

# (plain, with every relation expanded). Plain: the latest public write (Last-Modified) and the page,
# which brings the to-one references. Each list the rows carry (aliases, identifiers, each many-to-many, citations)
# costs one query more on SQLite and none on PostgreSQL, which folds it into the page's query; rows
# another table keeps (amounts, mentions, an article's cited passages) cost one query more on both.
# Expanded: each embedded resource adds its own page (and, on SQLite, its lists).
EXPECTED = {
    "initiatives": {"sqlite": (8, 33), "postgresql": (2, 7)},
    "people": {"sqlite": (5, 5), "postgresql": (2, 2)},
    "organizations": {"sqlite": (5, 9), "postgresql": (2, 3)},
    "posts": {"sqlite": (5, 9), "postgresql": (2, 3)},
    "memberships": {"sqlite": (4, 12), "postgresql": (2, 4)},
    "meetings": {"sqlite": (6, 15), "postgresql": (2, 4)},
    "participations": {"sqlite": (4, 17), "postgresql": (2, 5)},
    "statements": {"sqlite": (7, 30), "postgresql": (3, 8)},
    "milestones": {"sqlite": (4, 11), "postgresql": (2, 3)},
    "themes": {"sqlite": (4, 4), "postgresql": (2, 2)},
    "citations": {"sqlite": (2, 5), "postgresql": (2, 5)},
    "articles": {"sqlite": (4, 4), "postgresql": (4, 4)},
}


def expand_all(name: str) -> str:
    resource = resources.get(name)
    return ",".join(plan_for(resource.viewset.serializer_class, resource).expandable)


def count(client, url: str, rows: int) -> int:
    client.get(url)  # content types and the like are cached after a first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == rows
    return len(queries)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_list_costs_the_same_for_one_record_or_a_hundred(api_client, name):
    shared = Shared.create()
    build = BUILDERS[name]
    plain, expanded = f"/api/v1/{name}/?page_size=200", f"/api/v1/{name}/?page_size=200&expand={expand_all(name)}"
    kept = len(api_client.get(plain).json()["results"])  # the shared records may be listed too
    build(shared)
    one = (count(api_client, plain, 1 + kept), count(api_client, expanded, 1 + kept))
    for _ in range(99):
        build(shared)
    hundred = (count(api_client, plain, 100 + kept), count(api_client, expanded, 100 + kept))
    assert one == hundred == EXPECTED[name][connection.vendor]
